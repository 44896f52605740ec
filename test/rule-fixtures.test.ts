/**
 * The generic rule-fixture test (STYLE.md "Fixtures"): every `test/rules/<category>/<name>/pass/*.json` gives no
 * finding of that rule, every `fail/*.json` gives exactly the findings its `.expected.json` lists, in order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import type { LintResult } from '../src/engine/result-types.js';
import { loadBuiltInRules } from '../src/engine/registry.js';
import {
  EMPTY_CONFIG,
  REPO_ROOT,
  listCaseFolderFiles,
  listFixtures,
  readExpected,
  readJson,
  type ExpectedFinding,
  type RuleFixture,
} from './rules/fixtures.js';

const fixtures = listFixtures();

function run(fixture: Pick<RuleFixture, 'file' | 'configFile' | 'ruleId'>): Promise<LintResult> {
  // A fixture is a tenant under test, even when it holds one policy (tenant scope); only its rule runs, with what the
  // rule declares it uses (the evaluator is built only for a rule that asks for it).
  return lint({ inputs: [fixture.file], cwd: REPO_ROOT, configFile: fixture.configFile, now: new Date(0), scope: 'tenant', only: [fixture.ruleId] });
}

function findingsOf(result: LintResult, ruleId: string) {
  return result.findings.filter((f) => f.ruleId === ruleId);
}

/**
 * The findings as expected files list them: message id, policy and pointer; a requirement's tenant-wide finding also
 * with its gap cells and near misses (STYLE.md: a tenant-wide finding is asserted as exactly as a per-policy one).
 */
export function summarize(result: LintResult, ruleId: string): ExpectedFinding[] {
  return findingsOf(result, ruleId).map(({ messageId, policyId, pointer, evidence }) => {
    const gaps = evidence.gaps as Array<{ cell: Record<string, string> }> | undefined;
    if (policyId !== null || !Array.isArray(gaps)) return { messageId, policyId, pointer };
    const near = (evidence.nearMisses ?? []) as Array<{ policyId: string | null; reasons: Array<{ condition: string }> }>;
    return {
      messageId,
      policyId,
      pointer,
      gaps: gaps.map((g) => g.cell),
      nearMisses: near.map((n) => ({ policyId: n.policyId, reasons: n.reasons.map((r) => r.condition) })),
    };
  });
}

function fixture(ruleId: string, kind: 'pass' | 'fail', name: string): RuleFixture {
  const found = fixtures.find((f) => f.ruleId === ruleId && f.kind === kind && f.name === name);
  if (!found) throw new Error(`no fixture ${ruleId}/${kind}/${name}.json`);
  return found;
}

describe('rule fixtures', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  describe.each(fixtures.filter((f) => f.kind === 'pass').map((f) => [`${f.ruleId} pass/${f.name}`, f] as const))('%s', (_, f) => {
    it('loads cleanly and gives no finding of its rule', async () => {
      const result = await run(f);
      expect(result.errors).toEqual([]);
      expect(summarize(result, f.ruleId)).toEqual([]);
    });
  });

  describe.each(fixtures.filter((f) => f.kind === 'fail').map((f) => [`${f.ruleId} fail/${f.name}`, f] as const))('%s', (_, f) => {
    it('loads cleanly and gives exactly the expected findings of its rule, in order', async () => {
      const result = await run(f);
      expect(result.errors).toEqual([]);
      expect(summarize(result, f.ruleId)).toEqual(readExpected(f));
      for (const finding of findingsOf(result, f.ruleId)) {
        expect(finding.message).toMatch(/\S/);
        expect(finding.message).not.toMatch(/undefined|\[object Object\]|NaN/);
      }
    });
  });
});

describe('fixture layout', () => {
  let ruleIds: string[];
  beforeAll(async () => {
    ruleIds = (await loadBuiltInRules()).map((l) => l.rule.id);
  });

  it('every built-in rule has at least one pass and one fail fixture', () => {
    for (const id of ruleIds) {
      expect(fixtures.filter((f) => f.ruleId === id && f.kind === 'pass').length, `${id}: pass fixtures`).toBeGreaterThan(0);
      expect(fixtures.filter((f) => f.ruleId === id && f.kind === 'fail').length, `${id}: fail fixtures`).toBeGreaterThan(0);
    }
  });

  it('every fixture folder belongs to a built-in rule', () => {
    for (const f of fixtures) expect(ruleIds, f.file).toContain(f.ruleId);
  });

  it('fail fixtures have an expected list, pass fixtures none; side files have their fixture', () => {
    for (const f of fixtures) {
      if (f.kind === 'fail') expect(f.expectedFile, `${f.file} needs ${f.name}.expected.json`).not.toBeNull();
      else expect(f.expectedFile, `${f.file} is a pass fixture and must not have an expected file`).toBeNull();
    }
    const cases = new Set(fixtures.map((f) => f.file.slice(0, -'.json'.length)));
    for (const file of listCaseFolderFiles()) {
      expect(file, 'only .json files in pass/ and fail/').toMatch(/\.json$/);
      const side = /^(.*)\.(expected|config)\.json$/.exec(file);
      if (side) expect(cases.has(side[1]!), `${file} has no fixture ${side[1]}.json`).toBe(true);
    }
  });

  it('expected files list {messageId, policyId, pointer} (and, for a tenant-wide requirement finding, its gaps and near misses)', () => {
    for (const f of fixtures.filter((x) => x.expectedFile)) {
      const expected = readJson(f.expectedFile!);
      expect(Array.isArray(expected), f.expectedFile!).toBe(true);
      expect((expected as unknown[]).length, `${f.expectedFile}: a fail fixture expects at least one finding`).toBeGreaterThan(0);
      for (const item of expected as Array<Record<string, unknown>>) {
        const keys = Object.keys(item).sort();
        if (keys.includes('gaps')) {
          expect(keys, f.expectedFile!).toEqual(['gaps', 'messageId', 'nearMisses', 'pointer', 'policyId']);
          expect(item.policyId, `${f.expectedFile}: gaps belong to tenant-wide findings`).toBeNull();
        } else expect(keys, f.expectedFile!).toEqual(['messageId', 'pointer', 'policyId']);
        expect(typeof item.messageId, f.expectedFile!).toBe('string');
        expect(item.policyId === null || typeof item.policyId === 'string', f.expectedFile!).toBe(true);
        expect(item.pointer === null || (typeof item.pointer === 'string' && /^(\/|$)/.test(item.pointer)), f.expectedFile!).toBe(true);
      }
    }
  });

  it('the default config is empty, so no case inherits break-glass ids', () => {
    expect(readJson(EMPTY_CONFIG)).toEqual({});
  });
});

