import { requirementFinding, requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { flags } from '../../src/model/policy.js';
import { APP_GROUP_OFFICE_365 } from '../../src/model/well-known-apps.js';

export default requirementRule({
  id: 'baseline/insider-risk',
  catalogue: 'CA-067',
  title: 'Elevated insider risk is blocked for all users',
  risk: 'Users whom Microsoft Purview flags as a data risk keep full access',
  priority: 3,
  effort: 'high',
  userImpact: 'low',
  licences: ['entra-id-p2', 'purview-insider-risk'],
  severity: 'medium',
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
  requirement: {
    // Purview scores members and some guests; the guest types it does not score may be left out.
    users: { kind: 'all', withoutGuestTypes: ['b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'] },
    resources: { kind: 'apps', appIds: [APP_GROUP_OFFICE_365] },
    when: { insiderRisk: ['elevated'] },
    control: { kind: 'block' },
  },
  report: (verdict, ctx) => {
    const expected = { insiderRiskLevels: 'elevated', includeApplications: ['All', 'Office365'], grant: 'block' };
    if (!ctx.index.policies.some((p) => flags(p.conditions?.insiderRiskLevels).length > 0)) {
      return [ctx.finding(null, 'noInsiderRiskPolicy', { pointer: '', key: 'noInsiderRiskPolicy', evidence: { expected, requires: 'Microsoft Purview Insider Risk Management (Adaptive Protection)' } })];
    }
    return [requirementFinding(ctx, verdict, 'missing', {}, { expected })];
  },
});
