/**
 * JUnit XML for CI systems that show test results (GitLab, Azure DevOps, Jenkins), proportional to what was found:
 * a testsuite per rule; in it, a testcase per (rule, policy) with findings and one per tenant-wide finding, or a single
 * passing testcase when the rule found nothing. Only findings at or above the failure threshold (--fail-on) that are
 * neither suppressed nor in the baseline are <failure>s; the others are <skipped> with the reason, so the failures
 * are exactly what makes the run exit 1. Disabled policies are not linted, so they never count as passed.
 * Test case names are unique (`<rule id> <policy>`), since GitLab keeps only the first of a duplicate.
 */
import type { Finding, LintResult } from '../engine/result-types.js';
import { meetsThreshold, type Severity } from '../engine/severity.js';
import { clipResult } from './clip-values.js';

/** XML 1.0 text: escape markup and drop characters XML cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function evidenceText(f: Finding): string {
  const lines = [
    f.message,
    '',
    `rule: ${f.ruleId} (${f.severity})`,
    f.policyName ? `policy: ${f.policyName}${f.policyId ? ` (${f.policyId})` : ''} [${f.policyState}]` : 'policy: (tenant-wide)',
    f.file ? `location: ${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}${f.pointer ? ` ${f.pointer}` : ''}` : '',
    `evidence: ${JSON.stringify(f.evidence)}`,
    `fix: ${f.remediation}`,
    ...f.docs.map((d) => `docs: ${d}`),
  ];
  return lines.filter((l, i) => l !== '' || i === 1).join('\n');
}

/** Why a finding does not fail the run, or null when it does. */
function notFailingReason(f: Finding, failOn: Severity): string | null {
  if (f.suppression) {
    const { justification, owner, expires } = f.suppression;
    return `suppressed: ${justification} (owner: ${owner ?? '-'}; expires: ${expires ?? 'never'})`;
  }
  if (f.baselineState === 'unchanged') return 'in the baseline';
  if (!meetsThreshold(f.severity, failOn)) return `${f.severity} is below the failure threshold (--fail-on ${failOn})`;
  return null;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface Case {
  name: string;
  findings: Finding[];
}

/** The cases of one rule: one per policy with findings (first seen first), one per tenant-wide finding. */
function casesOf(ruleId: string, findings: Finding[]): Case[] {
  const byPolicy = new Map<string, Finding[]>();
  const tenantWide: Finding[] = [];
  for (const f of findings) {
    if (!f.policyId && !f.policyName) {
      tenantWide.push(f);
      continue;
    }
    const key = `${f.file}\u0000${f.policyId ?? f.policyName}`;
    const list = byPolicy.get(key) ?? [];
    list.push(f);
    byPolicy.set(key, list);
  }
  const groups = [...byPolicy.values()];
  const nameCount = new Map<string, number>();
  for (const [f] of groups) nameCount.set(f!.policyName ?? '', (nameCount.get(f!.policyName ?? '') ?? 0) + 1);
  const cases: Case[] = groups.map((list) => {
    const f = list[0]!;
    const name = f.policyName ?? f.policyId ?? '';
    const label = (nameCount.get(f.policyName ?? '') ?? 0) > 1 ? `${name} [${f.policyId ?? `${f.file}${f.pointer ?? ''}`}]` : name;
    return { name: `${ruleId} ${label}`, findings: list };
  });
  for (const f of tenantWide) {
    const name = tenantWide.length === 1 ? `${ruleId} (tenant)` : `${ruleId} (tenant) ${clip(f.message, 100)}`;
    cases.push({ name, findings: [f] });
  }
  // Names stay unique even when two tenant-wide messages begin alike.
  const seen = new Map<string, number>();
  for (const c of cases) {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    if (n > 1) c.name = `${c.name} #${n}`;
  }
  return cases;
}

export function renderJunit(whole: LintResult): string {
  const result = clipResult(whole);
  const failOn = result.summary.failOn;
  const timestamp = result.generatedAt.slice(0, 19);
  const linted = result.policies.filter((p) => p.state !== 'disabled').length;
  const disabled = result.policies.length - linted;
  const passNote =
    `no finding in the ${linted} enabled or report-only ${linted === 1 ? 'policy' : 'policies'} linted` +
    (disabled ? ` (${disabled} disabled ${disabled === 1 ? 'policy is' : 'policies are'} not linted)` : '');

  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }

  let totalTests = 0;
  let totalFailures = 0;
  const suites: string[] = [];
  for (const rule of result.rules) {
    const findings = byRule.get(rule.id) ?? [];
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    const open = (name: string) => `    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(rule.id)}" time="0"`;
    if (findings.length === 0) {
      cases.push(`${open(rule.id)}>\n      <system-out>${xmlEscape(passNote)}</system-out>\n    </testcase>`);
    }
    for (const c of casesOf(rule.id, findings)) {
      const failing = c.findings.filter((f) => notFailingReason(f, failOn) === null);
      const details = xmlEscape([...failing, ...c.findings.filter((f) => !failing.includes(f))].map(evidenceText).join('\n\n---\n\n'));
      if (failing.length) {
        failures++;
        const message = failing.length === 1 ? failing[0]!.message : `${failing.length} findings: ${failing[0]!.message}`;
        cases.push(`${open(c.name)}>\n      <failure message="${xmlEscape(message)}" type="${xmlEscape(failing[0]!.severity)}">${details}</failure>\n    </testcase>`);
      } else {
        skipped++;
        const reasons = [...new Set(c.findings.map((f) => notFailingReason(f, failOn)!))];
        cases.push(`${open(c.name)}>\n      <skipped message="${xmlEscape(reasons.join('; '))}">${details}</skipped>\n    </testcase>`);
      }
    }
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${xmlEscape(rule.id)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${timestamp}">\n` +
        `    <properties>\n      <property name="severity" value="${rule.severity}"/>\n      <property name="title" value="${xmlEscape(rule.title)}"/>\n    </properties>\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = result.errors.length;
  if (errors) {
    totalTests += errors;
    suites.push(
      `  <testsuite name="calint" tests="${errors}" failures="0" errors="${errors}" skipped="0" time="0" timestamp="${timestamp}">\n` +
        result.errors
          .map((e, i) => `    <testcase name="calint error ${i + 1}" classname="calint" time="0">\n      <error message="${xmlEscape(e.message)}" type="${e.kind}">${xmlEscape(e.message)}</error>\n    </testcase>`)
          .join('\n') +
        '\n  </testsuite>',
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="calint" tests="${totalTests}" failures="${totalFailures}" errors="${errors}" time="0">\n` +
    suites.join('\n') +
    '\n</testsuites>\n'
  );
}
