/**
 * The CI gate end to end, with the spawned CLI: SARIF validated against the official SARIF 2.1.0 schema (draft-04)
 * and GitHub's documented limits, JUnit validated against the de facto XSD, several formats in one run, the failure
 * threshold, GitHub annotations and step summary, suppressions (valid, expired, unused, missing justification),
 * baselines (new finding fails, reformatted and reordered input does not), and `calint init`.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';

const require_ = (p: string) => JSON.parse(readFileSync(path.join(repoRoot, p), 'utf8'));
const sarifSchema = require_('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// CommonJS packages: under NodeNext the default import is the module object, whose `default` is the export.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);
const junitXsd = readFileSync(path.join(repoRoot, 'test/schemas/junit.xsd'), 'utf8');

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'calint-ci-'));
const EXAMPLES = ['lint', 'examples/northwind', '--config', 'examples/calint.config.json'];

/** A small tenant in a temp folder: two token-protection policies with findings, one clean. */
function tenant(dir: string, policies = basePolicies()): string {
  const file = path.join(dir, 'policies.json');
  writeFileSync(file, JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies', value: policies }, null, 2));
  return file;
}

const BG = '11111111-1111-4111-8111-111111111111';
function tpPolicy(id: string, name: string, apps: string[], clientAppTypes: string[]) {
  return {
    id,
    displayName: name,
    state: 'enabled',
    conditions: {
      clientAppTypes,
      applications: { includeApplications: apps },
      users: { includeUsers: ['All'], excludeUsers: [BG] },
      platforms: { includePlatforms: ['windows'] },
      devices: {
        deviceFilter: {
          mode: 'exclude',
          rule: 'device.systemLabels -contains "CloudPC" -or device.systemLabels -contains "AzureVirtualDesktop" -or device.systemLabels -contains "MicrosoftPowerAutomate" -or device.systemLabels -contains "AzureResource"',
        },
      },
    },
    sessionControls: { secureSignInSession: { isEnabled: true } },
  };
}
function basePolicies() {
  return [
    tpPolicy('aaaaaaaa-0000-4000-8000-000000000001', 'TP Office365 group', ['Office365'], ['mobileAppsAndDesktopClients']),
    tpPolicy('aaaaaaaa-0000-4000-8000-000000000002', 'TP with browser', ['00000002-0000-0ff1-ce00-000000000000'], ['browser', 'mobileAppsAndDesktopClients']),
    tpPolicy('aaaaaaaa-0000-4000-8000-000000000003', 'TP correct', ['00000002-0000-0ff1-ce00-000000000000', '00000003-0000-0ff1-ce00-000000000000'], ['mobileAppsAndDesktopClients']),
  ];
}
/** Only the seed rules matter here: the rest of the catalogue is switched off so the cases stay small. */
function config(dir: string, extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'calint.config.json');
  const rules = Object.fromEntries(
    JSON.parse(runCli(['rules', '--format', 'json']).stdout)
      .map((r: { id: string }) => r.id)
      .filter((id: string) => !['token-protection/resource-scope', 'token-protection/client-app-types'].includes(id))
      .map((id: string) => [id, 'off']),
  );
  writeFileSync(file, JSON.stringify({ breakGlass: { users: [BG] }, rules, ...extra }, null, 2));
  return file;
}

