/** Generated files (types and standalone validators) must match schemas/: run `npm run generate` after a change. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

describe('generated from schemas/', () => {
  it('src/model/generated/validators.js is up to date', () => {
    const r = spawnSync(process.execPath, ['scripts/generate-validators.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('generated rule docs', () => {
  it('docs/rules is up to date with the rules and their fixtures (npm run docs)', () => {
    const r = spawnSync(process.execPath, ['scripts/generate-docs.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
