import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { describeGrant, grantAlternatives } from '../../src/evaluate/controls.js';
import { controlLabel } from '../../src/evaluate/grant-labels.js';
import { applicationsCondition, builtInControls, conditionPointer, hasKeyword, isDisabled, list, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';

/** An authentication strength is set when the export carries the strength object (inlined) or its id. */
function hasAuthenticationStrength(policy: ConditionalAccessPolicy): boolean {
  const strength = policy.grantControls?.authenticationStrength as { id?: unknown } | null | undefined;
  return !!strength && typeof strength.id === 'string' && strength.id !== '';
}

function appPointer(policy: ConditionalAccessPolicy, key: string): string {
  const apps = policy.conditions?.applications as Record<string, unknown> | null | undefined;
  if (apps && key in apps) return `/conditions/applications/${key}`;
  return conditionPointer(policy, 'applications');
}

export default defineRule({
  id: 'grant/risk-remediation',
  catalogue: 'CA-086',
  title: 'Require risk remediation is used as Microsoft documents it: with an authentication strength and user risk, never with password change',
  risk: 'A risk-remediation requirement is set up so that it can be skipped or completed without strong proof of identity',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'medium',
  rationale:
    'Require risk remediation (builtInControls "riskRemediation") lets a user at risk remediate through a flow Microsoft ' +
    'manages, for password-based and passwordless users alike. Microsoft Graph documents its shape: it is paired with an ' +
    'authentication strength under "Require all the selected controls" (operator AND), so the strength is enforced during ' +
    'the remediation, and the admin center selects a strength as soon as the control is chosen; it is used in a policy ' +
    'with a user-risk condition on All resources without excluded resources; and it is never combined with Require ' +
    'password change. Built-in multifactor authentication does not take the place of the strength. Disabled policies are ' +
    'skipped; a policy with Require password change alone is judged by grant/password-change.',
  remediation:
    'Use Microsoft\'s "Require remediation for risky users" policy: Users = All users (exclude break-glass), Target resources ' +
    '= All resources with no exclusions, Conditions > User risk = High, Grant = Require risk remediation with the ' +
    'authentication strength it selects (for example Multifactor authentication) and "Require all the selected controls"; ' +
    'the admin center adds Sign-in frequency Every time. Remove Require password change from the policy.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user',
    'https://learn.microsoft.com/graph/api/resources/conditionalaccessgrantcontrols',
    'https://learn.microsoft.com/entra/identity/authentication/tutorial-risk-based-sspr-mfa',
  ],
  messages: {
    withPasswordChange: (d) =>
      `"${d.policy}" requires risk remediation and a password change together; Microsoft documents the two as alternatives ` +
      'that must not be combined in one policy (risk remediation already covers users who sign in with a password).',
    noAuthenticationStrength: (d) =>
      `"${d.policy}" requires risk remediation without an authentication strength${d.mfaText}; Microsoft requires a strength ` +
      'beside it so that the user proves who they are with strong methods before the risk is remediated.',
    operatorOr: (d) =>
      `"${d.policy}" offers risk remediation as one of several alternatives (${d.grant}); with OR the user can skip either the ` +
      'remediation or the authentication strength. Use "Require all the selected controls".',
    noUserRisk: (d) =>
      `"${d.policy}" requires risk remediation without a user-risk condition, so it demands remediation on every matching ` +
      'sign-in instead of only for users at risk.',
    notAllResources: (d) =>
      `"${d.policy}" requires risk remediation ${d.scopeText}; the control must target All resources, or a user at risk ` +
      'signs in to a resource the policy leaves out without remediating.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && hasKeyword(builtInControls(p), 'riskRemediation'))
      .flatMap((policy) => {
        const out: FindingDraft[] = [];
        const g = policy.grantControls!;
        const controls = builtInControls(policy);
        const hasStrength = hasAuthenticationStrength(policy);

        const pw = controls.findIndex((c) => sameKeyword(c, 'passwordChange'));
        if (pw >= 0) {
          out.push(
            finding(policy, 'withPasswordChange', {
              pointer: `/grantControls/builtInControls/${pw}`,
              evidence: { actual: controls, expected: controls.filter((c) => !sameKeyword(c, 'passwordChange')) },
            }),
          );
        }
        if (!hasStrength) {
          out.push(
            finding(policy, 'noAuthenticationStrength', {
              pointer: 'authenticationStrength' in g ? '/grantControls/authenticationStrength' : '/grantControls',
              evidence: { actual: g.authenticationStrength ?? null, missing: true, expected: 'an authentication strength, with operator AND' },
              data: { mfaText: hasKeyword(controls, 'mfa') ? ' (built-in multifactor authentication does not take its place)' : '' },
            }),
          );
        }
        const total = controls.length + (hasStrength ? 1 : 0) + (list(g.termsOfUse).length ? 1 : 0) + (list(g.customAuthenticationFactors).length ? 1 : 0);
        const isAnd = typeof g.operator === 'string' && g.operator.toUpperCase() === 'AND';
        if (total > 1 && !isAnd) {
          out.push(
            finding(policy, 'operatorOr', {
              pointer: 'operator' in g ? '/grantControls/operator' : '/grantControls',
              evidence: { actual: g.operator ?? null, expected: 'AND', missing: !('operator' in g), grant: describeGrant(policy) },
              data: { grant: grantAlternatives(policy).map((a) => a.map(controlLabel).join(' and ')).join(' or ') },
            }),
          );
        }
        const risk = policy.conditions?.userRiskLevels;
        if (list(risk).length === 0) {
          out.push(
            finding(policy, 'noUserRisk', {
              pointer: conditionPointer(policy, 'userRiskLevels'),
              evidence: { actual: risk ?? null, expected: ['high'], missing: risk === undefined },
            }),
          );
        }
        const a = applicationsCondition(policy);
        const allApps = hasKeyword(a.includeApplications, APP_ALL);
        if (!allApps || a.excludeApplications.length > 0) {
          const scopeText = !allApps
            ? a.includeUserActions.length
              ? `for user actions (${a.includeUserActions.join(', ')})`
              : a.includeApplications.length
                ? `only for ${a.includeApplications.map((v) => index.nameOf('application', v)).join(', ')}`
                : 'without targeting All resources'
            : `for All resources except ${a.excludeApplications.map((v) => index.nameOf('application', v)).join(', ')}`;
          out.push(
            finding(policy, 'notAllResources', {
              pointer: !allApps ? appPointer(policy, 'includeApplications') : '/conditions/applications/excludeApplications',
              evidence: {
                actual: { includeApplications: a.includeApplications, excludeApplications: a.excludeApplications },
                expected: { includeApplications: ['All'], excludeApplications: [] },
              },
              data: { scopeText },
            }),
          );
        }
        return out;
      });
  },
});
