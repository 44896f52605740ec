/**
 * Issue 13, "Hangs" and "Clean, located errors": only regular files are read. FIFOs (named, in a folder, behind a
 * symlink, matched by a glob), character devices, symbolic link loops, unreadable folders and files and an empty
 * input path each give one `calint: error:` line naming the path and the fix, and the other inputs are still linted
 * (exit 2: the result is incomplete). Real FIFOs (mkfifo), symlinks and permissions; the CLI is a child process that
 * is killed if it blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { calint, expectCleanStderr, GOOD_POLICY, mkfifo, tempDir, write, type Run } from './helpers.js';

const NOT_REGULAR = 'calint reads only regular files (copy the export into a file and name that)';
const LOOP = 'a symbolic link loop (the link points, through other links, back at itself): fix or remove the link';

let dir: string;

beforeAll(() => {
  dir = tempDir('special');
  write(dir, 'tenant/good.json', GOOD_POLICY);
  mkfifo(path.join(dir, 'tenant/fifo.json'));
  fs.symlinkSync('fifo.json', path.join(dir, 'tenant/link-to-fifo.json'));
  fs.mkdirSync(path.join(dir, 'tenant/links'));
  fs.symlinkSync('loop-b.json', path.join(dir, 'tenant/links/loop-a.json'));
  fs.symlinkSync('loop-a.json', path.join(dir, 'tenant/links/loop-b.json'));
  // In the working directory, never named: an empty input must not make calint lint the working directory.
  write(dir, 'not-an-input.json', '{ "truncated": ');
});

/** The JSON report on stdout: which inputs were loaded, how many policies were linted. */
function report(run: Run): { loaded: string[]; errors: string[]; policies: number } {
  const result = JSON.parse(run.stdout) as { inputs: Array<{ path: string; status: string }>; summary: { policies: number } };
  return {
    loaded: result.inputs.filter((i) => i.status === 'loaded').map((i) => i.path),
    errors: result.inputs.filter((i) => i.status === 'error').map((i) => i.path),
    policies: result.summary.policies,
  };
}

