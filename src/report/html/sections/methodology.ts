/**
 * Appendix: methodology and limits, and the run's own record (errors, checks not evaluated, input warnings). The one
 * place where the tool's own vocabulary may appear (an environment variable that pins the date, rule ids).
 */
import { plainText, plural } from '../words.js';
import { humaniseText } from '../labels.js';
import type { Core } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';
import { POSTURE_FORMULA, SEVERITY_LEGEND } from './summary.js';
import { pathView } from '../words.js';

export interface MethodologyView {
  section: SectionRef;
  rulesRun: string;
  refs: { rules: string; accepted: string; inputs: string };
  legend: typeof SEVERITY_LEGEND;
  formula: string;
  failOn: string;
  licences: string;
  errors: Array<{ kind: string; where: string; message: string }>;
  notices: Array<{ ruleId: string; message: string }>;
  warnings: Array<{ where: string; message: string }>;
}

export function buildMethodology(core: Core, plan: SectionPlan): MethodologyView {
  const { result, inputRoot } = core;
  const where = (file: string | null, line: number | null, column: number | null, pointer: string | null) =>
    [file ? pathView(file, inputRoot, line != null ? `:${line}:${column ?? 1}` : '').text : '', pointer ?? ''].filter(Boolean).join(' ');
  const lic = result.licences;
  const licences = !lic || lic.source === 'unknown'
    ? 'The export does not say which licences the tenant holds, and the configuration lists none: every rule ran, and rules whose fix needs a licence beyond Microsoft Entra ID P1 are marked with it.'
    : lic.source === 'config'
      ? 'The licences the tenant holds were taken from the configuration; rules that need a licence the tenant does not hold did not run and are listed as such.'
      : "The licences the tenant holds were read from the export's subscribed SKUs; rules that need a licence the tenant does not hold did not run and are listed as such.";
  return {
    section: plan.byKey.methodology,
    rulesRun: plural(result.rules.length, 'rule'),
    refs: { rules: plan.byKey.appendixRules.ref, accepted: plan.byKey.acceptedRisk.ref, inputs: plan.byKey.appendixInputs.ref },
    legend: SEVERITY_LEGEND,
    formula: POSTURE_FORMULA,
    failOn: result.summary.failOn,
    licences,
    errors: result.errors.map((e) => ({ kind: e.kind, where: [where(e.file, e.line, e.column, e.pointer), e.ruleId ?? ''].filter(Boolean).join(' '), message: plainText(e.message) })),
    notices: result.notices.map((n) => ({ ruleId: n.ruleId, message: humaniseText(plainText(n.message.replace(/^not evaluated:\s*/i, ''))) })),
    warnings: result.warnings.map((w) => ({ where: where(w.file, w.line, w.column, w.pointer), message: plainText(w.message) })),
  };
}
