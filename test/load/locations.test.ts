/**
 * LoadResult.locate(file, pointer): 1-based line/column of the property key (object members) or of the value
 * (array elements, root); the nearest enclosing location for absent pointers; RFC 6901 escapes; duplicate keys;
 * `__proto__` keys kept as data without touching prototypes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/model/build-snapshot.js';
import { lint } from '../../src/engine/lint.js';
import { fixtures, load, positionOf, readFixture, lineColumn } from './helpers.js';

const LIST = `${fixtures}/shapes/graph-list-policies.json`;
const DUP = `${fixtures}/locations/duplicate-session-controls.json`;
const ESC = `${fixtures}/locations/escapes-and-proto.json`;

describe('locate: members, elements, root', () => {
  it('object members point at the property key, array elements at the value', async () => {
    const r = await load([LIST]);
    const text = readFixture(LIST);
    const at = (p: string) => r.locate(LIST, p);

    expect(at('')).toEqual({ line: 1, column: 1 });
    expect(at('/value')).toEqual(positionOf(text, '"value"'));
    expect(at('/value')).toEqual({ line: 4, column: 5 });
    // Array element (an object): its opening brace.
    expect(at('/value/0')).toEqual(positionOf(text, '{', 1));
    expect(at('/value/0')).toEqual({ line: 5, column: 9 });
    expect(at('/value/1')).toEqual(lineColumn(text, text.lastIndexOf('{', text.indexOf('"a7c0e2d4'))));
    // Member of the second element: its key, not the first element's.
    expect(at('/value/1/displayName')).toEqual(positionOf(text, '"displayName"', 1));
    expect(at('/value/1/conditions/users/excludeGroups')).toEqual(positionOf(text, '"excludeGroups"', 1));
    // Array element (a string): the opening quote of the value.
    expect(at('/value/1/conditions/clientAppTypes/1')).toEqual(positionOf(text, '"other"'));
    expect(at('/value/0/grantControls/builtInControls/0')).toEqual(positionOf(text, '"mfa"'));
    // Member whose value is null: still the key.
    expect(at('/value/0/sessionControls')).toEqual(positionOf(text, '"sessionControls"'));
  });

  it('an absent pointer resolves to the nearest enclosing value that exists', async () => {
    const r = await load([LIST]);
    const text = readFixture(LIST);
    const at = (p: string) => r.locate(LIST, p);

    expect(at('/value/1/conditions/users/excludeUsers/3')).toEqual(positionOf(text, '"excludeUsers"', 1));
    expect(at('/value/1/conditions/devices/deviceFilter/rule')).toEqual(positionOf(text, '"devices"', 1));
    expect(at('/value/1/conditions/nope/deeper')).toEqual(positionOf(text, '"conditions"', 1));
    expect(at('/value/7/displayName')).toEqual(positionOf(text, '"value"'));
    expect(at('/nope')).toEqual({ line: 1, column: 1 });
  });

  it('unknown files and files that were not loaded give null', async () => {
    const r = await load([`${fixtures}/mixed`]);
    expect(r.locate('no/such/file.json', '')).toBeNull();
    expect(r.locate(`${fixtures}/mixed/settings.json`, '')).toBeNull(); // skipped: not CA data
    expect(r.locate(`${fixtures}/mixed/README.txt`, '')).toBeNull(); // skipped: not JSON
    expect(r.locate(`${fixtures}/mixed/policies.json`, '/value/0')).not.toBeNull();
  });

  it('warnings and errors raised later (validation) carry the same positions', async () => {
    const r = await load([LIST, `${fixtures}/shapes/microsoft-template.json`]);
    const built = buildSnapshot(r);
    const template = built.warnings.find((w) => w.code === 'template')!;
    expect(template).toMatchObject({ file: `${fixtures}/shapes/microsoft-template.json`, pointer: '', line: 1, column: 1 });
  });
});

describe('locate: RFC 6901 escapes', () => {
  it('~1 is "/", ~0 is "~", an empty token is the empty key', async () => {
    const r = await load([ESC]);
    const text = readFixture(ESC);
    const at = (p: string) => r.locate(ESC, p);

    expect(at('/extensions/a~1b')).toEqual(positionOf(text, '"a/b"'));
    expect(at('/extensions/m~0n')).toEqual(positionOf(text, '"m~n"'));
    // "~01" decodes to "~1" (a literal tilde-one key), not to "/".
    expect(at('/extensions/~01')).toEqual(positionOf(text, '"~1"'));
    expect(at('/extensions/')).toEqual(positionOf(text, '"": "empty key"'));
    // Unescaped "/" is a path separator: /extensions/a/b does not exist -> nearest is /extensions.
    expect(at('/extensions/a/b')).toEqual(positionOf(text, '"extensions"'));
    expect(r.objects[0]!.value.extensions).toMatchObject({ 'a/b': 'slash', 'm~n': 'tilde', '~1': 'literal tilde-one', '': 'empty key' });
  });
});

describe('duplicate keys (AlexFilipin policy 209 pattern: "sessionControls": null, then the object)', () => {
  it('the last value wins, and a duplicate-key warning names the first occurrence\'s line', async () => {
    const r = await load([DUP]);
    const text = readFixture(DUP);
    const first = positionOf(text, '"sessionControls"', 0);
    const last = positionOf(text, '"sessionControls"', 1);
    expect(first.line).toBe(6);
    expect(last.line).toBe(41);

    expect(r.objects).toHaveLength(1);
    expect(r.objects[0]!.value.sessionControls).toEqual({ secureSignInSession: { isEnabled: true } });
    expect(r.warnings).toEqual([
      {
        code: 'duplicate-key',
        message: `duplicate key "sessionControls" (first at line ${first.line}); the last one wins, as in JSON.parse`,
        file: DUP,
        pointer: '/sessionControls',
        line: last.line,
        column: last.column,
      },
    ]);
    // Pointers resolve into the winning (last) copy.
    expect(r.locate(DUP, '/sessionControls')).toEqual(last);
    expect(r.locate(DUP, '/sessionControls/secureSignInSession/isEnabled')).toEqual(positionOf(text, '"isEnabled"'));
  });

  it('same value as JSON.parse, and the whole run keeps the warning and no error', async () => {
    const r = await load([DUP]);
    expect(r.objects[0]!.value).toEqual(JSON.parse(readFixture(DUP)));
    const result = await lint({ inputs: [DUP], cwd: (await import('./helpers.js')).repoRoot, now: new Date(0) });
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.code === 'duplicate-key')).toHaveLength(1);
    expect(result.summary.policies).toBe(1);
  });

  it('duplicates inside array items are reported with their own pointer', async () => {
    const dir = tmp();
    const text = '[\n  {"displayName": "a", "state": "disabled", "state": "enabled",\n   "conditions": {"users": {"includeUsers": ["All"]}}}\n]\n';
    fs.writeFileSync(path.join(dir, 'dup-in-array.json'), text);
    const r = await load(['dup-in-array.json'], dir);
    expect(r.objects[0]!.value.state).toBe('enabled');
    const second = positionOf(text, '"state"', 1);
    expect(second).toEqual({ line: 2, column: 45 });
    expect(r.warnings.map((w) => [w.code, w.pointer, w.line, w.column])).toEqual([['duplicate-key', '/0/state', 2, 45]]);
    expect(r.warnings[0]!.message).toContain('(first at line 2)');
  });
});

describe('__proto__ keys are data, never prototypes', () => {
  it('a nested "__proto__" member is an own property and pollutes nothing', async () => {
    const r = await load([ESC]);
    const text = readFixture(ESC);
    const ext = r.objects[0]!.value.extensions as Record<string, unknown>;
    expect(Object.getPrototypeOf(ext)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(ext, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(ext, '__proto__')!.value).toEqual({ polluted: true, isAdmin: true });
    expect(ext.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(r.locate(ESC, '/extensions/__proto__')).toEqual(positionOf(text, '"__proto__"'));
    expect(r.locate(ESC, '/extensions/__proto__/polluted')).toEqual(positionOf(text, '"polluted"'));
  });

  it('a top-level "__proto__" cannot smuggle in policy properties, and a full lint run pollutes nothing', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'proto.json'),
      JSON.stringify({
        __proto__: { conditions: { users: { includeUsers: ['All'] } }, grantControls: { builtInControls: ['block'] } },
        constructor: { prototype: { polluted: true } },
        note: 'not a policy',
      }).replace('"note"', '"__proto__": {"isAdmin": true}, "note"'),
    );
    // JSON.stringify drops a literal __proto__ key from an object literal, so check the text really has it.
    expect(fs.readFileSync(path.join(dir, 'proto.json'), 'utf8')).toContain('"__proto__"');
    const r = await load(['proto.json'], dir);
    expect(r.inputs[0]).toMatchObject({ status: 'skipped', shape: 'not-ca' });
    expect(r.objects).toEqual([]);

    const policy = path.join(dir, 'policy-with-proto.json');
    fs.writeFileSync(
      policy,
      '{"displayName": "p", "state": "disabled", "__proto__": {"polluted": true},\n' +
        ' "conditions": {"__proto__": {"isAdmin": true}, "users": {"includeUsers": ["All"], "__proto__": {"x": 1}},\n' +
        ' "applications": {"includeApplications": ["All"]}, "clientAppTypes": ["all"]},\n' +
        ' "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}\n',
    );
    const result = await lint({ inputs: ['policy-with-proto.json'], cwd: dir, now: new Date(0) });
    expect(result.errors).toEqual([]);
    expect(result.summary.policies).toBe(1);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(probe.x).toBeUndefined();
  });
});

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'calint-locate-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
