/** Appendix: every policy read, in the order of the export, in plain language. */
import type { Core, PolicyView } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface AppendixPoliciesView {
  section: SectionRef;
  policies: PolicyView[];
}

export function buildAppendixPolicies(core: Core, plan: SectionPlan): AppendixPoliciesView {
  return { section: plan.byKey.appendixPolicies, policies: core.policies };
}