describe('SARIF', () => {
  it('validates against the official SARIF 2.1.0 schema and stays within GitHub code scanning limits', () => {
    const r = runCli([...EXAMPLES, '--format', 'sarif']);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('calint');
    expect(run.tool.driver.rules.length).toBeGreaterThan(0);
    expect(run.tool.driver.rules.length).toBeLessThanOrEqual(25_000);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain('**');
      const sev = Number(rule.properties['security-severity']);
      expect(sev).toBeGreaterThanOrEqual(0.1);
      expect(sev).toBeLessThanOrEqual(10);
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
      expect(rule.name.length).toBeLessThanOrEqual(255);
    }
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results.length).toBeLessThanOrEqual(25_000);
    const ids = new Set(run.tool.driver.rules.map((x: { id: string }) => x.id));
    for (const res of run.results) {
      expect(ids.has(res.ruleId)).toBe(true);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations.length).toBeGreaterThanOrEqual(1);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toMatch(/^examples\/northwind\//);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(res.partialFingerprints['calintFindingHash/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('places a tenant-wide finding on the input it is about: the closest policy, else the policies file', () => {
    const json = JSON.parse(runCli([...EXAMPLES, '--format', 'json']).stdout);
    const log = JSON.parse(runCli([...EXAMPLES, '--format', 'sarif']).stdout);
    const tenantWide = json.findings.map((f: { policyId: string | null }, i: number) => [f, log.runs[0].results[i]]).filter(([f]: [{ policyId: string | null }]) => f.policyId === null);
    expect(tenantWide.length).toBeGreaterThan(3);
    const lineOf = (id: string) => json.policies.find((p: { id: string }) => p.id === id).line;
    let nearMissPlaced = 0;
    for (const [f, res] of tenantWide) {
      expect(res.ruleId).toBe(f.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri, f.ruleId).toBe('examples/northwind/policies.json');
      const closest = f.evidence.nearMisses?.[0] ?? f.evidence.policies?.[0];
      if (closest?.policyId) {
        expect(loc.region.startLine, f.ruleId).toBe(lineOf(closest.policyId));
        nearMissPlaced++;
      } else {
        expect(loc.region.startLine, f.ruleId).toBe(1);
      }
    }
    expect(nearMissPlaced).toBeGreaterThan(0);
    // Never on the first file read (authenticationContexts.json), which the findings are not about.
    expect(json.inputs[0].path).toBe('examples/northwind/authenticationContexts.json');
    expect(log.runs[0].results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.includes('authenticationContexts'))).toEqual([]);
  });

  it('places a coverage gap on the file of its closest policy when the policies are in several files', () => {
    const dir = tmp();
    const all = JSON.parse(readFileSync(path.join(repoRoot, 'examples/northwind/policies.json'), 'utf8'));
    for (const f of ['authenticationContexts.json', 'authenticationStrengths.json', 'namedLocations.json']) {
      writeFileSync(path.join(dir, f), readFileSync(path.join(repoRoot, 'examples/northwind', f)));
    }
    // The first half of the policies in a-policies.json, the rest in b-policies.json.
    const half = Math.floor(all.value.length / 2);
    writeFileSync(path.join(dir, 'a-policies.json'), JSON.stringify({ ...all, value: all.value.slice(0, half) }, null, 2));
    writeFileSync(path.join(dir, 'b-policies.json'), JSON.stringify({ ...all, value: all.value.slice(half) }, null, 2));
    const cfg = path.join(repoRoot, 'examples/calint.config.json');
    const json = JSON.parse(runCli(['lint', '.', '--config', cfg, '--format', 'json'], { cwd: dir }).stdout);
    const log = JSON.parse(runCli(['lint', '.', '--config', cfg, '--format', 'sarif'], { cwd: dir }).stdout);
    const files = new Set<string>();
    json.findings.forEach((f: any, i: number) => {
      if (f.policyId !== null) return;
      const uri = log.runs[0].results[i].locations[0].physicalLocation.artifactLocation.uri;
      const closest = f.evidence.nearMisses?.[0] ?? f.evidence.policies?.[0];
      expect(uri, f.ruleId).toBe(closest?.file ?? 'a-policies.json');
      files.add(uri);
    });
    expect([...files].sort()).toEqual(['a-policies.json', 'b-policies.json']);
  });

  it('an invalid log fails the schema check (the validator is real)', () => {
    const log = JSON.parse(runCli([...EXAMPLES, '--format', 'sarif']).stdout);
    log.runs[0].results[0].level = 'fatal';
    expect(validateSarif(log)).toBe(false);
  });

  it('keeps partialFingerprints when the input is reformatted and its policies reordered', () => {
    const a = tmp();
    const b = tmp();
    const fileA = tenant(a);
    const reordered = basePolicies().reverse();
    const fileB = path.join(b, 'policies.json');
    writeFileSync(fileB, JSON.stringify({ value: reordered, '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies' }));
    const prints = (dir: string, file: string) =>
      JSON.parse(runCli(['lint', file, '--config', config(dir), '--format', 'sarif']).stdout)
        .runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['calintFindingHash/v1'])
        .sort();
    const pa = prints(a, fileA);
    expect(pa.length).toBe(2);
    expect(prints(b, fileB)).toEqual(pa);
  });
});

