/** Helpers for the hostile-input tests (not a test file itself: vitest only runs *.test.ts). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

export const repoRoot = path.resolve(__dirname, '../..');
const BIN = path.join(repoRoot, 'bin/calint.cjs');

/** A good single policy file: loads, validates, gives findings. */
export const GOOD_POLICY = {
  id: '0f6e2b1a-0000-4000-8000-000000000001',
  displayName: 'Require MFA for everyone',
  state: 'enabled',
  conditions: {
    users: { includeUsers: ['All'] },
    applications: { includeApplications: ['All'] },
    clientAppTypes: ['all'],
  },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
};

/** A fresh folder every user can enter (the EACCES cases run the CLI as another user when the tests run as root). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `calint-${prefix}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function write(dir: string, relative: string, content: string | Buffer | object): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  fs.chmodSync(file, 0o644);
  return file;
}

export function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  expect(r.status, `mkfifo ${file}: ${r.stderr}`).toBe(0);
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stderr lines, without the empty last one. */
  lines: string[];
}

/**
 * The real CLI in a child process. A run that blocks (a FIFO read as a file) is killed after `timeoutMs` and shows
 * up as `signal: 'SIGKILL'`, so a regression fails the test instead of hanging the suite.
 */
export function calint(args: string[], options: { cwd: string; uid?: number; gid?: number; timeoutMs?: number }): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of ['FORCE_COLOR', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'CALINT_DEBUG']) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    killSignal: 'SIGKILL',
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter((l) => l !== '') };
}

/** Every stderr line is calint's own one-line error or note: no stack trace, no bare "Error:". */
export function expectCleanStderr(run: Run): void {
  expect(run.signal, 'the run was killed: it blocked').toBeNull();
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/internal error/);
  for (const line of run.lines) expect(line).toMatch(/^calint: (error|warning|wrote): /);
}
