/**
 * What the report needs travels in the LintResult (DESIGN.md: a formatter sees only the result): each policy in plain
 * language, names for the ids policies and findings use, the tenant's identity and data date, the config file with its
 * hash, and the document control from the config's `report` section (defaults when it has none).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, lintRun } from '../../src/engine/lint.js';
import { REPO_ROOT } from '../rules/fixtures.js';
import { runCli } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const examples = path.join(REPO_ROOT, 'examples');

describe('the data a report reads from the LintResult', () => {
  it('describes every policy and names the ids that policies and findings use', async () => {
    const result = await lint({ inputs: [examples], cwd: REPO_ROOT, now: new Date(0) });
    expect(result.policies.length).toBeGreaterThan(0);
    for (const p of result.policies) {
      expect(p.description.sentence.length, p.name).toBeGreaterThan(0);
      expect(['enabled', 'report-only', 'disabled']).toContain(p.description.state);
    }
    const tokenPolicies = result.policies.filter((p) => p.description.requiresTokenProtection);
    expect(tokenPolicies.length).toBeGreaterThan(0);
    // Break Glass Admin 01 is excluded from most policies: its id is named.
    const breakGlassId = 'adda68da-2fd2-4062-b984-d03f36df5623';
    expect(result.names[breakGlassId]).toMatch(/Break Glass/i);
    // Exchange Online is a first-party app: named from calint's catalogue.
    expect(result.names['00000002-0000-0ff1-ce00-000000000000']).toMatch(/Exchange Online/);
    expect(Object.keys(result.names)).toEqual([...Object.keys(result.names)].sort());
  });

  it('records the config file with the sha256 of its bytes, and the document control with defaults', async () => {
    const config = path.join(examples, 'calint.config.json');
    const result = await lint({ inputs: [examples], cwd: REPO_ROOT, now: new Date(0) });
    expect(result.config).toEqual({ file: 'examples/calint.config.json', sha256: createHash('sha256').update(readFileSync(config)).digest('hex') });
    expect(result.document.organization).toBe('Northwind Traders');
    expect(result.document.classification).toBe('Confidential');
    expect(result.document.signOff.map((s) => s.role)).toContain('Reviewed by');

    const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-doc-'));
    made.push(dir);
    const bare = path.join(dir, 'calint.config.json');
    writeFileSync(bare, '{}');
    const defaults = await lint({ inputs: [path.join(examples, 'northwind')], cwd: REPO_ROOT, configFile: bare, now: new Date(0) });
    expect(defaults.document).toEqual({
      organization: null,
      title: null,
      preparedBy: null,
      reviewedBy: null,
      version: null,
      classification: 'Confidential',
      scope: null,
      objectives: null,
      signOff: [],
    });
  });

  it('rejects a report setting the schema does not know, with its pointer', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-doc-'));
    made.push(dir);
    const config = path.join(dir, 'calint.config.json');
    writeFileSync(config, JSON.stringify({ report: { preparedBy: 'A', signoff: [] } }));
    await expect(lint({ inputs: [path.join(examples, 'northwind')], cwd: REPO_ROOT, configFile: config, now: new Date(0) })).rejects.toMatchObject({
      pointer: '/report/signoff',
      message: expect.stringContaining('unknown key "signoff" in report (did you mean "signOff"?)'),
    });
  });

  it('tells when the data was exported, or the latest change it shows when it does not', async () => {
    const result = await lint({ inputs: [examples], cwd: REPO_ROOT, now: new Date(0) });
    // Plain Graph lists carry no export time; the policies' modifiedDateTime is the newest the data shows.
    expect(result.identity.exportedAt).toBeNull();
    const policies = JSON.parse(readFileSync(path.join(examples, 'northwind/policies.json'), 'utf8')).value as Array<Record<string, string | null>>;
    const newest = Math.max(...policies.flatMap((p) => [p.modifiedDateTime, p.createdDateTime]).filter((v): v is string => typeof v === 'string').map((v) => Date.parse(v)));
    expect(Date.parse(result.identity.latestChange!)).toBeGreaterThanOrEqual(newest);
  });

  it('gives the coverage of the same run without handing out the index', async () => {
    const run = await lintRun({ inputs: [examples], cwd: REPO_ROOT, now: new Date(0) });
    const coverage = await run.coverage();
    expect(coverage.ran).toBe(true);
    if (coverage.ran) {
      expect(coverage.gaps.length).toBeGreaterThan(0);
      for (const g of coverage.gaps) expect(g.summary).toMatch(/^Sign-ins by /);
    }
    expect(Object.keys(run).sort()).toEqual(['coverage', 'result']);
  });

  it('refuses an empty document-control option as a usage error', () => {
    const r = runCli(['report', 'examples', '--format', 'md', '--classification', ' ', '--output', os.tmpdir()]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('calint: error: --classification: the text is empty');
  });
});
