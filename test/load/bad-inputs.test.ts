/**
 * Broken inputs, via lint() and via the CLI (`node bin/calint.cjs lint ...`): each gives exactly one clear line on
 * stderr naming the file (and line:column where it applies), no stack trace, exit code 2. Schema violations are
 * input errors with file, pointer, line and what was expected; tolerated deviations are warnings.
 *
 * The CLI runs the compiled dist/; it is built here only when dist/src/cli/main.js is missing.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { InputError } from '../../src/load/errors.js';
import type { LintResult } from '../../src/engine/result-types.js';
import { lineColumn, positionOf, repoRoot } from './helpers.js';

const BIN = path.join(repoRoot, 'bin/calint.cjs');
const BREAK_GLASS = 'd0c1b2a3-9f8e-4d7c-8b6a-5f4e3d2c1ba1';
const MB = 1024 * 1024;

let dir: string;

const policy = (extra: Record<string, unknown> = {}) => ({
  displayName: 'Require MFA',
  state: 'enabled',
  conditions: {
    users: { includeUsers: ['All'] },
    applications: { includeApplications: ['All'] },
    clientAppTypes: ['all'],
  },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  ...extra,
});

const TRUNCATED = '{\n  "value": [\n    { "displayName": "cut here", "conditions": {\n';
const FRAGMENT = '"locations": {\n    "includeLocations": [\n        "All"\n    ]\n}\n';

const BAD_STATE = `{
  "displayName": "Bad state",
  "state": 42,
  "conditions": {
    "users": { "includeUsers": ["All"] },
    "applications": { "includeApplications": ["All"] },
    "clientAppTypes": ["all"]
  }
}
`;
const USERS_AS_STRING = `{
  "displayName": "includeUsers as a string",
  "state": "enabled",
  "conditions": {
    "users": { "includeUsers": "All" },
    "applications": { "includeApplications": ["All"] },
    "clientAppTypes": ["all"]
  },
  "grantControls": { "operator": "OR", "builtInControls": ["mfa"] }
}
`;
const CONDITIONS_LIST = `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies",
  "value": [
    {
      "displayName": "conditions is a string",
      "state": "enabled",
      "conditions": "x",
      "grantControls": { "operator": "OR", "builtInControls": ["mfa"] }
    }
  ]
}
`;
const TOLERATED = `{
  "displayName": "Tolerated deviations",
  "state": "enabled",
  "conditions": {
    "users": { "includeUsers": ["All"] },
    "applications": { "includeApplications": ["All"] },
    "clientAppTypes": ["All"],
    "platforms": []
  },
  "grantControls": { "operator": "OR", "builtInControls": ["mfa", "requireQuantumSafeToken"] }
}
`;

function writeFile(name: string, content: string | Buffer): void {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Deterministic "random" bytes with NULs, starting like a PNG (no BOM, not JSON). */
function binaryBytes(): Buffer {
  const b = Buffer.alloc(4096);
  let s = 0x2545f491;
  for (let i = 0; i < b.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]).copy(b, 0);
  return b;
}

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist/src/cli/main.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: repoRoot, stdio: 'inherit' });
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calint-bad-inputs-'));
  writeFile('empty.json', '');
  writeFile('whitespace.json', '  \n\t\r\n   \n');
  writeFile('binary.json', binaryBytes());
  writeFile('truncated.json', TRUNCATED);
  writeFile('value-null.json', '{"value": null}\n');
  writeFile('fragment.json', FRAGMENT);
  writeFile('deep.json', '{"value": ' + '['.repeat(100_000));
  // 50 MB: a valid Graph list whose policies carry a 1 MB padding description each (never committed).
  const pad = 'x'.repeat(MB);
  const big = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies',
    value: Array.from({ length: 50 }, (_, i) => policy({ id: `big-${i}`, description: pad })),
  };
  writeFile('big.json', JSON.stringify(big));
  writeFile('partial/good.json', JSON.stringify(policy({ id: 'good-1' }), null, 2));
  writeFile('partial/broken.json', TRUNCATED);
  writeFile('bad-state.json', BAD_STATE);
  writeFile('users-as-string.json', USERS_AS_STRING);
  writeFile('conditions-list.json', CONDITIONS_LIST);
  writeFile('tolerated.json', TOLERATED);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const run = (inputs: string[], extra: Partial<Parameters<typeof lint>[0]> = {}): Promise<LintResult> =>
  lint({ inputs, cwd: dir, now: new Date(0), ...extra });

