/**
 * The report's view model: everything the templates show, computed once from the LintResult (plus policy descriptions,
 * tenant identity and coverage), as plain strings and numbers. Templates only loop and print; ordering, counting,
 * wording and chart geometry are decided here, so the HTML, the PDF and the Markdown say the same thing.
 */
import type { Finding, LintResult, RuleSummary } from '../../engine/result-types.js';
import { SEVERITIES, severityRank, meetsThreshold, type Severity } from '../../engine/severity.js';
import { policyKey, type PolicyDescription } from '../describe-policy.js';
import type { TenantIdentity } from '../tenant-identity.js';
import type { CoverageForReport } from './coverage-types.js';

export type PageSize = 'A4' | 'Letter';

export interface ReportInput {
  result: LintResult;
  /** From describePolicies(index); null when no policy could be read. */
  descriptions: Map<string, PolicyDescription> | null;
  tenant: TenantIdentity;
  coverage?: CoverageForReport;
  title?: string;
  organization?: string;
  pageSize: PageSize;
  /** The config file the run used, as shown to the user, with its sha256. */
  config: { path: string; sha256: string } | null;
  /** A person-readable name for an id seen in evidence (users, groups, apps, …); null when unknown. */
  idName?: (id: string) => string | null;
}

export interface Link {
  href: string | null;
  text: string;
}

export interface EvidenceRow {
  label: string;
  /** text: one line; code: preformatted JSON; nearMisses: the policies that almost satisfied the rule. */
  kind: 'text' | 'code' | 'nearMisses';
  text: string;
  nearMisses: Array<{ policyName: string; state: string; reasons: Array<{ reason: string; pointer: string }> }>;
}

export interface FindingView {
  anchor: string;
  number: number;
  severity: Severity;
  severityLabel: string;
  ruleId: string;
  ruleTitle: string;
  ruleAnchor: string;
  message: string;
  /** The message's first sentence, for tables that link to the full finding. */
  shortMessage: string;
  tenantWide: boolean;
  policyName: string;
  policyId: string | null;
  policyState: string | null;
  policyAnchor: string | null;
  /** data-policy of the filter: the policy's anchor or "tenant". */
  policyFilter: string;
  file: string | null;
  line: number | null;
  column: number | null;
  location: string;
  pointer: string | null;
  evidence: EvidenceRow[];
  suppression: null | { justification: string; owner: string; expires: string; status: string; configPointer: string };
}

export interface RuleView {
  anchor: string;
  id: string;
  title: string;
  severity: Severity;
  severityLabel: string;
  category: string;
  categoryLabel: string;
  catalogue: string;
  frameworks: string[];
  /** "CIS 5.2.2.3", "SCuBA MS.AAD.3.1v1": for tables. */
  frameworksShort: string[];
  rationale: string;
  remediation: string;
  references: Link[];
  source: string;
  findings: FindingView[];
  findingCount: number;
  accepted: number;
  notEvaluated: string[];
  failed: boolean;
  /** "3 findings", "passed", "not evaluated", "failed to run". */
  status: string;
  statusClass: 'fail' | 'pass' | 'na' | 'error';
}

export interface BarChart {
  id: string;
  title: string;
  width: number;
  height: number;
  empty: boolean;
  emptyText: string;
  bars: Array<{ label: string; value: number; cls: string; y: number; barWidth: number; textY: number; valueX: number }>;
  labelWidth: number;
}

export interface StackChart {
  id: string;
  title: string;
  width: number;
  height: number;
  empty: boolean;
  segments: Array<{ label: string; value: number; cls: string; x: number; w: number; legendX: number; legendY: number }>;
}

export interface PolicyView {
  anchor: string;
  number: number;
  name: string;
  id: string | null;
  state: string;
  stateClass: string;
  file: string;
  line: number | null;
  location: string;
  description: string;
  findings: FindingView[];
  findingCount: number;
  worst: Severity | null;
  worstLabel: string;
}

