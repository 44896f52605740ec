/**
 * Work-order metadata of the built-in rules (issue 15): every rule says what is wrong when it fires (risk), in words an
 * auditor's client reads without knowing Graph or calint's command line, and how to order the work (priority, effort,
 * user impact, licences). The registry enforces presence for built-in rules; this test also checks the wording.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltInRules, loadRulePack, ruleProblem, RulePackError, type LoadedRule } from '../../src/engine/registry.js';
import { summarizeRule } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule-types.js';
import { LICENCE_IDS } from '../../src/model/licences.js';
import { REPO_ROOT } from './fixtures.js';

const loaded: LoadedRule[] = await loadBuiltInRules();
const rules = loaded.map((l) => l.rule);

/** Product names that are spelt in camel case by their makers, not Graph enum values. */
const CAMEL_CASE_ALLOWED = new Set(['iOS', 'iPadOS', 'macOS']);

/** Lower-cased words without "not", "no", articles and punctuation: a risk that only negates the title matches it. */
function withoutNegation(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => !['', 'not', 'no', 'a', 'an', 'the'].includes(w))
    .join(' ');
}

/** The sign-in, user and agent risk conditions are ID Protection features: Microsoft Entra ID P2. */
function isAboutIdentityProtectionRisk(rule: Rule): boolean {
  // By id: a requirement rule keeps its requirement to itself. Password change and risk remediation act on user risk.
  return (
    /(^|[/-])(sign-in|user|agent)-risk($|-)/.test(rule.id) ||
    rule.id.startsWith('risk/') ||
    ['agents/block-high-risk', 'grant/risk-remediation', 'grant/password-change'].includes(rule.id)
  );
}

/** Conditional Access policies scoped to service principals need Workload ID Premium. */
function isAboutWorkloadIdentities(rule: Rule): boolean {
  return rule.id.startsWith('workload-identity/') || rule.id === 'baseline/workload-identity-risk';
}

/** Well-formed rule metadata without the work-order fields, as a rule pack may write it. */
function packRule(extra: Partial<Rule> = {}): Rule {
  return {
    id: 'contoso/sample',
    catalogue: 'CA-030',
    title: 'Policies carry an owner in their description',
    severity: 'medium',
    rationale: 'Why it matters.',
    remediation: 'How to fix it.',
    references: ['https://learn.microsoft.com/entra/identity/conditional-access/overview'],
    messages: { missing: (d) => `"${d.policy}" has no owner.` },
    check: () => [],
    ...extra,
  };
}

