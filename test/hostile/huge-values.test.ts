/**
 * Issue 13: a 10 MB policy name. SARIF, JUnit and Code Climate JSON carry it cut to MAX_VALUE_CHARS with an ellipsis
 * (it used to stop the run with "Invalid string length"); the JSON output keeps it whole. One run writes all four.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_CHARS, clipValue } from '../../src/report/clip-values.js';
import { calint, GOOD_POLICY, tempDir, write } from './helpers.js';

function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  return Math.max(0, ...Object.values(value).map(longestString));
}

describe('a 10 MB tenant value', () => {
  it('is cut in SARIF, JUnit and Code Quality, whole in JSON', () => {
    const dir = tempDir('huge');
    const name = `Start ${'N'.repeat(10 * 1024 * 1024)} end`;
    write(dir, 'policies.json', { value: [{ ...GOOD_POLICY, displayName: name, conditions: { ...GOOD_POLICY.conditions, clientAppTypes: ['browser'] } }] });
    const run = calint(['lint', 'policies.json', '--scope', 'tenant', '-f', 'json=out.json,sarif=out.sarif,junit=out.xml,codequality=out.cq.json'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(run.lines.filter((l) => !l.startsWith('calint: wrote '))).toEqual([]);
    expect(run.status).toBe(1);

    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')) as { policies: Array<{ name: string }> };
    expect(json.policies[0]!.name).toBe(name);

    const limit = clipValue('x'.repeat(MAX_VALUE_CHARS + 1)).length;
    for (const file of ['out.sarif', 'out.cq.json']) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      expect(longestString(doc), file).toBeLessThanOrEqual(Math.max(limit, 8000));
      expect(JSON.stringify(doc)).toContain('more characters; the JSON output has the whole value');
    }
    const xml = fs.readFileSync(path.join(dir, 'out.xml'), 'utf8');
    expect(xml.length).toBeLessThan(2 * 1024 * 1024);
    expect(xml).toContain('more characters; the JSON output has the whole value');
    const lint = spawnSync('xmllint', ['--noout', path.join(dir, 'out.xml')], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
  }, 180_000);

  it('clipValue never splits a surrogate pair and leaves short values alone', () => {
    expect(clipValue('short')).toBe('short');
    const emoji = `${'a'.repeat(9)}😀tail`;
    const cut = clipValue(emoji, 10);
    expect(cut.startsWith('a'.repeat(9) + '…')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
