/**
 * Issue 13, "Clean, located errors everywhere": bad bytes are reported at their line and column, a snapshot whose
 * sections hold the wrong types is an error at the pointer (not an empty tenant that lints clean), and the argument
 * parser's usage errors are one `calint: error:` line like every other error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { calint, expectCleanStderr, tempDir, write } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('located');
});

const run = (inputs: string[]) => lint({ inputs, cwd: dir, now: new Date(0) });

describe('bad bytes: the line and column of the first one', () => {
  it('a NUL byte inside UTF-8 text', async () => {
    write(dir, 'nul.json', Buffer.concat([Buffer.from('{\n  "displayName": "Gäste"'), Buffer.from([0]), Buffer.from('\n}\n')]));
    const r = await run(['nul.json']);
    expect(r.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ['nul.json:2:25: binary data, not a JSON text file (a NUL byte at offset 27)', 2, 25],
    ]);
  });

  it('a byte that is not UTF-8 after multi-byte characters (the column counts characters, as an editor does)', async () => {
    // "€" is three bytes and one column; 0xFF can start no UTF-8 character.
    write(dir, 'bad-utf8.json', Buffer.concat([Buffer.from('{\n\n  "a": "€€'), Buffer.from([0xff]), Buffer.from('"\n}')]));
    const r = await run(['bad-utf8.json']);
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [3, 11, 'bad-utf8.json:3:11: not valid UTF-8 text (byte 0xFF at offset 17: binary data, or another encoding such as Windows-1252; save the file as UTF-8)'],
    ]);
  });

  it('UTF-8 cut short at the end of the file', async () => {
    write(dir, 'cut.json', Buffer.from('{"a": "€"}', 'utf8').subarray(0, 9));
    const r = await run(['cut.json']);
    expect(r.errors[0]!.message).toBe(
      'cut.json:1:8: not valid UTF-8 text (a character cut short by the end of the file at offset 7: binary data, or another encoding such as Windows-1252; save the file as UTF-8)',
    );
  });

  it('UTF-16 with an unpaired surrogate (LE with a BOM, BE without)', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{\r\n  "a": "x', 'utf16le'), Buffer.from([0x3d, 0xd8]), Buffer.from('"}', 'utf16le')]);
    write(dir, 'le.json', le);
    const be = Buffer.from('{\n"b": "\udc00"}', 'utf16le').swap16();
    write(dir, 'be.json', be);
    const r = await run(['le.json', 'be.json']);
    expect(r.errors.map((e) => e.message)).toEqual([
      'be.json:2:7: not valid UTF-16BE text (a low surrogate 0xDC00 without its high half at offset 16: binary data, or a damaged or truncated file)',
      'le.json:2:10: not valid UTF-16LE text (a high surrogate 0xD83D without its low half at offset 26: binary data, or a damaged or truncated file)',
    ]);
  });

  it('the CLI prints it as one line: file:line:column: reason', () => {
    const r = calint(['lint', 'nul.json'], { cwd: dir });
    expectCleanStderr(r);
    expect(r.lines).toEqual(['calint: error: nul.json:2:25: binary data, not a JSON text file (a NUL byte at offset 27)']);
    expect(r.status).toBe(2);
  });
});

describe('a snapshot with sections of the wrong type is an error at the pointer, not an empty tenant', () => {
  it('policies that are not objects: [1, "x"]', async () => {
    write(dir, 'snap-policies.json', '{\n  "snapshotVersion": 1,\n  "policies": [1, "x"]\n}\n');
    const r = await run(['snap-policies.json']);
    expect(r.summary.exitCode).toBe(2);
    expect(r.errors.map((e) => [e.file, e.pointer, e.line, e.column, e.message])).toEqual([
      ['snap-policies.json', '/policies/0', 3, 16, 'snap-policies.json:3:16 at /policies/0: expected a conditionalAccessPolicy object, found a number (1)'],
    ]);
  });

  it('a later item of another section: the first bad item is named', async () => {
    write(dir, 'snap-users.json', JSON.stringify({ snapshotVersion: 1, policies: [], directory: { users: [{ id: 'u1' }, null] } }, null, 2));
    const r = await run(['snap-users.json']);
    expect(r.errors.map((e) => e.message)).toEqual(['snap-users.json:9:7 at /directory/users/1: expected a user object, found null']);
  });

  it.each([
    ['an array', '[{"users": []}]', 'an array'],
    ['a string', '"users"', 'a string ("users")'],
  ])('directory is %s', async (_name, directory, found) => {
    write(dir, 'snap-directory.json', `{\n  "snapshotVersion": 1,\n  "policies": [],\n  "directory": ${directory}\n}\n`);
    const r = await run(['snap-directory.json']);
    expect(r.summary.exitCode).toBe(2);
    expect(r.errors.map((e) => e.message)).toEqual([
      `snap-directory.json:4:3 at /directory: "directory" must be an object holding users, groups, roles and servicePrincipals, found ${found}`,
    ]);
  });

  it('tenant that is not an object', async () => {
    write(dir, 'snap-tenant.json', '{"snapshotVersion": 1, "tenant": 7, "policies": []}');
    const r = await run(['snap-tenant.json']);
    expect(r.errors.map((e) => e.message)).toEqual([
      'snap-tenant.json:1:24 at /tenant: "tenant" must be an object holding the tenant id, name and export details, found a number (7)',
    ]);
  });

  it('null sections stay "not exported" (no error)', async () => {
    write(dir, 'snap-null.json', '{"snapshotVersion": 1, "tenant": null, "policies": [], "directory": null, "namedLocations": null}');
    const r = await run(['snap-null.json']);
    expect(r.errors).toEqual([]);
  });
});

describe('usage errors from the argument parser: one calint: error: line, exit 2', () => {
  it.each([
    [['lint', 'x.json', '--frobnicate'], "unknown option '--frobnicate' (run calint lint --help for usage)"],
    [['lint', 'x.json', '--formt', 'json'], "unknown option '--formt' (Did you mean --format?) (run calint lint --help for usage)"],
    [['lint'], "missing required argument 'inputs' (run calint lint --help for usage)"],
    [['lint', 'x.json', '--fail-on'], "option '--fail-on <severity>' argument missing (run calint lint --help for usage)"],
    [['lint', 'x.json', '--scope', 'galaxy'], "option '--scope <scope>' argument 'galaxy' is invalid. Allowed choices are policy, tenant. (run calint lint --help for usage)"],
    [['coverage', 'x.json', '--bogus'], "unknown option '--bogus' (run calint coverage --help for usage)"],
    [['frobnicate'], "unknown command 'frobnicate' (run calint --help for usage)"],
  ])('calint %j', (args, message) => {
    const r = calint(args, { cwd: dir });
    expectCleanStderr(r);
    expect(r.lines).toEqual([`calint: error: ${message}`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('--help is unchanged: usage on stdout, exit 0, nothing on stderr', () => {
    const r = calint(['lint', '--help'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: calint lint \[options\] <inputs\.\.\.>/);
  });
});
