/**
 * What the expected lists of the agent, Microsoft-managed-policy and risk-remediation fixtures do not show: the message
 * data of tenant-wide findings (near misses and why each falls short) and the enforcement date of managed policies.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import type { LintResult } from '../../../src/engine/result-types.js';
import { EMPTY_CONFIG, REPO_ROOT } from '../fixtures.js';

function run(file: string, configFile = EMPTY_CONFIG): Promise<LintResult> {
  return lint({ inputs: [file], cwd: REPO_ROOT, configFile, now: new Date(0), scope: 'tenant' });
}

const of = (result: LintResult, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);

describe('agents/block-high-risk', () => {
  it('names each near miss with the reasons it falls short, closest first', async () => {
    const [f, ...rest] = of(await run('test/rules/agents/block-high-risk/fail/narrowed-policies.json'), 'agents/block-high-risk');
    expect(rest).toEqual([]);
    expect(f!.policyId).toBeNull();
    const near = (f!.evidence.nearMisses as { policyName: string; reasons: { reason: string; pointer: string }[] }[]).map((n) => ({
      policy: n.policyName,
      reasons: n.reasons.map((r) => r.pointer),
    }));
    // Each near miss with the conditions that keep it from the witness (the pilot agent, at high agent risk).
    expect(near).toEqual([
      { policy: 'Block confidential agents', reasons: ['/value/2/conditions/clientApplications'] },
      { policy: 'Block high-risk agents except the pilot', reasons: ['/value/1/conditions/clientApplications'] },
      {
        policy: 'Block medium agent risk on agent resources',
        reasons: ['/value/0/conditions/applications/includeApplications', '/value/0/conditions/agentIdRiskLevels'],
      },
    ]);
    expect(f!.message).toContain('"Block medium agent risk on agent resources" (it does not target any other resource; it applies only at agent risk medium, not high)');
    expect(f!.message).toContain('"Block high-risk agents except the pilot" (the agent identity is excluded)');
  });

  it('a report-only Microsoft-managed agent policy is a near miss for being report-only, and gets the managed-policy note', async () => {
    const result = await run('test/rules/agents/block-high-risk/fail/managed-policy-report-only.json');
    const [f] = of(result, 'agents/block-high-risk');
    expect(f!.message).toContain('(it is report-only, so nothing is enforced)');
    expect(of(result, 'hygiene/stale-report-only').map((x) => [x.messageId, x.severity])).toEqual([['managedPolicy', 'info']]);
  });

  it('says so when no policy targets agent identities (a policy for agent users does not count)', async () => {
    const [f] = of(await run('test/rules/agents/block-high-risk/fail/agent-users-only.json'), 'agents/block-high-risk');
    expect(f!.message).toMatch(/No policy targets agent identities\.$/);
    // The agent-user policy is named as the nearest policy, for the right reason: it targets agent users, not agent identities.
    expect(f!.evidence).toMatchObject({ agentIdentityPolicies: 0 });
    expect((f!.evidence.nearMisses as Array<{ policyName: string; reasons: Array<{ condition: string }> }>).map((n) => [n.policyName, n.reasons.map((r) => r.condition)])).toEqual([
      ['Block agent users at high agent risk', ['users']],
    ]);
  });
});

describe('agents/block-only', () => {
  it('tells agent identities (block only) from agent users (block or compliant device)', async () => {
    const ids = of(await run('test/rules/agents/block-only/fail/agent-identities-mfa.json'), 'agents/block-only');
    expect(ids.map((f) => f.evidence.expected)).toEqual([['block'], ['block'], ['block']]);
    const users = of(await run('test/rules/agents/block-only/fail/agent-users-terms-and-session.json'), 'agents/block-only');
    expect(users.map((f) => f.evidence.expected)).toEqual([['block', 'compliantDevice'], null]);
  });
});

describe('hygiene/stale-report-only: Microsoft-managed policies', () => {
  it('gives the earliest enforcement date from createdDateTime + 45 days, or "unknown", at info severity', async () => {
    const notes = of(await run('test/rules/hygiene/stale-report-only/fail/microsoft-managed.json'), 'hygiene/stale-report-only');
    expect(notes.map((f) => [f.messageId, f.severity, f.evidence.earliestEnforcement, (f.evidence.managedBy as { field: string }).field])).toEqual([
      ['managedPolicy', 'info', '1969-07-16', 'displayName'],
      ['managedPolicy', 'info', '1970-02-03', 'templateId'],
      ['managedPolicy', 'info', 'unknown', 'displayName'],
    ]);
    expect(notes[0]!.message).toContain('has passed, so it may be switched on at any time');
    expect(notes[0]!.message).toContain('exclude the break-glass accounts now');
    expect(notes[1]!.message).toContain('not before 1970-02-03');
    expect(notes[1]!.message).toContain('exclude the break-glass accounts before then');
    expect(notes[2]!.message).toContain('the date is unknown');
  });
});
