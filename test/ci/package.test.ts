/**
 * calint installs from its packed tarball and runs with nothing but the tarball and its dependencies: `npm pack`, then
 * an install into a temporary prefix and lint, report (HTML) and whatif from there, against a copy of examples/.
 *
 * The install is offline, so the test passes wherever `npm ci` ran (CI, a fresh clone): `npm install --offline
 * <tgz>` cannot be used, because it asks the registry for each dependency's version list, which `npm ci` never
 * caches. Instead the temporary project gets a lockfile that pins calint's own dependencies exactly as this
 * repository's package-lock.json does (same versions, same integrity hashes), and `npm ci --offline` fetches every
 * tarball from npm's cache by its hash. The optional `puppeteer` is left out (`--omit=optional`): only the PDF needs a
 * browser, and this proves calint runs without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(path.join(os.tmpdir(), 'calint-pack-'));
const prefix = path.join(work, 'prefix');
let tarball = '';
let packed: string[] = [];

/** The consumer's lockfile: calint from the tarball, and every non-dev package of this repository's lockfile. */
function consumerLock(tgzName: string): object {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  const packages: Record<string, unknown> = {
    '': { name: 'calint-consumer', dependencies: { calint: `file:${tgzName}` } },
    'node_modules/calint': {
      version: pkg.version,
      resolved: `file:${tgzName}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(path.join(prefix, tgzName))).digest('base64')}`,
      license: pkg.license,
      dependencies: pkg.dependencies,
      optionalDependencies: pkg.optionalDependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [where, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean }>)) {
    if (where !== '' && !entry.dev) packages[where] = entry;
  }
  return { name: 'calint-consumer', lockfileVersion: 3, requires: true, packages };
}

function installed(args: string[], cwd = prefix) {
  const bin = path.join(prefix, 'node_modules', '.bin', 'calint');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_ACTIONS;
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', env });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  mkdirSync(prefix);
  // dist/ is current: the global setup built it. --ignore-scripts keeps `prepare` from rebuilding it under the other tests.
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', prefix], { cwd: repoRoot, encoding: 'utf8' });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = info!.filename;
  packed = info!.files.map((f) => f.path);
  writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'calint-consumer', private: true, dependencies: { calint: `file:${tarball}` } }, null, 2));
  writeFileSync(path.join(prefix, 'package-lock.json'), JSON.stringify(consumerLock(tarball), null, 2));
  const install = spawnSync(npm, ['ci', '--offline', '--omit=optional', '--no-audit', '--no-fund'], {
    cwd: prefix,
    encoding: 'utf8',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_update_notifier: 'false' },
  });
  if (install.status !== 0) {
    throw new Error(`npm ci --offline of the packed tarball failed (run npm ci in the repository first, so npm's cache holds the dependencies):\n${install.stderr}`);
  }
  cpSync(path.join(repoRoot, 'examples'), path.join(prefix, 'examples'), { recursive: true });
}, 90_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the bundle, its code cache, the templates and schemas, and no sources or tests', () => {
    expect(tarball).toBe(`calint-${pkg.version}.tgz`);
    for (const file of ['package.json', 'README.md', 'bin/calint.cjs', 'dist/calint.cjs', 'dist/src/index.js', 'dist/src/index.d.ts', 'templates/report.hbs', 'templates/report.css', 'schemas/config.schema.json', 'schemas/scenario.schema.json', 'schemas/lint-result.schema.json']) {
      expect(packed, file).toContain(file);
    }
    expect(packed.some((f) => f.startsWith('dist/rules/') && f.endsWith('.js'))).toBe(true);
    expect(packed.filter((f) => /^(src|rules|test|bench|scripts|examples|node_modules)\//.test(f) || f.endsWith('.tsbuildinfo') || f.startsWith('.'))).toEqual([]);
  });

  it('installs without puppeteer and runs from the install: version, rules, lint', () => {
    expect(existsSync(path.join(prefix, 'node_modules', 'calint', 'dist', 'calint.cjs'))).toBe(true);
    expect(existsSync(path.join(prefix, 'node_modules', 'puppeteer'))).toBe(false);
    expect(installed(['--version']).stdout.trim()).toBe(pkg.version);
    const rules = JSON.parse(installed(['rules', '--format', 'json']).stdout);
    expect(rules.map((r: { id: string }) => r.id)).toEqual(JSON.parse(runCli(['rules', '--format', 'json']).stdout).map((r: { id: string }) => r.id));

    const lint = installed(['lint', 'examples/northwind', '--config', 'examples/calint.config.json', '--format', 'json']);
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(1);
    const here = JSON.parse(runCli(['lint', 'examples/northwind', '--config', 'examples/calint.config.json', '--format', 'json']).stdout);
    const there = JSON.parse(lint.stdout);
    expect(there.findings.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(here.findings.map((f: { fingerprint: string }) => f.fingerprint));
    expect(there.summary).toEqual(here.summary);
  });

  it('writes the HTML report from the install', () => {
    const r = installed(['report', 'examples', '--format', 'html', '--output', 'out', '--organization', 'Northwind Traders']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(path.join(prefix, 'out', 'calint-report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('Northwind Traders');
    expect(html).toContain('CA211-Internals-TokenProtection-Office365-Windows');
  });

  it('answers a what-if from the install', () => {
    const r = installed(['whatif', 'examples', '--user', 'ravi.menon@northwindtraders.example', '--role', 'none', '--app', 'Office 365 Exchange Online', '--platform', 'iOS', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.kind).toBe('calint-whatif');
    expect(answer.outcome.decision).toBe('grant');
    expect(answer.outcome.applying.map((p: { policyName: string }) => p.policyName)).toContain('CA003-Global-BaseProtection-AllApps-AnyPlatform-RequireMFA');
  });
});
