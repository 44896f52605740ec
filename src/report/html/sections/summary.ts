/**
 * The executive summary: the posture rating with the formula that produced it, a severity legend, the counts and
 * charts, the top risks (worded as risks, never as the rule's desired state) and the remediation plan ordered by
 * priority, then severity, then effort.
 */
import { SEVERITIES, meetsThreshold, severityRank, type Severity } from '../../../engine/severity.js';
import type { FrameworkReport } from '../../../frameworks/types.js';
import { barChart, stackChart, type BarChart, type StackChart } from '../charts.js';
import { CONTROL_STATUS_LABELS, EFFORT_TEXT, IMPACT_TEXT, PRIORITY_TEXT } from '../labels.js';
import { compare, firstSentence, plural, severityLabel, shortName, verb, categoryLabel } from '../words.js';
import type { Core, LicenceNote, RuleView } from './core.js';
import { frameworkTitle, type SectionPlan, type SectionRef } from './index.js';

export interface Posture {
  level: 'critical' | 'high' | 'medium' | 'low' | 'none';
  label: string;
  text: string;
  /** How the rating is computed, in words: printed next to it. */
  formula: string;
  provisional: string | null;
}

/** Medium findings at or above this count lower Fair to Weak; low findings at or above LOW_STEP lower Good to Fair. */
export const MEDIUM_STEP = 5;
export const LOW_STEP = 10;

export const POSTURE_FORMULA =
  'The rating follows the most severe open finding: any critical gives Critical; otherwise any high gives Weak; ' +
  `otherwise medium findings give Fair (Weak from ${MEDIUM_STEP} on); otherwise low or informational findings give Good ` +
  `(Fair from ${LOW_STEP} low findings on); none gives Strong. Accepted risks do not count; checks that could not be made ` +
  'do not raise the rating.';

export function posture(open: Record<Severity, number>, rules: number, errors: number, scope: 'policy' | 'tenant' = 'tenant'): Posture {
  const reasons = [
    ...(errors > 0 ? [`${plural(errors, 'error')} kept part of the tenant from being checked`] : []),
    // A single policy or a folder of templates is judged policy by policy: no tenant-wide check ran, so no gap was looked for.
    ...(scope === 'policy' ? ['only the checks that judge each policy on its own ran, none of those about the tenant as a whole'] : []),
  ];
  const provisional = reasons.length > 0 ? `Provisional: ${reasons.join('; ')}.` : null;
  const base = { formula: POSTURE_FORMULA, provisional };
  if (open.critical > 0) {
    return { ...base, level: 'critical', label: 'Critical', text: `${plural(open.critical, 'critical finding')} ${verb(open.critical, 'needs', 'need')} immediate action: ${verb(open.critical, 'it', 'they')} can lock administrators out or leave sign-ins unprotected.` };
  }
  if (open.high > 0) {
    return { ...base, level: 'high', label: 'Weak', text: `No critical finding, but ${plural(open.high, 'high-severity finding')} ${verb(open.high, 'leaves', 'leave')} important sign-ins without the protection Microsoft recommends.` };
  }
  if (open.medium >= MEDIUM_STEP) {
    return { ...base, level: 'high', label: 'Weak', text: `No critical or high-severity finding, but ${plural(open.medium, 'medium-severity finding')} add up to a weak position.` };
  }
  if (open.medium > 0) {
    return { ...base, level: 'medium', label: 'Fair', text: `No critical or high-severity finding; ${plural(open.medium, 'medium-severity finding')} should be planned into the next change window.` };
  }
  if (open.low >= LOW_STEP) {
    return { ...base, level: 'medium', label: 'Fair', text: `Only low-severity and informational findings, but ${open.low} of them: the policy set needs tidying.` };
  }
  if (open.low + open.info > 0) {
    return { ...base, level: 'low', label: 'Good', text: 'Only low-severity and informational findings: hygiene and hardening, no gap in the main protections.' };
  }
  return { ...base, level: 'none', label: 'Strong', text: `None of the ${plural(rules, 'rule')} found a problem.` };
}

