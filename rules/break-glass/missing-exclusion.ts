import { defineRule } from '../../src/engine/define-rule.js';
import { isAgentPolicy, usersCondition } from '../../src/model/policy.js';
import { breakGlassPolicyScope } from '../../src/evaluate/break-glass-inference.js';
import { describeBreakGlass } from '../../src/evaluate/break-glass.js';
import { breakGlassGroupIds, describePrincipals, exclusionListPointer, exclusionTest, targetTest } from '../../src/evaluate/exclusions.js';

const CONFIGURE =
  "List the emergency accounts (or the group that holds them) as break-glass accounts in calint's configuration so that every run checks them.";

export default defineRule({
  id: 'break-glass/missing-exclusion',
  catalogue: ['CA-001', 'CA-003'],
  title: 'Every user policy excludes the break-glass (emergency access) accounts',
  risk: 'Some policies apply to the emergency access accounts, so one misfiring policy can lock everyone out',
  priority: 1,
  effort: 'low',
  userImpact: 'none',
  severity: 'high',
  rationale:
    'Emergency access accounts are the way back into a tenant when Conditional Access locks everyone out (a ' +
    'misconfigured policy, an MFA outage, a federation failure). Microsoft recommends excluding them from all ' +
    'Conditional Access policies and monitoring their use instead. Report-only policies are included because they ' +
    'are usually switched on later as they are. Disabled policies, policies that target only workload identities or agents ' +
    '(agent identities, agent users: they never apply to a person signing in) and policies that apply only to an ' +
    'authentication context are out of scope; Microsoft-managed policies are in scope. With no accounts configured, calint infers ' +
    'them from the exclusions (objects excluded from most policies, or named like emergency accounts; the name ' +
    'pattern can be changed in calint\'s configuration) and says with what confidence.',
  remediation:
    'Under Assignments > Users > Exclude, add the break-glass users (or the group that holds them, ideally ' +
    'role-assignable or in a restricted-management administrative unit).',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
  ],
  messages: {
    missing: (d) =>
      `"${d.policy}" does not exclude the break-glass ${d.missingText}; if this policy misfires, the emergency way in is locked too.`,
    missingInferred: (d) =>
      `"${d.policy}" does not exclude ${d.missingText}, which calint inferred to be break-glass (confidence ${d.confidence}: ${d.why}). ` +
      CONFIGURE,
    notConfigured: () =>
      'No break-glass accounts are configured and none could be inferred from the policies (no object is excluded from ' +
      'most policies or named like an emergency account), so calint cannot verify that any policy leaves an emergency way in. ' +
      CONFIGURE,
  },
  check(context) {
    const { index, settings, finding, notice } = context;
    const bg = settings.breakGlass;
    // Agent policies (beta) never apply to a person's sign-in; one written with `includeUsers: ["AllAgentIdUsers"]`
    // still counts as a user policy for the shared scope, so it is taken out here.
    const inScope = breakGlassPolicyScope(index).filter((p) => !isAgentPolicy(p));
    if (bg.source === 'none') {
      // One policy on its own tells nothing about which accounts are the emergency ones.
      if (inScope.length === 0 || settings.scope === 'policy') return [];
      const weak = bg.weakCandidates.map((c) => `${c.kind} ${c.name} (low: ${c.why})`).join('; ');
      if (weak) notice('info', `Break-glass accounts: not configured; weak candidates only: ${weak}.`);
      return [
        finding(null, 'notConfigured', {
          pointer: '',
          evidence: { breakGlassSource: 'none', policiesInScope: inScope.length, weakCandidates: bg.weakCandidates },
        }),
      ];
    }
    if (bg.source === 'inferred') notice('info', `Break-glass accounts are not configured; inferred ${describeBreakGlass(bg)}. ${CONFIGURE}`);
    const trusted = breakGlassGroupIds(bg.accounts);
    return inScope.flatMap((policy) => {
      if (bg.accounts.some(targetTest(index, policy))) return [];
      const excluded = exclusionTest(index, policy, trusted);
      const missing = bg.accounts.filter((a) => !excluded(a));
      if (missing.length === 0) return [];
      const u = usersCondition(policy);
      const evidence = {
        missingPrincipals: missing.map(({ kind, id, name, confidence, why }) => ({ kind, id, name, ...(confidence ? { confidence, why } : {}) })),
        excludeUsers: u.excludeUsers,
        excludeGroups: u.excludeGroups,
        breakGlassSource: bg.source,
      };
      const pointer = exclusionListPointer(policy, missing);
      if (bg.source !== 'inferred') return [finding(policy, 'missing', { pointer, evidence, data: { missingText: describePrincipals(index, missing) } })];
      const confidence = missing.some((c) => c.confidence === 'high') ? 'high' : missing.some((c) => c.confidence === 'medium') ? 'medium' : 'low';
      return [
        finding(policy, 'missingInferred', {
          pointer,
          evidence,
          data: { missingText: missing.map((c) => `${c.kind} "${c.name}"`).join(', '), confidence, why: missing.map((c) => c.why).join('; ') },
        }),
      ];
    });
  },
});
