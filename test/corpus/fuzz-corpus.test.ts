/**
 * The fuzz driver of the unit suite (test/fuzz/driver.ts) on the real-world corpus: every corpus file is a seed, each
 * mutated by fast-check with a fixed seed; calint runs in this process and the same invariants must hold (exit 0/1/2,
 * no stack trace, one located error line for unreadable input, inputs unchanged, outputs that parse).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutation, mutation, mutationLabel } from '../fuzz/mutations.js';
import { caseDir, checkFileOutputs, checkLintRun, runInProcess, sha256, Tally } from '../fuzz/driver.js';
import { corpusDir } from '../helpers/corpus.js';

const CORPUS = corpusDir();
const files = (fs.readdirSync(CORPUS, { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.json'))
  .sort();
const tally = new Tally();
afterAll(() => process.stdout.write(`\nfuzz (corpus suite): ${tally.summary()}\n`));

describe('fuzz on the corpus', () => {
  it('every corpus file unmutated, then mutated corpus files', async () => {
    // Each file once as it is (the baseline every mutation departs from), then fast-check's mutations.
    const cases: Array<[number, Parameters<typeof applyMutation>[1] | null]> = files.map((_, i) => [i, null]);
    for (const [i] of cases) await one(i, null);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), mutation, async (i, m) => one(i, m)),
      { seed: 20261206, numRuns: 400, endOnFailure: true },
    );
  }, 600_000);
});

async function one(index: number, m: Parameters<typeof applyMutation>[1] | null): Promise<void> {
  const name = files[index]!;
  const seed = fs.readFileSync(path.join(CORPUS, name));
  const bytes = m ? applyMutation(seed, m) : seed;
  const dir = caseDir();
  try {
    fs.writeFileSync(path.join(dir, 'in.json'), bytes);
    const started = Date.now();
    if (process.env.CALINT_FUZZ_LOG) fs.appendFileSync(process.env.CALINT_FUZZ_LOG, `start ${name} ${JSON.stringify(m).slice(0, 300)}\n`);
    const run = await runInProcess(['lint', 'in.json', '--scope', 'tenant', '--format', 'json,sarif=out.sarif,junit=out.xml,codequality=out.cq.json'], dir);
    if (process.env.CALINT_FUZZ_LOG) fs.appendFileSync(process.env.CALINT_FUZZ_LOG, `${Date.now() - started} ms ${name} ${JSON.stringify(m).slice(0, 300)}\n`);
    tally.add(m ? mutationLabel(m) : 'unmutated', run.exitCode);
    if (/"status": "error"/.test(run.stdout)) tally.unreadable++;
    const violations = [...checkLintRun(run, 'in.json'), ...checkFileOutputs(dir, ['out.sarif', 'out.cq.json'], ['out.xml'])];
    if (sha256(fs.readFileSync(path.join(dir, 'in.json'))) !== sha256(bytes)) violations.push({ rule: 'the input is unchanged', detail: name });
    for (const violation of violations) tally.violations.push({ seed: name, mutation: JSON.stringify(m).slice(0, 200), violation });
    expect(violations, `${name} ${m ? mutationLabel(m) : 'unmutated'}`).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
