/**
 * The same policy written with different bytes (generated here, in a temp dir): every variant loads to the same
 * object, reports its encoding, and maps pointers to the right line and column of the text that was written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, lineColumn, positionOf } from './helpers.js';
import type { LoadResult } from '../../src/load/load-inputs.js';

// Non-ASCII on purpose: "ü", "—" (BMP) and "🔒" (astral: two UTF-16 code units) before pointers on the same line.
const POLICY_TEXT = `{
  "displayName": "Gäste — 🔒 MFA für alle", "state": "enabled",
  "conditions": {
    "users": {
      "includeUsers": ["All"],
      "excludeGroups": ["8d2c7e41-5f3a-4b9c-a1d2-6e7f8a9b0c12"]
    },
    "applications": { "includeApplications": ["All"] },
    "clientAppTypes": ["all"]
  },
  "grantControls": { "operator": "OR", "builtInControls": ["mfa"] }
}
`;
const EXPECTED = JSON.parse(POLICY_TEXT) as Record<string, unknown>;

const WITH_COMMENTS = `// Exported by hand from the Entra admin center
{
  /* the name is shown in sign-in logs */
  "displayName": "Gäste — 🔒 MFA für alle", "state": "enabled", // enforced since March
  "conditions": {
    "users": {
      "includeUsers": ["All"], /* everyone */
      "excludeGroups": ["8d2c7e41-5f3a-4b9c-a1d2-6e7f8a9b0c12"] // break-glass
    },
    "applications": { "includeApplications": ["All"] },
    "clientAppTypes": ["all"]
  },
  "grantControls": { "operator": "OR", "builtInControls": ["mfa"] }
}
`;

const WITH_TRAILING_COMMAS = `{
  "displayName": "Gäste — 🔒 MFA für alle", "state": "enabled",
  "conditions": {
    "users": {
      "includeUsers": ["All",],
      "excludeGroups": ["8d2c7e41-5f3a-4b9c-a1d2-6e7f8a9b0c12"],
    },
    "applications": { "includeApplications": ["All"] },
    "clientAppTypes": ["all"],
  },
  "grantControls": { "operator": "OR", "builtInControls": ["mfa"], },
}
`;

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM16LE = Buffer.from([0xff, 0xfe]);
const BOM16BE = Buffer.from([0xfe, 0xff]);
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

interface Variant {
  name: string;
  text: string;
  bytes: Buffer;
  encoding: string;
  warnings: string[];
}

const VARIANTS: Variant[] = [
  { name: 'utf8.json', text: POLICY_TEXT, bytes: Buffer.from(POLICY_TEXT, 'utf8'), encoding: 'utf-8', warnings: [] },
  { name: 'utf8-bom.json', text: POLICY_TEXT, bytes: Buffer.concat([BOM8, Buffer.from(POLICY_TEXT, 'utf8')]), encoding: 'utf-8-bom', warnings: [] },
  {
    name: 'utf16le-bom.json',
    text: POLICY_TEXT,
    bytes: Buffer.concat([BOM16LE, Buffer.from(POLICY_TEXT, 'utf16le')]),
    encoding: 'utf-16le',
    warnings: ['encoding: read as UTF-16LE'],
  },
  {
    name: 'utf16be-bom.json',
    text: POLICY_TEXT,
    bytes: Buffer.concat([BOM16BE, utf16be(POLICY_TEXT)]),
    encoding: 'utf-16be',
    warnings: ['encoding: read as UTF-16BE'],
  },
  {
    name: 'utf16le-nobom.json',
    text: POLICY_TEXT,
    bytes: Buffer.from(POLICY_TEXT, 'utf16le'),
    encoding: 'utf-16le',
    warnings: ['encoding: read as UTF-16LE'],
  },
  {
    name: 'utf16be-nobom.json',
    text: POLICY_TEXT,
    bytes: utf16be(POLICY_TEXT),
    encoding: 'utf-16be',
    warnings: ['encoding: read as UTF-16BE'],
  },
  { name: 'crlf.json', text: crlf(POLICY_TEXT), bytes: Buffer.from(crlf(POLICY_TEXT), 'utf8'), encoding: 'utf-8', warnings: [] },
  {
    // What Windows PowerShell 5.1 `Out-File` writes: UTF-16LE with BOM and CRLF.
    name: 'utf16le-bom-crlf.json',
    text: crlf(POLICY_TEXT),
    bytes: Buffer.concat([BOM16LE, Buffer.from(crlf(POLICY_TEXT), 'utf16le')]),
    encoding: 'utf-16le',
    warnings: ['encoding: read as UTF-16LE'],
  },
  {
    name: 'comments.jsonc',
    text: WITH_COMMENTS,
    bytes: Buffer.from(WITH_COMMENTS, 'utf8'),
    encoding: 'utf-8',
    warnings: ['jsonc: JSON with comments: comments ignored'],
  },
  {
    name: 'comments-crlf-bom.json',
    text: crlf(WITH_COMMENTS),
    bytes: Buffer.concat([BOM8, Buffer.from(crlf(WITH_COMMENTS), 'utf8')]),
    encoding: 'utf-8-bom',
    warnings: ['jsonc: JSON with comments: comments ignored'],
  },
  {
    name: 'trailing-commas.json',
    text: WITH_TRAILING_COMMAS,
    bytes: Buffer.from(WITH_TRAILING_COMMAS, 'utf8'),
    encoding: 'utf-8',
    warnings: ['jsonc: trailing commas accepted (not valid strict JSON)'],
  },
];

let dir: string;
let result: LoadResult;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calint-encodings-'));
  for (const v of VARIANTS) fs.writeFileSync(path.join(dir, v.name), v.bytes);
  result = await load(['.'], dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(VARIANTS)('$name', (v) => {
  it(`is loaded as ${v.encoding} and reports it`, () => {
    const rec = result.inputs.find((i) => i.path === v.name);
    expect(rec).toMatchObject({ status: 'loaded', shape: 'object', encoding: v.encoding, bytes: v.bytes.length, counts: { policy: 1 } });
    const warnings = result.warnings.filter((w) => w.file === v.name).map((w) => `${w.code}: ${w.message}`);
    expect(warnings).toEqual(v.warnings);
  });

  it('yields the same policy', () => {
    const objects = result.objects.filter((o) => o.file === v.name);
    expect(objects).toHaveLength(1);
    expect(objects[0]!.value).toEqual(EXPECTED);
  });

  it('maps pointers to the line and column of the text as written', () => {
    const at = (pointer: string) => result.locate(v.name, pointer);
    // Object members: the property key.
    expect(at('/displayName')).toEqual(positionOf(v.text, '"displayName"'));
    // After "ü", "—" and the astral "🔒" on the same line: columns count UTF-16 code units.
    expect(at('/state')).toEqual(positionOf(v.text, '"state"'));
    expect(at('/conditions/users/excludeGroups')).toEqual(positionOf(v.text, '"excludeGroups"'));
    expect(at('/grantControls/builtInControls')).toEqual(positionOf(v.text, '"builtInControls"'));
    // Array elements: the value.
    expect(at('/conditions/users/excludeGroups/0')).toEqual(positionOf(v.text, '"8d2c7e41'));
    expect(at('/grantControls/builtInControls/0')).toEqual(positionOf(v.text, '"mfa"'));
    // The root value: its opening brace (after a leading comment where there is one).
    expect(at('')).toEqual(lineColumn(v.text, v.text.indexOf('{')));
  });
});

it('the expected positions really differ between variants (guards the position checks above)', () => {
  expect(positionOf(POLICY_TEXT, '"state"')).toEqual({ line: 2, column: 45 });
  expect(positionOf(WITH_COMMENTS, '"state"')).toEqual({ line: 4, column: 45 });
  expect(positionOf(WITH_COMMENTS, '"mfa"')).toEqual({ line: 13, column: 60 });
  expect(result.locate('comments.jsonc', '/grantControls/builtInControls/0')).toEqual({ line: 13, column: 60 });
  expect(result.locate('utf16le-bom-crlf.json', '/conditions/users/excludeGroups/0')).toEqual({ line: 6, column: 25 });
});

describe('bytes that are not a supported encoding', () => {
  it('Windows-1252 text (not valid UTF-8) is an input error naming the file', async () => {
    const latin1 = Buffer.from(POLICY_TEXT.replace('🔒 ', '').replace('—', '-'), 'latin1');
    const sub = fs.mkdtempSync(path.join(dir, 'latin1-'));
    fs.writeFileSync(path.join(sub, 'cp1252.json'), latin1);
    const r = await load(['cp1252.json'], sub);
    expect(r.inputs[0]).toMatchObject({ status: 'error', shape: 'unreadable', encoding: null });
    // The first byte that is not UTF-8 is the "ä" of "Gäste" (0xE4 in Windows-1252): line 2, column 20.
    const at = latin1.indexOf(0xe4);
    expect(lineColumn(latin1.toString('latin1'), at)).toEqual({ line: 2, column: 20 });
    expect(r.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [
        `cp1252.json:2:20: not valid UTF-8 text (byte 0xE4 at offset ${at}: binary data, or another encoding such as Windows-1252; save the file as UTF-8)`,
        2,
        20,
      ],
    ]);
  });

  it('a UTF-16LE BOM followed by an odd number of bytes is an input error', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'odd-'));
    fs.writeFileSync(path.join(sub, 'odd.json'), Buffer.concat([BOM16LE, Buffer.from('{}', 'utf16le'), Buffer.from([0x7d])]));
    const r = await load(['odd.json'], sub);
    expect(r.inputs[0]).toMatchObject({ status: 'error', shape: 'unreadable' });
    // BOM (2 bytes) + "{}" (4 bytes): the lone byte is at offset 6, just after "{}" on line 1.
    expect(r.errors[0]!.message).toBe(
      'odd.json:1:3: not valid UTF-16LE text (a lone last byte in a file of an odd length at offset 6: binary data, or a damaged or truncated file)',
    );
  });
});
