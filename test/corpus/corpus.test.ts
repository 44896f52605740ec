/**
 * The real-world corpus (CALINT_CORPUS, read-only; see test/helpers/corpus.ts): every file is loaded without a crash
 * and gets the status and shape that PROVENANCE.md describes for it. The expectations are an explicit table written from PROVENANCE.md,
 * not from what the loader happens to do, so a change in detection fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInputs, DEFAULT_MAX_FILE_BYTES, type LoadResult } from '../../src/load/load-inputs.js';
import { buildSnapshot } from '../../src/model/build-snapshot.js';
import { lint } from '../../src/engine/lint.js';
import type { InputRecord, SnapshotKind } from '../../src/load/types.js';
import { corpusDir } from '../helpers/corpus.js';

const CORPUS = corpusDir();

const SOURCES = {
  alex: 'AlexFilipin__ConditionalAccess',
  denis: 'denis-beuermann__ConditionalAccess',
  samples: 'Azure-Samples__azure-ad-conditional-access-apis',
  wesley: 'wesley-trust__GraphAPIConfig',
  dataguys: 'DataGuys__ConditionalAccessAnalyzer',
  fortigi: 'Fortigi__ConditionalAccess',
} as const;

interface Expectation {
  /** Matched against the path relative to the corpus root ("<owner>__<repo>/..."). First matching row wins. */
  pattern: RegExp;
  status: InputRecord['status'];
  shape: string;
  /** The only object kind the file may contain (loaded files). */
  kind?: SnapshotKind;
  /** Exact number of objects, when PROVENANCE.md implies it (single objects, templates). */
  count?: number;
  encoding?: InputRecord['encoding'];
  /** Text the record's reason must contain (skipped / error files). */
  reason?: RegExp;
  /** Load warning codes this file must have. */
  warnings?: string[];
  why: string;
}

const A = SOURCES.alex;
const D = SOURCES.denis;
const S = SOURCES.samples;
const W = SOURCES.wesley;
const G = SOURCES.dataguys;
const F = SOURCES.fortigi;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (source: string, rest: string) => new RegExp(`^${esc(source)}/${rest}$`);

