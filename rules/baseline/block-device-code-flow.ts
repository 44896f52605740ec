import { defineRule } from '../../src/engine/define-rule.js';
import { evaluateBaseline, flags, reportBaselineGap } from '../../src/evaluate/baseline.js';
import { blocks } from '../../src/evaluate/controls.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

const FLOW = 'deviceCodeFlow';

/** The policy's authentication-flows condition names the device code flow. */
const targetsFlow = (policy: ConditionalAccessPolicy) =>
  flags(policy.conditions?.authenticationFlows?.transferMethods).some((m) => m.toLowerCase() === FLOW.toLowerCase());

export default defineRule({
  id: 'baseline/block-device-code-flow',
  catalogue: 'CA-043',
  title: 'The device code flow is blocked for all users',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'In the device code flow a user types a code shown by another device into microsoft.com/devicelogin and signs in ' +
    'there. Attackers send such codes in phishing messages: the victim completes sign-in and MFA, and the attacker\'s ' +
    'device receives the tokens. Few users ever need the flow, so Microsoft recommends blocking it for All users on All ' +
    'resources and excluding only the accounts or devices that really need it.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts and any documented exception ' +
    'group), Target resources = All resources, Conditions > Authentication flows = Device code flow, no other conditions, ' +
    'Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-authentication-flows',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-authentication-flows',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks the device code flow for all users on all resources, so a phished device code still ' +
      `hands an attacker a signed-in session. ${d.nearText}`,
  },
  check({ index, finding }) {
    const verdict = evaluateBaseline(index, {
      users: { kind: 'all' },
      resources: { kind: 'all' },
      // The device code flow is modern authentication: browsers and apps must be in scope, legacy clients need not be.
      clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'],
      expects: { transferMethods: [FLOW] },
      control: { label: 'block access', test: (p) => blocks(p) && targetsFlow(p), related: targetsFlow },
    });
    return reportBaselineGap(index, finding, verdict);
  },
});
