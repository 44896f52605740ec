import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { controlLabel } from '../../src/evaluate/grant-labels.js';
import {
  builtInControls,
  enabledSessionControls,
  isAgentPolicy,
  isDisabled,
  list,
  targetsAgentIdentities,
} from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { AGENT_IDENTITY_GRANT_CONTROLS, AGENT_USER_GRANT_CONTROLS } from '../../src/model/well-known-agents.js';

/** Session controls in the words of the admin center. */
const SESSION_LABELS: Readonly<Record<string, string>> = {
  applicationEnforcedRestrictions: 'app enforced restrictions',
  cloudAppSecurity: 'Conditional Access App Control',
  signInFrequency: 'sign-in frequency',
  persistentBrowser: 'persistent browser session',
  disableResilienceDefaults: 'disable resilience defaults',
  secureSignInSession: 'token protection',
  continuousAccessEvaluation: 'continuous access evaluation',
  globalSecureAccessFilteringProfile: 'a Global Secure Access security profile',
};

/** Who the policy is for and which grant controls Microsoft offers for them. */
function subjectOf(policy: ConditionalAccessPolicy): { text: string; allowed: readonly string[]; allowedText: string } {
  return targetsAgentIdentities(policy)
    ? { text: 'agent identities', allowed: AGENT_IDENTITY_GRANT_CONTROLS, allowedText: 'Block access is the only control for agent identities' }
    : {
        text: "agent users (agents' user accounts)",
        allowed: AGENT_USER_GRANT_CONTROLS,
        allowedText: 'agent users can only be blocked or required to run on a compliant device',
      };
}

export default defineRule({
  id: 'agents/block-only',
  catalogue: 'CA-095',
  title: 'Policies for agents use only the controls Microsoft offers for agents',
  risk: 'Some policies for AI agents ask for controls that agents cannot meet or that are never applied, so they do not work as written',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  licences: ['entra-agent-id'],
  severity: 'medium',
  rationale:
    'An agent identity signs in as itself, with no user present, so it cannot answer an MFA prompt, accept terms of use or ' +
    'change a password: Microsoft offers Block access as the only control for a policy that targets agent identities. A ' +
    "policy for agent users (agents' user accounts) may block them or require a compliant device (for agents on Windows " +
    '365 Cloud PCs for Agents). Neither kind offers session controls. Any other control does not do what it reads: the ' +
    'agent can never satisfy it, or the service does not apply it. Policies that also include people are out of scope ' +
    '(workload-identity/mixed-targets), and disabled policies are skipped. Conditional Access for agents is a preview ' +
    'feature on the beta Graph API (agent users are a further preview).',
  remediation:
    'Under Grant, choose Block access (for agent users, Block access or Require device to be marked as compliant) and clear ' +
    'the session controls. To require MFA or other interactive controls when an agent acts for a person, target the users ' +
    'in a separate policy: in that on-behalf-of flow the token is issued to the user.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-target-agent-identities',
    'https://learn.microsoft.com/entra/identity/conditional-access/agent-id',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-agent-user',
  ],
  messages: {
    grantControl: (d) =>
      `"${d.policy}" targets ${d.subject} but requires ${d.control}; ${d.allowedText}, so this control never does what it reads.`,
    sessionControl: (d) =>
      `"${d.policy}" targets ${d.subject} but sets the session control ${d.control}; Microsoft offers no session controls for ` +
      'agents, so it is not applied.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && isAgentPolicy(p))
      .flatMap((policy) => {
        const out: FindingDraft[] = [];
        const subject = subjectOf(policy);
        const data = (control: string) => ({ subject: subject.text, control, allowedText: subject.allowedText });
        const expected = [...subject.allowed];
        const g = policy.grantControls ?? null;
        builtInControls(policy).forEach((c, i) => {
          if (c === 'unknownFutureValue' || subject.allowed.some((a) => a.toLowerCase() === c.toLowerCase())) return;
          out.push(
            finding(policy, 'grantControl', { pointer: `/grantControls/builtInControls/${i}`, evidence: { actual: c, expected }, data: data(controlLabel(c)) }),
          );
        });
        const strength = g?.authenticationStrength as { id?: unknown; displayName?: unknown } | null | undefined;
        if (strength && typeof strength.id === 'string') {
          const name = typeof strength.displayName === 'string' ? ` (${strength.displayName})` : '';
          out.push(
            finding(policy, 'grantControl', {
              pointer: '/grantControls/authenticationStrength',
              evidence: { actual: strength.id, expected },
              data: data(`an authentication strength${name}`),
            }),
          );
        }
        if (list(g?.termsOfUse).length > 0) {
          out.push(finding(policy, 'grantControl', { pointer: '/grantControls/termsOfUse', evidence: { actual: list(g?.termsOfUse), expected }, data: data('terms of use') }));
        }
        if (list(g?.customAuthenticationFactors).length > 0) {
          out.push(
            finding(policy, 'grantControl', {
              pointer: '/grantControls/customAuthenticationFactors',
              evidence: { actual: list(g?.customAuthenticationFactors), expected },
              data: data('a custom control'),
            }),
          );
        }
        for (const key of enabledSessionControls(policy)) {
          out.push(
            finding(policy, 'sessionControl', {
              pointer: `/sessionControls/${key}`,
              evidence: { actual: (policy.sessionControls as Record<string, unknown>)[key], expected: null },
              data: data(SESSION_LABELS[key] ?? key),
            }),
          );
        }
        return out;
      });
  },
});
