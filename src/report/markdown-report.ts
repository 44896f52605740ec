/**
 * The short form of the report, for a pull-request comment: posture, counts, top risks, the findings as one table,
 * token protection, accepted risk, coverage, inputs. Built from the same view model as the HTML and PDF. Every tenant
 * string is escaped so it cannot become a link, an image, a mention, HTML or a table cell break.
 */
import type { ReportModel } from './html/view-model.js';
import { mdCode, mdText } from './markdown-escape.js';

/** GitHub refuses comments over 65,536 characters; stay well under. */
const MAX_CHARS = 60_000;
const MAX_ROWS = 50;

export function renderMarkdownReport(model: ReportModel, files: { html?: string; pdf?: string } = {}): string {
  const out: string[] = [];
  const t = model.totals;
  out.push(`## ${mdText(model.title)}: ${mdText(model.tenant.name)}`);
  out.push('');
  out.push(`**Posture: ${mdText(model.posture.label)}.** ${mdText(model.posture.text)}`);
  out.push('');
  if (model.incomplete) out.push(`> **Incomplete:** ${mdText(model.incomplete.text)}`, '');
  out.push(mdText(model.summaryText));
  out.push('');
  out.push(`| ${model.counts.map((c) => c.label).join(' | ')} | Accepted |`);
  out.push(`|${model.counts.map(() => '---:').join('|')}|---:|`);
  out.push(`| ${model.counts.map((c) => String(c.count)).join(' | ')} | ${t.accepted} |`);
  out.push('');
  out.push(
    `Tenant ${mdCode(model.tenant.id)} · ${t.policies} policies (${t.enabled} enabled, ${t.reportOnly} report-only, ${t.disabled} disabled) · ` +
      `calint ${mdText(model.tool.version)}, rule set ${mdCode(model.tool.rulesetVersion)} · ${mdText(model.dateTimeText)}`,
  );
  out.push('');

  if (model.topRisks.length) {
    out.push('### Top risks', '');
    model.topRisks.forEach((r, i) => {
      out.push(`${i + 1}. **${r.severityLabel}** ${mdText(r.title)}: ${mdText(r.found)} *Fix:* ${mdText(r.fix)}`);
    });
    out.push('');
  }

  const open = model.rules.flatMap((r) => r.findings).sort((a, b) => a.number - b.number);
  out.push(`### Findings (${open.length} open)`, '');
  if (open.length === 0) out.push('No open findings.', '');
  else {
    out.push('| # | Severity | Rule | Policy | Location | Finding |', '|---:|---|---|---|---|---|');
    for (const f of open.slice(0, MAX_ROWS)) {
      const where = f.pointer ? `${f.location} ${f.pointer}` : f.location;
      out.push(`| ${f.number} | ${f.severityLabel} | ${mdCode(f.ruleId)} | ${mdText(f.policyName)} | ${mdCode(where)} | ${mdText(f.shortMessage)} |`);
    }
    if (open.length > MAX_ROWS) out.push('', `… and ${open.length - MAX_ROWS} more: see the full report.`);
    out.push('');
  }

  if (model.tokenProtection.rules.length) {
    out.push('### Token protection', '');
    for (const r of model.tokenProtection.rules) out.push(`- ${mdCode(r.id)} ${mdText(r.title)}: **${mdText(r.status)}**`);
    out.push('');
  }

  out.push(`### Accepted risk (${model.accepted.length})`, '');
  if (model.accepted.length === 0) out.push('None.', '');
  else {
    out.push('| # | Rule | Policy | Justification | Owner | Expires |', '|---:|---|---|---|---|---|');
    for (const f of model.accepted.slice(0, MAX_ROWS)) {
      const s = f.suppression!;
      out.push(`| ${f.number} | ${mdCode(f.ruleId)} | ${mdText(f.policyName)} | ${mdText(s.justification)} | ${mdText(s.owner)} | ${mdText(s.expires)} (${mdText(s.status)}) |`);
    }
    out.push('');
  }

  out.push('### Coverage', '');
  if (!model.coverage.ran) out.push(`Not run: ${mdText(model.coverage.reason)}.`, '');
  else {
    out.push(`${model.coverage.unexpected} unintended gap(s), ${model.coverage.expectedCount} expected.`, '');
    for (const g of model.coverage.gaps.filter((x) => !x.expected).slice(0, 20)) out.push(`- ${mdText(g.summary)}`);
    out.push('');
  }

  const reports = [files.html ? `HTML ${mdCode(files.html)}` : '', files.pdf ? `PDF ${mdCode(files.pdf)}` : ''].filter(Boolean);
  if (reports.length) out.push(`Full report: ${reports.join(', ')}.`, '');

  out.push('<details><summary>Inputs (sha256)</summary>', '');
  out.push('| File | sha256 |', '|---|---|');
  for (const i of model.inputs.slice(0, 200)) out.push(`| ${mdCode(i.path)} | ${mdCode(i.sha256)} |`);
  if (model.inputs.length > 200) out.push(`| … ${model.inputs.length - 200} more | |`);
  out.push('', '</details>', '');

  let text = out.join('\n');
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf('\n', MAX_CHARS - 200);
    text = `${text.slice(0, cut)}\n\n… (shortened to fit a comment: see the full report)\n`;
  }
  return text;
}