describe('built-in rule work-order metadata', () => {
  it('loads the built-in rules', () => {
    expect(rules.length).toBeGreaterThan(80);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('says in one line what is wrong when it fires, not the title again', () => {
      expect(typeof rule.risk, `${id}: risk`).toBe('string');
      const risk = rule.risk!;
      expect(risk.trim(), id).not.toBe('');
      expect(risk, `${id}: one line`).not.toMatch(/[\r\n]/);
      expect(risk.trim().toLowerCase(), `${id}: repeats the title`).not.toBe(rule.title.trim().toLowerCase());
      expect(withoutNegation(risk), `${id}: the title with "not" inserted`).not.toBe(withoutNegation(rule.title));
    });

    it('writes the risk for a reader: no command-line flags, backticks, Graph enum values or ids', () => {
      const risk = rule.risk ?? '';
      expect(risk, `${id}: command-line flag`).not.toMatch(/(^|\s)--?[a-z]/);
      expect(risk, `${id}: backtick`).not.toContain('`');
      const camel = (risk.match(/\b[a-z]+[A-Z][a-zA-Z]*\b/g) ?? []).filter((w) => !CAMEL_CASE_ALLOWED.has(w));
      expect(camel, `${id}: Graph enum values`).toEqual([]);
      expect(risk, `${id}: an id`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|CA-\d{3}|\b[a-z-]+\/[a-z-]+\b/i);
    });

    it('orders the work: priority, effort and user impact', () => {
      expect([1, 2, 3], `${id}: priority`).toContain(rule.priority);
      expect(['low', 'medium', 'high'], `${id}: effort`).toContain(rule.effort);
      expect(['none', 'low', 'medium', 'high'], `${id}: userImpact`).toContain(rule.userImpact);
    });

    it('lists only licences calint knows, beyond Entra ID P1, once each', () => {
      const licences = rule.licences ?? [];
      for (const l of licences) expect(LICENCE_IDS, `${id}: ${l}`).toContain(l);
      expect(licences, id).not.toContain('entra-id-p1');
      expect(new Set(licences).size, `${id}: duplicates`).toBe(licences.length);
      if (rule.licences !== undefined) expect(licences.length, `${id}: an empty list; leave the field out`).toBeGreaterThan(0);
    });

    it('rationale, remediation and messages speak to a reader, not to the command line', () => {
      const sample = new Proxy({ policy: 'Sample policy' } as Record<string, unknown>, {
        get: (target, key) => (typeof key !== 'string' ? undefined : key in target ? target[key] : `<${key}>`),
        has: () => true,
      });
      const texts = [rule.rationale, rule.remediation, ...Object.values(rule.messages).map((m) => m(sample))];
      for (const text of texts) {
        expect(text, `${id}: command-line flag`).not.toMatch(/(^|[\s(])--[a-z]/);
        expect(text, `${id}: backtick`).not.toContain('`');
        expect(text, `${id}: "(s)" plural`).not.toMatch(/\w\(s\)/);
      }
    });
  });

  it('rules about sign-in, user or agent risk need Microsoft Entra ID P2', () => {
    const risky = rules.filter(isAboutIdentityProtectionRisk);
    expect(risky.map((r) => r.id)).toEqual(expect.arrayContaining(['baseline/sign-in-risk', 'baseline/user-risk', 'agents/block-high-risk']));
    for (const r of risky) expect(r.licences ?? [], r.id).toContain('entra-id-p2');
  });

  it('the insider risk rule needs Purview Insider Risk Management and, as Microsoft says, Entra ID P2', () => {
    const insider = rules.find((r) => r.id === 'baseline/insider-risk');
    expect(insider?.licences).toEqual(expect.arrayContaining(['purview-insider-risk', 'entra-id-p2']));
  });

  it('rules about workload identities need Workload ID Premium, and agent rules Entra Agent ID', () => {
    const workloads = rules.filter(isAboutWorkloadIdentities);
    expect(workloads.length).toBeGreaterThan(0);
    for (const r of workloads) expect(r.licences ?? [], r.id).toContain('workload-id');
    for (const r of rules.filter((x) => x.id.startsWith('agents/'))) expect(r.licences ?? [], r.id).toContain('entra-agent-id');
  });

  it('the same risk line is not reused by two rules', () => {
    const seen = new Map<string, string>();
    for (const r of rules) {
      const key = (r.risk ?? '').toLowerCase();
      expect(seen.get(key), `${r.id} repeats the risk of ${seen.get(key)}`).toBeUndefined();
      seen.set(key, r.id);
    }
  });
});

describe('registry: work-order metadata is required of built-in rules only', () => {
  it('rejects a built-in rule without a risk, saying which field and what it is for', async () => {
    await expect(loadBuiltInRules([{ file: 'contoso/sample.ts', exports: { default: packRule({ priority: 2, effort: 'low', userImpact: 'none' }) } }])).rejects.toThrow(
      RulePackError,
    );
    await expect(loadBuiltInRules([{ file: 'contoso/sample.ts', exports: { default: packRule({ priority: 2, effort: 'low', userImpact: 'none' }) } }])).rejects.toThrow(
      /broken rule "contoso\/sample": "risk" is required for a built-in rule \(one line saying what is wrong when the rule fires\)/,
    );
    expect(ruleProblem(packRule({ risk: 'x' }), { builtIn: true })).toMatch(/"priority" is required for a built-in rule/);
  });

  it('rejects a risk that only repeats the title, or spans lines', () => {
    const rule = packRule();
    expect(ruleProblem({ ...rule, risk: rule.title.toUpperCase() })).toMatch(/not repeat the title/);
    expect(ruleProblem({ ...rule, risk: 'one\ntwo' })).toMatch(/one line/);
    expect(ruleProblem({ ...rule, licences: ['entra-id-p1'] })).toMatch(/leave out "entra-id-p1"/);
  });

  it('accepts a rule pack rule without work-order metadata; its summary reads "Not met: <title>" and gets the defaults', () => {
    const rule = packRule();
    expect(ruleProblem(rule)).toBeNull();
    const summary = summarizeRule({ rule, source: 'contoso-pack', severity: rule.severity, severityOverridden: false, options: {} });
    expect(summary.risk).toBe(`Not met: ${rule.title}`);
    expect(summary).toMatchObject({ priority: 2, effort: 'medium', userImpact: 'medium', licences: [] });
  });

  it('loads a rule pack folder whose rules give no risk', async () => {
    const pack = await loadRulePack(path.join(REPO_ROOT, 'test/packs/good'), REPO_ROOT);
    expect(pack.length).toBeGreaterThan(0);
    expect(pack.every((l) => l.rule.risk === undefined)).toBe(true);
  });
});
