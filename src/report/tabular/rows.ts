/**
 * The tables that the tracking exports (`calint report --format csv,xlsx`) hold, built from the LintResult alone: one
 * row per finding in the result's order, one per policy (by name, then id), and the run's facts (tool, date, tenant,
 * inputs with sha256) for the workbook's About sheet. The CSV and XLSX writers only lay these cells out.
 *
 * Every string is the cell's final text:
 * - control characters, bidirectional overrides, line separators and code points XML cannot carry are visible escapes
 *   (`\n`, `\x00`, `\u{202e}`), as in the Markdown report: a spreadsheet shows them instead of acting on them (an
 *   override would reorder what a reviewer reads; a NUL would be dropped from the workbook's XML, or make it
 *   unreadable), and every record stays on one line of the CSV;
 * - a value longer than Excel's limit for a cell (32,767 characters) is cut, with an ellipsis and how much was left
 *   out; the JSON output of `calint lint` keeps it whole. Excel splits a longer CSV field over several rows, so the CSV
 *   is cut the same way.
 */
import type { Finding, LintResult, PolicySummary, RuleSummary } from '../../engine/result-types.js';
import type { RulePriority } from '../../engine/rule-types.js';
import { compareStrings } from '../../load/discover.js';
import { licenceName } from '../../model/licences.js';
import { clipValue } from '../clip-values.js';
import { escapeControls } from '../inert.js';

/** Excel's limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Room for the clip note ("… (1,234,567 more characters; the JSON output has the whole value)"). */
const CLIP_NOTE_ROOM = 120;

export type Cell = string | number | null;

export interface Column {
  header: string;
  /** Width in characters in the workbook: the longest value, at least min and at most max. */
  min: number;
  max: number;
  /** Long prose (messages, remediation, descriptions): wrapped in the workbook instead of running on. */
  wrap?: boolean;
}

export interface Table {
  name: 'Findings' | 'Policies' | 'About';
  columns: Column[];
  rows: Cell[][];
}

/** Where a finding stands for the tracker. */
export type FindingStatus = 'open' | 'accepted risk' | 'in baseline' | 'new since baseline';

/**
 * A suppression in the config wins (its owner, justification and expiry fill the row); then the baseline, when the run
 * had one; otherwise the finding is open. "new since baseline" is open too: it fails the run.
 */
export function findingStatus(f: Finding): FindingStatus {
  if (f.suppression) return 'accepted risk';
  if (f.baselineState === 'unchanged') return 'in baseline';
  if (f.baselineState === 'new') return 'new since baseline';
  return 'open';
}

/** Still to fix: neither accepted nor in the baseline. */
export function isOpen(f: Finding): boolean {
  const status = findingStatus(f);
  return status === 'open' || status === 'new since baseline';
}

export const STATUS_RULE =
  'Status: "accepted risk" when a suppression in the config accepts the finding (Owner, Justification and Expires come from it); ' +
  'otherwise, when the run had a baseline (--baseline), "in baseline" if the finding id is in the baseline file and ' +
  '"new since baseline" if it is not; otherwise "open". Open and new-since-baseline findings are the ones still to fix.';

