import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { blocks } from '../../src/evaluate/controls.js';
import { flags } from '../../src/evaluate/baseline.js';
import { evaluateRequirement, requireRiskCondition, riskLevels, type Reason } from '../../src/evaluate/risk.js';
import { hasKeyword, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { OFFICE_365_GROUP_APPS } from '../../src/model/well-known-apps.js';

const hasInsiderRisk = (p: ConditionalAccessPolicy) => riskLevels(p, 'insiderRiskLevels').length > 0;
const requireInsiderRisk = requireRiskCondition('insiderRiskLevels', 'insider-risk');

/**
 * External user types Microsoft's insider-risk template excludes: they have no account in the tenant for Purview to
 * score, so excluding them leaves nobody with an insider risk level out.
 */
const UNSCORED_GUEST_TYPES = ['b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'];

function excludesOnlyUnscoredGuests(policy: ConditionalAccessPolicy): boolean {
  const u = usersCondition(policy);
  if (hasKeyword(u.excludeUsers, 'GuestsOrExternalUsers')) return false;
  const excluded = flags((u.excludeGuestsOrExternalUsers as { guestOrExternalUserTypes?: unknown } | null)?.guestOrExternalUserTypes);
  return excluded.every((t) => hasKeyword(UNSCORED_GUEST_TYPES, t));
}

/**
 * The requirement accepts All resources or the Office 365 app group (say so instead of listing the group's apps), and
 * the guest types Microsoft's template excludes (the only reason reasonsAgainst puts at /conditions/users).
 */
function adjust(policy: ConditionalAccessPolicy, reasons: Reason[]): Reason[] {
  const kept = excludesOnlyUnscoredGuests(policy) ? reasons.filter((r) => r.pointer !== '/conditions/users') : reasons;
  return requireInsiderRisk(
    policy,
    kept.map((r) =>
      r.pointer === '/conditions/applications/includeApplications'
        ? { ...r, text: 'it targets neither All resources nor the Office 365 app group' }
        : r,
    ),
  );
}

export default defineRule({
  id: 'baseline/insider-risk',
  catalogue: 'CA-067',
  title: 'Elevated insider risk is blocked for all users',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'Microsoft Purview Insider Risk Management with Adaptive Protection assigns users an insider risk level (minor, ' +
    'moderate, elevated) from their data-handling behaviour, and Conditional Access can act on it. Microsoft recommends ' +
    'blocking users at elevated insider risk from All resources (or at least Office 365), so someone exfiltrating data is ' +
    'stopped while the case is investigated. Excluding B2B direct connect, other external and service provider users ' +
    'follows Microsoft\'s template (Purview does not score them); excluding other guests leaves them out. The condition works only with Purview Insider Risk Management and Adaptive ' +
    'Protection configured; a report-only or disabled policy enforces nothing.',
  remediation:
    'Configure Adaptive Protection in Microsoft Purview Insider Risk Management, then create (or fix) an enabled policy: ' +
    'Users = All users (exclude only the break-glass accounts), Target resources = All resources (or Office 365), ' +
    'Conditions > Insider risk = Elevated, Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/how-to-policy-insider-risk',
    'https://learn.microsoft.com/purview/insider-risk-management-adaptive-protection',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks users at elevated insider risk on all resources or Office 365 for all users, so a user ' +
      `Purview flags as a data risk keeps full access. ${d.nearText}`,
    noInsiderRiskPolicy: () =>
      'No policy uses the insider risk condition, so users at elevated insider risk keep full access. The condition needs ' +
      'Microsoft Purview Insider Risk Management with Adaptive Protection; if the tenant has it, add a policy that blocks ' +
      'elevated insider risk.',
  },
  check({ index, finding }) {
    const verdict = evaluateRequirement(
      index,
      {
        users: { kind: 'all' },
        resources: { kind: 'apps', appIds: OFFICE_365_GROUP_APPS },
        expects: { insiderRiskLevels: ['elevated'] },
        control: { label: 'block access', test: blocks },
      },
      { adjust, focus: hasInsiderRisk },
    );
    if (verdict.satisfied) return [];
    const expected = { insiderRiskLevels: 'elevated', includeApplications: ['All', 'Office365'], grant: 'block' };
    if (!index.policies.some(hasInsiderRisk)) {
      return [finding(null, 'noInsiderRiskPolicy', { pointer: '', evidence: { expected, requires: 'Microsoft Purview Insider Risk Management (Adaptive Protection)' } })];
    }
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: { expected, nearMisses: nearMissEvidence(index, verdict) },
        data: { nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});
