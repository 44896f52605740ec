/**
 * The short form of the report, for a pull-request comment: posture with its formula, counts, framework compliance,
 * the remediation plan, the findings as one table headed by their risk, token protection, accepted risk, coverage,
 * inputs. Built from the same view model as the HTML and PDF. Every tenant string is escaped so it cannot become a
 * link, an image, a mention, HTML or a table cell break.
 */
import type { ReportModel } from './html/view-model.js';
import { mdCode, mdText } from './markdown-escape.js';

/** GitHub refuses comments over 65,536 characters; stay well under. */
const MAX_CHARS = 60_000;
const MAX_ROWS = 50;

export function renderMarkdownReport(model: ReportModel, files: { html?: string; pdf?: string } = {}): string {
  const out: string[] = [];
  const t = model.totals;
  const s = model.summary;
  out.push(`## ${mdText(model.title)}: ${mdText(model.tenant.name)}`);
  out.push('');
  out.push(`*${mdText(model.classification)}* · organisation: ${mdText(model.cover.organization)} · report date ${mdText(model.dateTimeText)}`);
  out.push('');
  out.push(`**Posture: ${mdText(model.posture.label)}.** ${mdText(model.posture.text)}${model.posture.provisional ? ` ${mdText(model.posture.provisional)}` : ''}`);
  out.push('');
  out.push(`<sub>${mdText(model.posture.formula)}</sub>`);
  out.push('');
  if (s.incomplete) out.push(`> **Incomplete:** ${mdText(s.incomplete)}`, '');
  out.push(mdText(s.text));
  out.push('');
  out.push(`| ${model.counts.map((c) => c.label).join(' | ')} | Accepted |`);
  out.push(`|${model.counts.map(() => '---:').join('|')}|---:|`);
  out.push(`| ${model.counts.map((c) => String(c.count)).join(' | ')} | ${t.accepted} |`);
  out.push('');
  out.push(
    `Tenant ${mdText(model.tenant.id)} · ${t.policies} ${t.policies === 1 ? 'policy' : 'policies'} (${t.enabled} enabled, ${t.reportOnly} report-only, ${t.disabled} disabled) · ` +
      `calint ${mdText(model.tool.version)}, rule set ${mdText(model.tool.rulesetVersion)}`,
  );
  out.push('');

  if (s.frameworks.length) {
    out.push('### Framework compliance', '');
    out.push(`| Framework | ${s.frameworks[0]!.counts.map((c) => c.label).join(' | ')} |`, `|---|${s.frameworks[0]!.counts.map(() => '---:').join('|')}|`);
    for (const f of s.frameworks) out.push(`| ${mdText(f.title)} | ${f.counts.map((c) => String(c.count)).join(' | ')} |`);
    out.push('');
  }

  if (s.plan.length) {
    out.push('### Remediation plan', '');
    out.push('| # | Risk | Priority | Severity | Effort | User impact | Findings |', '|---:|---|---|---|---|---|---:|');
    for (const p of s.plan.slice(0, MAX_ROWS)) {
      // One parenthesis for all of them: "(requires Microsoft Entra ID P2; requires Microsoft Intune)".
      const licences = p.licences.length ? ` (${p.licences.map((l) => mdText(l.text.charAt(0).toLowerCase() + l.text.slice(1))).join('; ')})` : '';
      out.push(`| ${p.step} | ${mdText(p.risk)}${licences} | ${p.priorityLabel} | ${p.severityLabel} | ${p.effortLabel} | ${p.impactLabel} | ${p.findings} |`);
    }
    out.push('');
  }

  const open = model.findingsByRule.rules.flatMap((r) => r.findings).sort((a, b) => a.number - b.number);
  out.push(`### Findings (${open.length} open)`, '');
  if (open.length === 0) out.push('No open findings.', '');
  else {
    out.push('| # | Severity | Risk | Policy | Location | Finding |', '|---:|---|---|---|---|---|');
    for (const f of open.slice(0, MAX_ROWS)) {
      const where = f.pointer ? `${f.location.text} ${f.pointer}` : f.location.text;
      // A tenant-wide finding has no file: its location is words, not a path.
      const location = f.pointer || f.location.text !== 'the policy set as a whole' ? mdCode(where) : mdText(where);
      out.push(`| ${f.number} | ${f.severityLabel} | ${mdText(f.ruleRisk)} | ${mdText(f.policyName)} | ${location} | ${mdText(f.shortMessage)} |`);
    }
    if (open.length > MAX_ROWS) out.push('', `… and ${open.length - MAX_ROWS} more: see the full report.`);
    out.push('');
  }

  if (model.tokenProtection?.rules.length) {
    out.push('### Token protection', '');
    for (const r of model.tokenProtection.rules) out.push(`- ${mdText(r.findingCount ? r.risk : r.title)}: **${mdText(r.status)}**`);
    out.push('');
  }

  const accepted = model.acceptedRisk.findings;
  out.push(`### Accepted risk (${accepted.length})`, '');
  if (accepted.length === 0) out.push('None.', '');
  else {
    out.push('| # | Risk | Policy | Justification | Owner | Expires |', '|---:|---|---|---|---|---|');
    for (const f of accepted.slice(0, MAX_ROWS)) {
      const sup = f.suppression!;
      out.push(`| ${f.number} | ${mdText(f.ruleRisk)} | ${mdText(f.policyName)} | ${mdText(sup.justification)} | ${mdText(sup.owner)} | ${mdText(sup.expires)} (${mdText(sup.status)}) |`);
    }
    out.push('');
  }

  const c = model.coverage;
  out.push('### Coverage', '');
  if (!c.ran) out.push(`Not run: ${mdText(c.reason)}.`, '');
  else {
    out.push(`${mdText(c.line[0]!.toUpperCase() + c.line.slice(1))}.`, '');
    for (const g of c.gaps.filter((x) => !x.expected).slice(0, 20)) out.push(`- ${mdText(g.summary)}`);
    out.push('');
  }

  const reports = [files.html ? `HTML ${mdCode(files.html)}` : '', files.pdf ? `PDF ${mdCode(files.pdf)}` : ''].filter(Boolean);
  if (reports.length) out.push(`Full report: ${reports.join(', ')}.`, '');

  const inputs = model.appendixInputs;
  out.push('<details><summary>Inputs (sha256)</summary>', '');
  out.push('| File | sha256 |', '|---|---|');
  for (const i of inputs.files.slice(0, 200)) out.push(`| ${mdCode(i.path.text)} | ${mdCode(i.sha256)} |`);
  if (inputs.files.length > 200) out.push(`| … ${inputs.files.length - 200} more | |`);
  if (inputs.notRead) out.push('', mdText(inputs.notRead));
  out.push('', '</details>', '');

  let text = out.join('\n');
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf('\n', MAX_CHARS - 200);
    text = `${text.slice(0, cut)}\n\n… (shortened to fit a comment: see the full report)\n`;
  }
  return text;
}