export const SEVERITY_LEGEND: Array<{ severity: Severity; label: string; text: string }> = [
  { severity: 'critical', label: 'Critical', text: 'can lock administrators out, or leaves the tenant open now' },
  { severity: 'high', label: 'High', text: 'an important sign-in path lacks a protection Microsoft recommends' },
  { severity: 'medium', label: 'Medium', text: 'a weakness an attacker or an outage could use' },
  { severity: 'low', label: 'Low', text: 'hygiene: makes the policy set harder to reason about' },
  { severity: 'info', label: 'Info', text: 'for awareness; no change needed' },
];

export interface PlanItem {
  step: number;
  anchor: string;
  risk: string;
  severity: Severity;
  severityLabel: string;
  priority: number;
  priorityLabel: string;
  effortLabel: string;
  impactLabel: string;
  findings: number;
  licences: LicenceNote[];
  fix: string;
}

export interface SummaryView {
  section: SectionRef;
  posture: Posture;
  legend: typeof SEVERITY_LEGEND;
  counts: Array<{ severity: Severity; label: string; count: number }>;
  text: string;
  incomplete: string | null;
  topRisks: Array<{ severity: Severity; severityLabel: string; risk: string; anchor: string; count: number; scope: string; found: string; fix: string }>;
  charts: { severity: BarChart; categories: BarChart; states: StackChart };
  plan: PlanItem[];
  planLegend: { priority: string; effort: string; impact: string };
  frameworks: Array<{ anchor: string; number: string; title: string; counts: Array<{ status: string; label: string; count: number }> }>;
}

export interface Totals {
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
}

export function totals(core: Core): Totals {
  const { result } = core;
  const states = { enabled: 0, reportOnly: 0, disabled: 0 };
  for (const p of result.policies) {
    if (p.state === 'enabled') states.enabled++;
    else if (p.state === 'disabled') states.disabled++;
    else states.reportOnly++;
  }
  return {
    open: core.open.length,
    accepted: core.accepted.length,
    policies: result.policies.length,
    ...states,
    rules: result.rules.length,
    rulesWithFindings: core.rules.filter((r) => r.findingCount > 0).length,
    failOn: result.summary.failOn,
    failing: core.open.filter((f) => meetsThreshold(f.severity, result.summary.failOn)).length,
  };
}

const EFFORT_RANK = { low: 0, medium: 1, high: 2 } as const;

/** The rules with open findings in the order to fix them: priority, then severity, then effort (cheapest first). */
export function remediationOrder(rules: readonly RuleView[]): RuleView[] {
  return rules
    .filter((r) => r.findingCount > 0)
    .sort((a, b) => a.priority - b.priority || severityRank(a.severity) - severityRank(b.severity) || EFFORT_RANK[a.effort] - EFFORT_RANK[b.effort] || compare(a.id, b.id));
}

