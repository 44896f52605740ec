/**
 * Regression tests for "Truth on first contact": findings that failed CI gates for no reason.
 * - device-filter/operator: the token-protection article's `systemLabels -eq` form is a note (info), never a gate failure;
 *   the defects keep the rule's severity, each under its own message id.
 * - session/admin-session-lifetime: "Never persistent" concerns browsers, so a browser-only policy meets that part.
 * - references/unprotected-policy-groups: one finding per group, listing every policy it scopes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import { loadBuiltInRules } from '../src/engine/registry.js';
import type { LintResult } from '../src/engine/result-types.js';
import type { Severity } from '../src/engine/severity.js';
import { renderJson } from '../src/report/json.js';
import { EMPTY_CONFIG, REPO_ROOT } from './rules/fixtures.js';

const FIXTURES = 'test/rules';
let tmp: string;
let ruleIds: string[];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'calint-noise-'));
  ruleIds = (await loadBuiltInRules()).map((l) => l.rule.id);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A config that turns every other built-in rule off, so the exit code is this rule's alone. */
function onlyRuleConfig(ruleId: string): string {
  const file = path.join(tmp, `${ruleId.replace('/', '--')}.config.json`);
  writeFileSync(file, JSON.stringify({ rules: Object.fromEntries(ruleIds.filter((id) => id !== ruleId).map((id) => [id, 'off'])) }));
  return file;
}

function run(input: string, configFile = EMPTY_CONFIG, failOn?: Severity): Promise<LintResult> {
  return lint({ inputs: [`${FIXTURES}/${input}`], cwd: REPO_ROOT, configFile, now: new Date(0), scope: 'tenant', ...(failOn ? { failOn } : {}) });
}

const of = (result: LintResult, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);

describe('device-filter/operator: the -eq form on a collection is a note, not a gate failure', () => {
  const RULE = 'device-filter/operator';

  it('reports the token-protection form at severity info in the JSON result and passes --fail-on medium', async () => {
    const result = await run('device-filter/operator/fail/system-labels-eq-token-protection-form.json', onlyRuleConfig(RULE), 'medium');
    expect(result.errors).toEqual([]);
    const json = JSON.parse(renderJson(result)) as LintResult;
    expect(json.findings.map((f) => [f.ruleId, f.messageId, f.severity])).toEqual([[RULE, 'collectionEquals', 'info']]);
    expect(json.findings[0]!.evidence).toMatchObject({
      clauses: [
        { clause: 'device.systemLabels -eq "CloudPC"', normalisedOperator: 'contains' },
        { clause: 'device.systemLabels -eq "AzureVirtualDesktop"', normalisedOperator: 'contains' },
      ],
      expected: ['device.systemLabels -contains "CloudPC"', 'device.systemLabels -contains "AzureVirtualDesktop"'],
    });
    expect(json.summary).toMatchObject({ failOn: 'medium', exitCode: 0, bySeverity: expect.objectContaining({ medium: 0, info: 1 }) });
    const summary = json.rules.find((r) => r.id === RULE) as { severity: string; messageSeverity?: Record<string, string> };
    expect(summary).toMatchObject({ severity: 'medium', messageSeverity: { collectionEquals: 'info' } });
  });

  it('keeps the rule severity for a defect beside the note, and the defect fails the gate', async () => {
    const result = await run('device-filter/operator/fail/disabled-policy-mixed-issues.json', onlyRuleConfig(RULE), 'medium');
    expect(of(result, RULE).map((f) => [f.messageId, f.severity])).toEqual([
      ['operatorNotAllowed', 'medium'],
      ['collectionEquals', 'info'],
    ]);
    expect(result.summary.exitCode).toBe(1);
  });

  it('a severity from the config still applies to the note too', async () => {
    const config = path.join(tmp, 'operator-high.config.json');
    writeFileSync(config, JSON.stringify({ rules: { [RULE]: 'high' } }));
    const result = await run('device-filter/operator/fail/system-labels-eq-token-protection-form.json', config);
    expect(of(result, RULE).map((f) => f.severity)).toEqual(['high']);
  });

  it('tells a list given to a one-value operator from a single value given to -in', async () => {
    const findings = of(await run('device-filter/operator/fail/list-shapes.json'), RULE);
    expect(findings.map((f) => [f.messageId, f.evidence.actual, f.severity])).toEqual([
      ['missingList', 'device.deviceId -in "d0000000-0000-4000-8000-000000000001"', 'medium'],
      ['unexpectedList', 'device.model -eq ["Surface Pro", "Surface Laptop"]', 'medium'],
    ]);
    expect(findings[0]!.message).toContain('gives -in a single value');
    expect(findings[1]!.message).toContain('gives a [list] to -eq');
  });

  it('names the operators of the property when it is known, and all operators when it is not', async () => {
    const known = of(await run('device-filter/operator/fail/match-operator.json'), RULE);
    expect(known.map((f) => f.messageId)).toEqual(['unknownOperator']);
    expect(known[0]!.message).toMatch(/extensionAttribute1 supports -eq, -ne, .*-notIn\.$/);
    const unknown = of(await run('device-filter/operator/fail/unknown-property-and-operator.json'), RULE);
    expect(unknown.map((f) => [f.messageId, f.evidence.property, f.evidence.operator])).toEqual([
      ['unknownProperty', 'networkLocation', 'like'],
      ['unknownOperator', 'networkLocation', 'like'],
    ]);
    expect(unknown[1]!.message).toContain('the operators are -eq, -ne,');
    expect(unknown[1]!.message).not.toContain('networkLocation supports');
  });

  it('names only the unknown values of a list, and says the clause still acts on the others', async () => {
    const findings = of(await run('device-filter/operator/fail/profile-type-in-list-with-unknown-value.json'), RULE);
    expect(findings.map((f) => f.messageId)).toEqual(['unknownValue', 'operatorNotAllowed']);
    expect(findings[0]!.evidence).toMatchObject({ unknownValues: ['Kiosk'], value: ['Printer', 'Kiosk'] });
    expect(findings[0]!.message).toContain('compares profileType with "Kiosk", which is not one of its values');
    expect(findings[0]!.message).toContain('that value never matches, so the clause acts only on the others');
    const whole = of(await run('device-filter/operator/fail/trust-type-unknown-value.json'), RULE);
    expect(whole[0]!.message).toMatch(/the clause never matches a device\.$/);
  });
});

