/** The schemas against the corpus's real exports: Graph list responses, $entity GETs with extra keys, templates. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_IDS, createValidator } from '../../src/model/schemas.js';
import { corpusDir } from '../helpers/corpus.js';

const CORPUS = corpusDir();

/** Corpus files are verbatim: some are UTF-16LE with BOM (PowerShell 5.1) or UTF-8 with BOM. */
function readJson(file: string): unknown {
  const buf = fs.readFileSync(file);
  const text =
    buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString('utf16le') : buf.toString('utf8').replace(/^\uFEFF/, '');
  return JSON.parse(text);
}

function corpusFile(...parts: string[]): string {
  return path.join(CORPUS, ...parts);
}

function jsonFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

const ajv = createValidator();
function validator(id: string) {
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`schema ${id} not found`);
  return validate;
}
const validatePolicy = validator(SCHEMA_IDS.policy);

function errorsOf(validate: ReturnType<typeof validator>, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}: ${e.message}`);
}

describe('corpus policies validate', () => {
  it('denis-beuermann 2024-12-01 Graph list response: every value[] policy', () => {
    const list = readJson(corpusFile('denis-beuermann__ConditionalAccess', 'archive', '20241201-Policies.json')) as {
      value: unknown[];
    };
    expect(list.value.length).toBeGreaterThan(10);
    for (const [i, policy] of list.value.entries()) {
      expect(errorsOf(validatePolicy, policy), `value[${i}]`).toEqual([]);
    }
  });

  it('wesley-trust ENV-P single-entity GETs (extra REF/VER/ENV keys)', () => {
    const files = jsonFilesIn(corpusFile('wesley-trust__GraphAPIConfig', 'AzureAD', 'ConditionalAccess', 'Policies', 'ENV-P'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      expect(errorsOf(validatePolicy, readJson(file)), path.basename(file)).toEqual([]);
    }
  });

  it('AlexFilipin templates (placeholders, duplicate key, GSA, insider risk, workload identities)', () => {
    const repo = corpusFile('AlexFilipin__ConditionalAccess', 'PolicyRepository');
    const files = [
      'Admin protection/100 - RING - Admin protection - All apps Require Strong Auth For admins.json',
      'Base protection/209 - RING - Base protection - All apps Require Token protection for EXO and SPO Desktop App(preview).json',
      'Compliance/601 - RING - Compliance - All apps Block access When Elevated Insider Risk is detected.json',
      'Global Secure Access/802 - RING - Global Secure Access - Specific Websites Block.json',
      'Workload Protection/700 - RING - Workload Protection - All Apps Block Access from untrusted Location.json',
    ];
    for (const rel of files) {
      expect(errorsOf(validatePolicy, readJson(path.join(repo, rel))), rel).toEqual([]);
    }
  });

  it('named locations (Graph list response and wesley-trust files) and groups', () => {
    const validateLocation = validator(SCHEMA_IDS.namedLocation);
    const list = readJson(corpusFile('denis-beuermann__ConditionalAccess', 'archive', '20241201-Locations.json')) as {
      value: unknown[];
    };
    for (const [i, loc] of list.value.entries()) expect(errorsOf(validateLocation, loc), `value[${i}]`).toEqual([]);
    for (const file of jsonFilesIn(corpusFile('wesley-trust__GraphAPIConfig', 'AzureAD', 'NamedLocations'))) {
      expect(errorsOf(validateLocation, readJson(file)), path.basename(file)).toEqual([]);
    }
    const validateGroup = validator(SCHEMA_IDS.group);
    for (const file of jsonFilesIn(corpusFile('wesley-trust__GraphAPIConfig', 'AzureAD', 'ConditionalAccess', 'Groups', 'ENV-P'))) {
      expect(errorsOf(validateGroup, readJson(file)), path.basename(file)).toEqual([]);
    }
  });
});

