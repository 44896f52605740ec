/**
 * The report's sections in order: the one list that numbers them, names their anchors and titles, builds the table of
 * contents and gives every cross-reference ("see section 3", "Appendix C"). Numbered sections come first, then the
 * appendices, lettered. A section that has nothing to say for this tenant (token protection) is left out and the
 * numbers close up; each framework report gets a section of its own.
 */
import type { FrameworkReport } from '../../../frameworks/types.js';

export type SectionKey =
  | 'summary'
  | 'frameworks'
  | 'findingsByRule'
  | 'findingsByPolicy'
  | 'tokenProtection'
  | 'coverage'
  | 'acceptedRisk'
  | 'appendixRules'
  | 'appendixPolicies'
  | 'appendixInputs'
  | 'methodology';

export interface SectionRef {
  key: SectionKey;
  anchor: string;
  /** "3" or "C". */
  number: string;
  title: string;
  /** As the table of contents and the heading print it: "Findings by rule", "Appendix C: Inputs". */
  heading: string;
  /** As a sentence points to it: "section 3", "Appendix C". */
  ref: string;
}

interface Entry {
  key: SectionKey;
  anchor: string;
  title: string;
  appendix: boolean;
}

const ORDER: Entry[] = [
  { key: 'summary', anchor: 'summary', title: 'Executive summary', appendix: false },
  { key: 'frameworks', anchor: 'framework', title: 'Framework compliance', appendix: false },
  { key: 'findingsByRule', anchor: 'findings-by-rule', title: 'Findings by rule', appendix: false },
  { key: 'findingsByPolicy', anchor: 'findings-by-policy', title: 'Findings by policy', appendix: false },
  { key: 'tokenProtection', anchor: 'token-protection', title: 'Token protection', appendix: false },
  { key: 'coverage', anchor: 'coverage', title: 'Coverage gaps', appendix: false },
  { key: 'acceptedRisk', anchor: 'accepted-risk', title: 'Accepted risk', appendix: false },
  { key: 'appendixRules', anchor: 'appendix-rules', title: 'Rules run', appendix: true },
  { key: 'appendixPolicies', anchor: 'appendix-policies', title: 'Policies in plain language', appendix: true },
  { key: 'appendixInputs', anchor: 'appendix-inputs', title: 'Inputs', appendix: true },
  { key: 'methodology', anchor: 'methodology', title: 'Methodology and limits', appendix: true },
];

export interface SectionPlan {
  /** In print order, frameworks expanded to one entry each. */
  list: SectionRef[];
  /** One per key; `frameworks` is the first framework's section (or a placeholder when there is none). */
  byKey: Record<SectionKey, SectionRef>;
  /** The framework sections, in the order of the reports given. */
  frameworks: SectionRef[];
}

/** "CIS Microsoft 365 Foundations Benchmark v7.0.0"; a version that is not a number ("aad.md of 2026-07-01") stays out of the title. */
export function frameworkTitle(f: FrameworkReport['framework']): string {
  if (f.name.includes(f.version)) return f.name;
  if (/^v?\d+(\.\d+)*$/.test(f.version)) return `${f.name} ${f.version.startsWith('v') ? f.version : `v${f.version}`}`;
  return f.name;
}

export function planSections(options: { tokenProtection: boolean; frameworks: readonly FrameworkReport[] }): SectionPlan {
  const list: SectionRef[] = [];
  const frameworks: SectionRef[] = [];
  const byKey: Partial<Record<SectionKey, SectionRef>> = {};
  let n = 0;
  let letter = 0;
  const add = (key: SectionKey, anchor: string, title: string, appendix: boolean): SectionRef => {
    const number = appendix ? String.fromCharCode(65 + letter++) : String(++n);
    const ref: SectionRef = {
      key,
      anchor,
      number,
      title,
      heading: appendix ? `Appendix ${number}: ${title}` : title,
      ref: appendix ? `Appendix ${number}` : `section ${number}`,
    };
    list.push(ref);
    byKey[key] ??= ref;
    return ref;
  };
  for (const e of ORDER) {
    if (e.key === 'tokenProtection' && !options.tokenProtection) continue;
    if (e.key === 'frameworks') {
      for (const f of options.frameworks) frameworks.push(add('frameworks', `framework-${f.framework.id}`, `Compliance: ${frameworkTitle(f.framework)}`, false));
      continue;
    }
    add(e.key, e.anchor, e.title, e.appendix);
  }
  // Sections left out still have a ref, so a template can test for them without a missing key.
  for (const e of ORDER) byKey[e.key] ??= { key: e.key, anchor: e.anchor, number: '', title: e.title, heading: e.title, ref: e.title.toLowerCase() };
  return { list, byKey: byKey as Record<SectionKey, SectionRef>, frameworks };
}
