import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { lint } from '../src/engine/lint.js';

describe('smoke', () => {
  it('lints examples from source', async () => {
    const root = path.resolve(__dirname, '..');
    const r = await lint({ inputs: ['examples/northwind'], cwd: root, configFile: 'examples/calint.config.json', now: new Date(0) });
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.rules.map((x) => x.id)).toContain('token-protection/resource-scope');
  });
});
