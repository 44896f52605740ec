import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, hasKeyword, isDisabled, sameKeyword } from '../../src/model/policy.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';
import { AZURE_AD_GRAPH } from '../../src/model/well-known-apps.js';

export default defineRule({
  id: 'resources/all-resources-exclusions',
  catalogue: 'CA-088',
  title: 'All-resources policies with excluded resources: baseline scopes are enforced through Azure AD Graph',
  risk: 'An app excluded from an all-resources policy may no longer be exempt in the way intended since Microsoft\'s 2026 change',
  priority: 3,
  effort: 'medium',
  userImpact: 'low',
  severity: 'info',
  rationale:
    'Under the legacy behaviour, an All resources policy with any resource exclusion silently left out sign-ins that ' +
    'asked only for low-privilege "baseline" scopes (openid, profile, email, offline_access, User.Read, User.Read.All, ' +
    'User.ReadBasic.All, People.Read, People.Read.All, GroupMember.Read.All, Member.Read.Hidden). Microsoft changed this ' +
    'in 2026: those requests are now evaluated as directory access against Windows Azure Active Directory (Azure AD ' +
    'Graph), so the policy applies to them even for an excluded app. An exclusion therefore no longer exempts a public ' +
    'client (desktop or mobile app) that requests only baseline scopes, nor an excluded confidential client that asks ' +
    'only for baseline directory scopes; requests for any other scope of an excluded resource stay exempt as before. ' +
    'Tenants can keep the legacy behaviour per policy or tenant-wide in the Baseline scopes settings, which an export ' +
    'does not contain, so calint reports this for review rather than as a defect.',
  remediation:
    'Review each excluded resource: if it was excluded so that an app works from unmanaged devices, without app ' +
    'protection or despite a block, test it against the new behaviour (the Baseline scopes settings can enable the new ' +
    'enforcement early) and prefer fixing the app (request OIDC scopes instead of User.Read, handle Conditional Access ' +
    'challenges). Keep the legacy behaviour only for named scenarios, through a custom target resource in the Baseline ' +
    'scopes settings excluded from this policy.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-enforcement-resource-exclusions',
  ],
  messages: {
    baselineScopesEnforced: (d) =>
      `"${d.policy}" targets All resources but excludes ${d.excludedText}. Since Microsoft's 2026 change, sign-ins that ` +
      'request only baseline scopes (openid, profile, email, offline_access, User.Read, People.Read, GroupMember.Read.All, …) ' +
      'are evaluated against Windows Azure Active Directory and this policy applies to them, even through the excluded ' +
      'apps; only requests for other scopes of the excluded resources stay exempt. Check that the exclusion still does ' +
      'what it was made for.',
    aadGraphExcluded: (d) =>
      `"${d.policy}" targets All resources but excludes Windows Azure Active Directory (Azure AD Graph), the resource that ` +
      'baseline-scope sign-ins (openid, profile, User.Read, …) are now evaluated against, so this policy does not apply ' +
      `to any sign-in that asks only for those scopes, from any app${d.otherText}.`,
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy)) return [];
      const a = applicationsCondition(policy);
      if (!hasKeyword(a.includeApplications, APP_ALL) || a.excludeApplications.length === 0) return [];
      const pointer = '/conditions/applications/excludeApplications';
      const excluded = a.excludeApplications.map((value) => ({ value, name: index.nameOf('application', value) }));
      const evidence = { actual: a.excludeApplications, excludedNames: excluded.map((e) => e.name) };
      const aadGraph = a.excludeApplications.findIndex((v) => sameKeyword(v, AZURE_AD_GRAPH) || index.resolve('application', v).key.toLowerCase() === AZURE_AD_GRAPH);
      if (aadGraph !== -1) {
        const others = excluded.filter((_, i) => i !== aadGraph).map((e) => describe(e));
        return [
          finding(policy, 'aadGraphExcluded', {
            pointer: `${pointer}/${aadGraph}`,
            evidence,
            data: { otherText: others.length ? `; it also excludes ${others.join(', ')}` : '' },
          }),
        ];
      }
      return [finding(policy, 'baselineScopesEnforced', { pointer, evidence, data: { excludedText: excluded.map(describe).join(', ') } })];
    });
  },
});

function describe(e: { value: string; name: string }): string {
  return e.name === e.value ? e.value : `${e.name} (${e.value})`;
}
