/** The built-in rules agree with their files, carry complete metadata, and render every message. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRulesDir, loadBuiltInRules, type LoadedRule } from '../src/engine/registry.js';
import { SEVERITIES } from '../src/engine/severity.js';
import { REPO_ROOT, listFixtures, readExpected } from './rules/fixtures.js';

const loaded: LoadedRule[] = await loadBuiltInRules();

/** Message data with every field a message may read set to a visible sample value. */
function sampleData(): Record<string, any> {
  return new Proxy({ policy: 'Sample policy' } as Record<string, unknown>, {
    get: (target, key) => (typeof key !== 'string' ? undefined : key in target ? target[key] : `<${key}>`),
    has: () => true,
  });
}

describe('built-in rule registry', () => {
  it('loads the built-in rules from rules/', () => {
    expect(path.resolve(builtInRulesDir())).toBe(path.join(REPO_ROOT, 'rules'));
    expect(loaded.length).toBeGreaterThan(0);
  });

  it('each rule lives in rules/<category>/<name>.ts with id <category>/<name>', () => {
    for (const { rule, file, source } of loaded) {
      expect(source).toBe('builtin');
      const relative = path.relative(builtInRulesDir(), file).split(path.sep).join('/');
      expect(relative, rule.id).toMatch(/^[^/]+(\/[^/]+)+\.ts$/);
      expect(relative.replace(/\.ts$/, ''), `${relative} defines ${rule.id}`).toBe(rule.id);
    }
  });

  it('rule ids are unique', () => {
    const ids = loaded.map((l) => l.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('rule metadata is complete', () => {
  describe.each(loaded.map((l) => [l.rule.id, l.rule] as const))('%s', (id, rule) => {
    it('has a title, a severity, a rationale and a remediation', () => {
      expect(rule.title.trim()).not.toBe('');
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.rationale.trim()).not.toBe('');
      expect(rule.remediation.trim()).not.toBe('');
    });

    it('has catalogue numbers CA-nnn', () => {
      const catalogue = Array.isArray(rule.catalogue) ? rule.catalogue : [rule.catalogue];
      expect(catalogue.length).toBeGreaterThan(0);
      for (const c of catalogue) expect(c).toMatch(/^CA-\d{3}$/);
    });

    it('references Microsoft Learn, with https URLs only', () => {
      expect(rule.references.some((r) => r.startsWith('https://learn.microsoft.com/'))).toBe(true);
      for (const r of rule.references) expect(new URL(r).protocol, r).toBe('https:');
    });

    it('every message renders a non-empty string for a sample finding', () => {
      const entries = Object.entries(rule.messages);
      expect(entries.length, `${id} has no messages`).toBeGreaterThan(0);
      for (const [messageId, render] of entries) {
        const text = render(sampleData());
        expect(typeof text, `${id}:${messageId}`).toBe('string');
        expect(text.trim(), `${id}:${messageId}`).not.toBe('');
        expect(text, `${id}:${messageId}`).not.toMatch(/undefined|\[object Object\]|NaN/);
      }
    });
  });
});

describe('fixtures use existing message ids', () => {
  it("every messageId in an expected file is one of its rule's messages", () => {
    const byId = new Map(loaded.map((l) => [l.rule.id, l.rule]));
    const failing = listFixtures().filter((f) => f.kind === 'fail' && f.expectedFile);
    expect(failing.length).toBeGreaterThan(0);
    for (const f of failing) {
      const rule = byId.get(f.ruleId);
      expect(rule, `${f.file}: no built-in rule ${f.ruleId}`).toBeDefined();
      for (const { messageId } of readExpected(f)) {
        expect(Object.keys(rule!.messages), `${f.expectedFile}: ${messageId}`).toContain(messageId);
      }
    }
  });
});