describe('rule fixtures: details the expected lists do not show', () => {
  it('client-app-types: ["All"] is read as "all" with a casing warning', async () => {
    const result = await run(fixture('token-protection/client-app-types', 'fail', 'all-capitalised'));
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'enum-casing', pointer: '/value/0/conditions/clientAppTypes/0' }),
    );
  });

  it('resource-scope: a Microsoft template is read from /details', async () => {
    const result = await run(fixture('token-protection/resource-scope', 'fail', 'template-office365'));
    expect(result.inputs[0]).toMatchObject({ status: 'loaded', shape: 'template' });
    expect(findingsOf(result, 'token-protection/resource-scope')[0]).toMatchObject({ policyState: 'report-only' });
  });

  it('resource-scope: a display name is resolved to the app group it names', async () => {
    const result = await run(fixture('token-protection/resource-scope', 'fail', 'office365-display-name'));
    expect(findingsOf(result, 'token-protection/resource-scope')[0]!.evidence).toMatchObject({ actual: 'Office 365', resolved: 'Office 365 (app group)' });
  });

  it('unsupported-devices: a partial filter lists exactly the labels it leaves in scope', async () => {
    const result = await run(fixture('token-protection/unsupported-devices', 'fail', 'partial-filter'));
    const [finding] = findingsOf(result, 'token-protection/unsupported-devices');
    expect(finding!.evidence.missingLabels).toEqual(['MicrosoftPowerAutomate', 'AzureResource']);
  });

  it('unsupported-devices: an unparsable filter names the syntax error and its position', async () => {
    const result = await run(fixture('token-protection/unsupported-devices', 'fail', 'unparsable-filter'));
    const [f] = findingsOf(result, 'token-protection/unsupported-devices').filter((x) => x.messageId === 'unparsable');
    expect(f?.message).toMatch(/cannot parse \(.+ at character \d+\)/);
  });

  it('unsupported-devices: an include-mode filter on trustType leaves all four labels in scope', async () => {
    const result = await run(fixture('token-protection/unsupported-devices', 'fail', 'include-mode-trust-type'));
    const [finding] = findingsOf(result, 'token-protection/unsupported-devices');
    expect(finding!.evidence.missingLabels).toEqual(['CloudPC', 'AzureVirtualDesktop', 'MicrosoftPowerAutomate', 'AzureResource']);
  });

  it('missing-exclusion: when one of two break-glass users is excluded, evidence lists only the other', async () => {
    const result = await run(fixture('break-glass/missing-exclusion', 'fail', 'one-of-two-users-missing'));
    const [finding] = findingsOf(result, 'break-glass/missing-exclusion');
    expect(finding!.evidence.missingPrincipals).toEqual([
      // The export holds no users: the id's kind is unknown, so it would count in excludeUsers or excludeGroups.
      { kind: 'unknown', id: 'b9e1a5e0-0000-4000-8000-000000000002', name: 'b9e1a5e0-0000-4000-8000-000000000002' },
    ]);
    expect(finding!.evidence.breakGlassSource).toBe('configured');
  });

  it('missing-exclusion: an inferred break-glass group is named in the finding', async () => {
    const result = await run(fixture('break-glass/missing-exclusion', 'fail', 'inferred-group-missing-from-one-policy'));
    const [finding] = findingsOf(result, 'break-glass/missing-exclusion');
    expect(finding!.message).toContain('Emergency Access Accounts');
    expect(finding!.evidence).toMatchObject({
      breakGlassSource: 'inferred',
      missingPrincipals: [expect.objectContaining({ kind: 'group', id: 'e3e3e3e3-0000-4000-8000-0000000000a1', confidence: 'high' })],
    });
  });

  it('missing-exclusion: nothing configured or inferable gives one tenant-level finding', async () => {
    const result = await run(fixture('break-glass/missing-exclusion', 'fail', 'no-exclusions-anywhere'));
    const [finding] = findingsOf(result, 'break-glass/missing-exclusion');
    expect(finding).toMatchObject({ policyId: null, policyName: null, file: null, pointer: null, line: null });
  });

  it('missing-exclusion: a group excluded from every policy is inferred, with an info notice and no finding', async () => {
    const result = await run(fixture('break-glass/missing-exclusion', 'pass', 'inferred-group-excluded-everywhere'));
    expect(findingsOf(result, 'break-glass/missing-exclusion')).toEqual([]);
    const notices = result.notices.filter((n) => n.ruleId === 'break-glass/missing-exclusion');
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'info', message: expect.stringContaining('e3e3e3e3-0000-4000-8000-0000000000a1') }),
    ]);
  });
});