describe('FIFOs are refused, never read', () => {
  it('in an input folder, and behind a symlink there: one error line each; the rest is linted; exit 2', () => {
    const run = calint(['lint', 'tenant', '--format', 'json'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.lines).toEqual([
      `calint: error: tenant/fifo.json: not a regular file (a FIFO): ${NOT_REGULAR}`,
      `calint: error: tenant/link-to-fifo.json: not a regular file (a FIFO): ${NOT_REGULAR}`,
      `calint: error: tenant/links/loop-a.json: ${LOOP}`,
      `calint: error: tenant/links/loop-b.json: ${LOOP}`,
    ]);
    expect(run.status).toBe(2);
    expect(report(run)).toEqual({
      loaded: ['tenant/good.json'],
      errors: ['tenant/fifo.json', 'tenant/link-to-fifo.json', 'tenant/links/loop-a.json', 'tenant/links/loop-b.json'],
      policies: 1,
    });
  });

  it('matched by a glob', () => {
    const run = calint(['lint', 'tenant/*.json', '--format', 'json'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.lines).toEqual([
      `calint: error: tenant/fifo.json: not a regular file (a FIFO): ${NOT_REGULAR}`,
      `calint: error: tenant/link-to-fifo.json: not a regular file (a FIFO): ${NOT_REGULAR}`,
    ]);
    expect(run.status).toBe(2);
    expect(report(run).loaded).toEqual(['tenant/good.json']);
  });

  it('named on the command line (stylish output: the other input is still linted)', () => {
    const run = calint(['lint', 'tenant/fifo.json', 'tenant/good.json'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.lines).toEqual([`calint: error: tenant/fifo.json: not a regular file (a FIFO): ${NOT_REGULAR}`]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/incomplete: 1 error\(s\) \(listed on stderr\); .*1 policy in 1 file/);
  });

  it('/dev/zero as an input is refused at once (it is never read)', () => {
    const run = calint(['lint', '/dev/zero', 'tenant/good.json', '--format', 'json'], { cwd: dir, timeoutMs: 10_000 });
    expectCleanStderr(run);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^calint: error: (\.\.\/)*dev\/zero: not a regular file \(a character device\): calint reads only regular files/);
    expect(run.status).toBe(2);
    expect(report(run)).toMatchObject({ loaded: ['tenant/good.json'], policies: 1 });
  });

  it('--scenario /dev/zero is refused at once, like an input', () => {
    const good = path.join(dir, 'tenant/good.json');
    const run = calint(['whatif', good, '--scenario', '/dev/zero'], { cwd: dir, timeoutMs: 10_000 });
    expectCleanStderr(run);
    expect(run.lines).toEqual(['calint: error: /dev/zero: cannot read the scenario file: not a regular file (a character device)']);
    expect(run.status).toBe(2);
  });
});

describe('paths that cannot be read: one located error line each, the other inputs still linted', () => {
  it('a symbolic link loop named on the command line', () => {
    const run = calint(['lint', 'tenant/links/loop-a.json', 'tenant/good.json', '--format', 'json'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.lines).toEqual([`calint: error: tenant/links/loop-a.json: ${LOOP}`]);
    expect(run.status).toBe(2);
    expect(report(run)).toMatchObject({ loaded: ['tenant/good.json'], policies: 1 });
  });

  it('an empty-string input is an error, and the working directory is not linted in its place', () => {
    const run = calint(['lint', '', 'tenant/good.json', '--format', 'json'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.lines).toEqual([
      'calint: error: "": an input is an empty string: name a file, folder or glob (is a variable in the command empty or unset?)',
    ]);
    expect(run.status).toBe(2);
    const r = report(run);
    expect(r).toMatchObject({ loaded: ['tenant/good.json'], policies: 1 });
    expect(run.stdout).not.toContain('not-an-input.json');
  });

  it('an unreadable folder and an unreadable file (EACCES)', () => {
    const sub = tempDir('eacces');
    write(sub, 'tenant/good.json', GOOD_POLICY);
    write(sub, 'tenant/secret/policy.json', GOOD_POLICY);
    write(sub, 'tenant/locked.json', GOOD_POLICY);
    fs.chmodSync(path.join(sub, 'tenant/secret'), 0o000);
    fs.chmodSync(path.join(sub, 'tenant/locked.json'), 0o000);
    // Root reads whatever the mode says (CAP_DAC_OVERRIDE), so as root the CLI runs as "nobody" (65534) here: what a
    // CI job's user meets. As any other user, chmod 000 already denies it.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    try {
      const run = calint(['lint', 'tenant', '--format', 'json'], { cwd: sub, ...asUser });
      expectCleanStderr(run);
      expect(run.lines).toEqual([
        'calint: error: tenant/locked.json: cannot read it: permission denied (make it readable for the user running calint, e.g. chmod a+r, or leave it out)',
        'calint: error: tenant/secret: cannot list the folder: permission denied (give the user running calint read and search permission, e.g. chmod a+rx, or leave the folder out)',
      ]);
      expect(run.status).toBe(2);
      expect(report(run)).toEqual({ loaded: ['tenant/good.json'], errors: ['tenant/locked.json', 'tenant/secret'], policies: 1 });

      const named = calint(['lint', 'tenant/locked.json', 'tenant/good.json', '--format', 'json'], { cwd: sub, ...asUser });
      expectCleanStderr(named);
      expect(named.lines).toEqual([
        'calint: error: tenant/locked.json: cannot read it: permission denied (make it readable for the user running calint, e.g. chmod a+r, or leave it out)',
      ]);
      expect(named.status).toBe(2);
    } finally {
      fs.chmodSync(path.join(sub, 'tenant/secret'), 0o755);
      fs.chmodSync(path.join(sub, 'tenant/locked.json'), 0o644);
    }
  });
});

describe('the config and the baseline are read as inputs are: a FIFO is refused, never waited on', () => {
  it('--config, a calint.config.json FIFO found beside the inputs, and --baseline', () => {
    const sub = tempDir('special-config');
    write(sub, 'tenant/good.json', GOOD_POLICY);
    mkfifo(path.join(sub, 'config.fifo'));
    mkfifo(path.join(sub, 'baseline.fifo'));
    const explicit = calint(['lint', 'tenant', '--config', 'config.fifo'], { cwd: sub });
    expectCleanStderr(explicit);
    expect(explicit.status).toBe(2);
    expect(explicit.lines).toEqual(['calint: error: config.fifo: cannot read config: not a regular file (a FIFO)']);

    const baseline = calint(['lint', 'tenant', '--baseline', 'baseline.fifo'], { cwd: sub });
    expectCleanStderr(baseline);
    expect(baseline.status).toBe(2);
    expect(baseline.lines).toEqual(['calint: error: baseline.fifo: cannot read baseline: not a regular file (a FIFO)']);

    mkfifo(path.join(sub, 'tenant/calint.config.json'));
    const found = calint(['lint', 'tenant/good.json'], { cwd: sub });
    expectCleanStderr(found);
    expect(found.status).toBe(2);
    expect(found.lines).toEqual(['calint: error: tenant/calint.config.json: cannot read config: not a regular file (a FIFO)']);
  });
});
