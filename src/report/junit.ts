/**
 * JUnit XML for CI systems that show test results (GitLab, Azure DevOps, Jenkins): a testsuite per rule and a
 * testcase per (rule, policy) — a failure where the rule found something — plus one tenant-wide testcase per rule.
 * Test case names are unique (`<rule id> <policy>`), since GitLab keeps only the first of a duplicate.
 */
import type { Finding, LintResult, PolicySummary } from '../engine/result-types.js';

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

export function renderJunit(result: LintResult): string {
  const counts = new Map<string, number>();
  for (const p of result.policies) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  const label = (p: PolicySummary) => (counts.get(p.name)! > 1 ? `${p.name} [${p.id ?? `${p.file}${p.pointer}`}]` : p.name);
  const policyKey = (p: { id: string | null; name: string | null; file: string | null }) => `${p.file}\u0000${p.id ?? p.name}`;

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
    const testcase = (name: string, found: Finding[]) => {
      const failing = found.filter((f) => !f.suppression && f.baselineState !== 'unchanged');
      const accepted = found.filter((f) => f.suppression || f.baselineState === 'unchanged');
      const parts: string[] = [];
      if (failing.length) {
        failures++;
        const message = failing.length === 1 ? failing[0]!.message : `${failing.length} findings: ${failing[0]!.message}`;
        parts.push(
          `      <failure message="${xmlEscape(message)}" type="${xmlEscape(failing[0]!.severity)}">${xmlEscape(failing.map(evidenceText).join('\n\n---\n\n'))}</failure>`,
        );
      }
      if (accepted.length) {
        const notes = accepted.map((f) =>
          f.suppression
            ? `suppressed: ${f.message} (justification: ${f.suppression.justification}; owner: ${f.suppression.owner ?? '-'}; expires: ${f.suppression.expires ?? 'never'})`
            : `in baseline: ${f.message}`,
        );
        parts.push(`      <system-out>${xmlEscape(notes.join('\n'))}</system-out>`);
      }
      cases.push(
        parts.length
          ? `    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(rule.id)}" time="0">\n${parts.join('\n')}\n    </testcase>`
          : `    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(rule.id)}" time="0"/>`,
      );
    };
    const tenantWide = findings.filter((f) => !f.policyId && !f.policyName);
    testcase(`${rule.id} (tenant)`, tenantWide);
    for (const p of result.policies) {
      const key = policyKey(p);
      testcase(`${rule.id} ${label(p)}`, findings.filter((f) => (f.policyId || f.policyName) && policyKey({ id: f.policyId, name: f.policyName, file: f.file }) === key));
    }
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${xmlEscape(rule.id)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${result.generatedAt.slice(0, 19)}">\n` +
        `    <properties>\n      <property name="severity" value="${rule.severity}"/>\n      <property name="title" value="${xmlEscape(rule.title)}"/>\n    </properties>\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = result.errors.length;
  if (errors) {
    totalTests += errors;
    suites.push(
      `  <testsuite name="calint" tests="${errors}" failures="0" errors="${errors}" skipped="0" time="0" timestamp="${result.generatedAt.slice(0, 19)}">\n` +
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