/** Lone surrogates and the two non-characters that XML 1.0 cannot carry (escapeControls leaves them). */
const NOT_XML = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string as a cell holds it: control characters visible, at most MAX_CELL_CHARS characters. */
export function cellText(value: string): string {
  const text = escapeControls(value).replace(NOT_XML, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`);
  return text.length <= MAX_CELL_CHARS ? text : clipValue(text, MAX_CELL_CHARS - CLIP_NOTE_ROOM);
}

/** A text cell, or an empty one for a missing or empty value. */
function text(value: string | null | undefined): Cell {
  return value === null || value === undefined || value === '' ? null : cellText(value);
}

/** A list in one cell, "; " between items. */
function list(values: readonly string[] | null | undefined, separator = '; '): Cell {
  return values && values.length > 0 ? cellText(values.join(separator)) : null;
}

/** Sorts as a number and reads as a word. */
const PRIORITY_WORDS: Record<RulePriority, string> = { 1: '1 (now)', 2: '2 (next)', 3: '3 (later)' };

/** Graph's policy states as a reader says them. */
export function stateWords(state: string | null): string | null {
  return state === 'enabledForReportingButNotEnforced' ? 'report-only' : state;
}

/** "CIS 5.2.2.1; SCuBA MS.AAD.3.6v1". */
function frameworkControls(rule: RuleSummary | undefined): Cell {
  const f = rule?.frameworks;
  return list([...(f?.cis ?? []).map((id) => `CIS ${id}`), ...(f?.scuba ?? []).map((id) => `SCuBA ${id}`)]);
}

const col = (header: string, min: number, max: number, wrap = false): Column => ({ header, min, max, ...(wrap ? { wrap } : {}) });

export const FINDING_COLUMNS: readonly Column[] = [
  col('Finding id', 12, 34),
  col('Rule id', 12, 40),
  col('Risk', 30, 60, true),
  col('Severity', 9, 10),
  col('Priority', 9, 10),
  col('Effort', 8, 8),
  col('User impact', 12, 12),
  col('Licences needed', 16, 40, true),
  col('Status', 8, 20),
  col('Owner', 8, 30),
  col('Justification', 14, 50, true),
  col('Expires', 10, 12),
  col('Policy id', 10, 38),
  col('Policy name', 14, 50, true),
  col('Policy state', 13, 14),
  col('File', 10, 40),
  col('Line', 6, 8),
  col('Column', 8, 8),
  col('JSON pointer', 14, 40),
  col('Message', 40, 80, true),
  col('Remediation', 40, 70, true),
  col('Framework controls', 20, 40, true),
  col('Documentation', 20, 60, true),
];

/** One row per finding, in the result's order. */
export function findingsTable(result: LintResult): Table {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const rows = result.findings.map((f): Cell[] => {
    const rule = rules.get(f.ruleId);
    const s = f.suppression;
    return [
      cellText(f.fingerprint),
      cellText(f.ruleId),
      // A rule from an older result or a rule pack may lack a risk line: its title is the next best heading.
      text(rule?.risk ?? rule?.title),
      f.severity,
      rule?.priority !== undefined ? (PRIORITY_WORDS[rule.priority] ?? text(String(rule.priority))) : null,
      text(rule?.effort),
      text(rule?.userImpact),
      list(rule?.licences?.map(licenceName)),
      findingStatus(f),
      text(s?.owner),
      text(s?.justification),
      text(s?.expires),
      text(f.policyId),
      text(f.policyName),
      text(stateWords(f.policyState)),
      text(f.file),
      f.line,
      f.column,
      text(f.pointer),
      text(f.message),
      text(f.remediation),
      frameworkControls(rule),
      // URLs hold no spaces: a space keeps them apart, and a tracker's link detection does not take it in.
      list(f.docs, ' '),
    ];
  });
  return { name: 'Findings', columns: [...FINDING_COLUMNS], rows };
}

export const POLICY_COLUMNS: readonly Column[] = [
  col('Policy id', 10, 38),
  col('Policy name', 14, 50, true),
  col('State', 8, 12),
  col('Who', 30, 60, true),
  col('What', 20, 50, true),
  col('Conditions', 20, 50, true),
  col('Grant', 20, 50, true),
  col('Session', 16, 40, true),
  col('File', 10, 40),
  col('Line', 6, 8),
  col('Open findings', 14, 14),
];

/** The policies by name, then id (then file and line, for copies of one policy in two exports). */
export function sortedPolicies(policies: readonly PolicySummary[]): PolicySummary[] {
  return [...policies].sort(
    (a, b) =>
      compareStrings(a.name, b.name) ||
      compareStrings(a.id ?? '', b.id ?? '') ||
      compareStrings(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareStrings(a.pointer, b.pointer),
  );
}

/**
 * How many open findings (open or new since the baseline) each policy has. A finding belongs to the policy whose
 * JSON pointer in the same file contains its own (exact even when one export holds a policy twice); a finding without
 * a pointer, to the policy of its id (or, without an id, its name) in its file. Findings about the tenant as a whole
 * belong to no policy.
 */
export function openFindingsByPolicy(result: LintResult): Map<PolicySummary, number> {
  const key = (...parts: Array<string | null>) => JSON.stringify(parts);
  const byPointer = new Map<string, PolicySummary>();
  const byId = new Map<string, PolicySummary>();
  for (const p of result.policies) {
    byPointer.set(key(p.file, p.pointer), p);
    const idKey = key(p.file, p.id === null ? null : p.id, p.id === null ? p.name : null);
    if (!byId.has(idKey)) byId.set(idKey, p);
  }
  const counts = new Map<PolicySummary, number>(result.policies.map((p) => [p, 0]));
  for (const f of result.findings) {
    if (!isOpen(f) || f.file === null || (f.policyId === null && f.policyName === null)) continue;
    let policy: PolicySummary | undefined;
    if (f.pointer !== null) {
      // The longest prefix first ("/value/1/conditions", "/value/1", "/value", ""): the policy itself, never a sibling.
      for (let end = f.pointer.length; end >= 0; end = f.pointer.lastIndexOf('/', end - 1)) {
        policy = byPointer.get(key(f.file, f.pointer.slice(0, end)));
        if (policy || end === 0) break;
      }
    }
    policy ??= byId.get(key(f.file, f.policyId, f.policyId === null ? f.policyName : null));
    if (policy) counts.set(policy, (counts.get(policy) ?? 0) + 1);
  }
  return counts;
}

/** One row per policy read, by name then id, with what it does in words and its open findings. */
export function policiesTable(result: LintResult): Table {
  const open = openFindingsByPolicy(result);
  const rows = sortedPolicies(result.policies).map((p): Cell[] => {
    // An older LintResult has no description: the row then keeps the columns, empty.
    const d = p.description as PolicySummary['description'] | undefined;
    return [
      text(p.id),
      cellText(p.name),
      text(d?.state ?? stateWords(p.state)),
      text(d?.who),
      text(d?.what),
      list(d?.conditions),
      text(d?.grant),
      list(d?.session),
      cellText(p.file),
      p.line,
      open.get(p) ?? 0,
    ];
  });
  return { name: 'Policies', columns: [...POLICY_COLUMNS], rows };
}

export const ABOUT_COLUMNS: readonly Column[] = [col('Item', 12, 16), col('Value', 40, 100, true), col('SHA-256', 66, 66)];

/** The run's facts: tool and rule-set version, when, what tenant, the counts, how status is decided, every input. */
export function aboutTable(result: LintResult): Table {
  const counts = new Map<FindingStatus, number>();
  for (const f of result.findings) counts.set(findingStatus(f), (counts.get(findingStatus(f)) ?? 0) + 1);
  const byStatus = (['open', 'new since baseline', 'accepted risk', 'in baseline'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s}`);
  const fact = (label: string, value: { value: string; source: string } | null | undefined, fallback: string | null | undefined): Cell[] | null => {
    if (value) return [label, cellText(`${value.value} (from ${value.source})`), null];
    return fallback ? [label, cellText(fallback), null] : null;
  };
  // `identity` says where each fact came from; an older result only has `tenant`.
  const identity = result.identity as LintResult['identity'] | undefined;
  const tenant = result.tenant;
  const rows: Array<Cell[] | null> = [
    ['Tool', `${result.tool.name} ${result.tool.version}`, null],
    ['Rule set', cellText(result.tool.rulesetVersion), null],
    ['Generated at', cellText(result.generatedAt), null],
    fact('Tenant', identity?.name, tenant?.displayName) ?? ['Tenant', 'not named in the export', null],
    fact('Tenant id', identity?.id, tenant?.id),
    fact('Domain', identity?.domain, tenant?.defaultDomain),
    fact('Exported at', null, identity?.exportedAt ?? tenant?.exportedAt),
    ['Policies', result.summary.policies, null],
    ['Findings', `${result.findings.length}${byStatus.length ? `: ${byStatus.join(', ')}` : ''}`, null],
    ['Status', STATUS_RULE, null],
    [
      'Cell text',
      `Values longer than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters (Excel's limit for a cell) are cut, with an ellipsis and a count; ` +
        'the JSON output (calint lint --format json) has them whole. Control characters in tenant values are shown as escapes (\\n, \\u{202e}). ' +
        'In the CSV files, a value that starts with =, +, -, @, a tab or a carriage return starts with an apostrophe, so that no spreadsheet runs it as a formula.',
      null,
    ],
    result.config ? ['Config', cellText(result.config.file), result.config.sha256] : null,
    ...result.inputs.map((i): Cell[] => ['Input', cellText(i.status === 'loaded' ? i.path : `${i.path} (${i.status}${i.reason ? `: ${i.reason}` : ''})`), i.sha256]),
  ];
  return { name: 'About', columns: [...ABOUT_COLUMNS], rows: rows.filter((r): r is Cell[] => r !== null) };
}