export interface ReportModel {
  title: string;
  subtitle: string;
  organization: string | null;
  pageSize: PageSize;
  generatedAt: string;
  dateText: string;
  dateTimeText: string;
  tenant: {
    name: string;
    nameSource: string;
    id: string;
    idSource: string;
    domain: string | null;
    domainSource: string | null;
    exportedAt: string | null;
    exportedBy: string | null;
  };
  tool: { name: string; version: string; rulesetVersion: string; rulesRun: number };
  config: { path: string; sha256: string } | null;
  inputs: Array<{ path: string; sha256: string; bytes: string; description: string; status: string; reason: string | null }>;
  coverInputs: ReportModel['inputs'];
  moreInputs: number;
  /** Inputs skipped or unreadable (listed in Appendix C). */
  skippedInputs: number;
  posture: { level: string; label: string; text: string };
  incomplete: { errors: number; text: string } | null;
  counts: Array<{ severity: Severity; label: string; count: number }>;
  totals: {
    open: number;
    accepted: number;
    policies: number;
    enabled: number;
    reportOnly: number;
    disabled: number;
    rules: number;
    rulesWithFindings: number;
    failOn: string;
    failing: number;
  };
  summaryText: string;
  topRisks: Array<{ severity: Severity; severityLabel: string; title: string; anchor: string; count: number; scope: string; found: string; fix: string }>;
  charts: { severity: BarChart; categories: BarChart; states: StackChart };
  tokenProtection: {
    rules: RuleView[];
    policies: PolicyView[];
    open: number;
    text: string;
  };
  rules: RuleView[];
  policiesWithFindings: PolicyView[];
  tenantFindings: FindingView[];
  accepted: FindingView[];
  coverage: {
    ran: boolean;
    reason: string;
    gaps: Array<{
      anchor: string;
      id: string;
      summary: string;
      cell: Array<{ key: string; value: string }>;
      witness: Array<{ key: string; value: string }>;
      expected: boolean;
      expectedReason: string | null;
      nearMisses: Array<{ policyName: string; reason: string; anchor: string | null }>;
    }>;
    unexpected: number;
    expectedCount: number;
    limits: string[];
  };
  policies: PolicyView[];
  rulesRun: RuleView[];
  notices: Array<{ ruleId: string; kind: string; message: string }>;
  warnings: Array<{ where: string; message: string }>;
  errors: Array<{ kind: string; where: string; message: string }>;
  filters: { severities: Array<{ value: Severity; label: string }>; rules: Array<{ value: string; label: string }>; policies: Array<{ value: string; label: string }> };
  toc: Array<{ anchor: string; number: string; title: string }>;
}

const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function severityLabel(s: Severity): string {
  return SEVERITY_LABELS[s];
}

/** "23 November 2026" in UTC: no locale data, so every machine writes the same bytes. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(iso)}, ${hh}:${mm} UTC`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** "token-protection" -> "Token protection". */
export function categoryLabel(category: string): string {
  const words = category.replace(/[-_/]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Other';
}

/** An anchor id that is safe anywhere (HTML id, URL fragment, PDF destination name). */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (m ? m[1]! : text).trim();
}

function shortMessage(message: string): string {
  const first = firstSentence(message);
  return first.length < message.length ? `${first} …` : message;
}

function links(urls: string[]): Link[] {
  // Only web links become hrefs: a rule pack's metadata must not smuggle javascript: or data: URLs into the report.
  return urls.map((u) => ({ href: /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null, text: u }));
}

