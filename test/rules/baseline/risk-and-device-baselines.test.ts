/**
 * What the expected lists of the risk and device baselines cannot show: notices, evidence and wording.
 * The cases are the rules' own fixtures (test/rules/baseline/<rule>/{pass,fail}).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import type { LintResult } from '../../../src/engine/result-types.js';
import { EMPTY_CONFIG, REPO_ROOT, listFixtures } from '../fixtures.js';

async function run(ruleId: string, kind: 'pass' | 'fail', name: string): Promise<LintResult> {
  const fixture = listFixtures().find((f) => f.ruleId === ruleId && f.kind === kind && f.name === name);
  if (!fixture) throw new Error(`no fixture ${ruleId}/${kind}/${name}.json`);
  return lint({ inputs: [fixture.file], cwd: REPO_ROOT, configFile: fixture.configFile ?? EMPTY_CONFIG, now: new Date(0), scope: 'tenant' });
}

const findingsOf = (result: LintResult, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);
const noticesOf = (result: LintResult, ruleId: string) => result.notices.filter((n) => n.ruleId === ruleId);

describe('risk and device baselines', () => {
  it('user-risk: a report-only policy is named as the near miss and said to be report-only', async () => {
    const [finding] = findingsOf(await run('baseline/user-risk', 'fail', 'report-only'), 'baseline/user-risk');
    expect(finding!.message).toContain('"User risk (report-only)" (it is report-only, so nothing is enforced)');
    expect(finding!.evidence.nearMisses).toEqual([expect.objectContaining({ state: 'enabledForReportingButNotEnforced' })]);
  });

  it('user-risk: an MFA policy without a user-risk condition is not a user-risk policy', async () => {
    const [finding] = findingsOf(await run('baseline/user-risk', 'fail', 'no-user-risk-condition'), 'baseline/user-risk');
    // Password change acts only in a policy with a user-risk condition (Graph rejects it otherwise): the near miss says so.
    expect(finding!.message).toContain('it requires password change or risk remediation without a user-risk condition, which Graph rejects');
  });

  it('sign-in-risk: names the open level and, for MFA without every-time, the missing session control', async () => {
    const [open] = findingsOf(await run('baseline/sign-in-risk', 'fail', 'high-only'), 'baseline/sign-in-risk');
    expect(open!.message).toMatch(/at medium sign-in risk/);
    const [weak] = findingsOf(await run('baseline/sign-in-risk', 'fail', 'mfa-time-based-frequency'), 'baseline/sign-in-risk');
    expect(weak!.evidence).toMatchObject({ expected: { frequencyInterval: 'everyTime' }, actual: { frequencyInterval: 'timeBased' } });
  });

  it('narrowed-baseline: the evidence lists every narrowing condition with its pointer', async () => {
    const [finding] = findingsOf(await run('baseline/narrowed-baseline', 'fail', 'two-narrowed-mfa-policies'), 'baseline/narrowed-baseline');
    // Each narrowing condition in its compiled check's own words, at the include or exclude list that decides it.
    expect(finding!.evidence.narrowing).toEqual([
      { reason: 'it applies only on iOS, android, not windows', pointer: '/conditions/platforms/includePlatforms', filePointer: '/value/0/conditions/platforms/includePlatforms' },
    ]);
    expect(finding!.evidence.baseline).toBe('MFA for all users');
  });

  it('insider-risk: without any insider-risk policy the finding says the feature needs Purview', async () => {
    const [finding] = findingsOf(await run('baseline/insider-risk', 'fail', 'no-insider-risk-condition'), 'baseline/insider-risk');
    expect(finding!.message).toContain('Microsoft Purview Insider Risk Management');
  });

  it('security-info-registration: an exempted location that is not trusted is named', async () => {
    const [finding] = findingsOf(
      await run('baseline/security-info-registration', 'fail', 'exempts-untrusted-country-location'),
      'baseline/security-info-registration',
    );
    // The gap is a sign-in from Home countries (not trusted), which the policy exempts.
    expect(finding!.message).toContain('Not covered, for example: a member user (no named group or role); the user action "Register security information"; in DE (Home countries)');
    expect(finding!.message).toContain('(the sign-in is at Home countries, which is excluded)');
  });

  it('workload-identity-risk: no workload policy and no service principals in the export is not evaluated', async () => {
    const result = await run('baseline/workload-identity-risk', 'pass', 'no-workload-policy-no-directory');
    expect(noticesOf(result, 'baseline/workload-identity-risk')).toEqual([
      expect.objectContaining({ kind: 'not-evaluated', message: expect.stringContaining('Workload ID Premium') }),
    ]);
  });

  it('workload-identity-risk: exported service principals without a single-tenant one give an info notice', async () => {
    const result = await run('baseline/workload-identity-risk', 'pass', 'no-single-tenant-service-principals');
    expect(noticesOf(result, 'baseline/workload-identity-risk')).toEqual([expect.objectContaining({ kind: 'info' })]);
  });

  it('workload-identity-risk: the uncovered single-tenant service principal is named, Microsoft and managed identities are not', async () => {
    const [finding] = findingsOf(
      await run('baseline/workload-identity-risk', 'fail', 'service-principal-uncovered'),
      'baseline/workload-identity-risk',
    );
    expect(finding!.evidence.unprotected).toEqual([expect.objectContaining({ name: 'backup-job' })]);
    expect(finding!.message).toMatch(/^1 of 2 single-tenant service principals \(backup-job\) is not covered/);
  });
});