describe('session/admin-session-lifetime: "Never persistent" is asked over browser sign-ins only', () => {
  const RULE = 'session/admin-session-lifetime';

  it('a "Never persistent" policy limited to browsers, beside an all-clients frequency policy, meets the requirement', async () => {
    const result = await run('session/admin-session-lifetime/pass/never-persistent-for-browser-only.json', onlyRuleConfig(RULE), 'medium');
    expect(of(result, RULE)).toEqual([]);
    expect(result.summary.exitCode).toBe(0);
  });

  it('a browser policy (frequency and never persistent) and an apps policy (frequency) meet it together', async () => {
    // The frequency part still needs every modern client: here it is split by client app, and coverage adds the two up.
    const result = await run('session/admin-session-lifetime/pass/browser-and-apps-policies-together.json');
    expect(of(result, RULE)).toEqual([]);
  });

  it('a browser-only frequency policy still leaves mobile apps and desktop clients without one', async () => {
    const [f, ...rest] = of(await run('session/admin-session-lifetime/fail/sign-in-frequency-for-browser-only.json'), RULE);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ messageId: 'noFrequency', policyId: null, pointer: null, severity: 'medium' });
    expect(f!.evidence.nearMisses).toEqual([
      expect.objectContaining({
        policyId: '0002000d-0000-4000-8000-00000000000d',
        reasons: [{ reason: 'it applies only to client apps browser, not mobileAppsAndDesktopClients', condition: 'clientApps', pointer: '/value/0/conditions/clientAppTypes' }],
      }),
    ]);
    expect(f!.message).toMatch(/Not covered, for example: [^.]*a mobile app or desktop client/);
  });

  it('"Never persistent" for mobile apps only does not reach the browser', async () => {
    const [f, ...rest] = of(await run('session/admin-session-lifetime/fail/persistence-for-apps-only.json'), RULE);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ messageId: 'persistentBrowser', policyId: null, pointer: null });
    expect(f!.evidence.expected).toEqual({ persistentBrowser: 'never', clientAppTypes: ['browser'] });
    expect(f!.evidence.nearMisses).toEqual([
      expect.objectContaining({
        policyId: '0002000e-0000-4000-8000-00000000000e',
        reasons: [{ reason: 'it applies only to client apps mobileAppsAndDesktopClients, not browser', condition: 'clientApps', pointer: '/value/0/conditions/clientAppTypes' }],
      }),
    ]);
  });
});

