/**
 * The views every section shares, computed once: findings (numbered in the order they are shown), rules (most severe
 * first) and policies (in the order read), linked to each other by anchors. Section builders only select and word.
 */
import type { Finding, LintResult, RuleSummary } from '../../../engine/result-types.js';
import type { RuleEffort, RulePriority, RuleUserImpact } from '../../../engine/rule-types.js';
import { severityRank, type Severity } from '../../../engine/severity.js';
import { licenceName, LICENCES, type LicenceId } from '../../../model/licences.js';
import { evidenceRows, type EvidenceRow } from '../evidence.js';
import { EFFORT_LABELS, humaniseText, IMPACT_LABELS, PRIORITY_LABELS, stateLabel } from '../labels.js';
import { categoryLabel, commonRoot, joinAnd, shortenLongRuns, compare, formatDate, pathView, plainText, plural, severityLabel, shortMessage, slug, textParts, type PathView, type TextPart } from '../words.js';

export interface Link {
  href: string | null;
  text: string;
}

export interface FindingView {
  anchor: string;
  number: number;
  severity: Severity;
  severityLabel: string;
  ruleId: string;
  /** The rule's risk statement (what is wrong). */
  ruleRisk: string;
  ruleAnchor: string;
  message: string;
  messageParts: TextPart[];
  /** The message's first sentence, for tables that link to the full finding. */
  shortMessage: string;
  tenantWide: boolean;
  policyName: string;
  policyId: string | null;
  policyState: string | null;
  policyAnchor: string | null;
  /** data-policy of the filter: the policy's anchor or "tenant". */
  policyFilter: string;
  fingerprint: string;
  file: PathView | null;
  /** "northwind/policies.json:4:5", relative to the input root. */
  location: PathView;
  pointer: string | null;
  evidence: EvidenceRow[];
  suppression: null | { justification: string; owner: string; expires: string; status: string; configPointer: string };
}

export interface LicenceNote {
  /** "Requires Microsoft Entra ID P2". */
  text: string;
  /** held: the tenant has it; unknown: the run could not tell; missing: the tenant does not hold it (the rule did not run). */
  state: 'held' | 'unknown' | 'missing';
}

export interface RuleView {
  anchor: string;
  id: string;
  /** The desired state: for the rules appendix only. */
  title: string;
  /** What is wrong when the rule fires: the heading of its findings. */
  risk: string;
  severity: Severity;
  severityLabel: string;
  category: string;
  categoryLabel: string;
  catalogue: string;
  frameworks: string[];
  frameworksShort: string[];
  rationale: string;
  remediation: string;
  remediationParts: TextPart[];
  references: Link[];
  source: string;
  priority: RulePriority;
  priorityLabel: string;
  effort: RuleEffort;
  effortLabel: string;
  userImpact: RuleUserImpact;
  impactLabel: string;
  licences: LicenceNote[];
  /** The rule did not run: the tenant does not hold a licence it needs. */
  notRunForLicence: string | null;
  findings: FindingView[];
  findingCount: number;
  accepted: number;
  notEvaluated: string[];
  failed: boolean;
  status: string;
  statusClass: 'fail' | 'pass' | 'na' | 'error';
}

export interface PolicyView {
  anchor: string;
  number: number;
  name: string;
  id: string | null;
  state: string;
  stateClass: string;
  location: PathView;
  description: string;
  requiresTokenProtection: boolean;
  findings: FindingView[];
  findingCount: number;
  worst: Severity | null;
  worstLabel: string;
}

export interface Core {
  result: LintResult;
  /** The folder all inputs share, shown once; paths are printed relative to it. */
  inputRoot: string;
  findings: FindingView[];
  open: FindingView[];
  accepted: FindingView[];
  rules: RuleView[];
  ruleById: Map<string, RuleView>;
  policies: PolicyView[];
  findingByFingerprint: Map<string, FindingView>;
}

function links(urls: string[]): Link[] {
  // Only web links become hrefs: a rule pack's metadata must not smuggle javascript: or data: URLs into the report.
  return urls.map((u) => ({ href: /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null, text: u }));
}

function frameworkList(rule: RuleSummary): string[] {
  const out: string[] = [];
  for (const id of rule.frameworks.cis ?? []) out.push(`CIS Microsoft 365 Foundations ${id}`);
  for (const id of rule.frameworks.scuba ?? []) out.push(`CISA SCuBA ${id}`);
  return out;
}

