/**
 * The framework data files (frameworks/*.json): valid against schemas/framework.schema.json, complete against the
 * control lists in the design notes (copied here, so `npm test` needs nothing beside the repository), and consistent
 * with the built-in rules they name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FRAMEWORKS, frameworkMappingsFor } from '../../src/frameworks/definitions.js';
import { loadBuiltInRules, type LoadedRule } from '../../src/engine/registry.js';
import { summarizeRule } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule-types.js';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));

const FILES = { cis: 'frameworks/cis-m365-v7.0.0.json', scuba: 'frameworks/cisa-scuba-aad.json' } as const;

/** Every control in the tables of shared/frameworks/cis-m365-v7.md (section 5.2.2 and the related controls). */
const CIS_IDS = [
  '1.1.2', '1.3.2', '2.2.1', '5.1.2.1', '5.1.2.4', '5.1.2.5',
  ...Array.from({ length: 17 }, (_, i) => `5.2.2.${i + 1}`),
  '5.2.3.1', '5.2.3.4', '5.2.3.5', '5.2.3.6', '5.2.3.7', '5.2.3.10',
];

/** Every id in the tables of shared/frameworks/scuba-aad.md (7.5v1–7.9v1 are one row there). */
const SCUBA_IDS = [
  'MS.AAD.1.1v1', 'MS.AAD.2.1v1', 'MS.AAD.2.2v1', 'MS.AAD.2.3v1',
  'MS.AAD.3.1v1', 'MS.AAD.3.2v2', 'MS.AAD.3.3v2', 'MS.AAD.3.4v1', 'MS.AAD.3.5v2', 'MS.AAD.3.6v1', 'MS.AAD.3.7v1', 'MS.AAD.3.8v1', 'MS.AAD.3.9v1',
  'MS.AAD.7.1v1', 'MS.AAD.7.2v1', 'MS.AAD.7.3v1', 'MS.AAD.7.4v1', 'MS.AAD.7.5v1', 'MS.AAD.7.6v1', 'MS.AAD.7.7v1', 'MS.AAD.7.8v1', 'MS.AAD.7.9v1',
  'MS.AAD.9.1v1',
];

/** The controls marked checkable from a Conditional Access export in the notes: each must name rules. */
const CHECKABLE = {
  cis: ['1.1.2', '1.3.2', ...Array.from({ length: 17 }, (_, i) => `5.2.2.${i + 1}`)],
  scuba: ['MS.AAD.1.1v1', 'MS.AAD.2.1v1', 'MS.AAD.2.3v1', 'MS.AAD.3.1v1', 'MS.AAD.3.2v2', 'MS.AAD.3.6v1', 'MS.AAD.3.7v1', 'MS.AAD.3.8v1', 'MS.AAD.3.9v1', 'MS.AAD.9.1v1'],
};

/**
 * The mappings the rules carried in their own metadata before the data files existed (git HEAD 7217731, plus the rules
 * added this week), with ids renamed since: each must still hold.
 */
const EARLIER_MAPPINGS: Array<[string, { cis?: string[]; scuba?: string[] }]> = [
  ['agents/block-high-risk', { scuba: ['MS.AAD.9.1v1'] }],
  ['baseline/block-authentication-transfer', { cis: ['5.2.2.17'] }],
  ['baseline/block-legacy-auth', { cis: ['5.2.2.3'], scuba: ['MS.AAD.1.1v1'] }],
  ['baseline/compliant-device', { scuba: ['MS.AAD.3.7v1'] }],
  ['baseline/mfa-admins', { cis: ['5.2.2.1'] }],
  ['baseline/mfa-all-users', { cis: ['5.2.2.2'], scuba: ['MS.AAD.3.2v1'] }],
  ['baseline/phishing-resistant-admins', { cis: ['5.2.2.5'], scuba: ['MS.AAD.3.6v1'] }],
  ['baseline/phishing-resistant-all-users', { scuba: ['MS.AAD.3.1v1'] }],
  ['break-glass/account-hygiene', { cis: ['1.1.2'] }],
  ['token-protection/missing-policy', { cis: ['5.2.2.16'] }],
  ['baseline/block-sign-in-risk', { cis: ['5.2.2.8'], scuba: ['MS.AAD.2.3v1'] }],
  ['baseline/block-user-risk', { scuba: ['MS.AAD.2.1v1'] }],
  ['baseline/intune-enrollment-every-time', { cis: ['5.2.2.11'] }],
  ['locations/trusted-ip-location', { cis: ['5.2.2.14'] }],
  ['locations/block-untrusted-locations', { cis: ['5.2.2.15'] }],
];

