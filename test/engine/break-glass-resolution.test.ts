/**
 * One break-glass resolution for every way in: an id the export does not hold counts in excludeUsers or excludeGroups,
 * whether it came from --break-glass or from the config's users or groups list, for lint, coverage and the report.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { policy, writeTenant } from '../helpers/tenant.js';

const GROUP = 'e6e6e6e6-0000-4000-8000-0000000000a1';
const USER = 'e6e6e6e6-0000-4000-8000-000000000001';

/** Policies only, no directory objects: every policy excludes the break-glass group by id. */
function tenant(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-bg-'));
  writeTenant(dir, {
    policies: [
      policy({ displayName: 'Require MFA for all users', users: { excludeGroups: [GROUP] } }),
      policy({ displayName: 'Block legacy authentication', users: { excludeGroups: [GROUP] }, conditions: { clientAppTypes: ['exchangeActiveSync', 'other'] }, grantControls: { operator: 'OR', builtInControls: ['block'] } }),
      policy({ displayName: 'Block outside trusted locations', users: { excludeUsers: [USER], excludeGroups: [GROUP] }, conditions: { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }, grantControls: { operator: 'OR', builtInControls: ['block'] } }),
    ],
  });
  return dir;
}

function config(dir: string, breakGlass: unknown): string {
  const file = path.join(dir, 'bg.config.json');
  writeFileSync(file, JSON.stringify({ breakGlass }));
  return file;
}

const bgFindings = (stdout: string) =>
  (JSON.parse(stdout).findings as Array<{ ruleId: string; messageId: string }>).filter((f) => f.ruleId.startsWith('break-glass/')).map((f) => `${f.ruleId}:${f.messageId}`);

describe('break-glass ids of unknown kind', () => {
  it('a group id given with --break-glass counts as excluded (no missing-exclusion, no lockout)', () => {
    const dir = tenant();
    const r = runCli(['lint', dir, '--break-glass', GROUP, '--format', 'json', '--config', config(dir, {})]);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout);
    expect(result.breakGlass).toMatchObject({ source: 'given', accounts: [{ kind: 'unknown', id: GROUP, origin: 'command line' }] });
    expect(bgFindings(r.stdout)).toEqual([]);
  });

  it.each([
    ['users', { users: [GROUP] }],
    ['groups', { groups: [GROUP] }],
  ])('the same group id in the config under %s gives the same answer', (_, breakGlass) => {
    const dir = tenant();
    const r = runCli(['lint', dir, '--format', 'json', '--config', config(dir, breakGlass)]);
    expect(JSON.parse(r.stdout).breakGlass.source).toBe('configured');
    expect(bgFindings(r.stdout)).toEqual([]);
  });

  it('a policy that excludes neither list is still reported', () => {
    const dir = tenant();
    const r = runCli(['lint', dir, '--break-glass', 'e6e6e6e6-0000-4000-8000-0000000000ff', '--format', 'json', '--config', config(dir, {})]);
    expect(bgFindings(r.stdout)).toEqual([
      'break-glass/missing-exclusion:missing',
      'break-glass/missing-exclusion:missing',
      'break-glass/block-all-users-lockout:lockout',
      'break-glass/missing-exclusion:missing',
    ]);
  });

  it('coverage treats the given group as an expected gap, as lint does', () => {
    const dir = tenant();
    const withGroup = runCli(['coverage', dir, '--break-glass', GROUP, '--format', 'json', '--config', config(dir, {})]);
    const gaps = JSON.parse(withGroup.stdout).gaps as Array<{ expected: string | null; cell: Record<string, string> }>;
    const groupGaps = gaps.filter((g) => (g.cell.identity ?? '').includes(GROUP));
    expect(groupGaps.length).toBeGreaterThan(0);
    expect(groupGaps.every((g) => g.expected !== null)).toBe(true);
  });

  it('a name that resolves to nothing stops the run with one line and close matches', () => {
    const dir = tenant();
    const r = runCli(['lint', dir, '--break-glass', 'bg-admin@contoso.com', '--config', config(dir, {})]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('calint: error: --break-glass "bg-admin@contoso.com": no user or group with this id, UPN or name; the export holds no users or groups, so give the object id\n');
  });
});