/** Runs `node bin/calint.cjs lint ...args` in the temp dir (async, so the CLI cases can run concurrently). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.CALINT_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'lint', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Exactly one non-empty stderr line, calint's own, without a Node stack trace or "Error:" prefix. */
function oneCleanLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  expect(lines, `stderr was:\n${stderr}`).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\b[A-Z]\w*Error:/);
  expect(stderr).not.toMatch(/\bError:/);
  expect(lines[0]).toMatch(/^calint: error: /);
  return lines[0]!.slice('calint: error: '.length);
}

interface Case {
  name: string;
  /** What is passed to lint / the CLI. */
  input: string;
  /** The one message (without the "calint: error: " prefix). */
  message: () => string | RegExp;
  /** null: the message has no position; undefined: a position is given but not pinned here. */
  position: () => { line: number; column: number } | null | undefined;
}

const END_OF_TRUNCATED = () => lineColumn(TRUNCATED, TRUNCATED.length);

const FILE_CASES: Case[] = [
  { name: 'an empty file', input: 'empty.json', message: () => 'empty.json: empty file (0 bytes): expected JSON', position: () => null },
  {
    name: 'a whitespace-only file',
    input: 'whitespace.json',
    message: () => 'whitespace.json: empty file (only whitespace): expected JSON',
    position: () => null,
  },
  {
    name: 'a binary file',
    input: 'binary.json',
    // The PNG signature: \r\n and \n end lines 1 and 2, the first NUL byte (offset 8) starts line 3.
    message: () => 'binary.json:3:1: binary data, not a JSON text file (a NUL byte at offset 8)',
    position: () => ({ line: 3, column: 1 }),
  },
  {
    name: 'truncated JSON',
    input: 'truncated.json',
    message: () => {
      const { line, column } = END_OF_TRUNCATED();
      return new RegExp(`^truncated\\.json:${line}:${column}: invalid JSON: .*\\(truncated JSON\\?\\)$`);
    },
    position: END_OF_TRUNCATED,
  },
  {
    name: '{"value": null}',
    input: 'value-null.json',
    message: () => 'value-null.json:1:2 at /value: Graph list response: "value" must be an array of objects, found null',
    position: () => ({ line: 1, column: 2 }),
  },
  {
    name: 'a 50 MB file',
    input: 'big.json',
    message: () => /^big\.json: file is 50\.0 MB, larger than the 25\.0 MB limit for one input .*--max-file-size <MB>\)$/,
    position: () => null,
  },
  {
    name: 'a bare fragment "locations": {…}',
    input: 'fragment.json',
    // The parser's own wording may change; what matters: file:line:column, "invalid JSON", the fragment hint.
    message: () => /^fragment\.json:1:12: invalid JSON: .+ — it looks like a fragment \("key": value\) without the enclosing \{ \}$/,
    position: () => positionOf(FRAGMENT, ':'),
  },
  {
    // Must not overflow the stack: a clean error, like any other syntax error.
    name: 'JSON nested 100 000 levels deep',
    input: 'deep.json',
    message: () => /^deep\.json:1:\d+: invalid JSON: .*nesting/,
    position: () => undefined,
  },
];

