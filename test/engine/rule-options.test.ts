/**
 * Options a config gives built-in rules are validated by the standalone ajv code the build precompiled
 * (dist/rule-options-validators.cjs): the same verdicts and errors as ajv compiling the schema now, used only while
 * the rule's schema is the one it was made from; rule packs and changed schemas are compiled at run time.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadBuiltInRules } from '../../src/engine/registry.js';
import { optionsValidators, RULE_OPTIONS_AJV } from '../../src/engine/rule-options.js';

describe('rule options validators', async () => {
  const rules = (await loadBuiltInRules()).map((l) => l.rule).filter((r) => r.options?.schema);

  it('are precompiled for every built-in rule with options and agree with ajv', () => {
    expect(rules.length).toBeGreaterThan(10);
    const validatorFor = optionsValidators();
    const ajv = new Ajv(RULE_OPTIONS_AJV);
    for (const rule of rules) {
      const schema = rule.options!.schema as object;
      const pre = validatorFor(rule.id, schema, true);
      // ajv.compile() returns a function that carries its schema; the standalone code does not.
      expect('schema' in pre, `${rule.id} uses the precompiled validator`).toBe(false);
      const now = ajv.compile(schema);
      for (const data of [rule.options!.defaults, {}, { notAnOption: 1 }, 'text', null, Object.fromEntries(Object.keys(rule.options!.defaults).map((k) => [k, { wrong: true }]))]) {
        expect(pre(data), `${rule.id} ${JSON.stringify(data)}`).toBe(now(data));
        expect(pre.errors ?? null, `${rule.id} ${JSON.stringify(data)}`).toEqual(now.errors ?? null);
      }
    }
  });

  it('compile a changed schema or a rule pack schema at run time', () => {
    const validatorFor = optionsValidators();
    const rule = rules[0]!;
    const changed = { ...(rule.options!.schema as object), description: 'changed since the build' };
    expect('schema' in validatorFor(rule.id, changed, true)).toBe(true);
    expect('schema' in validatorFor(rule.id, rule.options!.schema as object, false)).toBe(true);
    // A rule pack's schema is checked against the meta-schema first.
    expect(() => validatorFor('pack/rule', { type: 'object', properties: { a: { type: 'no-such-type' } } }, false)).toThrow(/schema is invalid|type/);
  });
});
