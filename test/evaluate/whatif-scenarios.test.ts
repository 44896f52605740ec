/**
 * The what-if evaluator against a table of sign-in scenarios. Each case is a tiny tenant (the shared directory in
 * scenarios/fixture.ts plus the case's policies, written as Graph list responses and read through the real loader), a
 * scenario (BASE_SCENARIO with the case's changes; a fact set to undefined is unknown), the exact expected evaluation
 * of one policy (applies / doesNotApply / cannotTell and Graph's reason names) and, where it matters, the combined
 * outcome. Every case names the rule of semantics it checks (docs/graph-semantics.md unless said otherwise); the test
 * name shows it.
 */
import { describe, expect, it } from 'vitest';
import { whatIf, type WhatIfResult } from '../../src/evaluate/whatif/index.js';
import { loadTestTenant } from '../helpers/tenant.js';
import { BASE_SCENARIO, BASE_TENANT, type ScenarioCase } from './scenarios/fixture.js';
import { guestCases, userCases, workloadCases } from './scenarios/identity.js';
import { applicationCases, authContextCases, userActionCases } from './scenarios/targets.js';
import {
  clientAppCases,
  deviceFilterCases,
  deviceStateCases,
  flowCases,
  locationCases,
  platformCases,
  riskCases,
} from './scenarios/conditions.js';
import { combiningCases, sessionCases, stateCases } from './scenarios/outcome.js';

const CASES: ScenarioCase[] = [
  ...userCases,
  ...guestCases,
  ...workloadCases,
  ...applicationCases,
  ...userActionCases,
  ...authContextCases,
  ...platformCases,
  ...locationCases,
  ...clientAppCases,
  ...riskCases,
  ...flowCases,
  ...deviceFilterCases,
  ...deviceStateCases,
  ...stateCases,
  ...combiningCases,
  ...sessionCases,
];

const title = (c: ScenarioCase) => `${c.area}: ${c.name} [${c.rule}]`;

async function run(c: ScenarioCase): Promise<WhatIfResult> {
  const { index, errors } = await loadTestTenant({ ...BASE_TENANT, ...c.tenant, policies: c.policies });
  expect(errors, 'the tenant loads without errors').toEqual([]);
  return whatIf(index, { ...BASE_SCENARIO, ...c.scenario });
}

describe('what-if scenario table', () => {
  it('has at least 150 cases, each naming its rule, with distinct titles', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    for (const c of CASES) {
      expect(c.rule, c.name).toMatch(/\S{3}/);
      if (c.expect.applies && c.expect.applies !== 'applies') expect(c.expect.reasons, `${c.name}: a non-applying case states its reasons`).toBeDefined();
    }
    const titles = CASES.map(title);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  it.each(CASES.map((c) => [title(c), c] as const))('%s', async (_, c) => {
    const result = await run(c);
    const e = c.expect;
    const subject = e.policy ?? (c.policies[0]?.id as string | undefined);
    const evaluation = result.policies.find((p) => p.policyId === subject);

    if (e.applies !== undefined) {
      expect(evaluation, `policy ${subject} is evaluated`).toBeDefined();
      expect(evaluation!.applies).toBe(e.applies);
      expect(evaluation!.reasons.map((r) => r.reason)).toEqual(e.reasons ?? []);
    } else if (e.reasons !== undefined) {
      expect(evaluation!.reasons.map((r) => r.reason)).toEqual(e.reasons);
    }
    // Every reason a person reads is a sentence, without template leftovers.
    for (const p of result.policies) {
      for (const r of p.reasons) expect(r.text, `${p.policyName} ${r.reason}`).toMatch(/^(?!.*(undefined|null|\[object Object\]|NaN)).*\w/);
    }

    const o = result.outcome;
    if (e.decision !== undefined) expect(o.decision).toBe(e.decision);
    if (e.certain !== undefined) expect(o.certain).toBe(e.certain);
    if (e.blockedBy !== undefined) expect(o.blockedBy.map((b) => b.policyId)).toEqual(e.blockedBy);
    if (e.requirements !== undefined) {
      expect(o.requirements.map(({ policyId, operator, controls }) => ({ policyId, operator, controls }))).toEqual(e.requirements);
    }
    if (e.reportOnly !== undefined) expect(o.reportOnly.map(({ policyId, applies }) => ({ policyId, applies }))).toEqual(e.reportOnly);
    if (e.undetermined !== undefined) expect(o.undetermined.map((u) => u.policyId)).toEqual(e.undetermined);
    if (e.session !== undefined) expect(o.session).toEqual(e.session);

    // Outcome invariants that hold for every case.
    expect(o.decision === 'blocked').toBe(o.blockedBy.length > 0);
    expect(o.certain).toBe(o.undetermined.length === 0);
    if (o.decision === 'blocked') expect(o.requirements).toEqual([]);
    // A grant comes from at least one applying enforced policy (possibly with session controls only).
    expect(o.decision === 'allowed').toBe(o.applying.length === 0);
    if (o.decision === 'grant') expect(o.applying.length).toBeGreaterThan(0);
  });
});
