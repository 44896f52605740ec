/** `calint rules`: id, severity, title (and more) of every rule, built-in and from packs. */
import type { ActiveRule } from '../engine/run-rules.js';
import { summarizeRule } from '../engine/lint.js';
import type { Colors } from '../report/colors.js';

export function renderRules(rules: ActiveRule[], format: string, c: Colors): string {
  const summaries = rules.map(summarizeRule);
  if (format === 'json') return JSON.stringify(summaries, null, 2) + '\n';
  if (format === 'markdown') {
    const rows = summaries.map(
      (r) => `| \`${r.id}\` | ${r.severity} | ${r.category} | ${r.catalogue.join(', ')} | ${r.title.replace(/\|/g, '\\|')} |`,
    );
    return ['| id | severity | category | catalogue | title |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
  }
  const width = Math.max(...summaries.map((r) => r.id.length), 2);
  const lines = summaries.map((r) => `${c.bold(r.id.padEnd(width))}  ${r.severity.padEnd(8)}  ${r.title}${r.source !== 'builtin' ? c.dim(`  (${r.source})`) : ''}`);
  return [...lines, c.dim(`${summaries.length} rules`)].join('\n') + '\n';
}