const EXPECTATIONS: Expectation[] = [
  { pattern: /^PROVENANCE\.md$/, status: 'skipped', shape: 'not-json', reason: /not a JSON file/, why: 'corpus documentation' },
  // Licence files beside every source.
  { pattern: /^[^/]+\/LICENSE(\.md)?$/, status: 'skipped', shape: 'not-json', reason: /not a JSON file/, why: 'upstream licence' },

  // AlexFilipin: "Conditional Access as code" single policies, report-only, placeholders instead of GUIDs.
  {
    pattern: under(A, 'PolicyRepository/Base protection/209 - .*\\.json'),
    status: 'loaded',
    shape: 'object',
    kind: 'policy',
    count: 1,
    encoding: 'utf-8',
    warnings: ['duplicate-key'],
    why: 'policy 209 has a duplicate "sessionControls" key (null, then the object)',
  },
  { pattern: under(A, 'PolicyRepository/.+\\.json'), status: 'loaded', shape: 'object', kind: 'policy', count: 1, encoding: 'utf-8', why: 'single policy' },

  // denis-beuermann: production tenant dumps (list responses), single policies, hand-written named locations, samples.
  { pattern: under(D, 'archive/\\d{8}-Policies\\.json'), status: 'loaded', shape: 'graph-list', kind: 'policy', why: 'Graph list response of policies' },
  { pattern: under(D, 'archive/\\d{8}[-_]Locations\\.json'), status: 'loaded', shape: 'graph-list', kind: 'namedLocation', why: 'Graph list response of namedLocations' },
  {
    pattern: under(D, 'samples/graphapi/json/template-require-mam-android-ios\\.json'),
    status: 'error',
    shape: 'unreadable',
    reason: /^invalid JSON: .*fragment/,
    why: 'unparsable: a bare fragment "locations": {…}',
  },
  { pattern: under(D, 'samples/graphapi/json/[^/]*\\.json'), status: 'loaded', shape: 'object', kind: 'policy', count: 1, why: 'Azure-Samples template POST bodies + local edits (incl. ".json", "… copy.json")' },
  {
    // PROVENANCE lists templates/locations/** as hand-written named locations, but this one is, as its name says,
    // a saved Graph list response (@odata.context …#identity/conditionalAccess/namedLocations, value[]).
    pattern: under(D, 'templates/locations/graph-export\\.json'),
    status: 'loaded',
    shape: 'graph-list',
    kind: 'namedLocation',
    why: 'Graph list response saved among the hand-written locations',
  },
  {
    pattern: under(D, 'templates/locations/loc_GeoCloud_MEX\\.json'),
    status: 'loaded',
    shape: 'object',
    kind: 'namedLocation',
    count: 1,
    why: 'hand-written named location with lowercase "displayname"',
  },
  { pattern: under(D, 'templates/locations/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'namedLocation', count: 1, why: 'hand-written named location' },
  {
    pattern: under(D, 'templates/policies/UserAction/User Actions 1 - Require MFA to Join Devices\\.json'),
    status: 'loaded',
    shape: 'object',
    kind: 'policy',
    count: 1,
    warnings: ['jsonc'],
    why: 'trailing commas: not strict JSON, accepted with a warning',
  },
  { pattern: under(D, 'templates/policies/.+\\.json'), status: 'loaded', shape: 'object', kind: 'policy', count: 1, why: 'single policy with GUIDs' },

  // Azure-Samples: Microsoft sample POST bodies.
  { pattern: under(S, '01-configure/graphapi/json/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'policy', count: 1, why: 'sample POST body' },

  // wesley-trust: $entity GETs with extra REF/VER/ENV/SVC keys.
  { pattern: under(W, 'AzureAD/ConditionalAccess/Policies/ENV-P/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'policy', count: 1, why: 'policy $entity with REF/VER/ENV' },
  { pattern: under(W, 'AzureAD/ConditionalAccess/Groups/ENV-P/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'group', count: 1, why: 'inclusion/exclusion group $entity' },
  { pattern: under(W, 'AzureAD/Groups/SVC-CA/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'group', count: 1, why: 'exclusion group $entity' },
  { pattern: under(W, 'AzureAD/NamedLocations/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'namedLocation', count: 1, why: 'named location $entity with SVC/REF/ENV' },

  // DataGuys: Microsoft CA template objects, body under /details.
  { pattern: under(G, 'Templates/\\d{3}_\\.json'), status: 'loaded', shape: 'template', kind: 'policy', count: 1, encoding: 'utf-8', why: 'Microsoft CA template' },

  // Fortigi: human-edited policies, PowerShell 5.1 UTF-16LE Temp/ files, a non-CA mapping file.
  { pattern: under(F, 'Examples/Policy/Convert\\.Json'), status: 'skipped', shape: 'not-ca', reason: /\S/, why: 'non-CA mapping file (capital .Json extension is still read)' },
  {
    pattern: under(F, 'Examples/Policy/Temp/[^/]+\\.json'),
    status: 'loaded',
    shape: 'object',
    kind: 'policy',
    count: 1,
    encoding: 'utf-16le',
    warnings: ['encoding'],
    why: 'UTF-16LE with BOM, ConvertTo-Json layout',
  },
  { pattern: under(F, 'Examples/Policy/[^/]+\\.json'), status: 'loaded', shape: 'object', kind: 'policy', count: 1, encoding: 'utf-8', why: 'human-edited policy' },
];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** The table in PROVENANCE.md: source -> files, policies. */
function provenanceTable(): Map<string, { files: number; policies: number }> {
  const text = fs.readFileSync(path.join(CORPUS, 'PROVENANCE.md'), 'utf8');
  const rows = new Map<string, { files: number; policies: number }>();
  for (const m of text.matchAll(/^\| \[([^\]/]+)\/([^\]]+)\]\([^)]*\) \| `[0-9a-f]+` \| [^|]+ \| (\d+) \| (\d+) \| \d+ \|$/gm)) {
    rows.set(`${m[1]}__${m[2]}`, { files: Number(m[3]), policies: Number(m[4]) });
  }
  return rows;
}

/**
 * Policies calint reads per source vs. PROVENANCE.md's count. PROVENANCE counts policies in the files strict
 * JSON.parse accepts; calint also reads JSON with trailing commas, so the one trailing-comma file of
 * denis-beuermann (templates/policies/UserAction/User Actions 1 - Require MFA to Join Devices.json) adds one.
 * The other unparsable file (the bare "locations" fragment) holds no policy for either count.
 */
const POLICY_DIFFERENCE: Record<string, number> = { [D]: +1 };

const relFiles = walk(CORPUS)
  .map((f) => path.relative(CORPUS, f).split(path.sep).join('/'))
  .sort();

let all: LoadResult;

beforeAll(async () => {
  all = await loadInputs([CORPUS], { cwd: CORPUS, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
});

describe('corpus: every file', () => {
  it('the corpus is there and every file got exactly one input record', () => {
    expect(relFiles.length).toBeGreaterThan(200);
    expect(all.inputs.map((i) => i.path)).toEqual(relFiles);
  });

  it('every file is covered by the expectation table', () => {
    const uncovered = relFiles.filter((f) => !EXPECTATIONS.some((e) => e.pattern.test(f)));
    expect(uncovered).toEqual([]);
  });

  it('every table row matches at least one file (no stale rows)', () => {
    const unused = EXPECTATIONS.filter((e) => !relFiles.some((f) => e.pattern.test(f))).map((e) => String(e.pattern));
    expect(unused).toEqual([]);
  });

  it.each(relFiles)('%s', (file) => {
    const expected = EXPECTATIONS.find((e) => e.pattern.test(file));
    const rec = all.inputs.find((i) => i.path === file);
    if (!expected || !rec) throw new Error(`${file}: ${expected ? 'no input record' : 'no row in the expectation table'}`);
    const context = `${file}: ${expected.why}; got ${rec.status}/${rec.shape} "${rec.description}"`;
    expect({ status: rec.status, shape: rec.shape }, context).toEqual({ status: expected.status, shape: expected.shape });
    if (expected.encoding) expect(rec.encoding, context).toBe(expected.encoding);
    if (expected.reason) expect(rec.reason ?? '', context).toMatch(expected.reason);
    const objects = all.objects.filter((o) => o.file === file);
    if (expected.status === 'loaded') {
      expect(rec.reason, context).toBeNull();
      expect(objects.length, context).toBeGreaterThan(0);
      expect(new Set(objects.map((o) => o.kind)), context).toEqual(new Set([expected.kind]));
      expect(rec.counts, context).toEqual({ [expected.kind!]: objects.length });
      if (expected.count != null) expect(objects.length, context).toBe(expected.count);
    } else {
      expect(objects, context).toEqual([]);
      expect(rec.counts, context).toEqual({});
    }
    const errors = all.errors.filter((e) => e.file === file);
    expect(errors.length, context).toBe(expected.status === 'error' ? 1 : 0);
    const codes = new Set(all.warnings.filter((w) => w.file === file).map((w) => w.code));
    for (const code of expected.warnings ?? []) expect([...codes], context).toContain(code);
  });

  it('only the two files PROVENANCE.md calls odd JSON get a jsonc warning or an error', () => {
    expect(all.errors.map((e) => e.file)).toEqual([`${D}/samples/graphapi/json/template-require-mam-android-ios.json`]);
    expect(all.warnings.filter((w) => w.code === 'jsonc').map((w) => w.file)).toEqual([
      `${D}/templates/policies/UserAction/User Actions 1 - Require MFA to Join Devices.json`,
    ]);
  });

  it('the fragment error points at line 1, just after "locations"', () => {
    const [e] = all.errors;
    expect(e).toMatchObject({ line: 1, column: 12 });
  });

  it('the whole corpus validates into one snapshot without a crash and without schema errors', () => {
    const built = buildSnapshot(all);
    expect(built.errors.map((e) => e.message)).toEqual([]);
    expect(built.snapshot.policies).toHaveLength(253);
  });
});

describe('corpus: per source', () => {
  const table = provenanceTable();

  it('PROVENANCE.md lists the six sources and 240 files', () => {
    expect([...table.keys()].sort()).toEqual(Object.values(SOURCES).sort());
    expect([...table.values()].reduce((n, r) => n + r.files, 0)).toBe(240);
  });

  it.each(Object.values(SOURCES))('%s: file count and policy count match PROVENANCE.md; lint() has no rule errors', async (source) => {
    const row = table.get(source)!;
    expect(row, `PROVENANCE.md row for ${source}`).toBeDefined();
    expect(relFiles.filter((f) => f.startsWith(`${source}/`))).toHaveLength(row.files);

    const result = await lint({ inputs: [source], cwd: CORPUS, now: new Date('2026-11-23T00:00:00Z') });
    expect(result.inputs).toHaveLength(row.files);
    expect(result.summary.policies).toBe(row.policies + (POLICY_DIFFERENCE[source] ?? 0));
    expect(result.errors.filter((e) => e.kind === 'rule')).toEqual([]);
    expect(result.errors.filter((e) => e.kind === 'config')).toEqual([]);
    // Input errors: only the fragment in denis-beuermann; everywhere else none.
    const inputErrors = result.errors.filter((e) => e.kind === 'input').map((e) => e.file);
    expect(inputErrors).toEqual(source === D ? [`${D}/samples/graphapi/json/template-require-mam-android-ios.json`] : []);
    // The fragment makes denis-beuermann's result incomplete (exit 2); every other source is complete (0 or 1).
    if (source === D) expect(result.summary.exitCode).toBe(2);
    else expect(result.summary.exitCode).not.toBe(2);
  });
});
