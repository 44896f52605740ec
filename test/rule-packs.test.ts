/** External rule packs load through the same API as the built-in rules: folders, config plugins, npm packages. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';

const EXAMPLES = ['lint', 'examples/northwind', '--config', 'examples/calint.config.json'];

function tempConfig(config: unknown, extra: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-pack-'));
  extra(dir);
  const file = path.join(dir, 'calint.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('rule packs', () => {
  it('lists a pack loaded with --rules beside the built-in rules', () => {
    const r = runCli(['rules', '--rules', 'test/packs/good']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/contoso\/name-prefix\s+low\s+Policy names start with the configured prefix\s+\(\.\/test\/packs\/good\)/);
    expect(r.stdout).toContain('token-protection/resource-scope');
  });

  it('runs a pack rule with options from the config (plugins resolved from the config folder)', () => {
    const config = tempConfig({
      plugins: [path.join(repoRoot, 'test/packs/good')],
      breakGlass: { users: ['adda68da-2fd2-4062-b984-d03f36df5623', 'ce236b91-a23f-484f-a308-52f383949afb'] },
      rules: { 'contoso/name-prefix': { options: { prefix: 'NW-' } } },
    });
    const r = runCli(['lint', 'examples/northwind', '--config', config, '--format', 'json']);
    const result = JSON.parse(r.stdout);
    const pack = result.findings.filter((f: { ruleId: string }) => f.ruleId === 'contoso/name-prefix');
    expect(pack.length).toBe(result.summary.policies);
    expect(pack[0].message).toMatch(/does not start with "NW-"/);
    expect(pack[0].pointer).toMatch(/^\/value\/\d+\/displayName$/);
    expect(result.rules.find((x: { id: string }) => x.id === 'contoso/name-prefix').source).toBe(path.join(repoRoot, 'test/packs/good'));
  });

  it('loads an installed npm package named in plugins', () => {
    const config = tempConfig({ plugins: ['calint-pack-demo'] }, (dir) => {
      const pkg = path.join(dir, 'node_modules', 'calint-pack-demo');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'calint-pack-demo', version: '1.0.0', type: 'module', exports: './index.js' }));
      writeFileSync(
        path.join(pkg, 'index.js'),
        `export const rules = [{
          id: 'demo/report-only', catalogue: 'CA-026', title: 'Report-only policies', severity: 'info',
          rationale: 'r', remediation: 'm', references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only'],
          messages: { reportOnly: (d) => '"' + d.policy + '" is report-only.' },
          check: ({ index, finding }) => index.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced')
            .map((p) => finding(p, 'reportOnly', { pointer: '/state', evidence: { actual: p.state } })),
        }];\n`,
      );
    });
    const r = runCli(['lint', 'examples/northwind', '--config', config, '--format', 'json']);
    const result = JSON.parse(r.stdout);
    const demo = result.findings.filter((f: { ruleId: string }) => f.ruleId === 'demo/report-only');
    expect(demo.length).toBeGreaterThan(0);
    expect(demo.every((f: { policyState: string }) => f.policyState === 'report-only')).toBe(true);
  });

  it('names the broken rule and the problem, exit 2', () => {
    const r = runCli([...EXAMPLES, '--rules', 'test/packs/broken']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/test\/packs\/broken\/no-check\.js.*broken rule "broken\/no-check": "check" must be a function/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a pack that is not installed', () => {
    const r = runCli(['lint', 'examples/northwind', '--config', tempConfig({ plugins: ['calint-pack-missing'] })]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rule pack "calint-pack-missing" is not installed/);
  });

  it('isolates a rule that throws: the others still run and the run exits 2', () => {
    const r = runCli([...EXAMPLES, '--rules', 'test/packs/throws', '--format', 'json']);
    expect(r.status).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result.errors).toEqual([
      expect.objectContaining({ kind: 'rule', ruleId: 'explosive/always-throws', message: expect.stringMatching(/boom from a broken rule.*incomplete/) }),
    ]);
    expect(result.findings.some((f: { ruleId: string }) => f.ruleId === 'token-protection/resource-scope')).toBe(true);
    expect(r.stderr).toMatch(/explosive\/always-throws/);
  });

  it('refuses two rules with the same id', () => {
    const r = runCli([...EXAMPLES, '--rules', 'test/packs/good', '--rules', 'test/packs/good']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rule id "contoso\/name-prefix" is defined twice/);
  });
});
