/** Appendix: every rule run, with the desired state it checks (the rule's title), its mapping and its result. */
import type { Core, RuleView } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';
import { plural } from '../words.js';

export interface AppendixRulesView {
  section: SectionRef;
  intro: string;
  rules: RuleView[];
}

export function buildAppendixRules(core: Core, plan: SectionPlan): AppendixRulesView {
  const { result } = core;
  const found = core.rules.filter((r) => r.findingCount > 0).length;
  const notRun = core.rules.filter((r) => r.notRunForLicence).length;
  return {
    section: plan.byKey.appendixRules,
    intro:
      `${plural(result.rules.length, 'rule')} (rule set ${result.tool.rulesetVersion}), each with the desired state it checks; ${found} found something` +
      (notRun ? `, ${plural(notRun, 'rule')} did not run because the tenant does not hold a licence ${notRun === 1 ? 'it needs' : 'they need'}.` : '.'),
    rules: [...core.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
