/**
 * The GitHub Action (action.yml) run step by step as the runner runs a composite action: from its own checkout
 * ($GITHUB_ACTION_PATH), with the Node.js on PATH, multi-line paths with spaces, every input reaching calint, the
 * outputs (exit code, counts, file paths), the code-scanning decision (auto: public repositories yes, forks no, else
 * the API is asked) and the final exit code. One case builds the action from a fresh clone, as a runner does the first
 * time it uses it. The upload step itself (github/codeql-action) is recorded, not run.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, calintRemote, removeTempDirs, runCompositeAction, tempDir } from '../helpers/ci-docs.js';
import { runCli } from '../helpers/cli.js';

const ACTION = path.join(REPO_ROOT, 'action.yml');
const junitXsd = readFileSync(path.join(REPO_ROOT, 'test/schemas/junit.xsd'), 'utf8');

/** A caller's repository: the sample tenant split across two folders whose names hold spaces. */
function workspace(): string {
  const dir = tempDir('calint-ws-');
  cpSync(path.join(REPO_ROOT, 'examples/northwind'), path.join(dir, 'conditional access/northwind'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'examples/calint.config.json'), path.join(dir, 'calint.config.json'));
  return dir;
}

afterAll(removeTempDirs);

const PUBLIC_PUSH = { token: 'test-token', repository: 'contoso/tenant', event: { repository: { private: false } } };

function step(run: Awaited<ReturnType<typeof runCompositeAction>>, id: string) {
  return run.steps.find((s) => s.id === id)!;
}