function frameworkList(rule: RuleSummary | undefined): string[] {
  if (!rule) return [];
  const out: string[] = [];
  for (const id of rule.frameworks.cis ?? []) out.push(`CIS Microsoft 365 Foundations ${id}`);
  for (const id of rule.frameworks.scuba ?? []) out.push(`CISA SCuBA ${id}`);
  return out;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function humanKey(key: string): string {
  if (key === 'actual') return 'Seen';
  if (key === 'expected') return 'Expected';
  if (key === 'missing') return 'Missing';
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words[0]!.toUpperCase() + words.slice(1);
}

function evidenceRows(evidence: Record<string, unknown>, idName: ((id: string) => string | null) | undefined): EvidenceRow[] {
  const named = (s: string) => {
    const n = GUID.test(s) && idName ? idName(s) : null;
    return n && n !== s ? `${s} (${n})` : s;
  };
  const keys = Object.keys(evidence).sort((a, b) => {
    const order = (k: string) => (k === 'actual' ? 0 : k === 'expected' ? 1 : k === 'missing' ? 2 : k === 'nearMisses' ? 4 : 3);
    return order(a) - order(b) || compare(a, b);
  });
  const rows: EvidenceRow[] = [];
  for (const key of keys) {
    const value = evidence[key];
    const base = { label: humanKey(key), text: '', nearMisses: [] as EvidenceRow['nearMisses'] };
    if (key === 'missing') {
      if (value === true) rows.push({ ...base, kind: 'text', text: 'the value is absent from the export' });
      continue;
    }
    if (key === 'nearMisses' && Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'policyName' in v)) {
      rows.push({
        ...base,
        label: 'Closest policies',
        kind: 'nearMisses',
        nearMisses: value.map((v: any) => ({
          policyName: String(v.policyName ?? v.policyId ?? ''),
          state: typeof v.state === 'string' ? (v.state === 'enabledForReportingButNotEnforced' ? 'report-only' : v.state) : '',
          reasons: Array.isArray(v.reasons)
            ? v.reasons.map((r: any) => ({ reason: String(r?.reason ?? ''), pointer: typeof r?.pointer === 'string' ? r.pointer : '' }))
            : [],
        })),
      });
      continue;
    }
    if (value === null) rows.push({ ...base, kind: 'text', text: 'null' });
    else if (typeof value === 'string') rows.push({ ...base, kind: 'text', text: named(value) });
    else if (typeof value === 'number' || typeof value === 'boolean') rows.push({ ...base, kind: 'text', text: String(value) });
    else if (Array.isArray(value) && value.length === 0) rows.push({ ...base, kind: 'text', text: '[] (empty list)' });
    else if (Array.isArray(value) && value.length <= 30 && value.every(isPrimitive)) {
      rows.push({ ...base, kind: 'text', text: value.map((v) => named(String(v))).join(', ') });
    } else rows.push({ ...base, kind: 'code', text: compactValue(value, named) });
  }
  return rows;
}

const isPrimitive = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A flat value on one line: "a, b", "(empty)", "null". */
function flat(v: unknown, named: (s: string) => string): string | null {
  if (v === null) return 'null';
  if (isPrimitive(v)) return typeof v === 'string' ? named(v) : String(v);
  if (Array.isArray(v) && v.every(isPrimitive)) return v.length === 0 ? '(empty)' : v.map((x) => named(String(x))).join(', ');
  return null;
}

/** "key: value" for each entry of a flat object, on one line; null when a value is nested. */
function flatObject(v: unknown, named: (s: string) => string): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const entries = Object.entries(v as Record<string, unknown>);
  // An object that names itself ({ id, name }) needs no name after its id.
  const selfNamed = entries.some(([k, x]) => typeof x === 'string' && /^(name|displayName|role|policyName)$/.test(k));
  const parts: string[] = [];
  for (const [k, x] of entries) {
    const f = flat(x, selfNamed ? (s) => s : named);
    if (f === null) return null;
    parts.push(`${k}: ${f}`);
  }
  return parts.join(' · ');
}

/**
 * Evidence that is not a plain value, written densely for a reader: flat objects as "key: value · key: value", lists
 * one item per line, nested values indented under their key. Never raw JSON, which spends a line per brace.
 */
function compactValue(value: unknown, named: (s: string) => string): string {
  const lines: string[] = [];
  const inline = (v: unknown): string | null => flat(v, named) ?? flatObject(v, named);
  const walk = (v: unknown, indent: string) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        const one = inline(item);
        if (one !== null) lines.push(`${indent}• ${one}`);
        else {
          lines.push(`${indent}•`);
          walk(item, `${indent}  `);
        }
      }
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const one = inline(x);
        if (one !== null) lines.push(`${indent}${k}: ${one}`);
        else {
          lines.push(`${indent}${k}:`);
          walk(x, `${indent}  `);
        }
      }
      return;
    }
    lines.push(`${indent}${inline(v) ?? String(v)}`);
  };
  walk(value, '');
  return lines.join('\n');
}