describe('references/unprotected-policy-groups: one finding per group', () => {
  const RULE = 'references/unprotected-policy-groups';
  const FILE = `${FIXTURES}/references/unprotected-policy-groups/fail/one-group-in-several-policies.json`;

  it('lists every enabled or report-only policy the group scopes, with its role and pointer', async () => {
    const findings = of(await run('references/unprotected-policy-groups/fail/one-group-in-several-policies.json'), RULE);
    expect(findings.map((f) => [f.messageId, f.policyId, f.pointer, f.file, f.severity])).toEqual([
      ['excludedGroup', null, null, null, 'high'],
      ['includedGroup', null, null, null, 'high'],
    ]);
    const [scanners, finance] = findings;
    expect(scanners!.evidence).toEqual({
      actual: 'b6f10000-0000-4000-8000-000000000004',
      groupName: 'CA-Exclude-Scanners',
      isAssignableToRole: false,
      isManagementRestricted: false,
      expected: { isAssignableToRole: true, or: { isManagementRestricted: true } },
      policies: [
        { policyId: 'c0a10000-0000-4000-8000-000000000001', policyName: 'Block legacy authentication', state: 'enabled', role: 'exclude', file: FILE, pointer: '/policies/0/conditions/users/excludeGroups/0' },
        { policyId: 'c0a10000-0000-4000-8000-000000000002', policyName: 'Require MFA for all users', state: 'enabledForReportingButNotEnforced', role: 'exclude', file: FILE, pointer: '/policies/1/conditions/users/excludeGroups/0' },
        { policyId: 'c0a10000-0000-4000-8000-000000000003', policyName: 'Finance: scanners need MFA', state: 'enabled', role: 'include', file: FILE, pointer: '/policies/2/conditions/users/includeGroups/1' },
      ],
    });
    expect(scanners!.message).toBe(
      'Group "CA-Exclude-Scanners" (b6f10000-0000-4000-8000-000000000004) is neither role-assignable nor in a restricted management ' +
        'administrative unit, and it is excluded from 2 policies ("Block legacy authentication", "Require MFA for all users") and ' +
        'included in 1 policy ("Finance: scanners need MFA"); its owners and group administrators can exempt anyone from those ' +
        'policies by adding them to it, and take people out of the policy that includes it by removing them.',
    );
    expect(finance!.evidence.policies).toEqual([
      { policyId: 'c0a10000-0000-4000-8000-000000000003', policyName: 'Finance: scanners need MFA', state: 'enabled', role: 'include', file: FILE, pointer: '/policies/2/conditions/users/includeGroups/0' },
    ]);
    expect(finance!.message).toContain('it is included in 1 policy ("Finance: scanners need MFA"); its owners and group administrators can take people out of that policy');
  });

  it('a group in two policies is one finding, not two', async () => {
    const findings = of(await run('references/unprotected-policy-groups/fail/ordinary-groups-in-two-policies.json'), RULE);
    expect(findings.map((f) => [f.messageId, f.evidence.actual])).toEqual([['includedGroup', 'b6f10000-0000-4000-8000-000000000003']]);
    expect((findings[0]!.evidence.policies as Array<{ policyName: string }>).map((p) => p.policyName)).toEqual([
      'Pilot: phishing-resistant MFA',
      'Pilot: token protection',
    ]);
    expect(findings[0]!.message).toContain('it is included in 2 policies ("Pilot: phishing-resistant MFA", "Pilot: token protection")');
  });
});
