/** Loader bugs found by the loader tests, each pinned by the smallest input that showed it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { load } from './helpers.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'calint-regress-'));

describe('loader regressions', () => {
  it('a duplicate key drops the positions recorded inside the discarded first value', async () => {
    const dir = tmp();
    const file = path.join(dir, 'dup.json');
    fs.writeFileSync(
      file,
      '{\n  "sessionControls": {\n    "signInFrequency": {"isEnabled": true}\n  },\n  "conditions": {},\n  "sessionControls": {\n    "persistentBrowser": {"isEnabled": true}\n  }\n}\n',
    );
    const r = await load([file], dir);
    expect(r.locate('dup.json', '/sessionControls/signInFrequency')).toEqual({ line: 6, column: 3 });
    expect(r.locate('dup.json', '/sessionControls/persistentBrowser')).toEqual({ line: 7, column: 5 });
  });

  it('a single policy whose conditions has the wrong type is an input error, not "not CA data"', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'p.json'), '{"displayName": "p", "state": "enabled", "conditions": "x", "grantControls": null}');
    const result = await lint({ inputs: ['p.json'], cwd: dir, now: new Date(0) });
    expect(result.summary.exitCode).toBe(2);
    expect(result.errors.map((e) => [e.file, e.pointer, e.message])).toEqual([
      ['p.json', '/conditions', expect.stringMatching(/expected an object, found "x"/)],
    ]);
  });

  it('a wrongly typed member of a nullable object gives one error, not an extra "expected null" at its parent', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'p.json'), '{"displayName": "p", "state": "enabled", "conditions": {"users": {"includeUsers": "All"}}}');
    const result = await lint({ inputs: ['p.json'], cwd: dir, now: new Date(0) });
    expect(result.errors.map((e) => e.pointer)).toEqual(['/conditions/users/includeUsers']);
  });

  it('UTF-16LE without a BOM is recognised whatever ASCII character it starts with', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'c.json'), Buffer.from('// exported by a script\n{"displayName": "p", "state": "enabled", "conditions": {}}', 'utf16le'));
    const r = await load(['c.json'], dir);
    expect(r.inputs[0]).toMatchObject({ status: 'loaded', encoding: 'utf-16le' });
  });
});
