import { defineRule } from '../../src/engine/define-rule.js';
import { describeGrant, grantAlternatives } from '../../src/evaluate/controls.js';
import { controlLabel } from '../../src/evaluate/grant-labels.js';
import { applicationsCondition, builtInControls, conditionPointer, hasKeyword, isDisabled, list } from '../../src/model/policy.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';

/**
 * Controls not counted as "other controls" beside passwordChange: the MFA that precedes the change, and riskRemediation,
 * whose combination with passwordChange grant/risk-remediation reports (one finding for one mistake).
 */
const COMPANIONS = ['mfa', 'passwordchange', 'riskremediation'];

export default defineRule({
  id: 'grant/password-change',
  catalogue: 'CA-086',
  title: 'Require password change is used as Microsoft documents it: with MFA, AND, All resources and user risk',
  risk: 'A password-change requirement is set up so that it can be skipped, or so that whoever holds a stolen password sets the new one',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'medium',
  rationale:
    'Require password change lets a user at risk remediate by changing the password through self-service password reset. ' +
    'It is only safe in Microsoft\'s documented shape: MFA (or an MFA authentication strength) required together with it ' +
    '(operator AND), otherwise whoever holds the stolen password also sets the new one; All resources, otherwise the attacker ' +
    'signs in to an app the policy leaves out; and a user-risk condition, the trigger it was built for. It cannot be ' +
    'combined with other controls such as a compliant device.',
  remediation:
    'Use Microsoft\'s "Require secure password change for elevated user risk" policy: Users = All users (exclude break-glass), ' +
    'Target resources = All resources with no exclusions, Conditions > User risk = High, Grant = Require authentication ' +
    'strength (Multifactor authentication) or Require multifactor authentication, and Require password change, with ' +
    '"Require all the selected controls"; Session = Sign-in frequency Every time.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
  ],
  messages: {
    withoutMfa: (d) =>
      `"${d.policy}" requires a password change without requiring MFA first, so whoever knows the (possibly stolen) password ` +
      'can set a new one and lock the real user out.',
    operatorOr: (d) =>
      `"${d.policy}" offers password change as one of several alternatives (${d.grant}); with OR the user can skip either the ` +
      'MFA or the password change. Use "Require all the selected controls".',
    otherControls: (d) =>
      `"${d.policy}" combines password change with ${d.others}; Microsoft does not support password change with other controls.`,
    notAllResources: (d) =>
      `"${d.policy}" requires a password change ${d.scopeText}; the control must target All resources, or an attacker signs ` +
      'in to a resource the policy leaves out and never has to change the password.',
    noUserRisk: (d) =>
      `"${d.policy}" requires a password change without a user-risk condition, so it demands a new password on every matching ` +
      'sign-in instead of remediating users at risk.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && hasKeyword(builtInControls(p), 'passwordChange'))
      .flatMap((policy) => {
        const out = [];
        const g = policy.grantControls!;
        const controls = builtInControls(policy);
        const strength = g.authenticationStrength as { id?: unknown } | null | undefined;
        const hasStrength = !!strength && typeof strength.id === 'string';
        const hasMfa = hasKeyword(controls, 'mfa') || hasStrength;
        const others = [
          ...controls.filter((c) => !COMPANIONS.includes(c.toLowerCase())).map(controlLabel),
          ...(list(g.termsOfUse).length ? ['terms of use'] : []),
          ...(list(g.customAuthenticationFactors).length ? ['a custom control'] : []),
        ];
        const isAnd = typeof g.operator === 'string' && g.operator.toUpperCase() === 'AND';
        const total = controls.length + (hasStrength ? 1 : 0) + (list(g.termsOfUse).length ? 1 : 0) + (list(g.customAuthenticationFactors).length ? 1 : 0);
        const grant = grantAlternatives(policy).map((a) => a.map(controlLabel).join(' and ')).join(' or ');

        if (!hasMfa) {
          out.push(finding(policy, 'withoutMfa', { pointer: '/grantControls/builtInControls', evidence: { actual: controls, expected: ['mfa', 'passwordChange'] } }));
        }
        if (total > 1 && !isAnd) {
          out.push(
            finding(policy, 'operatorOr', {
              pointer: 'operator' in g ? '/grantControls/operator' : '/grantControls',
              evidence: { actual: g.operator ?? null, expected: 'AND', missing: !('operator' in g), grant: describeGrant(policy) },
              data: { grant },
            }),
          );
        }
        if (others.length > 0) {
          out.push(finding(policy, 'otherControls', { pointer: '/grantControls', evidence: { actual: others, expected: [] }, data: { others: others.join(', ') } }));
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
              evidence: { actual: { includeApplications: a.includeApplications, excludeApplications: a.excludeApplications }, expected: { includeApplications: ['All'], excludeApplications: [] } },
              data: { scopeText },
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
        return out;
      });
  },
});

function appPointer(policy: Parameters<typeof applicationsCondition>[0], key: string): string {
  const apps = policy.conditions?.applications as Record<string, unknown> | null | undefined;
  if (apps && key in apps) return `/conditions/applications/${key}`;
  return conditionPointer(policy, 'applications');
}
