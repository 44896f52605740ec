/**
 * Builds a ReportInput the way `calint report` does: one lint run, the report from its result and the same run's
 * coverage alone (nothing else from the export).
 */
import type { LintResult, DocumentControl } from '../../src/engine/result-types.js';
import { lintRun } from '../../src/engine/lint.js';
import type { FrameworkReport } from '../../src/frameworks/types.js';
import type { CoverageForReport } from '../../src/report/html/coverage-types.js';
import type { ReportInput } from '../../src/report/html/view-model.js';
import { repoRoot } from '../helpers/cli.js';

export const NOW = new Date(1_790_000_000_000);

export async function lintForReport(
  inputs: string[],
  options: { configFile?: string; document?: Partial<DocumentControl> } = {},
): Promise<{ result: LintResult; coverage: CoverageForReport }> {
  const run = await lintRun({ inputs, cwd: repoRoot, configFile: options.configFile, now: NOW });
  const result = options.document ? { ...run.result, document: { ...run.result.document, ...options.document } } : run.result;
  return { result, coverage: await run.coverage() };
}

/** A small framework report with one control of every status (the real ones come from frameworkCompliance). */
export function fixtureFramework(result: LintResult): FrameworkReport {
  const open = result.findings.filter((f) => !f.suppression);
  const firstRule = open[0]?.ruleId ?? result.rules[0]!.id;
  const passingRule = result.rules.find((r) => !result.findings.some((f) => f.ruleId === r.id))?.id ?? result.rules[0]!.id;
  const failed = open.filter((f) => f.ruleId === firstRule);
  return {
    framework: { id: 'cis', name: 'CIS Microsoft 365 Foundations Benchmark', version: '7.0.0', published: '2026-01-01', source: { url: 'https://www.cisecurity.org/benchmark/microsoft_365', read: '2026-12-01' } },
    controls: [
      {
        control: { id: '5.2.2.1', title: 'Fixture control that fails', section: '5.2.2 Conditional Access', level: 'E3 Level 1', rules: [firstRule] },
        status: 'failed',
        findings: failed.map((f) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint, severity: f.severity, policyId: f.policyId, policyName: f.policyName, message: f.message })),
        acceptedRisks: [],
        reason: null,
      },
      {
        control: { id: '5.2.2.2', title: 'Fixture control that passes', section: '5.2.2 Conditional Access', level: 'E3 Level 1', rules: [passingRule] },
        status: 'passed',
        findings: [],
        acceptedRisks: [],
        reason: null,
      },
      {
        control: { id: '5.2.2.9', title: 'Fixture control with an accepted risk', section: '5.2.2 Conditional Access', level: 'E3 Level 1', rules: [firstRule] },
        status: 'accepted-risk',
        findings: [],
        acceptedRisks: [{ ruleId: firstRule, fingerprint: 'none', severity: 'high', policyId: null, policyName: 'Fixture policy', message: 'Fixture.', owner: 'Identity team', justification: 'Pilot until March.', expires: '2027-03-31' }],
        reason: null,
      },
      {
        control: { id: '5.2.2.10', title: 'Fixture control not evaluated', section: '5.2.2 Conditional Access', level: 'E5 Level 2', rules: [passingRule] },
        status: 'not-evaluated',
        findings: [],
        acceptedRisks: [],
        reason: 'requires Microsoft Entra ID P2',
      },
      {
        control: { id: '5.2.3.1', title: 'Fixture control not checkable offline', section: '5.2.3 Authentication methods', level: 'E3 Level 1', rules: [], notCheckable: 'needs the authentication methods policy, which a Conditional Access export does not hold' },
        status: 'not-checkable',
        findings: [],
        acceptedRisks: [],
        reason: 'needs the authentication methods policy, which a Conditional Access export does not hold',
      },
    ],
    counts: { passed: 1, failed: 1, 'accepted-risk': 1, 'not-evaluated': 1, 'not-checkable': 1 },
  };
}

export async function reportInput(
  inputs: string[],
  options: { configFile?: string; document?: Partial<DocumentControl>; coverage?: CoverageForReport | null; frameworks?: (r: LintResult) => FrameworkReport[] } = {},
): Promise<ReportInput> {
  const { result, coverage } = await lintForReport(inputs, options);
  return { result, coverage: options.coverage === undefined ? coverage : options.coverage, frameworks: options.frameworks ? options.frameworks(result) : [fixtureFramework(result)], pageSize: 'A4' };
}
