import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
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

describe('the built command line', () => {
  it('is one CommonJS bundle with a V8 code cache that this Node accepts', () => {
    const root = path.resolve(__dirname, '..');
    const bundle = path.join(root, 'dist/calint.cjs');
    const source = readFileSync(bundle, 'utf8');
    const wrapper = `(function (exports, require, module, __filename, __dirname, __calintMetaUrl) {${source}\n})`;
    const script = new vm.Script(wrapper, { filename: bundle, cachedData: readFileSync(`${bundle}.cache`) });
    expect(script.cachedDataRejected).toBe(false);
  });
});
