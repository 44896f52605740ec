/** Findings by policy: the same open findings grouped by the policy they concern, with links back to each finding. */
import type { Core, FindingView, PolicyView } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface FindingsByPolicyView {
  section: SectionRef;
  intro: string;
  tenantFindings: FindingView[];
  policies: PolicyView[];
}

export function buildFindingsByPolicy(core: Core, plan: SectionPlan): FindingsByPolicyView {
  return {
    section: plan.byKey.findingsByPolicy,
    intro:
      `The same open findings, by the policy they concern, most severe first. Each number links to the finding and its evidence in ${plan.byKey.findingsByRule.ref}; ` +
      `each policy name to its plain-language description in ${plan.byKey.appendixPolicies.ref}.`,
    tenantFindings: core.open.filter((f) => f.tenantWide).sort((a, b) => a.number - b.number),
    policies: core.policies.filter((p) => p.findingCount > 0),
  };
}
