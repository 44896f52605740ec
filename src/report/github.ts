/**
 * GitHub Actions integration: workflow-command annotations (::error / ::warning / ::notice with file, line and
 * column) and a Markdown job summary for $GITHUB_STEP_SUMMARY. GitHub shows at most 10 errors and 10 warnings per
 * step, so the most severe are emitted and a notice counts the rest; the summary is truncated below 1 MiB.
 */
import type { Finding, LintResult } from '../engine/result-types.js';
import { SEVERITIES, meetsThreshold } from '../engine/severity.js';
import { inert } from './inert.js';
import { mdCode, mdText } from './markdown-escape.js';

const MAX_PER_LEVEL = 10;
export const STEP_SUMMARY_LIMIT = 1024 * 1024 - 1024;

/** Workflow-command data: control characters in a tenant value made visible (inert), then the runner's escapes. */
function escapeData(s: string): string {
  return inert(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function level(f: Finding, failOn: LintResult['summary']['failOn']): 'error' | 'warning' | 'notice' {
  if (f.suppression || f.baselineState === 'unchanged') return 'notice';
  return meetsThreshold(f.severity, failOn) ? 'error' : 'warning';
}

export function renderAnnotations(result: LintResult): string {
  const out: string[] = [];
  const counts = { error: 0, warning: 0, notice: 0 };
  let dropped = 0;
  // Most severe first: GitHub shows only the first ten of each level.
  const ordered = [...result.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  for (const f of ordered) {
    const l = level(f, result.summary.failOn);
    if (l === 'notice' || counts[l] >= MAX_PER_LEVEL) {
      if (l !== 'notice') dropped++;
      continue;
    }
    counts[l]++;
    const props = [
      f.file ? `file=${escapeProperty(f.file)}` : '',
      f.line ? `line=${f.line}` : '',
      f.column ? `col=${f.column}` : '',
      `title=${escapeProperty(`${f.ruleId} (${f.severity})`)}`,
    ].filter(Boolean);
    const policy = f.policyName ? `${f.policyName}: ` : '';
    out.push(`::${l} ${props.join(',')}::${escapeData(policy + f.message)}`);
  }
  for (const e of result.errors) {
    const props = [e.file ? `file=${escapeProperty(e.file)}` : '', e.line ? `line=${e.line}` : '', e.column ? `col=${e.column}` : '', 'title=calint error'].filter(Boolean);
    out.push(`::error ${props.join(',')}::${escapeData(e.message)}`);
  }
  if (dropped > 0) {
    out.push(`::notice title=calint::${escapeData(`${dropped} more finding(s) are not annotated (GitHub shows 10 errors and 10 warnings per step); see the SARIF upload or the job summary.`)}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}


/** The job summary: verdict, counts by severity, and a table of findings, most severe first. */
export function renderStepSummary(result: LintResult): string {
  const s = result.summary;
  const verdict = s.exitCode === 0 ? '✅ passed' : s.exitCode === 1 ? '❌ failed' : '⚠️ incomplete (errors)';
  const head = [
    `## calint: ${verdict}`,
    '',
    `${s.policies} policies, ${result.rules.length} rules, ${s.findings} findings (${SEVERITIES.map((x) => `${s.bySeverity[x]} ${x}`).join(', ')}); ` +
      `fails on ${s.failOn} and above${s.suppressed ? `; ${s.suppressed} suppressed` : ''}${s.baselined ? `; ${s.baselined} in the baseline` : ''}.`,
    '',
  ];
  if (result.errors.length) head.push('**Errors**', '', ...result.errors.map((e) => `- ${mdText(e.message)}`), '');
  const sorted = [...result.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const rows = sorted.map((f) => {
    const status = f.suppression ? 'suppressed' : f.baselineState === 'unchanged' ? 'baseline' : meetsThreshold(f.severity, s.failOn) ? 'fails' : 'reported';
    const where = f.file ? mdCode(`${f.file}${f.line ? `:${f.line}` : ''}`) : '';
    return `| ${f.severity} | ${status} | ${mdCode(f.ruleId)} | ${f.policyName ? mdText(f.policyName) : '(tenant)'} | ${where} | ${mdText(f.message)} |`;
  });
  let text = head.join('\n') + '\n';
  if (rows.length) {
    text += '| severity | status | rule | policy | where | message |\n|---|---|---|---|---|---|\n';
    let shown = 0;
    for (const row of rows) {
      if (Buffer.byteLength(text + row, 'utf8') > STEP_SUMMARY_LIMIT - 200) break;
      text += row + '\n';
      shown++;
    }
    if (shown < rows.length) text += `\n…and ${rows.length - shown} more findings (the summary is limited to 1 MiB).\n`;
  }
  return text + '\n';
}