/** Ids the framework has replaced: MS.AAD.3.2v1 became 3.2v2 (ScubaGear #1972, 2026-03-23). */
const RENAMED: Record<string, string> = { 'MS.AAD.3.2v1': 'MS.AAD.3.2v2' };
const current = (id: string) => RENAMED[id] ?? id;

describe('framework data files', () => {
  let builtIn: LoadedRule[];
  beforeAll(async () => {
    builtIn = await loadBuiltInRules();
  });

  it('validate against schemas/framework.schema.json (strict ajv, draft-07)', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(readJson('schemas/framework.schema.json') as object);
    for (const file of Object.values(FILES)) {
      const ok = validate(readJson(file));
      expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`), file).toEqual([]);
    }
  });

  it('the schema rejects a control with both rules and notCheckable, or neither', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(readJson('schemas/framework.schema.json') as object);
    const base = readJson(FILES.cis) as { controls: Array<Record<string, unknown>> };
    const both = { ...base, controls: [{ id: 'x', title: 'x', section: 'x', level: 'x', rules: ['baseline/mfa-all-users'], notCheckable: 'needs data that no export holds' }] };
    const neither = { ...base, controls: [{ id: 'x', title: 'x', section: 'x', level: 'x' }] };
    expect(validate(both)).toBe(false);
    expect(validate(neither)).toBe(false);
  });

  it('the schema is among the schemas calint loads (its $id matches its path)', () => {
    expect((readJson('schemas/framework.schema.json') as { $id: string }).$id).toBe('https://calint.dev/schemas/framework.schema.json');
  });

  it('the compiled-in definitions are the data files', () => {
    expect(FRAMEWORKS.map((f) => f.id)).toEqual(['cis', 'scuba']);
    for (const f of FRAMEWORKS) {
      const file = readJson(FILES[f.id]) as { controls: Array<{ id: string }>; version: string };
      expect(f.controls.map((c) => c.id)).toEqual(file.controls.map((c) => c.id));
      expect(f.version).toBe(file.version);
    }
  });

  it('list every control of the design notes, each once', () => {
    const [cis, scuba] = FRAMEWORKS;
    expect([...cis!.controls.map((c) => c.id)].sort()).toEqual([...CIS_IDS].sort());
    expect([...scuba!.controls.map((c) => c.id)].sort()).toEqual([...SCUBA_IDS].sort());
  });

  it('give every control either rules or a reason it cannot be checked, never both', () => {
    for (const f of FRAMEWORKS) {
      for (const c of f.controls) {
        const label = `${f.id} ${c.id}`;
        expect(c.title.trim(), label).not.toBe('');
        if (c.notCheckable !== undefined) {
          expect(c.rules, `${label}: not checkable, yet names rules`).toEqual([]);
          expect(c.notCheckable.trim().length, `${label}: reason`).toBeGreaterThan(20);
          expect(c.onlyMessages, label).toBeUndefined();
        } else {
          expect(c.rules.length, `${label}: neither rules nor notCheckable`).toBeGreaterThan(0);
        }
        if (c.note !== undefined) expect(c.note.trim().length, `${label}: note`).toBeGreaterThan(20);
      }
    }
  });

  it('map every control the notes mark checkable from an export to rules', () => {
    for (const f of FRAMEWORKS) {
      for (const id of CHECKABLE[f.id]) expect(f.controls.find((c) => c.id === id)?.rules.length, `${f.id} ${id}`).toBeGreaterThan(0);
    }
  });

  it('name only built-in rules, and only message ids those rules have', () => {
    const byId = new Map(builtIn.map((l) => [l.rule.id, l.rule]));
    for (const f of FRAMEWORKS) {
      for (const c of f.controls) {
        for (const id of c.rules) expect(byId.has(id), `${f.id} ${c.id} names unknown rule ${id}`).toBe(true);
        for (const [id, messages] of Object.entries(c.onlyMessages ?? {})) {
          expect(c.rules, `${f.id} ${c.id}: onlyMessages names a rule the control does not list`).toContain(id);
          for (const m of messages) expect(Object.keys(byId.get(id)!.messages), `${f.id} ${c.id}: ${id} has no message ${m}`).toContain(m);
        }
      }
    }
  });

  it('keep every mapping the rules carried before (renamed ids at their new id)', () => {
    for (const [ruleId, before] of EARLIER_MAPPINGS) {
      const now = frameworkMappingsFor(ruleId);
      for (const id of before.cis ?? []) expect(now.cis ?? [], `${ruleId} lost CIS ${id}`).toContain(id);
      for (const id of before.scuba ?? []) expect(now.scuba ?? [], `${ruleId} lost SCuBA ${id}`).toContain(current(id));
    }
  });

  it('cover whatever a built-in rule still says in its own frameworks metadata', () => {
    for (const { rule } of builtIn) {
      const now = frameworkMappingsFor(rule.id);
      for (const id of rule.frameworks?.cis ?? []) expect(now.cis ?? [], `${rule.id}: CIS ${id}`).toContain(id);
      for (const id of rule.frameworks?.scuba ?? []) expect(now.scuba ?? [], `${rule.id}: SCuBA ${id}`).toContain(current(id));
    }
  });

  it('frameworkMappingsFor: data-file order, and no keys for a rule no control names', () => {
    expect(frameworkMappingsFor('baseline/mfa-all-users')).toEqual({ cis: ['5.2.2.2'], scuba: ['MS.AAD.3.2v2'] });
    expect(frameworkMappingsFor('baseline/compliant-device')).toEqual({ cis: ['5.2.2.9'], scuba: ['MS.AAD.3.7v1'] });
    expect(frameworkMappingsFor('hygiene/naming-convention')).toEqual({});
  });

  it('the definitions are frozen: a caller cannot change them for the next', () => {
    expect(Object.isFrozen(FRAMEWORKS[0]!.controls[0]!.rules)).toBe(true);
  });
});

describe('summarizeRule: frameworks', () => {
  const rule = (frameworks: Rule['frameworks']): Rule =>
    ({
      id: 'demo/mapped',
      title: 'Demo',
      severity: 'low',
      catalogue: 'CA-026',
      rationale: 'r',
      remediation: 'r',
      references: [],
      frameworks,
      messages: { m: () => 'm' },
      check: () => [],
    }) as unknown as Rule;
  const active = (r: Rule, source: string) => ({ rule: r, source, severity: 'low' as const, severityOverridden: false, options: {} });

  it('a built-in rule gets the data files\' mapping, not its own metadata', async () => {
    const builtIn = (await loadBuiltInRules()).find((l) => l.rule.id === 'baseline/mfa-all-users')!;
    expect(summarizeRule(active(builtIn.rule, 'builtin')).frameworks).toEqual({ cis: ['5.2.2.2'], scuba: ['MS.AAD.3.2v2'] });
  });

  it('a rule pack rule keeps its own', () => {
    expect(summarizeRule(active(rule({ cis: ['9.9.9'] }), './my-pack')).frameworks).toEqual({ cis: ['9.9.9'] });
    expect(summarizeRule(active(rule(undefined), './my-pack')).frameworks).toEqual({});
  });
});
