/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. The driver lists every rule run with its
 * metadata; each result carries a location (file relative to the working directory, line, column; a tenant-wide
 * finding is placed on the input it is about, see finding-location.ts) and a partialFingerprint built from rule id,
 * policy id and pointer, so alerts survive reformatting and reordering.
 */
import type { Finding, LintResult, RuleSummary } from '../engine/result-types.js';
import type { Severity } from '../engine/severity.js';
import { findingLocator } from './finding-location.js';
import { clipResult } from './clip-values.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/calint/calint';
/** GitHub's limits for one run (docs.github.com, "SARIF support for code scanning"). */
export const SARIF_MAX_RESULTS = 25_000;
const MAX_DESCRIPTION = 1024;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps security-severity to critical (>= 9), high (7-8.9), medium (4-6.9) and low (< 4). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

function clip(text: string, max = MAX_DESCRIPTION): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function ruleTags(rule: RuleSummary): string[] {
  const tags = ['security', 'conditional-access', rule.category];
  for (const c of rule.catalogue) tags.push(c);
  for (const c of rule.frameworks.cis ?? []) tags.push(`CIS-M365-${c}`);
  for (const s of rule.frameworks.scuba ?? []) tags.push(`SCuBA-${s}`);
  return [...new Set(tags)].slice(0, 20);
}

function helpMarkdown(rule: RuleSummary): string {
  const lines = [`**${rule.title}**`, '', rule.rationale, '', `**Fix:** ${rule.remediation}`];
  if (rule.references.length) lines.push('', ...rule.references.map((r) => `- ${r}`));
  const frameworks = [...(rule.frameworks.cis ?? []).map((c) => `CIS Microsoft 365 v7.0 ${c}`), ...(rule.frameworks.scuba ?? [])];
  if (frameworks.length) lines.push('', `Frameworks: ${frameworks.join(', ')}`);
  lines.push('', `Catalogue: ${rule.catalogue.join(', ')}`);
  return lines.join('\n');
}

function pascal(id: string): string {
  return id
    .split(/[/-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function renderSarif(whole: LintResult): string {
  const result = clipResult(whole);
  const rules = result.rules;
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // SARIF needs a file for every result: a tenant-wide finding is placed on the input it is about.
  const locate = findingLocator(result);
  const findings = result.findings.slice(0, SARIF_MAX_RESULTS);

  const sarifResult = (f: Finding) => {
    const at = locate(f);
    const location = at
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(at.file), uriBaseId: '%SRCROOT%' },
              region: { startLine: at.line, startColumn: at.column },
            },
            ...(f.policyName
              ? { logicalLocations: [{ name: f.policyName, fullyQualifiedName: f.policyId ?? f.policyName, kind: 'object' }] }
              : {}),
          },
        ]
      : [];
    return {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: location,
      partialFingerprints: { 'calintFindingHash/v1': f.fingerprint },
      ...(f.suppression
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: f.suppression.justification,
                ...(f.suppression.owner ? { properties: { owner: f.suppression.owner, expires: f.suppression.expires } } : {}),
              },
            ],
          }
        : {}),
      ...(f.baselineState ? { baselineState: f.baselineState } : {}),
      properties: {
        severity: f.severity,
        messageId: f.messageId,
        policyId: f.policyId,
        policyName: f.policyName,
        policyState: f.policyState,
        pointer: f.pointer,
        evidence: f.evidence,
        remediation: f.remediation,
      },
    };
  };

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'calint',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: INFORMATION_URI,
            properties: { rulesetVersion: result.tool.rulesetVersion },
            rules: rules.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: clip(r.title) },
              fullDescription: { text: clip(r.rationale) },
              help: { text: clip(`${r.rationale}\n\nFix: ${r.remediation}`, 4000), markdown: helpMarkdown(r) },
              ...(r.references[0] ? { helpUri: r.references[0] } : {}),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                'security-severity': SECURITY_SEVERITY[r.severity],
                severity: r.severity,
                precision: 'high',
                tags: ruleTags(r),
              },
            })),
          },
        },
        automationDetails: { id: 'calint/' },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory calint ran in.' } } },
        artifacts: result.inputs
          .filter((i) => i.sha256)
          .map((i) => ({ location: { uri: encodeURI(i.path), uriBaseId: '%SRCROOT%' }, length: i.bytes, hashes: { 'sha-256': i.sha256 } })),
        invocations: [
          {
            executionSuccessful: result.summary.exitCode !== 2,
            exitCode: result.summary.exitCode,
            toolExecutionNotifications: result.errors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              ...(e.file
                ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(e.file), uriBaseId: '%SRCROOT%' }, ...(e.line ? { region: { startLine: e.line, startColumn: e.column ?? 1 } } : {}) } }] }
                : {}),
            })),
          },
        ],
        results: findings.map(sarifResult),
        properties: {
          generatedAt: result.generatedAt,
          truncated: result.findings.length > findings.length,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