export function buildSummary(core: Core, plan: SectionPlan, frameworks: readonly FrameworkReport[]): SummaryView {
  const { result, open } = core;
  const t = totals(core);
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of open) openBySeverity[f.severity]++;

  const topRisks = core.rules
    .filter((r) => r.findingCount > 0)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.findingCount - a.findingCount || compare(a.id, b.id))
    .slice(0, 5)
    .map((r) => {
      const names = [...new Set(r.findings.filter((f) => !f.tenantWide).map((f) => f.policyName))];
      const tenantWide = r.findings.some((f) => f.tenantWide);
      const scopeParts = [...(tenantWide ? ['the policy set as a whole'] : []), ...(names.length ? [names.length <= 2 ? names.map((n) => `"${shortName(n)}"`).join(' and ') : plural(names.length, 'policy', 'policies')] : [])];
      return {
        severity: r.severity,
        severityLabel: r.severityLabel,
        risk: r.risk,
        anchor: r.anchor,
        count: r.findingCount,
        scope: scopeParts.join(' and '),
        found: firstSentence(r.findings[0]!.message) + (r.findingCount > 1 ? ` (and ${plural(r.findingCount - 1, 'similar finding')})` : ''),
        fix: firstSentence(r.remediation),
      };
    });

  const categories = new Map<string, number>();
  for (const f of open) {
    const c = core.ruleById.get(f.ruleId)?.category ?? 'other';
    categories.set(c, (categories.get(c) ?? 0) + 1);
  }
  const categoryItems = [...categories]
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
    .map(([c, n]) => ({ label: categoryLabel(c), value: n, cls: 'bar-category' }));

  const bySeverityText = SEVERITIES.filter((s) => openBySeverity[s] > 0)
    .map((s) => `${openBySeverity[s]} ${s === 'info' ? 'informational' : s}`)
    .join(', ');
  const text =
    `The review checked ${plural(t.policies, 'policy', 'policies')} against ${plural(t.rules, 'rule')} and found ` +
    (t.open === 0 ? 'no open finding' : `${plural(t.open, 'open finding')} (${bySeverityText})`) +
    (t.accepted ? `; ${plural(t.accepted, 'further finding')} ${verb(t.accepted, 'is', 'are')} accepted as risk` : '') +
    '.';

  const planItems: PlanItem[] = remediationOrder(core.rules).map((r, i) => ({
    step: i + 1,
    anchor: r.anchor,
    risk: r.risk,
    severity: r.severity,
    severityLabel: r.severityLabel,
    priority: r.priority,
    priorityLabel: r.priorityLabel,
    effortLabel: r.effortLabel,
    impactLabel: r.impactLabel,
    findings: r.findingCount,
    licences: r.licences.filter((l) => l.state !== 'held'),
    fix: firstSentence(r.remediation),
  }));

  return {
    section: plan.byKey.summary,
    posture: posture(openBySeverity, t.rules, result.errors.length, result.scope.scope),
    legend: SEVERITY_LEGEND,
    counts: SEVERITIES.map((s) => ({ severity: s, label: severityLabel(s), count: openBySeverity[s] })),
    text,
    incomplete:
      result.errors.length > 0
        ? `The assessment is incomplete: ${plural(result.errors.length, 'input or rule error')} kept part of the tenant from being checked (see ${plan.byKey.methodology.ref}).`
        : null,
    topRisks,
    charts: {
      severity: barChart('chart-severity', 'Open findings by severity', SEVERITIES.map((s) => ({ label: severityLabel(s), value: openBySeverity[s], cls: `bar-${s}` })), 'No open findings.'),
      categories: barChart('chart-categories', 'Open findings by category', categoryItems, 'No open findings.'),
      states: stackChart('chart-states', 'Policies by state', [
        { label: `Enabled (${t.enabled})`, value: t.enabled, cls: 'seg-on' },
        { label: `Report-only (${t.reportOnly})`, value: t.reportOnly, cls: 'seg-ro' },
        { label: `Disabled (${t.disabled})`, value: t.disabled, cls: 'seg-off' },
      ]),
    },
    plan: planItems,
    planLegend: {
      priority: `Priority: Now = ${PRIORITY_TEXT[1].replace(/^fix now: /, '')}; Next = ${PRIORITY_TEXT[2].replace(/^fix next: /, '')}; Later = ${PRIORITY_TEXT[3].replace(/^fix later: /, '')}.`,
      effort: `Effort: Low = ${EFFORT_TEXT.low}; Medium = ${EFFORT_TEXT.medium}; High = ${EFFORT_TEXT.high}.`,
      impact: `User impact: None = ${IMPACT_TEXT.none}; Low = ${IMPACT_TEXT.low}; Medium = ${IMPACT_TEXT.medium}; High = ${IMPACT_TEXT.high}.`,
    },
    frameworks: frameworks.map((f, i) => ({
      anchor: plan.frameworks[i]!.anchor,
      number: plan.frameworks[i]!.number,
      title: frameworkTitle(f.framework),
      counts: (['failed', 'accepted-risk', 'not-evaluated', 'passed', 'not-checkable'] as const).map((s) => ({ status: s, label: CONTROL_STATUS_LABELS[s], count: f.counts[s] ?? 0 })),
    })),
  };
}
