/**
 * The report's view model: everything the templates show, computed once from the LintResult, the coverage result and
 * the framework reports (DESIGN.md's formatter contract: nothing else), as plain strings and numbers. Each section has
 * its own builder under sections/; sections/index.ts numbers them and names their anchors, and the table of contents
 * and every cross-reference come from that one list. Templates only loop and print, so the HTML, the PDF and the
 * Markdown say the same thing.
 */
import type { LintResult } from '../../engine/result-types.js';
import type { Severity } from '../../engine/severity.js';
import type { FrameworkReport } from '../../frameworks/types.js';
import type { CoverageForReport } from './coverage-types.js';
import { buildAcceptedRisk, type AcceptedRiskView } from './sections/accepted-risk.js';
import { buildAppendixInputs, type AppendixInputsView } from './sections/appendix-inputs.js';
import { buildAppendixPolicies, type AppendixPoliciesView } from './sections/appendix-policies.js';
import { buildAppendixRules, type AppendixRulesView } from './sections/appendix-rules.js';
import { buildCore } from './sections/core.js';
import { buildCover, tenantView, type CoverView, type TenantView } from './sections/cover.js';
import { buildCoverage, type CoverageView } from './sections/coverage.js';
import { buildFindingsByPolicy, type FindingsByPolicyView } from './sections/findings-by-policy.js';
import { buildFindingsByRule, type FindingsByRuleView } from './sections/findings-by-rule.js';
import { buildFrameworks, type FrameworkView } from './sections/frameworks.js';
import { planSections, type SectionRef } from './sections/index.js';
import { buildMethodology, type MethodologyView } from './sections/methodology.js';
import { buildSummary, totals, type Posture, type SummaryView, type Totals } from './sections/summary.js';
import { buildTokenProtection, tokenProtectionApplies, type TokenProtectionView } from './sections/token-protection.js';
import { compare, formatDate, formatDateTime, severityLabel } from './words.js';
import { SEVERITIES } from '../../engine/severity.js';

export { severityLabel, formatDate };
export type { FindingView, RuleView, PolicyView, Link } from './sections/core.js';
export type { EvidenceRow } from './evidence.js';

export type PageSize = 'A4' | 'Letter';

export interface ReportInput {
  result: LintResult;
  coverage: CoverageForReport | null;
  /** frameworkCompliance(result) for each framework the report covers (src/frameworks/compliance.ts). */
  frameworks: FrameworkReport[];
  pageSize: PageSize;
}

export interface ReportModel {
  title: string;
  subtitle: string;
  /** The marking on the cover and on every page. */
  classification: string;
  pageSize: PageSize;
  generatedAt: string;
  dateText: string;
  dateTimeText: string;
  tenant: TenantView;
  tool: { name: string; version: string; rulesetVersion: string; rulesRun: number };
  cover: CoverView;
  toc: Array<{ anchor: string; number: string; title: string }>;
  sections: { list: SectionRef[] };
  posture: Posture;
  counts: Array<{ severity: Severity; label: string; count: number }>;
  totals: Totals;
  summary: SummaryView;
  frameworks: FrameworkView[];
  findingsByRule: FindingsByRuleView;
  findingsByPolicy: FindingsByPolicyView;
  tokenProtection: TokenProtectionView | null;
  coverage: CoverageView;
  acceptedRisk: AcceptedRiskView;
  appendixRules: AppendixRulesView;
  appendixPolicies: AppendixPoliciesView;
  appendixInputs: AppendixInputsView;
  methodology: MethodologyView;
  filters: { severities: Array<{ value: Severity; label: string }>; rules: Array<{ value: string; label: string }>; policies: Array<{ value: string; label: string }> };
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { result } = input;
  const core = buildCore(result);
  const frameworks = input.frameworks ?? [];
  const plan = planSections({ tokenProtection: tokenProtectionApplies(core), frameworks });
  const tenant = tenantView(result.identity);
  const cover = buildCover(core, tenant, plan, frameworks);
  const summary = buildSummary(core, plan, frameworks);
  const findingViews = [...core.open, ...core.accepted];

  return {
    title: cover.title,
    subtitle: cover.subtitle,
    classification: cover.classification,
    pageSize: input.pageSize,
    generatedAt: result.generatedAt,
    dateText: formatDate(result.generatedAt),
    dateTimeText: formatDateTime(result.generatedAt),
    tenant,
    tool: { name: result.tool.name, version: result.tool.version, rulesetVersion: result.tool.rulesetVersion, rulesRun: result.rules.length },
    cover,
    toc: plan.list.map((s) => ({ anchor: s.anchor, number: s.number, title: s.heading })),
    sections: { list: plan.list },
    posture: summary.posture,
    counts: summary.counts,
    totals: totals(core),
    summary,
    frameworks: buildFrameworks(core, frameworks, plan.frameworks),
    findingsByRule: buildFindingsByRule(core, plan),
    findingsByPolicy: buildFindingsByPolicy(core, plan),
    tokenProtection: buildTokenProtection(core, plan),
    coverage: buildCoverage(core, input.coverage, plan),
    acceptedRisk: buildAcceptedRisk(core, plan),
    appendixRules: buildAppendixRules(core, plan),
    appendixPolicies: buildAppendixPolicies(core, plan),
    appendixInputs: buildAppendixInputs(core, plan),
    methodology: buildMethodology(core, plan),
    filters: {
      severities: SEVERITIES.map((s) => ({ value: s, label: severityLabel(s) })),
      rules: core.rules
        .filter((r) => r.findingCount > 0 || r.accepted > 0)
        .map((r) => ({ value: r.id, label: r.id }))
        .sort((a, b) => compare(a.value, b.value)),
      policies: [
        ...(findingViews.some((f) => f.tenantWide) ? [{ value: 'tenant', label: 'The policy set as a whole' }] : []),
        ...core.policies.filter((p) => findingViews.some((f) => f.policyAnchor === p.anchor)).map((p) => ({ value: p.anchor, label: p.name })),
      ],
    },
  };
}