/** Overall posture from the open (unaccepted) findings. */
function posture(open: Record<Severity, number>, rules: number): ReportModel['posture'] {
  if (open.critical > 0) {
    return { level: 'critical', label: 'Critical', text: `${plural(open.critical, 'critical finding')} need${open.critical === 1 ? 's' : ''} immediate action: they can lock administrators out or leave sign-ins unprotected.` };
  }
  if (open.high > 0) {
    return { level: 'high', label: 'Weak', text: `No critical finding, but ${plural(open.high, 'high-severity finding')} leave${open.high === 1 ? 's' : ''} important sign-ins without the protection Microsoft recommends.` };
  }
  if (open.medium > 0) {
    return { level: 'medium', label: 'Fair', text: `No critical or high-severity finding; ${plural(open.medium, 'medium-severity finding')} should be planned into the next change window.` };
  }
  if (open.low + open.info > 0) {
    return { level: 'low', label: 'Good', text: 'Only low-severity and informational findings: hygiene and hardening, no gap in the main protections.' };
  }
  return { level: 'none', label: 'Strong', text: `None of the ${rules} rules found a problem.` };
}

function barChart(id: string, title: string, items: Array<{ label: string; value: number; cls: string }>, emptyText: string): BarChart {
  const labelWidth = 112;
  const barMax = 170;
  const row = 24;
  const max = Math.max(0, ...items.map((i) => i.value));
  const bars = items.map((item, i) => ({
    ...item,
    y: 8 + i * row,
    textY: 8 + i * row + 13,
    barWidth: max === 0 ? 0 : Math.max(item.value > 0 ? 2 : 0, Math.round((item.value / max) * barMax)),
    valueX: 0,
  }));
  for (const b of bars) b.valueX = labelWidth + b.barWidth + 6;
  return { id, title, width: labelWidth + barMax + 34, height: 16 + items.length * row, empty: max === 0, emptyText, bars, labelWidth };
}

function stackChart(id: string, title: string, items: Array<{ label: string; value: number; cls: string }>): StackChart {
  const width = 420;
  const total = items.reduce((s, i) => s + i.value, 0);
  let x = 0;
  const segments = items.map((item, i) => {
    const w = total === 0 ? 0 : i === items.length - 1 ? width - x : Math.round((item.value / total) * width);
    const seg = { ...item, x, w, legendX: i * 140, legendY: 52 };
    x += w;
    return seg;
  });
  return { id, title, width, height: 62, empty: total === 0, segments };
}

