/**
 * frameworkCompliance on LintResults made by running lint() on rule fixtures: each status (passed, failed,
 * accepted-risk, not-evaluated, not-checkable) and the reason a reader sees.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { lint, type LintOptions } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result-types.js';
import { frameworkCompliance } from '../../src/frameworks/compliance.js';
import { FRAMEWORKS } from '../../src/frameworks/definitions.js';
import type { ControlResult, FrameworkReport } from '../../src/frameworks/types.js';

const ROOT = path.resolve(__dirname, '../..');
const EMPTY_CONFIG = 'test/rules/empty.config.json';
const NOW = new Date('2026-12-01T00:00:00Z');

function run(input: string, extra: Partial<LintOptions> = {}): Promise<LintResult> {
  return lint({ inputs: [input], cwd: ROOT, configFile: EMPTY_CONFIG, now: NOW, scope: 'tenant', ...extra });
}

function control(reports: FrameworkReport[], framework: 'cis' | 'scuba', id: string): ControlResult {
  const found = reports.find((r) => r.framework.id === framework)?.controls.find((c) => c.control.id === id);
  if (!found) throw new Error(`no control ${framework} ${id}`);
  return found;
}

const MFA_PASS = 'test/rules/baseline/mfa-all-users/pass/enabled-mfa-all-users.json';
const MFA_FAIL = 'test/rules/baseline/mfa-all-users/fail/split-with-a-hole.json';

describe('frameworkCompliance', () => {
  it('passed: every implementing rule ran and found nothing', async () => {
    const reports = frameworkCompliance(await run(MFA_PASS, { only: ['baseline/mfa-all-users'] }));
    for (const [fw, id] of [['cis', '5.2.2.2'], ['scuba', 'MS.AAD.3.2v2']] as const) {
      expect(control(reports, fw, id)).toMatchObject({ status: 'passed', findings: [], acceptedRisks: [], reason: null });
    }
  });

  it('failed: an open finding of an implementing rule, listed with its message', async () => {
    const result = await run(MFA_FAIL, { only: ['baseline/mfa-all-users'] });
    const c = control(frameworkCompliance(result), 'cis', '5.2.2.2');
    expect(c.status).toBe('failed');
    expect(c.findings).toHaveLength(1);
    expect(c.findings[0]).toMatchObject({ ruleId: 'baseline/mfa-all-users', policyId: null, severity: result.findings[0]!.severity });
    expect(c.findings[0]!.message).toMatch(/MFA/);
    expect(c.reason).toBeNull();
  });

  it('failed: a baselined finding still fails (a baseline is a CI convenience, not an accepted risk)', async () => {
    const result = await run(MFA_FAIL, { only: ['baseline/mfa-all-users'] });
    const baselined: LintResult = { ...result, findings: result.findings.map((f) => ({ ...f, baselineState: 'unchanged' as const })) };
    expect(control(frameworkCompliance(baselined), 'cis', '5.2.2.2').status).toBe('failed');
  });

  it('accepted-risk: every finding suppressed in the config, with owner, justification and expiry', async () => {
    const result = await run(MFA_FAIL, { only: ['baseline/mfa-all-users'], configFile: 'test/frameworks/fixtures/accepted-mfa.config.json' });
    const c = control(frameworkCompliance(result), 'scuba', 'MS.AAD.3.2v2');
    expect(c.status).toBe('accepted-risk');
    expect(c.findings).toEqual([]);
    expect(c.acceptedRisks).toEqual([
      expect.objectContaining({
        ruleId: 'baseline/mfa-all-users',
        owner: 'identity-team@example.org',
        justification: expect.stringContaining('partner tenant'),
        expires: '2027-06-30',
      }),
    ]);
  });

  it('not-evaluated: a rule the tenant\'s licences do not allow did not run, and the reason says which licence', async () => {
    const result = await run('test/rules/baseline/block-sign-in-risk/fail/high-only.json', {
      only: ['baseline/block-sign-in-risk'],
      configFile: 'test/frameworks/fixtures/p1-only.config.json',
    });
    const c = control(frameworkCompliance(result), 'cis', '5.2.2.8');
    expect(c.status).toBe('not-evaluated');
    expect(c.findings).toEqual([]);
    expect(c.reason).toContain('baseline/block-sign-in-risk');
    expect(c.reason).toContain('Microsoft Entra ID P2');
  });

  it('not-evaluated: a rule left out of the run (--rule, or off in the config)', async () => {
    const onlyOther = frameworkCompliance(await run(MFA_PASS, { only: ['baseline/block-legacy-auth'] }));
    expect(control(onlyOther, 'cis', '5.2.2.2')).toMatchObject({ status: 'not-evaluated', reason: expect.stringContaining('baseline/mfa-all-users did not run') });

    const off = frameworkCompliance(await run(MFA_PASS, { configFile: 'test/frameworks/fixtures/mfa-rule-off.config.json' }));
    expect(control(off, 'scuba', 'MS.AAD.3.2v2').status).toBe('not-evaluated');
  });

  it('not-evaluated: a tenant-wide rule in a run at policy scope', async () => {
    const reports = frameworkCompliance(await run(MFA_PASS, { scope: 'policy' }));
    expect(control(reports, 'cis', '5.2.2.2').reason).toMatch(/single policies/);
  });

  it('not-evaluated: a rule that ran but could not decide (not-evaluated notice)', async () => {
    const result = await run(MFA_PASS, { only: ['baseline/mfa-all-users'] });
    const undecided: LintResult = {
      ...result,
      notices: [{ ruleId: 'baseline/mfa-all-users', kind: 'not-evaluated', message: 'not evaluated: the custom strength is not in the export' }],
    };
    expect(control(frameworkCompliance(undecided), 'cis', '5.2.2.2')).toMatchObject({
      status: 'not-evaluated',
      reason: 'baseline/mfa-all-users: not evaluated: the custom strength is not in the export',
    });
    // An info notice says nothing about the verdict.
    const info: LintResult = { ...result, notices: [{ ruleId: 'baseline/mfa-all-users', kind: 'info', message: 'fyi' }] };
    expect(control(frameworkCompliance(info), 'cis', '5.2.2.2').status).toBe('passed');
  });

  it('not-checkable: the control needs data an export does not hold, whatever the run found', async () => {
    const reports = frameworkCompliance(await run(MFA_FAIL));
    const c = control(reports, 'cis', '5.2.3.5');
    expect(c).toMatchObject({ status: 'not-checkable', findings: [], acceptedRisks: [] });
    expect(c.reason).toMatch(/authentication methods policy/);
    expect(control(reports, 'scuba', 'MS.AAD.7.1v1').status).toBe('not-checkable');
  });

  it('onlyMessages: SCuBA 2.3 (block high sign-in risk) passes where CIS 5.2.2.8 (high and medium) fails', async () => {
    const result = await run('test/rules/baseline/block-sign-in-risk/fail/high-only.json', { only: ['baseline/block-sign-in-risk'] });
    expect(result.findings.map((f) => f.messageId)).toEqual(['medium']);
    const reports = frameworkCompliance(result);
    expect(control(reports, 'cis', '5.2.2.8').status).toBe('failed');
    expect(control(reports, 'scuba', 'MS.AAD.2.3v1').status).toBe('passed');
  });

  it('lists every control in the data files\' order, and the counts add up', async () => {
    const reports = frameworkCompliance(await run(MFA_FAIL));
    expect(reports.map((r) => r.framework.id)).toEqual(['cis', 'scuba']);
    for (const [i, r] of reports.entries()) {
      expect(r.controls.map((c) => c.control.id)).toEqual(FRAMEWORKS[i]!.controls.map((c) => c.id));
      expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.controls.length);
      for (const status of Object.keys(r.counts) as Array<keyof typeof r.counts>) {
        expect(r.counts[status]).toBe(r.controls.filter((c) => c.status === status).length);
      }
      expect(r.framework).not.toHaveProperty('controls');
    }
  });

  it('is pure: the same result gives the same report, and the result is left as it was', async () => {
    const result = await run(MFA_FAIL);
    const before = JSON.stringify(result);
    expect(frameworkCompliance(result)).toEqual(frameworkCompliance(result));
    expect(JSON.stringify(result)).toBe(before);
  });
});
