import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const RAVI = 'ravi.menon@northwindtraders.example';
const EXO = '00000002-0000-0ff1-ce00-000000000000';
const full = ['--role', 'none', '--platform', 'windows', '--client-app', 'browser', '--ip', '203.0.113.9', '--country', 'DE', '--risk', 'none', '--user-risk', 'none', '--insider-risk', 'none', '--flow', 'none', '--device', 'unregistered'];

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'calint-eval-'));
}

describe('calint whatif', () => {
  it('answers a fully described sign-in to Exchange Online: MFA strength and a managed device, report-only listed apart', () => {
    const r = runCli(['whatif', 'examples/', '--user', RAVI, '--app', EXO, ...full, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('calint-whatif');
    expect(out.outcome.decision).toBe('grant');
    expect(out.outcome.certain).toBe(true);
    expect(out.outcome.requirements.map((q: { policyName: string }) => q.policyName)).toEqual([
      'CA003-Global-BaseProtection-AllApps-AnyPlatform-RequireMFA',
      'CA201-Internals-BaseProtection-AllApps-WindowsMacOS-RequireCompliantOrHybridDevice',
    ]);
    expect(out.outcome.requirements[0].controls[0]).toMatchObject({ kind: 'authenticationStrength', name: 'Multifactor authentication' });
    expect(out.outcome.requirements[1]).toMatchObject({ operator: 'OR', controls: [{ control: 'compliantDevice' }, { control: 'domainJoinedDevice' }] });
    expect(out.outcome.reportOnly.map((p: { policyName: string }) => p.policyName)).toEqual(['CA204-Internals-IdentityProtection-AllApps-AnyPlatform-RequirePhishingResistantMFA-Pilot']);
    expect(out.outcome.session.persistentBrowser.value).toBe('never');
    const ca012 = out.policies.find((p: { policyName: string }) => p.policyName.startsWith('CA012'));
    expect(ca012).toMatchObject({ applies: 'doesNotApply', reasons: [{ reason: 'location' }] });
    const ca090 = out.policies.find((p: { policyName: string }) => p.policyName.startsWith('CA090'));
    expect(ca090).toMatchObject({ applies: 'doesNotApply', reasons: [{ reason: 'policyNotEnabled' }] });
  });

  it('says a sign-in from a blocked country is blocked, and by which policy', () => {
    const r = runCli(['whatif', 'examples/', '--user', RAVI, '--app', EXO, ...full.slice(0, 8), '--country', 'KP', ...full.slice(10), '--ip', '198.51.100.200']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^BLOCKED by CA012-Global-AttackSurfaceReduction-AllApps-AnyPlatform-Block-BlockedCountries$/m);
  });

  it('says "cannot tell" and names the missing fact instead of guessing', () => {
    const r = runCli(['whatif', 'examples/', '--user', RAVI, '--app', EXO, '-f', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome.certain).toBe(false);
    const ca001 = out.policies.find((p: { policyName: string }) => p.policyName.startsWith('CA001'));
    expect(ca001.applies).toBe('cannotTell');
    expect(ca001.reasons.map((x: { text: string }) => x.text)).toContain('needs the client app type');
  });

  it('lists the policies that do not apply, with the reason, under --verbose', () => {
    const r = runCli(['whatif', 'examples/', '--user', RAVI, '--app', EXO, ...full, '--verbose']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('What if: Ravi Menon → Office 365 Exchange Online, windows, browser, 203.0.113.9');
    expect(r.stdout).toMatch(/not\s+CA202-Internals-AppProtection-AllApps-iOSAndroid-RequireAppProtectionOrCompliantDevice — it applies only on android, iOS, not windows/);
  });

  it('reads a scenario file, with flags overriding it', () => {
    const dir = tmp();
    const file = path.join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify({ identity: { kind: 'user', userId: RAVI, roleIds: [] }, target: { kind: 'application', appId: EXO }, platform: 'iOS', clientApp: 'mobileAppsAndDesktopClients' }));
    const r = runCli(['whatif', 'examples/', '--scenario', file, '--platform', 'android', '-f', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenario.platform).toBe('android');
    expect(out.policies.find((p: { policyName: string }) => p.policyName.startsWith('CA202')).applies).not.toBe('doesNotApply');
  });

  it('rejects a bad scenario with one clear line and exit 2', () => {
    const bad = runCli(['whatif', 'examples/', '--app', EXO, '--ip', '10.0.0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('calint: error: --ip must be an IPv4 or IPv6 address (got "10.0.0")\n');
    const none = runCli(['whatif', 'examples/', '--user', RAVI]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/give --app <id\|name>, --user-action or --auth-context/);
    const device = runCli(['whatif', 'examples/', '--app', EXO, '--device', '{trustType:']);
    expect(device.status).toBe(2);
    expect(device.stderr).toMatch(/^calint: error: --device: expected device attributes as JSON/);
    expect(device.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('calint coverage', () => {
  it('finds the one unprotected kind of sign-in in the sample tenant, with a witness and the near misses', () => {
    const r = runCli(['coverage', 'examples/', '-f', 'json'], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('calint-coverage');
    expect(out.gaps).toHaveLength(1);
    const gap = out.gaps[0];
    expect(gap.expected).toBeNull();
    expect(gap.cell.identity).toBe('user On-Premises Directory Synchronization Service Account');
    expect(gap.witness.identity.userId).toBe('74c4b3af-134d-47bd-8c3e-557bde12f310');
    expect(gap.nearMisses.map((n: { policyName: string }) => n.policyName)).toContain('CA003-Global-BaseProtection-AllApps-AnyPlatform-RequireMFA');
    // The break-glass accounts are covered by their own phishing-resistant policy (CA002): no expected gap either.
    expect(out.expectedGaps).toBe(0);
    // Deterministic: the same input gives the same bytes.
    expect(runCli(['coverage', 'examples/', '-f', 'json'], { env: { SOURCE_DATE_EPOCH: '1767225600' } }).stdout).toBe(r.stdout);
    expect(runCli(['coverage', 'examples/', '--fail-on-gap']).status).toBe(1);
  });

  it('reports break-glass gaps as expected, and a tenant with no gap as such', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'directory'));
    const policy = (id: string, exclude: string[]) => ({
      id,
      displayName: `MFA ${id.slice(-1)}`,
      state: 'enabled',
      conditions: {
        users: { includeUsers: ['All'], excludeGroups: exclude },
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
      },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    });
    const group = 'aaaaaaaa-0000-4000-8000-00000000bbbb';
    writeFileSync(path.join(dir, 'policies.json'), JSON.stringify({ value: [policy('00000000-0000-4000-8000-000000000001', [group])] }));
    writeFileSync(path.join(dir, 'directory', 'groups.json'), JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups', value: [{ id: group, displayName: 'Contractors', members: [] }] }));
    const r = runCli(['coverage', dir, '--break-glass', group, '--fail-on-gap']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No gaps (1 expected: break-glass)');
    expect(r.stdout).toContain('[expected: break-glass group] identity: member of Contractors');
    const without = runCli(['coverage', dir, '--fail-on-gap', '-f', 'json', '-o', path.join(dir, 'out.json')]);
    expect(without.status).toBe(1);
    const out = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
    expect(out.gaps).toHaveLength(1);
    expect(out.gaps[0].nearMisses[0].reasons[0].text).toBe('the user is in the excluded group Contractors');
    // Not configured, but named like one: inferred as the break-glass rule infers it, and said so.
    writeFileSync(path.join(dir, 'directory', 'groups.json'), JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups', value: [{ id: group, displayName: 'Emergency access', members: [] }] }));
    const inferred = runCli(['coverage', dir, '--fail-on-gap']);
    expect(inferred.status).toBe(0);
    expect(inferred.stderr).toMatch(/^calint: break-glass accounts not configured; inferred group "Emergency access" \(aaaaaaaa-0000-4000-8000-00000000bbbb\) \(high confidence: /);
  });
});

describe('calint whatif: every name resolves or the run stops', () => {
  it('resolves UPNs, display names, role and app names case-insensitively', () => {
    const r = runCli(['whatif', 'examples/', '--user', RAVI.toUpperCase(), '--role', 'global administrator', '--app', 'office 365 exchange online', '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenario.identity.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.scenario.identity.roleIds).toEqual(['62e90394-69f5-4237-9190-012177145e10']);
    expect(out.scenario.target.appId).toBe(EXO);
  });

  it.each([
    [['--user', 'nobody@northwindtraders.example'], /^calint: error: --user "nobody@northwindtraders\.example": no user with this id or name/],
    [['--role', 'Global Admin'], /^calint: error: --role "Global Admin": no directory role with this id or name \(did you mean "Global Administrator"/],
    [['--app', 'Exchange Online'], /^calint: error: --app "Exchange Online": no application with this id or name \(did you mean "Office 365 Exchange Online"\?\)$/m],
    [['--group', 'Finance Everyone'], /^calint: error: --group "Finance Everyone": no group with this id or name/],
    [['--location', 'Head Office Narnia'], /^calint: error: --location "Head Office Narnia": no named location with this id or name/],
    [['--app', 'Office365'], /^calint: error: --app "Office365": a sign-in is to one application, and Office 365 \(app group\) is not one/],
  ])('stops on %j with one line naming the value and close matches', (args, message) => {
    const withApp = args.includes('--app') ? args : [...args, '--app', EXO];
    const r = runCli(['whatif', 'examples/', ...withApp]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('accepts an object id the export does not hold (exports often leave the directory out)', () => {
    const r = runCli(['whatif', 'examples/', '--user', '11111111-2222-4333-8444-555555555555', '--app', EXO, '-f', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenario.identity.userId).toBe('11111111-2222-4333-8444-555555555555');
  });
});

describe('calint whatif: the scenario file follows schemas/scenario.schema.json', () => {
  const write = (content: string) => {
    const file = path.join(tmp(), 'scenario.json');
    writeFileSync(file, content);
    return file;
  };

  it.each([
    ['an unknown key', '{\n  "identity": { "kind": "user", "userID": "x" },\n  "target": { "kind": "application", "appId": "' + EXO + '" }\n}', /:2:33 at \/identity\/userID: unknown key "userID" in identity \(known keys: kind, userId, groupIds, roleIds, guestType, homeTenantId\)$/],
    ['a list where a string belongs', '{"identity":{"kind":"user","groupIds":"Finance"},"target":{"kind":"application","appId":"' + EXO + '"}}', /:1:\d+ at \/identity\/groupIds: identity\.groupIds must be a list, found "Finance"$/],
    ['a wrong kind', '{"identity":{"kind":"robot"},"target":{"kind":"application","appId":"' + EXO + '"}}', /at \/identity\/kind: identity\.kind must be one of "user", "servicePrincipal", "agent", found "robot"$/],
    ['no target', '{"identity":{"kind":"user"}}', /at \/: the scenario needs "target"$/],
    ['a missing app id', '{"identity":{"kind":"user"},"target":{"kind":"application"}}', /at \/target: target needs "appId"$/],
    ['an array', '[]', /at \/: a scenario must be an object, found a list$/],
    ['invalid JSON', '{"identity": {"kind": "user",}\n "target": 1', /:2:2: invalid JSON: unexpected character "\\"": comma or "}" expected$/],
    ['a bad IP', '{"identity":{"kind":"user"},"target":{"kind":"application","appId":"' + EXO + '"},"ip":"10.0.0"}', /at \/ip: ip must be an IPv4 or IPv6 address \(got "10\.0\.0"\)$/],
    ['a name that does not resolve', '{"identity":{"kind":"user","roleIds":["Global Admin"]},"target":{"kind":"application","appId":"' + EXO + '"}}', /:1:\d+ at \/identity\/roleIds\/0: scenario identity\.roleIds\[0\] "Global Admin": no directory role with this id or name \(did you mean "Global Administrator"/],
  ])('reports %s with the file, line:column and JSON pointer, exit 2', (_name, content, message) => {
    const file = write(content);
    const r = runCli(['whatif', 'examples/', '--scenario', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^calint: error: /);
    expect(r.stderr).toContain(file);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|is not a function/);
  });

  it('refuses a FIFO instead of waiting for a writer', () => {
    const file = path.join(tmp(), 'fifo.json');
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    const r = runCli(['whatif', 'examples/', '--scenario', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`calint: error: ${file}: cannot read the scenario file: not a regular file (a FIFO)\n`);
  });
});

describe('calint whatif --scenarios: many sign-ins in one process', () => {
  it('answers each line of a JSON Lines file, in order, with its name', () => {
    const file = path.join(tmp(), 'signins.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ name: 'Ravi from North Korea', identity: { kind: 'user', userId: RAVI, roleIds: [] }, target: { kind: 'application', appId: EXO }, country: 'KP', ip: '198.51.100.200' }),
        '',
        JSON.stringify({ identity: { kind: 'user', userId: RAVI, roleIds: [] }, target: { kind: 'application', appId: 'Office 365 Exchange Online' }, ...Object.fromEntries([['platform', 'windows'], ['clientApp', 'browser'], ['ip', '203.0.113.9'], ['country', 'DE'], ['signInRisk', 'none'], ['userRisk', 'none'], ['insiderRisk', 'none'], ['authenticationFlow', 'none'], ['device', null]]) }),
      ].join('\n') + '\n',
    );
    const r = runCli(['whatif', 'examples/', '--scenarios', file, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('calint-whatif-batch');
    expect(out.results.map((x: { line: number; name?: string; outcome: { decision: string } }) => [x.line, x.name ?? null, x.outcome.decision])).toEqual([
      [1, 'Ravi from North Korea', 'blocked'],
      [3, null, 'grant'],
    ]);
    const text = runCli(['whatif', 'examples/', '--scenarios', file]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^── 1\/2: Ravi from North Korea ──$/m);
    expect(text.stdout).toMatch(/^── 2\/2: line 3 ──$/m);
  });

  it('stops at a bad line, naming the file and line', () => {
    const file = path.join(tmp(), 'signins.jsonl');
    writeFileSync(file, `${JSON.stringify({ identity: { kind: 'user' }, target: { kind: 'application', appId: EXO } })}\n{"identity":{"kind":"user"},"target":{"kind":"application","appId":"${EXO}"},"platform":"Windows"}\n`);
    const r = runCli(['whatif', 'examples/', '--scenarios', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^calint: error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+ at /platform: platform must be one of "android", "iOS", "windows"`));
  });
});
