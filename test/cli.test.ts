/** The CLI end to end, as a spawned process: exit codes, formats, output files, colour, determinism. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../src/model/schemas.js';
import { repoRoot, runCli } from './helpers/cli.js';

const EXAMPLES = ['lint', 'examples/northwind', '--config', 'examples/calint.config.json'];
const validateResult = createValidator().getSchema('https://calint.dev/schemas/lint-result.schema.json')!;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'calint-cli-'));
const SEED_RULES = ['token-protection/resource-scope', 'token-protection/client-app-types', 'token-protection/unsupported-devices', 'break-glass/missing-exclusion'];

/** A config with every rule but the four seed rules switched off (the clean fixture is clean for those). */
function seedRulesOnly(extra: Record<string, unknown> = {}): string {
  const ids: string[] = JSON.parse(runCli(['rules', '--format', 'json']).stdout).map((r: { id: string }) => r.id);
  const file = path.join(tmp(), 'calint.config.json');
  writeFileSync(file, JSON.stringify({ rules: Object.fromEntries(ids.filter((id) => !SEED_RULES.includes(id)).map((id) => [id, 'off'])), ...extra }));
  return file;
}

describe('calint CLI', () => {
  it('prints help and version with exit 0', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('lint [options] <inputs...>');
    expect(help.stdout).toContain('Exit codes');
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('lists every rule with id, severity and title', () => {
    const r = runCli(['rules']);
    expect(r.status).toBe(0);
    for (const id of ['token-protection/resource-scope', 'token-protection/client-app-types', 'token-protection/unsupported-devices', 'break-glass/missing-exclusion']) {
      expect(r.stdout).toMatch(new RegExp(`${id.replace('/', '\\/')}\\s+(high|medium)\\s+\\S`));
    }
    const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout);
    expect(json.map((x: { id: string }) => x.id)).toEqual([...json.map((x: { id: string }) => x.id)].sort());
  });

  it('lints the sample tenant: exit 1, findings grouped by file and policy', () => {
    const r = runCli(EXAMPLES);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('examples/northwind/policies.json');
    expect(r.stdout).toContain('CA211-Internals-TokenProtection-Office365-Windows');
    expect(r.stdout).toMatch(/\d+:\d+\s+high\s+.*Office 365 app group.*token-protection\/resource-scope/);
    expect(r.stdout).toMatch(/✖ \d+ findings .* at or above medium/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('colours only when asked or on a colour TTY', () => {
    expect(runCli(EXAMPLES, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toMatch(/\x1b\[/);
    expect(runCli([...EXAMPLES, '--color'], { env: { NO_COLOR: undefined } }).stdout).toMatch(/\x1b\[/);
    expect(runCli(EXAMPLES, { env: { NO_COLOR: undefined, FORCE_COLOR: '0' } }).stdout).not.toMatch(/\x1b\[/);
    expect(runCli(EXAMPLES, { env: { NO_COLOR: undefined } }).stdout).not.toMatch(/\x1b\[/);
  });

  it('writes JSON that validates against schemas/lint-result.schema.json', () => {
    const r = runCli([...EXAMPLES, '--format', 'json']);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout);
    const ok = validateResult(result);
    expect(validateResult.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const byRule = (id: string) => result.findings.filter((f: { ruleId: string }) => f.ruleId === id);
    expect(byRule('token-protection/resource-scope').map((f: { policyName: string }) => f.policyName)).toEqual(['CA211-Internals-TokenProtection-Office365-Windows']);
    expect(byRule('break-glass/missing-exclusion').length).toBe(2);
    for (const f of result.findings) {
      if (f.policyId) {
        expect(f.file).toBe('examples/northwind/policies.json');
        expect(f.line).toBeGreaterThan(0);
      } else {
        expect([f.file, f.line]).toEqual([null, null]);
      }
      expect(f.docs[0]).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
    expect(result.inputs.find((i: { path: string }) => i.path === 'examples/northwind/policies.json').sha256).toBe(
      createHash('sha256').update(readFileSync(path.join(repoRoot, 'examples/northwind/policies.json'))).digest('hex'),
    );
  });

  it('exits 0 on a clean tenant and honours --fail-on', () => {
    const clean = runCli(['lint', 'test/fixtures/clean/policies.json', '--config', seedRulesOnly({ breakGlass: { users: ['11111111-1111-4111-8111-111111111111'] } })]);
    expect(clean.stdout).toContain('✔ no findings');
    expect(clean.status).toBe(0);
    // The seed rules find high and medium issues in the sample tenant, none critical.
    const seeds = seedRulesOnly({ breakGlass: { users: ['adda68da-2fd2-4062-b984-d03f36df5623', 'ce236b91-a23f-484f-a308-52f383949afb'] } });
    expect(runCli(['lint', 'examples/northwind', '--config', seeds, '--fail-on', 'critical']).status).toBe(0);
    expect(runCli(['lint', 'examples/northwind', '--config', seeds, '--fail-on', 'high']).status).toBe(1);
  });

  it('writes --output atomically and leaves no temporary file', () => {
    const dir = tmp();
    const out = path.join(dir, 'nested', 'result.json');
    const r = runCli([...EXAMPLES, '--format', 'json', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.findings).toBeGreaterThan(0);
    expect(readdirSync(path.dirname(out))).toEqual(['result.json']);
  });

  it('gives byte-identical output for the same input with SOURCE_DATE_EPOCH', () => {
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    const a = runCli([...EXAMPLES, '--format', 'json'], { env });
    const b = runCli([...EXAMPLES, '--format', 'json'], { env });
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('never modifies its inputs', () => {
    const files = ['examples/northwind/policies.json', 'examples/calint.config.json'];
    const hash = () => files.map((f) => createHash('sha256').update(readFileSync(path.join(repoRoot, f))).digest('hex'));
    const before = hash();
    runCli([...EXAMPLES, '--format', 'json']);
    expect(hash()).toEqual(before);
  });

  it('takes break-glass ids from --break-glass', () => {
    const withFlag = runCli(['lint', 'test/fixtures/clean/policies.json', '--break-glass', '11111111-1111-4111-8111-111111111111', '--config', seedRulesOnly()]);
    expect(withFlag.status).toBe(0);
    const other = runCli(['lint', 'test/fixtures/clean/policies.json', '--break-glass', '22222222-2222-4222-8222-222222222222,33333333-3333-4333-8333-333333333333', '--format', 'json', '--config', seedRulesOnly()]);
    const findings = JSON.parse(other.stdout).findings;
    expect(findings.map((f: { messageId: string }) => f.messageId)).toEqual(['missing']);
    expect(findings[0].evidence.missingPrincipals.map((p: { id: string }) => p.id)).toEqual([
      '22222222-2222-4222-8222-222222222222',
      '33333333-3333-4333-8333-333333333333',
    ]);
  });

  it('rejects usage errors with one line and exit 2', () => {
    for (const args of [['lint'], ['lint', 'examples', '--format', 'xml'], ['lint', 'examples', '--bogus'], ['lint', 'examples', '--fail-on', 'severe'], ['nonsense']]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('config', () => {
  const withConfig = (config: unknown) => {
    const dir = tmp();
    const file = path.join(dir, 'calint.config.json');
    writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    return runCli(['lint', 'examples/northwind', '--config', file, '--format', 'json']);
  };

  it('disables a rule and overrides a severity', () => {
    const r = withConfig({
      breakGlass: { users: ['adda68da-2fd2-4062-b984-d03f36df5623'] },
      rules: { 'token-protection/resource-scope': 'off', 'token-protection/client-app-types': { severity: 'low' } },
    });
    const result = JSON.parse(r.stdout);
    expect(result.rules.map((x: { id: string }) => x.id)).not.toContain('token-protection/resource-scope');
    expect(result.findings.some((f: { ruleId: string }) => f.ruleId === 'token-protection/resource-scope')).toBe(false);
    const cat = result.findings.filter((f: { ruleId: string }) => f.ruleId === 'token-protection/client-app-types');
    expect(cat.length).toBeGreaterThan(0);
    expect(cat.every((f: { severity: string }) => f.severity === 'low')).toBe(true);
  });

  it.each([
    [{ brakeGlass: {} }, /unknown key "brakeGlass"/],
    [{ failOn: 'severe' }, /failOn must be one of critical, high, medium, low, info/],
    [{ rules: { 'no/such-rule': 'off' } }, /unknown rule id "no\/such-rule"/],
    [{ rules: { 'token-protection/resource-scope': 'loud' } }, /rules\.token-protection\/resource-scope: expected "off", "on", a severity/],
    [{ rules: { 'exclusions/excessive': { options: { maxDirectUsers: 'many' } } } }, /maxDirectUsers must be integer/],
    [{ breakGlass: { namePattern: 5 } }, /breakGlass\.namePattern must be string/],
    [{ breakGlass: { namePattern: '(' } }, /breakGlass\.namePattern is not a regular expression/],
    ['{ "rules": ', /invalid JSON in config/],
  ])('reports config error %j with the key and exit 2', (config, message) => {
    const r = withConfig(config);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/calint\.config\.json/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
