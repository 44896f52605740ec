/**
 * Token protection gets a section of its own only when it matters to this tenant: a policy requires it, or a
 * token-protection rule found something. Otherwise its rules are in the rules appendix like any other.
 */
import { plural, verb } from '../words.js';
import type { Core, PolicyView, RuleView } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface TokenProtectionView {
  section: SectionRef;
  rules: RuleView[];
  policies: PolicyView[];
  open: number;
  text: string;
}

const CATEGORY = 'token-protection';

/** Whether the section is shown: a policy that requires token protection, or a finding of a token-protection rule. */
export function tokenProtectionApplies(core: Core): boolean {
  return core.policies.some((p) => p.requiresTokenProtection) || core.rules.some((r) => r.category === CATEGORY && r.findingCount + r.accepted > 0);
}

export function buildTokenProtection(core: Core, plan: SectionPlan): TokenProtectionView | null {
  if (!tokenProtectionApplies(core)) return null;
  const rules = core.rules.filter((r) => r.category === CATEGORY).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const policies = core.policies.filter((p) => p.requiresTokenProtection);
  const open = rules.reduce((s, r) => s + r.findingCount, 0);
  const text =
    policies.length === 0
      ? `The tenant has no policy that requires token protection. ${open > 0 ? `${plural(open, 'finding')} below ${verb(open, 'says', 'say')} what to add.` : ''}`.trim()
      : `${plural(policies.length, 'policy', 'policies')} ${verb(policies.length, 'requires', 'require')} token protection; the ${plural(rules.length, 'token-protection rule')} found ${open === 0 ? 'nothing to change' : `${plural(open, 'thing')} to change`}.`;
  return { section: plan.byKey.tokenProtection, rules, policies, open, text };
}