function locationText(file: string | null, line: number | null, column: number | null): string {
  if (!file) return 'tenant-wide (no single file)';
  return line != null ? `${file}:${line}:${column ?? 1}` : file;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { result } = input;
  const ruleById = new Map(result.rules.map((r) => [r.id, r]));

  // Rules: most severe first, then by id. Anchors are numbered, so odd rule ids from packs stay unique.
  const sortedRules = [...result.rules].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || compare(a.id, b.id));
  const ruleAnchor = new Map(sortedRules.map((r, i) => [r.id, `rule-${i + 1}-${slug(r.id)}`]));

  // Policies, in the order they were read; a finding belongs to the policy whose pointer prefixes its own.
  const policyViews: PolicyView[] = result.policies.map((p, i) => {
    const description = input.descriptions?.get(policyKey(p.file, p.pointer, p.name));
    return {
      anchor: `policy-${i + 1}`,
      number: i + 1,
      name: p.name,
      id: p.id,
      state: p.state,
      stateClass: p.state === 'enabled' ? 'on' : p.state === 'disabled' ? 'off' : 'ro',
      file: p.file,
      line: p.line,
      location: p.line != null ? `${p.file}:${p.line}` : p.file,
      description: description?.sentence ?? '(not described: the policy could not be read)',
      findings: [],
      findingCount: 0,
      worst: null,
      worstLabel: '',
    };
  });
  const byFile = new Map<string, PolicyView[]>();
  result.policies.forEach((p, i) => {
    const list = byFile.get(p.file) ?? [];
    list.push(policyViews[i]!);
    byFile.set(p.file, list);
  });
  const pointerOf = new Map(result.policies.map((p, i) => [policyViews[i]!, p.pointer]));
  const policyFor = (f: Finding): PolicyView | null => {
    if (!f.file || f.pointer == null || f.policyName == null) return null;
    const candidates = byFile.get(f.file) ?? [];
    let best: PolicyView | null = null;
    let bestLength = -1;
    for (const c of candidates) {
      const ptr = pointerOf.get(c)!;
      if ((f.pointer === ptr || f.pointer.startsWith(`${ptr}/`) || ptr === '') && ptr.length > bestLength) {
        best = c;
        bestLength = ptr.length;
      }
    }
    return best;
  };

  const asOf = new Date(result.generatedAt);
  const findingViews = result.findings.map((f, i): FindingView => {
    const rule = ruleById.get(f.ruleId);
    const policy = policyFor(f);
    const s = f.suppression;
    let suppression: FindingView['suppression'] = null;
    if (s) {
      let status = 'no expiry date';
      if (s.expires) {
        const days = Math.ceil((Date.parse(`${s.expires}T23:59:59Z`) - asOf.getTime()) / 86_400_000);
        status = days < 0 ? 'expired' : days === 0 ? 'expires today' : `expires in ${plural(days, 'day')}`;
      }
      suppression = { justification: s.justification, owner: s.owner ?? 'not named', expires: s.expires ?? 'none', status, configPointer: s.configPointer };
    }
    return {
      anchor: `finding-${f.fingerprint.slice(0, 12)}-${i + 1}`,
      number: i + 1,
      severity: f.severity,
      severityLabel: severityLabel(f.severity),
      ruleId: f.ruleId,
      ruleTitle: rule?.title ?? f.ruleId,
      ruleAnchor: ruleAnchor.get(f.ruleId) ?? '',
      message: f.message,
      shortMessage: shortMessage(f.message),
      tenantWide: f.policyName == null,
      policyName: f.policyName ?? 'Tenant-wide (no single policy)',
      policyId: f.policyId,
      policyState: f.policyState,
      policyAnchor: policy?.anchor ?? null,
      policyFilter: policy?.anchor ?? 'tenant',
      file: f.file,
      line: f.line,
      column: f.column,
      location: locationText(f.file, f.line, f.column),
      pointer: f.pointer,
      evidence: evidenceRows(f.evidence as Record<string, unknown>, input.idName),
      suppression,
    };
  });
  // Findings are numbered in the order they are shown: by rule (most severe first), open before accepted.
  const open = findingViews.filter((f) => !f.suppression);
  const accepted = findingViews.filter((f) => f.suppression);
  const orderOf = new Map(sortedRules.map((r, i) => [r.id, i]));
  const byRuleOrder = (a: FindingView, b: FindingView) => (orderOf.get(a.ruleId) ?? 1e9) - (orderOf.get(b.ruleId) ?? 1e9);
  const shown = [...[...open].sort(byRuleOrder), ...[...accepted].sort(byRuleOrder)];
  shown.forEach((f, i) => {
    f.number = i + 1;
  });

  const viewByAnchor = new Map(policyViews.map((v) => [v.anchor, v]));
  for (const f of open) {
    const p = f.policyAnchor ? viewByAnchor.get(f.policyAnchor) : undefined;
    if (!p) continue;
    p.findings.push(f);
  }
  for (const p of policyViews) {
    p.findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.number - b.number);
    p.findingCount = p.findings.length;
    p.worst = p.findings[0]?.severity ?? null;
    p.worstLabel = p.worst ? severityLabel(p.worst) : '';
  }

  const noticesByRule = new Map<string, string[]>();
  for (const n of result.notices) noticesByRule.set(n.ruleId, [...(noticesByRule.get(n.ruleId) ?? []), n.message]);
  const failedRules = new Set(result.errors.filter((e) => e.kind === 'rule' && e.ruleId).map((e) => e.ruleId!));

  const ruleViews: RuleView[] = sortedRules.map((r) => {
    const findings = open.filter((f) => f.ruleId === r.id).sort((a, b) => a.number - b.number);
    const acceptedCount = accepted.filter((f) => f.ruleId === r.id).length;
    const notEvaluated = noticesByRule.get(r.id) ?? [];
    const failed = failedRules.has(r.id);
    const status = failed
      ? 'failed to run'
      : findings.length > 0
        ? plural(findings.length, 'finding')
        : acceptedCount > 0
          ? `${acceptedCount} accepted`
          : notEvaluated.length > 0
            ? 'passed (partly not evaluated)'
            : 'passed';
    return {
      anchor: ruleAnchor.get(r.id)!,
      id: r.id,
      title: r.title,
      severity: r.severity,
      severityLabel: severityLabel(r.severity),
      category: r.category,
      categoryLabel: categoryLabel(r.category),
      catalogue: r.catalogue.join(', '),
      frameworks: frameworkList(r),
      frameworksShort: [...(r.frameworks.cis ?? []).map((id) => `CIS ${id}`), ...(r.frameworks.scuba ?? []).map((id) => `SCuBA ${id}`)],
      rationale: r.rationale,
      remediation: r.remediation,
      references: links(r.references),
      source: r.source,
      findings,
      findingCount: findings.length,
      accepted: acceptedCount,
      notEvaluated,
      failed,
      status,
      statusClass: failed ? 'error' : findings.length > 0 ? 'fail' : notEvaluated.length > 0 ? 'na' : 'pass',
    };
  });

  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of open) openBySeverity[f.severity]++;
  const failing = result.findings.filter((f) => !f.suppression && meetsThreshold(f.severity, result.summary.failOn)).length;

  const states = { enabled: 0, reportOnly: 0, disabled: 0 };
  for (const p of result.policies) {
    if (p.state === 'enabled') states.enabled++;
    else if (p.state === 'disabled') states.disabled++;
    else states.reportOnly++;
  }

  // Top risks: the rules with open findings, most severe first, then the most widespread.
  const topRisks = ruleViews
    .filter((r) => r.findingCount > 0)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.findingCount - a.findingCount || compare(a.id, b.id))
    .slice(0, 5)
    .map((r) => {
      const names = [...new Set(r.findings.filter((f) => !f.tenantWide).map((f) => f.policyName))];
      const tenantWide = r.findings.some((f) => f.tenantWide);
      const scopeParts = [...(tenantWide ? ['the tenant as a whole'] : []), ...(names.length ? [names.length <= 2 ? names.map((n) => `"${n}"`).join(' and ') : `${names.length} policies`] : [])];
      return {
        severity: r.severity,
        severityLabel: r.severityLabel,
        title: r.title,
        anchor: r.anchor,
        count: r.findingCount,
        scope: scopeParts.join(' and '),
        found: firstSentence(r.findings[0]!.message) + (r.findingCount > 1 ? ` (and ${plural(r.findingCount - 1, 'similar finding')})` : ''),
        fix: firstSentence(r.remediation),
      };
    });

  const categories = new Map<string, number>();
  for (const f of open) {
    const c = ruleById.get(f.ruleId)?.category ?? 'other';
    categories.set(c, (categories.get(c) ?? 0) + 1);
  }
  const categoryItems = [...categories]
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
    .map(([c, n]) => ({ label: categoryLabel(c), value: n, cls: 'bar-category' }));

  const tokenRules = ruleViews.filter((r) => r.category === 'token-protection').sort((a, b) => compare(a.id, b.id));
  const tokenPolicies = policyViews.filter((p) => {
    const d = input.descriptions?.get(policyKey(p.file, pointerOf.get(p)!, p.name));
    return d?.requiresTokenProtection === true;
  });
  const tokenOpen = tokenRules.reduce((s, r) => s + r.findingCount, 0);
  const tokenText =
    tokenRules.length === 0
      ? 'No token-protection rule was run (they are switched off in the configuration).'
      : tokenPolicies.length === 0
        ? `The tenant has no policy that requires token protection. ${tokenOpen > 0 ? `${plural(tokenOpen, 'finding')} below say${tokenOpen === 1 ? 's' : ''} what to add.` : ''}`.trim()
        : `${plural(tokenPolicies.length, 'policy', 'policies')} require${tokenPolicies.length === 1 ? 's' : ''} token protection; the ${plural(tokenRules.length, 'token-protection rule')} found ${tokenOpen === 0 ? 'nothing to change' : plural(tokenOpen, 'thing') + ' to change'}.`;

  const tenantName = input.tenant.name;
  const coverage = coverageView(input.coverage, policyViews);

  const failOn = result.summary.failOn;
  const totalOpen = open.length;
  const summaryText =
    `calint checked ${plural(result.policies.length, 'policy', 'policies')} against ${plural(result.rules.length, 'rule')} and found ` +
    (totalOpen === 0
      ? 'no open finding'
      : `${plural(totalOpen, 'open finding')} (${SEVERITIES.filter((s) => openBySeverity[s] > 0)
          .map((s) => `${openBySeverity[s]} ${s}`)
          .join(', ')})`) +
    (accepted.length ? `; ${plural(accepted.length, 'further finding')} ${accepted.length === 1 ? 'is' : 'are'} accepted as risk` : '') +
    `. ${failing === 0 ? 'None is' : `${failing} ${failing === 1 ? 'is' : 'are'}`} at or above the failure threshold (${failOn}).`;

  const errors = result.errors.map((e) => ({
    kind: e.kind,
    where: [e.file ? `${e.file}${e.line != null ? `:${e.line}:${e.column ?? 1}` : ''}` : '', e.pointer ?? '', e.ruleId ?? ''].filter(Boolean).join(' '),
    message: e.message,
  }));

  const inputs = result.inputs.map((i) => ({
    path: i.path,
    sha256: i.sha256 ?? 'not read',
    bytes: formatBytes(i.bytes),
    description: i.description,
    status: i.status,
    reason: i.reason,
  }));
  const COVER_INPUTS = 10;

  const toc: ReportModel['toc'] = [
    { anchor: 'summary', number: '1', title: 'Executive summary' },
    { anchor: 'token-protection', number: '2', title: 'Token protection' },
    { anchor: 'findings-by-rule', number: '3', title: 'Findings by rule' },
    { anchor: 'findings-by-policy', number: '4', title: 'Findings by policy' },
    { anchor: 'accepted-risk', number: '5', title: 'Accepted risk' },
    { anchor: 'coverage', number: '6', title: 'Coverage gaps' },
    { anchor: 'methodology', number: '7', title: 'Methodology and limits' },
    { anchor: 'appendix-policies', number: 'A', title: 'Appendix A: Policies in plain language' },
    { anchor: 'appendix-rules', number: 'B', title: 'Appendix B: Rules run' },
    { anchor: 'appendix-inputs', number: 'C', title: 'Appendix C: Inputs' },
  ];

  return {
    title: input.title?.trim() || 'Conditional Access audit report',
    subtitle: 'Microsoft Entra Conditional Access configuration review',
    organization: input.organization?.trim() || null,
    pageSize: input.pageSize,
    generatedAt: result.generatedAt,
    dateText: formatDate(result.generatedAt),
    dateTimeText: formatDateTime(result.generatedAt),
    tenant: {
      name: tenantName?.value ?? input.tenant.domain?.value ?? 'Unnamed tenant',
      nameSource: tenantName ? tenantName.source : input.tenant.domain ? `${input.tenant.domain.source}; pass --organization to name it` : 'not in the export; pass --organization to name it',
      id: input.tenant.id?.value ?? 'Not in the export',
      idSource: input.tenant.id?.source ?? 'export a calint snapshot to record it',
      domain: input.tenant.domain?.value ?? null,
      domainSource: input.tenant.domain?.source ?? null,
      exportedAt: input.tenant.exportedAt ? formatDateTime(input.tenant.exportedAt) : null,
      exportedBy: input.tenant.exportedBy,
    },
    tool: { name: result.tool.name, version: result.tool.version, rulesetVersion: result.tool.rulesetVersion, rulesRun: result.rules.length },
    config: input.config,
    inputs,
    coverInputs: inputs.filter((i) => i.status === 'loaded').slice(0, COVER_INPUTS),
    moreInputs: Math.max(0, inputs.filter((i) => i.status === 'loaded').length - COVER_INPUTS),
    skippedInputs: inputs.filter((i) => i.status !== 'loaded').length,
    posture: posture(openBySeverity, result.rules.length),
    incomplete:
      result.errors.length > 0
        ? {
            errors: result.errors.length,
            text: `The assessment is incomplete: ${plural(result.errors.length, 'input or rule error')} kept part of the tenant from being checked (see section 7).`,
          }
        : null,
    counts: SEVERITIES.map((s) => ({ severity: s, label: severityLabel(s), count: openBySeverity[s] })),
    totals: {
      open: totalOpen,
      accepted: accepted.length,
      policies: result.policies.length,
      enabled: states.enabled,
      reportOnly: states.reportOnly,
      disabled: states.disabled,
      rules: result.rules.length,
      rulesWithFindings: ruleViews.filter((r) => r.findingCount > 0).length,
      failOn,
      failing,
    },
    summaryText,
    topRisks,
    charts: {
      severity: barChart(
        'chart-severity',
        'Open findings by severity',
        SEVERITIES.map((s) => ({ label: severityLabel(s), value: openBySeverity[s], cls: `bar-${s}` })),
        'No open findings.',
      ),
      categories: barChart('chart-categories', 'Open findings by category', categoryItems, 'No open findings.'),
      states: stackChart('chart-states', 'Policies by state', [
        { label: `Enabled (${states.enabled})`, value: states.enabled, cls: 'seg-on' },
        { label: `Report-only (${states.reportOnly})`, value: states.reportOnly, cls: 'seg-ro' },
        { label: `Disabled (${states.disabled})`, value: states.disabled, cls: 'seg-off' },
      ]),
    },
    tokenProtection: { rules: tokenRules, policies: tokenPolicies, open: tokenOpen, text: tokenText },
    rules: ruleViews.filter((r) => r.findingCount > 0),
    policiesWithFindings: policyViews.filter((p) => p.findingCount > 0),
    tenantFindings: open.filter((f) => f.tenantWide).sort((a, b) => a.number - b.number),
    accepted: [...accepted].sort((a, b) => a.number - b.number),
    coverage,
    policies: policyViews,
    rulesRun: [...ruleViews].sort((a, b) => compare(a.id, b.id)),
    notices: result.notices.map((n) => ({ ruleId: n.ruleId, kind: n.kind === 'not-evaluated' ? 'not evaluated' : 'note', message: n.message.replace(/^not evaluated:\s*/i, '') })),
    warnings: result.warnings.map((w) => ({
      where: w.file ? `${w.file}${w.line != null ? `:${w.line}:${w.column ?? 1}` : ''}${w.pointer ? ` ${w.pointer}` : ''}` : '',
      message: w.message,
    })),
    errors,
    filters: {
      severities: SEVERITIES.map((s) => ({ value: s, label: severityLabel(s) })),
      rules: ruleViews.filter((r) => r.findingCount > 0 || r.accepted > 0).map((r) => ({ value: r.id, label: r.id })).sort((a, b) => compare(a.value, b.value)),
      policies: [
        ...(findingViews.some((f) => f.tenantWide) ? [{ value: 'tenant', label: 'Tenant-wide findings' }] : []),
        ...policyViews.filter((p) => findingViews.some((f) => f.policyAnchor === p.anchor)).map((p) => ({ value: p.anchor, label: p.name })),
      ],
    },
    toc,
  };
}

