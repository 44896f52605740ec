/** Findings by rule: each rule with open findings, headed by its risk statement, most severe first. */
import type { Core, RuleView } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface FindingsByRuleView {
  section: SectionRef;
  intro: string;
  rules: RuleView[];
}

export function buildFindingsByRule(core: Core, plan: SectionPlan): FindingsByRuleView {
  return {
    section: plan.byKey.findingsByRule,
    intro:
      'Each risk found, most severe first: why it matters, what to change, and every open finding with its evidence (the policy, ' +
      `the file, line and JSON pointer of the value, and the values seen). Accepted findings are in ${plan.byKey.acceptedRisk.ref}; ` +
      `the desired state each rule checks is listed in ${plan.byKey.appendixRules.ref}.`,
    rules: core.rules.filter((r) => r.findingCount > 0),
  };
}
