/** Accepted risk: findings a suppression in the configuration accepts, with justification, owner and expiry. */
import { plural, verb } from '../words.js';
import type { Core, FindingView } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface AcceptedRiskView {
  section: SectionRef;
  text: string;
  findings: FindingView[];
  /** Short enough to share a page with the section before it. */
  short: boolean;
}

export function buildAcceptedRisk(core: Core, plan: SectionPlan): AcceptedRiskView {
  const n = core.accepted.length;
  return {
    section: plan.byKey.acceptedRisk,
    text:
      n === 0
        ? 'No finding is accepted as risk: the configuration records no accepted risk that matched a finding.'
        : `${plural(n, 'finding')} ${verb(n, 'is', 'are')} accepted as risk in the configuration. While its acceptance is valid a finding does not count as open; ` +
          'each has a justification, an owner and an expiry date, after which it counts again.',
    findings: [...core.accepted].sort((a, b) => a.number - b.number),
    short: n === 0,
  };
}