/** What the report says about the licences a rule needs, from what the run knows the tenant holds. */
export function licenceNotes(needed: readonly LicenceId[], result: LintResult): LicenceNote[] {
  const tenant = result.licences;
  return needed.map((id) => {
    const name = LICENCES[id] ? licenceName(id) : id;
    if (tenant.held.includes(id)) return { text: `Uses ${name}, which the tenant holds`, state: 'held' };
    if (tenant.source === 'unknown' || tenant.undetermined.includes(id)) return { text: `Requires ${name}`, state: 'unknown' };
    return { text: `Requires ${name}, which the tenant does not hold`, state: 'missing' };
  });
}

function locationOf(file: string | null, line: number | null, column: number | null, root: string): PathView {
  if (!file) return { text: 'the policy set as a whole', parts: ['the policy set as a whole'] };
  return pathView(file, root, line != null ? `:${line}:${column ?? 1}` : '');
}

export function buildCore(result: LintResult): Core {
  const names = result.names;
  const inputRoot = commonRoot(result.inputs.map((i) => i.path));

  // Rules: most severe first, then by id. Anchors are numbered, so odd rule ids from packs stay unique.
  const sortedRules = [...result.rules].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || compare(a.id, b.id));
  const ruleAnchor = new Map(sortedRules.map((r, i) => [r.id, `rule-${i + 1}-${slug(r.id)}`]));
  const summaryById = new Map(result.rules.map((r) => [r.id, r]));

  // Policies, in the order they were read; a finding belongs to the policy whose pointer prefixes its own.
  const policies: PolicyView[] = result.policies.map((p, i) => ({
    anchor: `policy-${i + 1}`,
    number: i + 1,
    name: p.name,
    id: p.id,
    state: stateLabel(p.state),
    stateClass: p.state === 'enabled' ? 'on' : p.state === 'disabled' ? 'off' : 'ro',
    location: pathView(p.file, inputRoot, p.line != null ? `:${p.line}` : ''),
    description: p.description.sentence,
    requiresTokenProtection: p.description.requiresTokenProtection,
    findings: [],
    findingCount: 0,
    worst: null,
    worstLabel: '',
  }));
  const byFile = new Map<string, Array<{ view: PolicyView; pointer: string }>>();
  result.policies.forEach((p, i) => byFile.set(p.file, [...(byFile.get(p.file) ?? []), { view: policies[i]!, pointer: p.pointer }]));
  const policyFor = (f: Finding): PolicyView | null => {
    if (!f.file || f.pointer == null || f.policyName == null) return null;
    let best: PolicyView | null = null;
    let bestLength = -1;
    for (const c of byFile.get(f.file) ?? []) {
      if ((f.pointer === c.pointer || f.pointer.startsWith(`${c.pointer}/`) || c.pointer === '') && c.pointer.length > bestLength) {
        best = c.view;
        bestLength = c.pointer.length;
      }
    }
    return best;
  };

  const asOf = new Date(result.generatedAt);
  const findings = result.findings.map((f, i): FindingView => {
    const rule = summaryById.get(f.ruleId);
    const policy = policyFor(f);
    const s = f.suppression;
    let suppression: FindingView['suppression'] = null;
    if (s) {
      let status = 'no expiry date';
      if (s.expires) {
        const days = Math.ceil((Date.parse(`${s.expires}T23:59:59Z`) - asOf.getTime()) / 86_400_000);
        status = days < 0 ? 'expired' : days === 0 ? 'expires today' : `expires in ${plural(days, 'day')}`;
      }
      suppression = { justification: s.justification, owner: s.owner ?? 'not named', expires: s.expires ? formatDate(s.expires) : 'none', status, configPointer: s.configPointer };
    }
    const message = shortenLongRuns(humaniseText(f.message));
    return {
      anchor: `finding-${f.fingerprint.slice(0, 12)}-${i + 1}`,
      number: i + 1,
      severity: f.severity,
      severityLabel: severityLabel(f.severity),
      ruleId: f.ruleId,
      ruleRisk: rule?.risk ?? f.ruleId,
      ruleAnchor: ruleAnchor.get(f.ruleId) ?? '',
      message: plainText(message),
      messageParts: textParts(message),
      shortMessage: shortMessage(plainText(message)),
      tenantWide: f.policyName == null,
      policyName: f.policyName ?? 'The policy set as a whole',
      policyId: f.policyId,
      policyState: f.policyState ? stateLabel(f.policyState) : null,
      policyAnchor: policy?.anchor ?? null,
      policyFilter: policy?.anchor ?? 'tenant',
      fingerprint: f.fingerprint,
      file: f.file ? pathView(f.file, inputRoot) : null,
      location: locationOf(f.file, f.line, f.column, inputRoot),
      pointer: f.pointer,
      evidence: evidenceRows(f.evidence as Record<string, unknown>, names),
      suppression,
    };
  });

  // Findings are numbered in the order they are shown: by rule (most severe first), open before accepted.
  const open = findings.filter((f) => !f.suppression);
  const accepted = findings.filter((f) => f.suppression);
  const orderOf = new Map(sortedRules.map((r, i) => [r.id, i]));
  const byRuleOrder = (a: FindingView, b: FindingView) => (orderOf.get(a.ruleId) ?? 1e9) - (orderOf.get(b.ruleId) ?? 1e9);
  open.sort(byRuleOrder);
  accepted.sort(byRuleOrder);
  [...open, ...accepted].forEach((f, i) => {
    f.number = i + 1;
  });

  const viewByAnchor = new Map(policies.map((v) => [v.anchor, v]));
  for (const f of open) if (f.policyAnchor) viewByAnchor.get(f.policyAnchor)?.findings.push(f);
  for (const p of policies) {
    p.findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.number - b.number);
    p.findingCount = p.findings.length;
    p.worst = p.findings[0]?.severity ?? null;
    p.worstLabel = p.worst ? severityLabel(p.worst) : '';
  }

  const noticesByRule = new Map<string, string[]>();
  for (const n of result.notices) noticesByRule.set(n.ruleId, [...(noticesByRule.get(n.ruleId) ?? []), humaniseText(plainText(n.message.replace(/^not evaluated:\s*/i, '')))]);
  const failedRules = new Set(result.errors.filter((e) => e.kind === 'rule' && e.ruleId).map((e) => e.ruleId!));

  const rules: RuleView[] = sortedRules.map((r) => {
    const ruleFindings = open.filter((f) => f.ruleId === r.id);
    const acceptedCount = accepted.filter((f) => f.ruleId === r.id).length;
    const notEvaluated = noticesByRule.get(r.id) ?? [];
    const failed = failedRules.has(r.id);
    const licences = licenceNotes(r.licences ?? [], result);
    const missing = (r.licences ?? []).filter((_, i) => licences[i]!.state === 'missing').map((id) => licenceName(id));
    const notRunForLicence = missing.length > 0 && ruleFindings.length === 0 ? `Not run: requires ${joinAnd(missing)}, which the tenant does not hold` : null;
    const status = failed
      ? 'failed to run'
      : notRunForLicence
        ? 'not run: licence'
        : ruleFindings.length > 0
          ? plural(ruleFindings.length, 'finding')
          : acceptedCount > 0
            ? `${acceptedCount} accepted`
            : notEvaluated.length > 0
              ? 'passed (partly not evaluated)'
              : 'passed';
    const { priority, effort, userImpact } = r;
    return {
      anchor: ruleAnchor.get(r.id)!,
      id: r.id,
      title: r.title,
      risk: r.risk,
      severity: r.severity,
      severityLabel: severityLabel(r.severity),
      category: r.category,
      categoryLabel: categoryLabel(r.category),
      catalogue: r.catalogue.join(', '),
      frameworks: frameworkList(r),
      frameworksShort: [...(r.frameworks.cis ?? []).map((id) => `CIS ${id}`), ...(r.frameworks.scuba ?? []).map((id) => `SCuBA ${id}`)],
      rationale: plainText(r.rationale),
      // The rule's own prose: it may quote a Graph value on purpose (what to type), so it is not reworded.
      remediation: plainText(r.remediation),
      remediationParts: textParts(r.remediation),
      references: links(r.references),
      source: r.source,
      priority,
      priorityLabel: PRIORITY_LABELS[priority],
      effort,
      effortLabel: EFFORT_LABELS[effort],
      userImpact,
      impactLabel: IMPACT_LABELS[userImpact],
      licences,
      notRunForLicence,
      findings: ruleFindings,
      findingCount: ruleFindings.length,
      accepted: acceptedCount,
      notEvaluated,
      failed,
      status,
      statusClass: failed ? 'error' : ruleFindings.length > 0 ? 'fail' : notRunForLicence || notEvaluated.length > 0 ? 'na' : 'pass',
    };
  });

  const findingByFingerprint = new Map<string, FindingView>();
  for (const f of [...open, ...accepted]) if (!findingByFingerprint.has(f.fingerprint)) findingByFingerprint.set(f.fingerprint, f);

  return { result, inputRoot, findings, open, accepted, rules, ruleById: new Map(rules.map((r) => [r.id, r])), policies, findingByFingerprint };
}
