import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
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
    expect(bad.stderr).toBe('calint: error: scenario: ip must be an IPv4 or IPv6 address (got "10.0.0")\n');
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
