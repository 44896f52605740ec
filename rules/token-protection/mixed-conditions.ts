import { defineRule } from '../../src/engine/define-rule.js';
import { flags } from '../../src/model/policy.js';
import { describeGrant, grantAlternatives } from '../../src/evaluate/controls.js';
import { grantEffect } from '../../src/evaluate/grant-labels.js';
import { hasKeyword, isDisabled, list, requiresTokenProtection } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { TOKEN_PROTECTION_ARTICLES } from '../../src/model/token-protection.js';

const RISK_CONDITIONS = [
  { key: 'userRiskLevels', label: 'user risk' },
  { key: 'signInRiskLevels', label: 'sign-in risk' },
  { key: 'servicePrincipalRiskLevels', label: 'service principal risk' },
] as const;

export default defineRule({
  id: 'token-protection/mixed-conditions',
  catalogue: 'CA-080',
  title: 'Token-protection policies hold only token protection',
  risk: 'A token protection policy carries other controls or conditions, so some sign-ins are never checked for device binding',
  priority: 3,
  effort: 'medium',
  userImpact: 'low',
  severity: 'low',
  rationale:
    'Microsoft\'s token-protection policy is a dedicated one: users, the supported resources, the supported device platforms, ' +
    'mobile apps and desktop clients, on Windows a device filter for unsupported registrations, and the session control. Grant controls mixed ' +
    'into it make its sign-in log results hard to read (a failure can come from either requirement) and tie its rollout to ' +
    'theirs; Block overrides the session control altogether. Risk, location and authentication-flow conditions change which ' +
    'sign-ins the policy covers, so a replayed token that happens to arrive without detected risk, from a trusted network, or ' +
    'through another flow is not checked for binding.',
  remediation:
    'Move grant controls (MFA, compliant device, block) into their own policies, and remove the risk, location and ' +
    'authentication-flow conditions from the token-protection policy so that it applies to every sign-in of the targeted ' +
    'users to the targeted resources.',
  references: [TOKEN_PROTECTION_ARTICLES.overview, TOKEN_PROTECTION_ARTICLES.windows, TOKEN_PROTECTION_ARTICLES.apple],
  messages: {
    grantControls: (d) =>
      `"${d.policy}" requires token protection and also ${d.grant}; a failed sign-in can come from either requirement, and the ` +
      'two cannot be rolled out or rolled back separately. Keep token protection in a policy of its own.',
    block: (d) =>
      `"${d.policy}" requires token protection but also blocks access, so token protection is never evaluated for these sign-ins.`,
    riskCondition: (d) =>
      `"${d.policy}" requires token protection only at ${d.label} ${d.levels}; replayed tokens without that detected risk are not ` +
      'checked for device binding.',
    locationCondition: (d) =>
      `"${d.policy}" requires token protection only for some network locations (${d.locationsText}); a token replayed from the ` +
      'other locations is not checked for device binding.',
    authenticationFlows: (d) =>
      `"${d.policy}" requires token protection only in the authentication flows it names (${d.flows}), so ordinary sign-ins to these ` +
      'resources are not checked for device binding.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) => {
        const out = [];
        const alternatives = grantAlternatives(policy);
        if (alternatives.length > 0) {
          const isBlock = alternatives.some((a) => a.includes('block'));
          out.push(
            finding(policy, isBlock ? 'block' : 'grantControls', {
              pointer: '/grantControls',
              evidence: { actual: describeGrant(policy), expected: 'no grant controls' },
              data: { grant: grantEffect(policy) },
            }),
          );
        }
        const c = policy.conditions ?? {};
        for (const { key, label } of RISK_CONDITIONS) {
          const levels = list((c as Record<string, unknown>)[key]);
          if (levels.length === 0) continue;
          out.push(
            finding(policy, 'riskCondition', {
              pointer: `/conditions/${key}`,
              evidence: { actual: levels, expected: [] },
              data: { label, levels: levels.join(', ') },
            }),
          );
        }
        const insider = flags(c.insiderRiskLevels);
        if (insider.length > 0) {
          out.push(
            finding(policy, 'riskCondition', {
              pointer: '/conditions/insiderRiskLevels',
              evidence: { actual: c.insiderRiskLevels, expected: null },
              data: { label: 'insider risk', levels: insider.join(', ') },
            }),
          );
        }
        const locationsText = narrowedLocations(index, policy);
        if (locationsText) {
          out.push(
            finding(policy, 'locationCondition', {
              pointer: '/conditions/locations',
              evidence: { actual: c.locations, expected: null },
              data: { locationsText },
            }),
          );
        }
        const transfer = flags(c.authenticationFlows?.transferMethods);
        if (transfer.length > 0) {
          out.push(
            finding(policy, 'authenticationFlows', {
              pointer: '/conditions/authenticationFlows',
              evidence: { actual: c.authenticationFlows, expected: null },
              data: { flows: transfer.join(', ') },
            }),
          );
        }
        return out;
      });
  },
});

/** "include: X; exclude: Y" when the locations condition narrows the policy; null when it covers any location. */
function narrowedLocations(index: TenantIndex, policy: ConditionalAccessPolicy): string | null {
  const l = policy.conditions?.locations;
  if (!l) return null;
  const include = list(l.includeLocations);
  const exclude = list(l.excludeLocations);
  const narrowInclude = include.length > 0 && !hasKeyword(include, 'All');
  if (!narrowInclude && exclude.length === 0) return null;
  const names = (ids: string[]) => ids.map((id) => index.nameOf('namedLocation', id)).join(', ');
  const parts = [];
  if (narrowInclude) parts.push(`only ${names(include)}`);
  if (exclude.length > 0) parts.push(`not ${names(exclude)}`);
  return parts.join('; ');
}