describe('the GitHub Action', () => {
  it('lints multi-line paths with spaces and sets the exit code, the counts and the file paths', async () => {
    const ws = workspace();
    const run = await runCompositeAction({
      actionFile: ACTION,
      actionPath: REPO_ROOT,
      workspace: ws,
      inputs: {
        paths: '  conditional access/northwind/policies.json\n\nconditional access/northwind/namedLocations.json\nconditional access/northwind/directory\n',
        config: 'calint.config.json',
        'fail-on': 'high',
        'junit-file': 'out/calint junit.xml',
      },
      github: PUBLIC_PUSH,
    });
    const lint = step(run, 'lint');
    expect(lint.stderr).toContain('wrote sarif to calint.sarif');
    const expected = JSON.parse(
      runCli(['lint', 'conditional access/northwind/policies.json', 'conditional access/northwind/namedLocations.json', 'conditional access/northwind/directory', '--config', 'calint.config.json', '--fail-on', 'high', '--format', 'json'], { cwd: ws }).stdout,
    );
    expect(expected.inputs.length).toBe(6);
    const failing = expected.findings.filter((f: { severity: string }) => ['critical', 'high'].includes(f.severity)).length;
    expect(run.outputs).toEqual({
      'exit-code': '1',
      findings: String(expected.summary.findings),
      failing: String(failing),
      critical: String(expected.summary.bySeverity.critical),
      high: String(expected.summary.bySeverity.high),
      medium: String(expected.summary.bySeverity.medium),
      low: String(expected.summary.bySeverity.low),
      info: String(expected.summary.bySeverity.info),
      'sarif-file': 'calint.sarif',
      'junit-file': 'out/calint junit.xml',
      'sarif-uploaded': 'true',
    });
    // Annotations and the job summary come from calint itself (GITHUB_ACTIONS=true).
    expect(lint.stdout).toMatch(/^::error file=conditional access\/northwind\/policies\.json,line=\d+/m);
    expect(run.summary).toContain('## calint: ❌ failed');
    expect(JSON.parse(readFileSync(path.join(ws, 'calint.sarif'), 'utf8')).version).toBe('2.1.0');
    const junit = readFileSync(path.join(ws, 'out/calint junit.xml'), 'utf8');
    expect((await validateXML({ xml: [{ fileName: 'j.xml', contents: junit }], schema: [{ fileName: 'junit.xsd', contents: junitXsd }] })).valid).toBe(true);
    const failures = [...junit.matchAll(/<failure /g)].length;
    expect(failures).toBeGreaterThan(0);
    expect(junit).toContain(`failures="${failures}"`);
    // A public repository has code scanning: the log goes to upload-sarif v4, and an upload error would not fail the job.
    const upload = run.steps.find((s) => s.uses)!;
    expect(upload.uses).toEqual({
      action: 'github/codeql-action/upload-sarif@v4',
      with: { sarif_file: 'calint.sarif', category: 'calint', token: 'test-token' },
      continueOnError: true,
    });
    // The last step fails the job on findings at or above fail-on.
    expect(run.status).toBe(1);
    expect(run.steps.at(-1)!.stdout).toContain('findings at or above the failure threshold (exit 1)');
  });

  it('passes config, break-glass, rule packs, baseline and scope through to calint, and exits 0 when clean', async () => {
    const ws = workspace();
    // A rule pack of the caller's (the test pack, without its import of the installed package).
    mkdirSync(path.join(ws, 'packs/good/naming'), { recursive: true });
    const rule = readFileSync(path.join(REPO_ROOT, 'test/packs/good/naming/name-prefix.js'), 'utf8');
    writeFileSync(path.join(ws, 'packs/good/naming/name-prefix.js'), rule.replace("import { defineRule } from 'calint';", 'const defineRule = (rule) => rule;'));
    const base = { paths: 'conditional access/northwind', config: 'calint.config.json', 'upload-sarif': 'false', 'sarif-file': '' };
    const update = runCli(['lint', 'conditional access/northwind', '--config', 'calint.config.json', '--break-glass', 'adda68da-2fd2-4062-b984-d03f36df5623', '--rules', 'packs/good', '--baseline', 'calint-baseline.json', '--update-baseline'], { cwd: ws });
    expect(update.status, update.stderr).toBe(0);
    const run = await runCompositeAction({
      actionFile: ACTION,
      actionPath: REPO_ROOT,
      workspace: ws,
      inputs: { ...base, 'break-glass': 'adda68da-2fd2-4062-b984-d03f36df5623', rules: 'packs/good', baseline: 'calint-baseline.json', scope: 'tenant' },
      github: PUBLIC_PUSH,
    });
    expect(step(run, 'lint').stderr).not.toMatch(/error/);
    expect(run.outputs['exit-code']).toBe('0');
    expect(run.outputs['sarif-file']).toBe('');
    expect(run.outputs['sarif-uploaded']).toBe('');
    expect(step(run, 'scanning').ran).toBe(false);
    expect(run.steps.some((s) => s.uses && s.ran)).toBe(false);
    expect(run.status).toBe(0);
    expect(Number(run.outputs.findings)).toBeGreaterThan(0); // all in the baseline
    expect(run.outputs.failing).toBe('0');
    const json = JSON.parse(runCli(['lint', 'conditional access/northwind', '--config', 'calint.config.json', '--break-glass', 'adda68da-2fd2-4062-b984-d03f36df5623', '--rules', 'packs/good', '--scope', 'tenant', '--format', 'json'], { cwd: ws }).stdout);
    expect(json.rules.map((r: { id: string }) => r.id)).toContain('contoso/name-prefix');
    expect(run.outputs.findings).toBe(String(json.summary.findings));
  });

  it('never uploads from a fork\'s pull request, and asks the API elsewhere', async () => {
    const ws = workspace();
    const base = { paths: 'conditional access/northwind', config: 'calint.config.json' };
    const fork = await runCompositeAction({
      actionFile: ACTION,
      actionPath: REPO_ROOT,
      workspace: ws,
      inputs: base,
      github: { token: 't', event: { repository: { private: false }, pull_request: { head: { repo: { fork: true } } } } },
    });
    expect(fork.outputs['sarif-uploaded']).toBe('false');
    expect(step(fork, 'scanning').stdout).toContain('::notice title=calint::SARIF not uploaded: pull requests from forks');
    expect(fork.steps.some((s) => s.uses && s.ran)).toBe(false);

    // A private repository: 403 from the code-scanning API means no code scanning; 404 (no analysis yet) means yes.
    let answer = 403;
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const github = { token: 'secret-token', repository: 'contoso/tenant', api_url: api, event: { repository: { private: true } } };
      const denied = await runCompositeAction({ actionFile: ACTION, actionPath: REPO_ROOT, workspace: ws, inputs: base, github });
      expect(denied.outputs['sarif-uploaded']).toBe('false');
      expect(step(denied, 'scanning').stdout).toContain('code scanning is not available to this run (HTTP 403');
      answer = 404;
      const allowed = await runCompositeAction({ actionFile: ACTION, actionPath: REPO_ROOT, workspace: ws, inputs: base, github });
      expect(allowed.outputs['sarif-uploaded']).toBe('true');
      expect(seen).toEqual(Array(2).fill('/repos/contoso/tenant/code-scanning/alerts?per_page=1 Bearer secret-token'));
      // upload-sarif: true uploads without asking, and then an upload error fails the job.
      const forced = await runCompositeAction({ actionFile: ACTION, actionPath: REPO_ROOT, workspace: ws, inputs: { ...base, 'upload-sarif': 'true' }, github });
      expect(forced.steps.find((s) => s.uses)!.uses!.continueOnError).toBe(false);
      expect(seen).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it('stops with one clear error for an empty paths input or an old Node.js, and never installs Node', async () => {
    const ws = workspace();
    const empty = await runCompositeAction({ actionFile: ACTION, actionPath: REPO_ROOT, workspace: ws, inputs: { paths: ' \n ' }, github: PUBLIC_PUSH });
    expect(step(empty, 'lint').stdout).toContain('::error title=calint::the paths input names no file, folder or glob');
    expect(empty.outputs['exit-code']).toBe('2');
    expect(empty.status).toBe(2);

    // A Node.js 18 first on PATH.
    const bin = tempDir('calint-oldnode-');
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\ncase "$1" in -p) echo 18 ;; *) echo v18.20.4 ;; esac\n');
    chmodSync(path.join(bin, 'node'), 0o755);
    const old = await runCompositeAction({
      actionFile: ACTION,
      actionPath: REPO_ROOT,
      workspace: ws,
      inputs: { paths: 'conditional access' },
      github: PUBLIC_PUSH,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(step(old, 'setup').stdout.trim()).toBe('::error title=calint::calint needs Node.js 20 or later on PATH, found v18.20.4');
    expect(old.status).toBe(2);
    expect(old.steps.filter((s) => s.ran)).toHaveLength(1);

    const action = readFileSync(ACTION, 'utf8');
    expect(action).not.toMatch(/uses:\s*actions\/setup-node|\bnpx\b|calint@/);
  });

  it('builds calint in a fresh checkout of the action from its own lockfile, then runs it', async () => {
    const remote = calintRemote();
    const checkout = path.join(tempDir('calint-action-'), 'calint');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', remote.ref, `file://${remote.url}`, checkout]);
    // A checkout as the runner makes it: no build and no node_modules (npm ci below must install into this folder only).
    expect(existsSync(path.join(checkout, 'dist'))).toBe(false);
    expect(existsSync(path.join(checkout, 'node_modules'))).toBe(false);
    const ws = workspace();
    mkdirSync(path.join(ws, 'empty'));
    const run = await runCompositeAction({
      actionFile: path.join(checkout, 'action.yml'),
      actionPath: checkout,
      workspace: ws,
      inputs: { paths: 'conditional access/northwind', config: 'calint.config.json', 'upload-sarif': 'false' },
      github: PUBLIC_PUSH,
      env: { npm_config_prefer_offline: 'true' },
    });
    expect(step(run, 'setup').status, step(run, 'setup').stderr).toBe(0);
    expect(existsSync(path.join(checkout, 'dist/calint.cjs'))).toBe(true);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.status).toBe(1);
  }, 180_000);
});
