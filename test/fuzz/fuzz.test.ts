/**
 * Issue 13, "Proof": a bounded fuzz suite. Seeds are the embedded examples tenant (each of its files, and each policy
 * on its own) and the loader's shape fixtures; fast-check mutates them (byte flips, truncation, a wrong type at any
 * property, prototype-named keys, other encodings, duplicate keys, huge strings, arrays and nesting, other wrappers)
 * with a fixed seed, and calint's command line runs in this process on each (test/fuzz/driver.ts lists what must
 * hold). About a minute; the tallies are printed at the end. The corpus suite runs the same driver on the corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutation, mutation, mutationLabel } from './mutations.js';
import { caseDir, checkFileOutputs, checkLintRun, runInProcess, sha256, Tally } from './driver.js';

const ROOT = path.resolve(__dirname, '../..');
const FIXED_SEED = 20261206;

function seedFiles(): Array<{ name: string; bytes: Buffer }> {
  const seeds: Array<{ name: string; bytes: Buffer }> = [];
  const add = (file: string) => seeds.push({ name: path.relative(ROOT, file), bytes: fs.readFileSync(file) });
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) add(p);
    }
  };
  walk(path.join(ROOT, 'examples/northwind'));
  walk(path.join(ROOT, 'test/load/fixtures/shapes'));
  // Each example policy on its own: small inputs, so many runs fit in the budget.
  const policies = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/northwind/policies.json'), 'utf8')) as { value: unknown[] };
  policies.value.forEach((p, i) => seeds.push({ name: `examples policy #${i}`, bytes: Buffer.from(JSON.stringify(p, null, 2)) }));
  return seeds;
}

const tally = new Tally();
afterAll(() => {
  // The numbers the closing note of issue 13 quotes.
  process.stdout.write(`\nfuzz (unit suite): ${tally.summary()}\n`);
});

describe("the fuzz driver's checks", () => {
  it('catch what they are for: a stack trace, a foreign stderr line, an exit code outside 0-2, JSON that does not parse, an unnamed unreadable input', () => {
    const rules = (stdout: string, stderr: string, exitCode: number) => checkLintRun({ stdout, stderr, exitCode }, 'in.json').map((v) => v.rule);
    expect(rules('{}', '', 0)).toEqual([]);
    expect(rules('{}', 'calint: internal error: x\n    at f (file.js:1:2)\n', 2)).toEqual(
      expect.arrayContaining(['no internal error', 'no stack trace', "every stderr line is calint's", 'exit 2 says why on stderr']),
    );
    expect(rules('{}', '', 3)).toEqual(['exit code 0, 1 or 2']);
    expect(rules('{"a":', '', 1)).toEqual(['JSON output parses']);
    const unreadable = JSON.stringify({ inputs: [{ path: 'in.json', status: 'error' }], errors: [{ file: 'in.json', line: 3, message: 'x' }] });
    expect(rules(unreadable, 'calint: error: in.json: bad\n', 2)).toEqual(['the error line gives line:column']);
    expect(rules(unreadable, 'calint: error: other.json:3:1: bad\n', 1)).toEqual(['an unreadable input exits 2', 'one located error line for an unreadable input', 'the error line gives line:column']);
    expect(rules(unreadable, 'calint: error: in.json:3:4: bad\n', 2)).toEqual([]);
  });
});

describe('fuzz: mutated exports never crash calint, never change an input, always explain themselves', () => {
  const seeds = seedFiles();

  it('lint --format json on one mutated file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), mutation, fc.boolean(), async (seedIndex, m, tenantScope) => {
        const seed = seeds[seedIndex]!;
        const bytes = applyMutation(seed.bytes, m);
        const dir = caseDir();
        try {
          fs.writeFileSync(path.join(dir, 'in.json'), bytes);
          const run = await runInProcess(['lint', 'in.json', '--format', 'json,sarif=out.sarif,junit=out.xml,codequality=out.cq.json', ...(tenantScope ? ['--scope', 'tenant'] : [])], dir);
          tally.add(mutationLabel(m), run.exitCode);
          const violations = checkLintRun(run, 'in.json');
          violations.push(...checkFileOutputs(dir, ['out.sarif', 'out.cq.json'], ['out.xml']));
          if (/"status": "error"/.test(run.stdout)) tally.unreadable++;
          if (sha256(fs.readFileSync(path.join(dir, 'in.json'))) !== sha256(bytes)) violations.push({ rule: 'the input is unchanged', detail: 'in.json' });
          for (const violation of violations) tally.violations.push({ seed: seed.name, mutation: JSON.stringify(m).slice(0, 200), violation });
          expect(violations, `${seed.name} ${mutationLabel(m)}`).toEqual([]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: FIXED_SEED, numRuns: 700, endOnFailure: true },
    );
  }, 240_000);

  it('the whole examples tenant with one file mutated: lint, whatif and coverage', async () => {
    const names = ['policies.json', 'namedLocations.json', 'authenticationStrengths.json', 'authenticationContexts.json', 'directory/groups.json', 'directory/users.json', 'directory/directoryRoles.json', 'directory/servicePrincipals.json'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), mutation, fc.constantFrom('lint', 'whatif', 'coverage'), async (name, m, command) => {
        const dir = caseDir();
        try {
          fs.cpSync(path.join(ROOT, 'examples/northwind'), path.join(dir, 'tenant'), { recursive: true });
          const target = path.join(dir, 'tenant', name);
          const bytes = applyMutation(fs.readFileSync(target), m);
          fs.writeFileSync(target, bytes);
          const before = new Map(fs.readdirSync(path.join(dir, 'tenant'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => [f, sha256(fs.readFileSync(path.join(dir, 'tenant', f)))]));
          const args =
            command === 'lint'
              ? ['lint', 'tenant', '--format', 'json']
              : command === 'whatif'
                ? ['whatif', 'tenant', '--user', '0f6e2b1a-0000-4000-8000-0000000000ff', '--app', 'All', '--format', 'json']
                : ['coverage', 'tenant', '--format', 'json'];
          const run = await runInProcess(args, dir);
          tally.add(`${command} ${mutationLabel(m)}`, run.exitCode);
          const violations = command === 'lint' ? checkLintRun(run, `tenant/${name}`) : checkLintRun({ ...run, stdout: run.stdout }, `tenant/${name}`);
          for (const [f, h] of before) if (sha256(fs.readFileSync(path.join(dir, 'tenant', f))) !== h) violations.push({ rule: 'the inputs are unchanged', detail: f });
          for (const violation of violations) tally.violations.push({ seed: name, mutation: JSON.stringify(m).slice(0, 200), violation });
          expect(violations, `${command} ${name} ${mutationLabel(m)}`).toEqual([]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: FIXED_SEED, numRuns: 150, endOnFailure: true },
    );
  }, 240_000);
});