describe('JUnit', () => {
  it('validates against the JUnit XSD, one suite per rule, unique test case names', async () => {
    const r = runCli([...EXAMPLES, '--format', 'junit']);
    expect(r.status).toBe(1);
    const check = await validateXML({ xml: [{ fileName: 'calint.xml', contents: r.stdout }], schema: [{ fileName: 'junit.xsd', contents: junitXsd }] });
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    const names = [...r.stdout.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(r.stdout).toMatch(/<testcase name="token-protection\/resource-scope CA211-Internals-TokenProtection-Office365-Windows"[^>]*>\s*<failure message="[^"]*Office 365 app group/);
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout).length;
    expect([...r.stdout.matchAll(/<testsuite /g)].length).toBe(rules);
  });

  it('is proportional to what failed: a pass per clean rule, a case per (rule, policy) finding, failures only at or above --fail-on', async () => {
    const json = JSON.parse(runCli([...EXAMPLES, '--format', 'json']).stdout);
    const r = runCli([...EXAMPLES, '--format', 'junit']);
    expect(r.status).toBe(1);
    const cases = [...r.stdout.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)].map((m) => ({ name: m[1]!, rule: m[2]!, body: m[3]! }));
    const subject = (f: any) => (f.policyId || f.policyName ? `${f.ruleId}\u0000${f.file}\u0000${f.policyId ?? f.policyName}` : `${f.ruleId}\u0000${f.fingerprint}`);
    const subjects = new Set(json.findings.map(subject));
    const rulesWithFindings = new Set(json.findings.map((f: any) => f.ruleId));
    // One pass per rule without findings, one case per (rule, policy) or tenant-wide finding: not one per rule × policy.
    expect(cases.length).toBe(json.rules.length - rulesWithFindings.size + subjects.size);
    expect(cases.length).toBeLessThan(json.rules.length + json.findings.length);
    const failing = json.findings.filter((f: any) => ['critical', 'high', 'medium'].includes(f.severity));
    const failures = cases.filter((c) => c.body.includes('<failure'));
    expect(failures.length).toBe(new Set(failing.map(subject)).size);
    expect(r.stdout).toMatch(new RegExp(`<testsuites name="calint" tests="${cases.length}" failures="${failures.length}" errors="0"`));
    // Below the threshold: skipped with the reason, not failed and not passed.
    const skipped = cases.filter((c) => c.body.includes('<skipped'));
    expect(skipped.length).toBe(new Set(json.findings.filter((f: any) => ['low', 'info'].includes(f.severity)).map(subject)).size);
    expect(skipped.length).toBeGreaterThan(0);
    for (const c of skipped) expect(c.body).toMatch(/<skipped message="(low|info) is below the failure threshold \(--fail-on medium\)">/);
    expect(cases.find((c) => c.name === 'resources/all-resources-exclusions CA201-Internals-BaseProtection-AllApps-WindowsMacOS-RequireCompliantOrHybridDevice')?.body).toContain('<skipped');
    // Passing rules name what was linted; a disabled policy is never a passed case.
    const disabled = json.policies.filter((p: any) => p.state === 'disabled');
    expect(disabled.length).toBeGreaterThan(0);
    for (const p of disabled) expect(cases.filter((c) => c.name.includes(p.name))).toEqual([]);
    const pass = cases.find((c) => !c.body.includes('<failure') && !c.body.includes('<skipped'))!;
    expect(pass.body).toContain(`no finding in the ${json.policies.length - disabled.length} enabled or report-only policies linted (${disabled.length} disabled`);
    // Suites count their own cases.
    for (const m of r.stdout.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/g)) {
      const own = cases.filter((c) => c.rule === m[1]);
      expect([Number(m[2]), Number(m[3]), Number(m[4])], m[1]).toEqual([own.length, own.filter((c) => c.body.includes('<failure')).length, own.filter((c) => c.body.includes('<skipped')).length]);
    }
  });

  it('counts match the exit code: with --fail-on critical only the critical finding fails', async () => {
    const r = runCli([...EXAMPLES, '--format', 'junit', '--fail-on', 'critical']);
    expect(r.status).toBe(1);
    const check = await validateXML({ xml: [{ fileName: 'calint.xml', contents: r.stdout }], schema: [{ fileName: 'junit.xsd', contents: junitXsd }] });
    expect(check.valid).toBe(true);
    expect([...r.stdout.matchAll(/<failure /g)]).toHaveLength(1);
    expect(r.stdout).toMatch(/<testcase name="break-glass\/block-all-users-lockout [^"]*"[^>]*>\s*<failure [^>]*type="critical"/);
    expect(r.stdout).toMatch(/<skipped message="high is below the failure threshold \(--fail-on critical\)">/);
    // Nothing at or above the threshold: exit 0 and no failure at all.
    const dir = tmp();
    const clean = runCli(['lint', tenant(dir), '--config', config(dir), '--format', 'junit', '--fail-on', 'critical']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).not.toContain('<failure');
    expect(clean.stdout).toMatch(/<testsuites name="calint" tests="\d+" failures="0"/);
  });

  it('a suppressed finding is skipped with its justification', async () => {
    const dir = tmp();
    const cfg = config(dir, { suppressions: [{ rule: 'token-protection/resource-scope', policy: 'aaaaaaaa-0000-4000-8000-000000000001', justification: 'Pilot until June', owner: 'secops', expires: '2099-12-31' }] });
    const r = runCli(['lint', tenant(dir), '--config', cfg, '--format', 'junit']);
    expect(r.status).toBe(1); // the client-app-types finding still fails
    expect(r.stdout).toMatch(/<testcase name="token-protection\/resource-scope TP Office365 group"[^>]*>\s*<skipped message="suppressed: Pilot until June \(owner: secops; expires: 2099-12-31\)">/);
    expect(r.stdout).toMatch(/<testcase name="token-protection\/client-app-types TP with browser"[^>]*>\s*<failure /);
    expect(r.stdout).toMatch(/<testsuites name="calint" tests="2" failures="1" errors="0"/);
  });

  it('escapes tenant strings', async () => {
    const dir = tmp();
    const policies = basePolicies();
    policies[0]!.displayName = 'TP <script>alert("x")</script> & "quotes" \u0001';
    const r = runCli(['lint', tenant(dir, policies), '--config', config(dir), '--format', 'junit']);
    const check = await validateXML({ xml: [{ fileName: 'c.xml', contents: r.stdout }], schema: [{ fileName: 'junit.xsd', contents: junitXsd }] });
    expect(check.valid).toBe(true);
    expect(r.stdout).toContain('TP &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });
});

describe('GitLab Code Quality', () => {
  const validateCodeQuality = new Ajv({ allErrors: true, strict: true }).compile(require_('test/schemas/gitlab-codequality.schema.json'));

  it('writes the documented fields, a severity GitLab knows, and a location on the input each finding is about', () => {
    const json = JSON.parse(runCli([...EXAMPLES, '--format', 'json']).stdout);
    const r = runCli([...EXAMPLES, '--format', 'codequality']);
    expect(r.status).toBe(1);
    const issues = JSON.parse(r.stdout);
    expect(validateCodeQuality(issues), JSON.stringify(validateCodeQuality.errors?.slice(0, 3))).toBe(true);
    expect(issues).toHaveLength(json.findings.length);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(issues.length);
    const mapped: Record<string, string> = { critical: 'blocker', high: 'critical', medium: 'major', low: 'minor', info: 'info' };
    json.findings.forEach((f: any, i: number) => {
      const issue = issues[i];
      expect(issue).toMatchObject({ check_name: f.ruleId, description: f.message, severity: mapped[f.severity], fingerprint: f.fingerprint });
      if (f.file) expect(issue.location).toEqual({ path: f.file, lines: { begin: f.line } });
      else expect(issue.location.path).toBe('examples/northwind/policies.json');
    });
  });

  it('keeps fingerprints when the input is reformatted and its policies reordered, and leaves suppressed findings out', () => {
    const a = tmp();
    const b = tmp();
    const fileA = tenant(a);
    const fileB = path.join(b, 'policies.json');
    writeFileSync(fileB, JSON.stringify({ value: basePolicies().reverse() }));
    const prints = (dir: string, file: string, extra: Record<string, unknown> = {}) =>
      JSON.parse(runCli(['lint', file, '--config', config(dir, extra), '--format', 'codequality']).stdout)
        .map((x: { fingerprint: string }) => x.fingerprint)
        .sort();
    const pa = prints(a, fileA);
    expect(pa).toHaveLength(2);
    expect(prints(b, fileB)).toEqual(pa);
    expect(prints(a, fileA, { suppressions: [{ rule: 'token-protection/resource-scope', policy: '*', justification: 'accepted' }] })).toHaveLength(1);
  });

  it('can be written to a file beside other formats', () => {
    const dir = tmp();
    const r = runCli([...EXAMPLES, '--format', `stylish,codequality=${dir}/gl-code-quality.json`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`wrote codequality to ${dir}/gl-code-quality.json`);
    expect(validateCodeQuality(JSON.parse(readFileSync(`${dir}/gl-code-quality.json`, 'utf8')))).toBe(true);
  });
});

describe('several formats in one run', () => {
  it('writes stylish to stdout and sarif, junit and json to files', () => {
    const dir = tmp();
    const r = runCli([...EXAMPLES, '--format', `stylish,sarif=${dir}/out/calint.sarif,junit=${dir}/out/junit.xml,json=${dir}/r.json`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('CA211-Internals-TokenProtection-Office365-Windows');
    expect(JSON.parse(readFileSync(`${dir}/out/calint.sarif`, 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(`${dir}/out/junit.xml`, 'utf8')).toMatch(/^<\?xml/);
    expect(JSON.parse(readFileSync(`${dir}/r.json`, 'utf8')).schemaVersion).toBe(1);
  });

  it.each([
    [['--format', 'json,sarif'], /only one format can go to standard output/],
    [['--format', 'xml'], /unknown format "xml"/],
    [['--format', 'sarif=a.sarif,junit=a.sarif'], /same file/],
  ])('rejects %j with exit 2', (args, message) => {
    const r = runCli([...EXAMPLES, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('GitHub Actions', () => {
  it('prints annotations with file, line and column and appends a step summary', () => {
    const dir = tmp();
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = runCli(EXAMPLES, { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=examples\/northwind\/policies\.json,line=\d+,col=\d+,title=[a-z-]+\/[a-z-]+ \((critical|high)\)::CA\d{3}-/m);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors.length).toBeLessThanOrEqual(10);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n')).toBe(true);
    expect(md).toContain('## calint: ❌ failed');
    expect(md).toMatch(/\| high \| fails \| `token-protection\/resource-scope` \| CA211-Internals-TokenProtection-Office365-Windows \|/);
  });

  it('prints no annotations outside GitHub Actions', () => {
    expect(runCli(EXAMPLES).stdout).not.toMatch(/^::/m);
  });
});

describe('suppressions', () => {
  const finding = { rule: 'token-protection/resource-scope', policy: 'aaaaaaaa-0000-4000-8000-000000000001' };

  it('a valid suppression keeps the finding in json and SARIF but does not fail the run', () => {
    const dir = tmp();
    const cfg = config(dir, { suppressions: [{ ...finding, justification: 'Pilot until the Teams web rollout', owner: 'secops@contoso.example', expires: '2099-12-31' }] });
    const file = tenant(dir);
    const json = JSON.parse(runCli(['lint', file, '--config', cfg, '--format', 'json', '--fail-on', 'high']).stdout);
    const suppressed = json.findings.filter((f: { suppression: unknown }) => f.suppression);
    expect(suppressed.map((f: { ruleId: string }) => f.ruleId)).toEqual(['token-protection/resource-scope']);
    expect(suppressed[0].suppression).toEqual({ justification: 'Pilot until the Teams web rollout', owner: 'secops@contoso.example', expires: '2099-12-31', configPointer: '/suppressions/0' });
    const sarif = JSON.parse(runCli(['lint', file, '--config', cfg, '--format', 'sarif']).stdout);
    const res = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'token-protection/resource-scope');
    expect(res.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted', justification: 'Pilot until the Teams web rollout' })]);
    expect(validateSarif(sarif)).toBe(true);
    // The other finding (client apps) still fails the run; suppress it too and the run passes.
    expect(runCli(['lint', file, '--config', cfg]).status).toBe(1);
    const both = config(dir, {
      suppressions: [
        { ...finding, justification: 'accepted' },
        { rule: 'token-protection/client-app-types', pointer: '/value/*/conditions/clientAppTypes/*', justification: 'accepted' },
      ],
    });
    const r = runCli(['lint', file, '--config', both]);
    expect(r.stdout).toContain('[suppressed until further notice: accepted]');
    expect(r.status).toBe(0);
  });

  it('an expired suppression stops applying and becomes a finding of its own', () => {
    const dir = tmp();
    const cfg = config(dir, { suppressions: [{ ...finding, justification: 'was a pilot', owner: 'alice', expires: '2020-01-31' }] });
    const r = runCli(['lint', tenant(dir), '--config', cfg, '--format', 'json'], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    const json = JSON.parse(r.stdout);
    expect(r.status).toBe(1);
    const expired = json.findings.find((f: { ruleId: string }) => f.ruleId === 'calint/expired-suppression');
    expect(expired).toMatchObject({ severity: 'medium', file: expect.stringMatching(/calint\.config\.json$/), pointer: '/suppressions/0', line: expect.any(Number) });
    expect(expired.message).toMatch(/expired on 2020-01-31/);
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'token-protection/resource-scope').suppression).toBeNull();
    expect(json.rules.map((x: { id: string }) => x.id)).toContain('calint/expired-suppression');
  });

  it('an unused suppression is reported', () => {
    const dir = tmp();
    const cfg = config(dir, { suppressions: [{ rule: 'token-protection/resource-scope', policy: 'no-such-policy', justification: 'typo' }] });
    const json = JSON.parse(runCli(['lint', tenant(dir), '--config', cfg, '--format', 'json']).stdout);
    const unused = json.findings.find((f: { ruleId: string }) => f.ruleId === 'calint/unused-suppression');
    expect(unused.message).toMatch(/matches no finding/);
    expect(unused.severity).toBe('low');
  });

  it('a suppression of an unknown rule is a config error', () => {
    const dir = tmp();
    const cfg = config(dir, { suppressions: [{ rule: 'token-protection/resource-scoop', policy: '*', justification: 'typo' }] });
    const r = runCli(['lint', tenant(dir), '--config', cfg]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/suppressions\.0\.rule: unknown rule id "token-protection\/resource-scoop"/);
  });

  it('a suppression without justification is a config error naming the key', () => {
    const dir = tmp();
    const cfg = config(dir, { suppressions: [{ ...finding, owner: 'alice' }] });
    const r = runCli(['lint', tenant(dir), '--config', cfg]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/suppressions\.0.*justification/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('baseline', () => {
  it('fails only on findings not in the baseline, and is stable when the input is reformatted and reordered', () => {
    const dir = tmp();
    const cfg = config(dir);
    const file = tenant(dir);
    const baseline = path.join(dir, 'calint-baseline.json');
    const update = runCli(['lint', file, '--config', cfg, '--baseline', baseline, '--update-baseline']);
    expect(update.status).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).findings).toHaveLength(2);
    expect(runCli(['lint', file, '--config', cfg, '--baseline', baseline]).status).toBe(0);

    // Reformatted (minified) and reordered: still nothing new.
    writeFileSync(file, JSON.stringify({ value: basePolicies().reverse() }));
    const same = runCli(['lint', file, '--config', cfg, '--baseline', baseline, '--format', 'json']);
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout).summary.baselined).toBe(2);

    // A new misconfiguration fails the run, and only it is "new".
    const policies = basePolicies();
    policies.push(tpPolicy('aaaaaaaa-0000-4000-8000-000000000004', 'TP All resources', ['All'], ['mobileAppsAndDesktopClients']));
    tenant(dir, policies);
    const fresh = runCli(['lint', file, '--config', cfg, '--baseline', baseline, '--format', 'json']);
    expect(fresh.status).toBe(1);
    const json = JSON.parse(fresh.stdout);
    expect(json.findings.filter((f: { baselineState: string }) => f.baselineState === 'new').map((f: { policyName: string }) => f.policyName)).toEqual(['TP All resources']);
  });

  it('a missing baseline file is an input error', () => {
    const dir = tmp();
    const r = runCli(['lint', tenant(dir), '--config', config(dir), '--baseline', path.join(dir, 'nope.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/baseline file not found/);
  });
});

describe('calint init', () => {
  it('writes a starter config that validates and refuses to overwrite it', () => {
    const dir = tmp();
    const first = runCli(['init'], { cwd: dir });
    expect(first.status).toBe(0);
    const cfg = JSON.parse(readFileSync(path.join(dir, 'calint.config.json'), 'utf8'));
    expect(cfg.$schema).toMatch(/config\.schema\.json$/);
    expect(cfg.breakGlass.users).toHaveLength(2);
    expect(runCli(['init'], { cwd: dir }).status).toBe(2);
    expect(runCli(['init', '--force'], { cwd: dir }).status).toBe(0);
    // Its placeholders are a config error naming the key until they are filled in, not 40 extra findings.
    const lint = runCli(['lint', path.join(repoRoot, 'examples/northwind'), '--config', path.join(dir, 'calint.config.json'), '--format', 'json'], { cwd: dir });
    expect(lint.status).toBe(2);
    expect(lint.stdout).toBe('');
    expect(lint.stderr.trim().split('\n')).toHaveLength(1);
    expect(lint.stderr).toMatch(/calint\.config\.json:\d+:\d+ at \/breakGlass\/users\/0: breakGlass\.users\[0\] "<object id of break-glass account 1>": a placeholder/);
    expect(existsSync(path.join(dir, 'calint.config.json'))).toBe(true);
    // Filled in with a UPN, it resolves against the export.
    cfg.breakGlass.users = ['bg-admin-01@northwindtraders.onmicrosoft.com', 'ce236b91-a23f-484f-a308-52f383949afb'];
    writeFileSync(path.join(dir, 'calint.config.json'), JSON.stringify(cfg));
    const filled = runCli(['lint', path.join(repoRoot, 'examples/northwind'), '--config', path.join(dir, 'calint.config.json'), '--format', 'json'], { cwd: dir });
    expect(filled.status).toBe(1);
    expect(JSON.parse(filled.stdout).breakGlass.accounts.map((a: { kind: string; id: string }) => [a.kind, a.id])).toEqual([
      ['user', 'adda68da-2fd2-4062-b984-d03f36df5623'],
      ['user', 'ce236b91-a23f-484f-a308-52f383949afb'],
    ]);
  });
});