describe('unreadable files: lint()', () => {
  it.each(FILE_CASES)('$name: one input error naming the file, exit code 2', async (c) => {
    const result = await run([c.input]);
    expect(result.summary.exitCode).toBe(2);
    expect(result.errors).toHaveLength(1);
    const [e] = result.errors;
    expect(e).toMatchObject({ kind: 'input', file: c.input, ruleId: null });
    const expected = c.message();
    if (typeof expected === 'string') expect(e!.message).toBe(expected);
    else expect(e!.message).toMatch(expected);
    expect(e!.message.split('\n')).toHaveLength(1);
    const pos = c.position();
    if (pos === undefined) expect(e!.line).toBe(1);
    else expect({ line: e!.line, column: e!.column }).toEqual(pos ?? { line: null, column: null });
    expect(result.inputs).toHaveLength(1);
    expect(result.inputs[0]).toMatchObject({ path: c.input, status: 'error', shape: 'unreadable' });
    expect(result.findings).toEqual([]);
  });

  it('the 50 MB file is refused before it is read, and loads when the limit is raised', async () => {
    const refused = await run(['big.json']);
    expect(refused.inputs[0]).toMatchObject({ bytes: fs.statSync(path.join(dir, 'big.json')).size, sha256: null });
    const raised = await run(['big.json'], { maxFileBytes: 60 * MB });
    expect(raised.errors).toEqual([]);
    expect(raised.inputs[0]).toMatchObject({ status: 'loaded', shape: 'graph-list', counts: { policy: 50 } });
  });

  it('a missing path: lint() rejects with an InputError naming it', async () => {
    const error = await run(['missing.json']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('missing.json: no such file or directory');
    expect((error as InputError).file).toBe('missing.json');
  });

  it('a glob matching nothing: lint() rejects with an InputError naming the pattern', async () => {
    const error = await run(['nothing-here/*.json']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('no files match the pattern "nothing-here/*.json"');
  });
});

describe('unreadable files: CLI', () => {
  const CLI_CASES: Case[] = [
    ...FILE_CASES,
    { name: 'a missing path', input: 'missing.json', message: () => 'missing.json: no such file or directory', position: () => null },
    {
      name: 'a glob matching nothing',
      input: 'nothing-here/*.json',
      message: () => 'no files match the pattern "nothing-here/*.json"',
      position: () => null,
    },
  ];

  // --format json: the report goes to stdout, input errors to stderr, one line each.
  it.concurrent.each(CLI_CASES)('$name: exactly one clean stderr line, exit 2 (--format json)', async (c) => {
    const r = await cli(c.input, '--format', 'json');
    expect(r.status).toBe(2);
    const line = oneCleanLine(r.stderr);
    const expected = c.message();
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
    const pos = c.position();
    if (pos) expect(line).toContain(`${c.input}:${pos.line}:${pos.column}`);
  });

  // Default (stylish) format: the same single stderr line; nothing was linted, so nothing else is printed.
  it.concurrent.each(CLI_CASES)('$name: exactly one clean stderr line, empty stdout, exit 2 (stylish)', async (c) => {
    const r = await cli(c.input);
    expect(r.status).toBe(2);
    const line = oneCleanLine(r.stderr);
    const expected = c.message();
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
    expect(r.stdout).toBe('');
  });
});

describe('a folder with one good and one truncated file', () => {
  it('lint(): findings from the good file are reported, the broken one is an input error, exit 2', async () => {
    const result = await run(['partial'], { breakGlass: [BREAK_GLASS] });
    expect(result.inputs.map((i) => [i.path, i.status])).toEqual([
      ['partial/broken.json', 'error'],
      ['partial/good.json', 'loaded'],
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ kind: 'input', file: 'partial/broken.json' });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.file === 'partial/good.json' && f.ruleId === 'break-glass/missing-exclusion')).toBe(true);
    expect(result.summary.exitCode).toBe(2);
  });

  it('CLI: the JSON report holds the findings, stderr the one error, exit 2', async () => {
    const r = await cli('partial', '--break-glass', BREAK_GLASS, '--format', 'json');
    expect(r.status).toBe(2);
    const line = oneCleanLine(r.stderr);
    const { line: l, column } = END_OF_TRUNCATED();
    expect(line).toMatch(new RegExp(`^partial/broken\\.json:${l}:${column}: invalid JSON: .*\\(truncated JSON\\?\\)$`));
    const report = JSON.parse(r.stdout) as LintResult;
    expect(report.findings.some((f) => f.file === 'partial/good.json')).toBe(true);
    expect(report.summary.exitCode).toBe(2);
  });

  it('CLI stylish: findings on stdout, the error as one clean stderr line, the summary says incomplete', async () => {
    const r = await cli('partial', '--break-glass', BREAK_GLASS, '--no-color');
    expect(r.status).toBe(2);
    const { line, column } = END_OF_TRUNCATED();
    expect(oneCleanLine(r.stderr)).toMatch(new RegExp(`^partial/broken\\.json:${line}:${column}: invalid JSON: `));
    expect(r.stdout).toContain('partial/good.json');
    expect(r.stdout).toContain('break-glass/missing-exclusion');
    expect(r.stdout).not.toContain('broken.json');
    expect(r.stdout).toMatch(/✖ incomplete: 1 error\(s\).*; [1-9]\d* finding\(s\)/);
  });
});

