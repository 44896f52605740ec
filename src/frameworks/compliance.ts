/**
 * Framework compliance from a LintResult alone: for each control of each framework, whether the rules that implement
 * it passed, failed, failed only with accepted risks, or could not give a verdict, and why. Pure, so every formatter
 * (report, JSON, spreadsheet) shows the same answer for the same run.
 */
import type { Finding, LintResult } from '../engine/result-types.js';
import { FRAMEWORKS } from './definitions.js';
import type { AcceptedRiskForControl, ControlFinding, ControlResult, ControlStatus, FrameworkControl, FrameworkDefinition, FrameworkReport } from './types.js';

export function frameworkCompliance(result: LintResult, frameworks: readonly FrameworkDefinition[] = FRAMEWORKS): FrameworkReport[] {
  return frameworks.map((framework) => {
    const { controls, ...about } = framework;
    const results = controls.map((control) => controlResult(result, control));
    const counts: Record<ControlStatus, number> = { failed: 0, 'accepted-risk': 0, 'not-evaluated': 0, passed: 0, 'not-checkable': 0 };
    for (const r of results) counts[r.status]++;
    return { framework: about, controls: results, counts };
  });
}

/**
 * A finding without a suppression fails the control, even when it is in the baseline (a baseline hides known findings
 * from CI; it does not accept the risk). A rule that did not run, or ran without reaching a verdict, leaves the control
 * not evaluated unless another of its findings already failed it. Only then do suppressed findings make it an accepted
 * risk: an accepted risk claims everything else was checked.
 */
function controlResult(result: LintResult, control: FrameworkControl): ControlResult {
  if (control.notCheckable !== undefined) {
    return { control, status: 'not-checkable', findings: [], acceptedRisks: [], reason: control.notCheckable };
  }
  const counted = result.findings.filter((f) => countsFor(control, f));
  const open = counted.filter((f) => !f.suppression);
  const accepted = counted.filter((f) => f.suppression);
  const reasons = notEvaluatedReasons(result, control);
  const status: ControlStatus = open.length > 0 ? 'failed' : reasons.length > 0 ? 'not-evaluated' : accepted.length > 0 ? 'accepted-risk' : 'passed';
  return {
    control,
    status,
    findings: open.map(controlFinding),
    acceptedRisks: accepted.map((f) => ({
      ...controlFinding(f),
      owner: f.suppression!.owner,
      justification: f.suppression!.justification,
      expires: f.suppression!.expires,
    })) satisfies AcceptedRiskForControl[],
    reason: status === 'not-evaluated' ? reasons.join('; ') : null,
  };
}

function countsFor(control: FrameworkControl, f: Finding): boolean {
  if (!control.rules.includes(f.ruleId)) return false;
  const only = control.onlyMessages?.[f.ruleId];
  return only === undefined || only.includes(f.messageId);
}

function controlFinding(f: Finding): ControlFinding {
  return { ruleId: f.ruleId, fingerprint: f.fingerprint, severity: f.severity, policyId: f.policyId, policyName: f.policyName, message: f.message };
}

/** Why the control's rules gave no complete verdict, one sentence each for a reader; empty when they all did. */
function notEvaluatedReasons(result: LintResult, control: FrameworkControl): string[] {
  if (!result.inputs.some((i) => i.status === 'loaded')) return ['no input file could be read, so no rule ran'];
  const ran = new Set(result.rules.map((r) => r.id));
  const reasons: string[] = [];
  for (const ruleId of control.rules) {
    if (!ran.has(ruleId)) {
      const policyScope = result.scope.scope === 'policy' ? ', or it judges the whole tenant and this run linted single policies' : '';
      reasons.push(`${ruleId} did not run (turned off in the config or not selected with --rule${policyScope})`);
      continue;
    }
    for (const n of result.notices) if (n.ruleId === ruleId && n.kind === 'not-evaluated') reasons.push(`${ruleId}: ${n.message}`);
    for (const e of result.errors) if (e.kind === 'rule' && e.ruleId === ruleId) reasons.push(`${ruleId} stopped with an error: ${e.message}`);
  }
  // A rule may say the same thing once per policy; the reader needs it once.
  return [...new Set(reasons)];
}