function coverageView(coverage: CoverageForReport | undefined, policies: PolicyView[]): ReportModel['coverage'] {
  if (!coverage || !coverage.ran) {
    return {
      ran: false,
      reason: coverage && !coverage.ran ? coverage.reason : 'no coverage analysis was supplied to the report',
      gaps: [],
      unexpected: 0,
      expectedCount: 0,
      limits: [],
    };
  }
  const byId = new Map(policies.filter((p) => p.id).map((p) => [p.id!.toLowerCase(), p.anchor]));
  const pairs = (r: Record<string, string>) =>
    Object.keys(r)
      .sort(compare)
      .map((key) => ({ key: humanKey(key), value: String(r[key]) }));
  const gaps = [...coverage.gaps]
    .sort((a, b) => Number(a.expected) - Number(b.expected) || compare(a.id, b.id))
    .map((g, i) => ({
      anchor: `gap-${i + 1}`,
      id: g.id,
      summary: g.summary,
      cell: pairs(g.cell),
      witness: pairs(g.witness),
      expected: g.expected,
      expectedReason: g.expectedReason ?? null,
      nearMisses: g.nearMisses.map((m) => ({ policyName: m.policyName, reason: m.reason, anchor: byId.get(m.policyId.toLowerCase()) ?? null })),
    }));
  return {
    ran: true,
    reason: '',
    gaps,
    unexpected: gaps.filter((g) => !g.expected).length,
    expectedCount: gaps.filter((g) => g.expected).length,
    limits: [...coverage.limits],
  };
}