describe('schema violations are input errors with file, pointer, line and what was expected', () => {
  it('"state": 42', async () => {
    const result = await run(['bad-state.json']);
    expect(result.summary.exitCode).toBe(2);
    expect(result.summary.policies).toBe(0);
    expect(result.errors).toHaveLength(1);
    const pos = positionOf(BAD_STATE, '"state"');
    expect(result.errors[0]).toMatchObject({ kind: 'input', file: 'bad-state.json', pointer: '/state', ...pos });
    expect(result.errors[0]!.message).toMatch(
      new RegExp(`^bad-state\\.json:${pos.line}:${pos.column} at /state: schema: .*expected one of "enabled", "disabled", "enabledForReportingButNotEnforced"`),
    );
    expect(result.errors[0]!.message).toContain('found 42');
    expect(result.errors[0]!.message).not.toContain('undefined');
  });

  it('"includeUsers": "All" (a string, not an array)', async () => {
    const result = await run(['users-as-string.json']);
    expect(result.summary.exitCode).toBe(2);
    const pos = positionOf(USERS_AS_STRING, '"includeUsers"');
    const error = result.errors.find((e) => e.pointer === '/conditions/users/includeUsers');
    expect(error).toMatchObject({ kind: 'input', file: 'users-as-string.json', ...pos });
    expect(error!.message).toMatch(
      new RegExp(`^users-as-string\\.json:${pos.line}:${pos.column} at /conditions/users/includeUsers: schema: expected an array or null, found "All"`),
    );
    expect(result.summary.policies).toBe(0);
  });

  it('"conditions": "x" in a list response is an input error at the item, not a crash', async () => {
    const result = await run(['conditions-list.json']);
    expect(result.summary.exitCode).toBe(2);
    const pos = positionOf(CONDITIONS_LIST, '"conditions"');
    const error = result.errors.find((e) => e.pointer === '/value/0/conditions');
    expect(error).toMatchObject({ kind: 'input', file: 'conditions-list.json', ...pos });
    expect(error!.message).toMatch(
      new RegExp(`^conditions-list\\.json:${pos.line}:${pos.column} at /value/0/conditions: schema: expected an object`),
    );
  });

  it('CLI: the schema error is one clean stderr line with file:line:column and pointer, exit 2', async () => {
    const r = await cli('bad-state.json', '--format', 'json');
    expect(r.status).toBe(2);
    const line = oneCleanLine(r.stderr);
    const pos = positionOf(BAD_STATE, '"state"');
    expect(line.startsWith(`bad-state.json:${pos.line}:${pos.column} at /state: schema: `)).toBe(true);
  });
});

describe('tolerated deviations are accepted with a warning', () => {
  it('"All" in clientAppTypes (enum-casing), "platforms": [] (empty-array-as-object), an unknown grant control (unknown-value)', async () => {
    const result = await run(['tolerated.json']);
    expect(result.errors).toEqual([]);
    expect(result.summary.policies).toBe(1);
    expect(result.inputs[0]).toMatchObject({ status: 'loaded', shape: 'object' });
    const byCode = Object.fromEntries(result.warnings.map((w) => [w.code, w]));
    expect(Object.keys(byCode).sort()).toEqual(['empty-array-as-object', 'enum-casing', 'unknown-value']);
    expect(byCode['enum-casing']).toMatchObject({
      file: 'tolerated.json',
      pointer: '/conditions/clientAppTypes/0',
      ...positionOf(TOLERATED, '"clientAppTypes": [', 0, '"clientAppTypes": ['.length),
      message: '"All" read as "all" (Graph\'s casing)',
    });
    expect(byCode['empty-array-as-object']).toMatchObject({
      pointer: '/conditions/platforms',
      ...positionOf(TOLERATED, '"platforms"'),
      message: '[] where an object belongs: read as null (not configured)',
    });
    expect(byCode['unknown-value']).toMatchObject({ pointer: '/grantControls/builtInControls/1', ...positionOf(TOLERATED, '"requireQuantumSafeToken"') });
    expect(byCode['unknown-value']!.message).toMatch(/^"requireQuantumSafeToken" is not a Graph value here \(expected one of .*mfa.*\); calint ignores it$/);
  });

  it('the repairs are made in memory only: the file is unchanged', async () => {
    await run(['tolerated.json']);
    expect(fs.readFileSync(path.join(dir, 'tolerated.json'), 'utf8')).toBe(TOLERATED);
  });
});
