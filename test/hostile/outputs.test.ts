/**
 * Issue 13, "Data loss": calint never writes over a file it read, writes to devices and FIFOs instead of renaming over
 * them, refuses folders with one located line, and leaves no temp file behind. The real CLI in a child process; real
 * hard and symbolic links, a real FIFO with a reader, real /dev/null.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { calint, expectCleanStderr, GOOD_POLICY, mkfifo, repoRoot, tempDir, write } from './helpers.js';

let dir: string;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeEach(() => {
  dir = tempDir('outputs');
  write(dir, 'tenant/in.json', GOOD_POLICY);
  write(dir, 'calint.config.json', { breakGlass: { users: [] } });
  write(dir, 'sign-in.json', { identity: { kind: 'user' }, target: { kind: 'application', appId: '00000002-0000-0ff1-ce00-000000000000' } });
});

/** Every file in the folder with its hash: what must be unchanged after a refused run. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(dir, p)] = sha(p);
      else if (e.isSymbolicLink()) out[path.relative(dir, p)] = `-> ${fs.readlinkSync(p)}`;
    }
  };
  walk(dir);
  return out;
}

describe('an output that is an input is refused before anything is written (exit 2, both named)', () => {
  const cases: Array<{ name: string; setup?: () => void; args: string[]; message: RegExp }> = [
    { name: '--output, spelt another way', args: ['lint', 'tenant/in.json', '-o', './tenant/../tenant/in.json'], message: /--output \.\/tenant\/\.\.\/tenant\/in\.json is the input \(tenant\/in\.json\)/ },
    { name: '--format json=', args: ['lint', 'tenant', '-f', 'json=tenant/in.json'], message: /--format json=tenant\/in\.json is the input this run reads/ },
    { name: '--format sarif= through a symbolic link', setup: () => fs.symlinkSync('tenant/in.json', path.join(dir, 'link.sarif')), args: ['lint', 'tenant', '-f', 'sarif=link.sarif'], message: /--format sarif=link\.sarif is the input \(tenant\/in\.json\)/ },
    { name: '--format junit= onto a hard link', setup: () => fs.linkSync(path.join(dir, 'tenant/in.json'), path.join(dir, 'hard.xml')), args: ['lint', 'tenant/in.json', '-f', 'junit=hard.xml'], message: /--format junit=hard\.xml is the input \(tenant\/in\.json\)/ },
    { name: 'a second output in the same run (nothing is written, not even the first)', args: ['lint', 'tenant', '-f', 'json=ok.json,codequality=tenant/in.json'], message: /--format codequality=tenant\/in\.json is the input/ },
    { name: '--update-baseline onto an input', args: ['lint', 'tenant', '--baseline', 'tenant/in.json', '--update-baseline'], message: /--update-baseline --baseline tenant\/in\.json is the input/ },
    { name: '--update-baseline onto the config file', args: ['lint', 'tenant', '--baseline', 'calint.config.json', '--update-baseline'], message: /--update-baseline --baseline calint\.config\.json is the config file/ },
    { name: '--output onto the config file', args: ['lint', 'tenant', '-o', 'calint.config.json'], message: /--output calint\.config\.json is the config file/ },
    { name: 'whatif -o onto an input', args: ['whatif', 'tenant', '--scenario', 'sign-in.json', '-o', 'tenant/in.json'], message: /--output tenant\/in\.json is the input/ },
    { name: 'whatif -o onto the scenario file', args: ['whatif', 'tenant', '--scenario', 'sign-in.json', '-o', 'sign-in.json'], message: /--output sign-in\.json is the scenario file/ },
    { name: 'coverage -o onto an input', args: ['coverage', 'tenant', '-o', 'tenant/in.json'], message: /--output tenant\/in\.json is the input/ },
    {
      name: 'a report file name that is an input (a link in the report folder)',
      setup: () => {
        fs.mkdirSync(path.join(dir, 'out'));
        fs.symlinkSync('../tenant/in.json', path.join(dir, 'out/calint-report.md'));
      },
      args: ['report', 'tenant', '-f', 'md', '-o', 'out'],
      message: /the md report out\/calint-report\.md is the input \(tenant\/in\.json\)/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      c.setup?.();
      const before = snapshot();
      const run = calint(c.args, { cwd: dir });
      expectCleanStderr(run);
      expect(run.status).toBe(2);
      const refusal = run.lines.filter((l) => l.includes('calint never writes over its inputs'));
      expect(refusal).toHaveLength(1);
      expect(refusal[0]).toMatch(c.message);
      expect(run.stderr).not.toMatch(/calint: wrote/);
      expect(snapshot()).toEqual(before);
    });
  }

  it('two outputs naming one file are refused', () => {
    fs.mkdirSync(path.join(dir, 'out'));
    const run = calint(['lint', 'tenant', '-f', 'json=out/r.json,sarif=./out/../out/r.json'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.status).toBe(2);
    expect(run.lines.at(-1)).toMatch(/two formats write to the same file|are the same file/);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual([]);
  });

  it('a different file beside the input is written', () => {
    const run = calint(['lint', 'tenant', '-f', 'json=tenant/result.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'tenant/result.json'), 'utf8')).summary.policies).toBe(1);
  });
});

describe('devices and FIFOs are written to, never renamed over', () => {
  it('/dev/null stays the null device', () => {
    const run = calint(['lint', 'tenant', '-f', 'json', '-o', '/dev/null'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.readdirSync('/dev').filter((n) => n.startsWith('.calint-tmp-'))).toEqual([]);
  });

  it('/dev/stdout writes to standard output (a pipe here)', () => {
    const run = calint(['lint', 'tenant', '-f', 'json', '-o', '/dev/stdout'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).summary.policies).toBe(1);
  });

  it('a FIFO with a reader receives the output and is still a FIFO afterwards', async () => {
    const fifo = path.join(dir, 'out.fifo');
    mkfifo(fifo);
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      fs.createReadStream(fifo, 'utf8')
        .on('data', (d) => (text += d))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/calint.cjs'), 'lint', 'tenant', '-f', 'json', '-o', 'out.fifo'], { cwd: dir, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(await received).summary.policies).toBe(1);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
  });

  it('a symbolic link to a file is written through: the link stays, the file it names gets the output', () => {
    write(dir, 'results/real.json', '{}');
    fs.symlinkSync('results/real.json', path.join(dir, 'latest.json'));
    const run = calint(['lint', 'tenant', '-f', 'json', '-o', 'latest.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'results/real.json'), 'utf8')).summary.policies).toBe(1);
  });
});

describe('outputs that cannot be written: one located line with the fix, exit 2', () => {
  it('onto a folder (EISDIR)', () => {
    fs.mkdirSync(path.join(dir, 'out'));
    const run = calint(['lint', 'tenant', '-o', 'out'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.status).toBe(2);
    expect(run.lines).toEqual(['calint: error: out: is a folder: name a file to write (for example out/calint-output)']);
  });

  it('under a file (ENOTDIR / EEXIST)', () => {
    const run = calint(['lint', 'tenant', '-f', 'sarif=tenant/in.json/out.sarif'], { cwd: dir });
    expectCleanStderr(run);
    expect(run.status).toBe(2);
    expect(run.lines).toEqual(['calint: error: tenant/in.json/out.sarif: cannot write there: a part of the path tenant/in.json is a file, not a folder']);
  });

  it('into a folder that does not exist yet: it is created', () => {
    const run = calint(['lint', 'tenant', '-f', 'junit=ci/reports/calint.xml'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'ci/reports/calint.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('into a folder calint may not write to (EACCES)', () => {
    fs.mkdirSync(path.join(dir, 'locked'), { mode: 0o555 });
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = calint(['lint', 'tenant', '-o', 'locked/out.txt'], { cwd: dir, ...asUser });
    expectCleanStderr(run);
    expect(run.status).toBe(2);
    expect(run.lines).toEqual(['calint: error: locked/out.txt: permission denied: choose a folder you can write to']);
  });

  it('an empty output path', () => {
    const run = calint(['lint', 'tenant', '-o', ''], { cwd: dir });
    expectCleanStderr(run);
    expect(run.status).toBe(2);
    expect(run.lines).toEqual(['calint: error: --output: the path is empty; name a file or folder']);
  });
});

describe('temp files', () => {
  it("a killed run's temp file is removed by the next write into that folder; a running process's is kept", () => {
    fs.mkdirSync(path.join(dir, 'out'));
    // pid 2^22 + 1 is above Linux's pid_max default ceiling (4194304): no such process runs.
    const stale = path.join(dir, 'out/.calint-tmp-4194305-0a1b2c3d-report.json');
    const live = path.join(dir, `out/.calint-tmp-${process.pid}-0a1b2c3d-report.json`);
    const notOurs = path.join(dir, 'out/.calint-tmp-notes.txt');
    for (const f of [stale, live, notOurs]) fs.writeFileSync(f, 'partial');
    const run = calint(['lint', 'tenant', '-f', 'json=out/report.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['.calint-tmp-notes.txt', path.basename(live), 'report.json'].sort());
  });

  it('SIGTERM and SIGINT during a run leave no temp file: before the first write they stop it at once, after it the write in progress finishes (exit 143, 130)', async () => {
    // A tenant big enough that the outputs take a while to write.
    const policies = Array.from({ length: 3000 }, (_, i) => ({ ...GOOD_POLICY, id: `0f6e2b1a-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Policy ${i} ${'x'.repeat(200)}` }));
    write(dir, 'big/policies.json', { value: policies });
    fs.mkdirSync(path.join(dir, 'out'));
    const outcomes: string[] = [];
    for (const [signal, delay] of [['SIGTERM', 300], ['SIGINT', 600], ['SIGTERM', 900], ['SIGINT', 1200], ['SIGTERM', 1500]] as const) {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/calint.cjs'), 'lint', 'big', '-f', 'json=out/a.json,sarif=out/a.sarif,junit=out/a.xml'], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise<string>((resolve) => child.on('exit', (code, sig) => resolve(sig ? `signal ${sig}` : `exit ${code}`)));
      setTimeout(() => child.kill(signal), delay);
      const outcome = await exited;
      outcomes.push(outcome);
      expect(['exit 0', 'exit 1', `exit ${signal === 'SIGTERM' ? 143 : 130}`, `signal ${signal}`]).toContain(outcome);
      expect(fs.readdirSync(path.join(dir, 'out')).filter((n) => n.startsWith('.calint-tmp-'))).toEqual([]);
    }
  }, 60_000);
});
