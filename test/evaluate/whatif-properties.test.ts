/**
 * Properties of the what-if evaluator over random small tenants and random sign-ins (fast-check, fixed seed):
 * exclusions never add coverage and inclusions never remove it, disabled and report-only policies never change the
 * outcome, policy order does not matter, an applying block blocks, forgetting a fact only ever turns an answer into
 * "cannot tell", and conditionsMatch agrees with explainPolicy. The directory is the scenario table's
 * (scenarios/fixture.ts); policies and scenarios are drawn from the ids it defines, so they meet often.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicies,
  conditionsMatch,
  explainPolicy,
  GUEST_TYPES,
  NO,
  prepareFacts,
  UNKNOWN,
  whatIf,
  YES,
  type Applies,
  type Scenario,
  type WhatIfResult,
} from '../../src/evaluate/whatif/index.js';
import {
  SEED,
  RUNS,
  USER_IDS,
  GROUP_IDS,
  ROLE_IDS,
  APP_IDS,
  APP_VALUES,
  NAMED_PLATFORMS,
  SCENARIO_PLATFORMS,
  LOCATION_IDS,
  CLIENT_TYPES,
  RISKS,
  INSIDER,
  FLOWS,
  ACTIONS,
  IPS,
  DEVICES,
  sub,
  guestsArb,
  sessionArb,
  policyArb,
  pid,
  build,
  type RandomTenant,
  tenantArb,
  specOf,
  type Json,
} from './policy-arbitraries.js';
import { indexOf, loadTestTenant, policy } from '../helpers/tenant.js';
import { OTHER_TENANT, PARTNER_TENANT, SP } from './scenarios/fixture.js';


/** A fact the scenario knows four times in five. */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 5 });
/** Identity details (which override the export) half the time. */
const half = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const identityArb: fc.Arbitrary<Scenario['identity']> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        userId: opt(fc.constantFrom(...USER_IDS, 'alice@contoso.example')),
        groupIds: half(sub(GROUP_IDS)),
        roleIds: half(sub(ROLE_IDS)),
        guestType: half(fc.constantFrom(null, ...GUEST_TYPES)),
        homeTenantId: half(fc.constantFrom(PARTNER_TENANT, OTHER_TENANT)),
      })
      .map((u) => ({ kind: 'user' as const, ...stripUndefined(u) })),
  },
  { weight: 1, arbitrary: fc.constantFrom(SP.billing, SP.reports, 'ffffffff-0000-4000-8000-000000000000').map((servicePrincipalId) => ({ kind: 'servicePrincipal' as const, servicePrincipalId })) },
);

const targetArb: fc.Arbitrary<Scenario['target']> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...APP_IDS, 'Office 365 Exchange Online').map((appId) => ({ kind: 'application' as const, appId })) },
  { weight: 1, arbitrary: fc.constantFrom(...ACTIONS).map((action) => ({ kind: 'userAction' as const, action })) },
  { weight: 1, arbitrary: fc.constantFrom('c1', 'c2', 'c3').map((id) => ({ kind: 'authenticationContext' as const, id })) },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    identity: identityArb,
    target: targetArb,
    platform: opt(fc.constantFrom(...SCENARIO_PLATFORMS)),
    clientApp: opt(fc.constantFrom(...CLIENT_TYPES)),
    ip: opt(fc.constantFrom(...IPS)),
    country: opt(fc.constantFrom('DE', 'RU', 'CN', 'US', 'unknown')),
    signInRisk: opt(fc.constantFrom(...RISKS)),
    userRisk: opt(fc.constantFrom(...RISKS)),
    servicePrincipalRisk: opt(fc.constantFrom(...RISKS)),
    insiderRisk: opt(fc.constantFrom(...INSIDER)),
    authenticationFlow: opt(fc.constantFrom(...FLOWS)),
    device: opt(fc.constantFrom(null, ...DEVICES)),
  })
  .map((s) => stripUndefined(s) as Scenario);

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------- helpers
const RANK: Record<Applies, number> = { doesNotApply: 0, cannotTell: 1, applies: 2 };

function evaluate(t: RandomTenant, s: Scenario, policies: Json[] = t.policies): WhatIfResult {
  return whatIf(indexOf(specOf(t, policies)), s);
}

const appliesOf = (r: WhatIfResult, id: string): Applies => {
  const ev = r.policies.find((p) => p.policyId === id);
  if (!ev) throw new Error(`policy ${id} not evaluated`);
  return ev.applies;
};

/** The enforced part of an outcome: what a sign-in must do (reportOnly left out). */
const enforced = (r: WhatIfResult) => {
  const { reportOnly: _reportOnly, ...rest } = r.outcome;
  return rest;
};

const clone = <T>(v: T): T => structuredClone(v);

type Edit = (p: Json) => void;
const conds = (p: Json) => p.conditions as Json;
const users = (p: Json) => conds(p).users as Json & Record<string, string[]>;
const apps = (p: Json) => conds(p).applications as Json & Record<string, string[]>;

/** One added exclusion: a user, group, role, guest type, platform, location, application or service principal. */
const exclusionArb: fc.Arbitrary<{ label: string; edit: Edit }> = fc.oneof(
  fc.constantFrom(...USER_IDS).map((id) => ({ label: `exclude user ${id}`, edit: (p: Json) => void users(p).excludeUsers.push(id) })),
  fc.constantFrom(...GROUP_IDS).map((id) => ({ label: `exclude group ${id}`, edit: (p: Json) => void users(p).excludeGroups.push(id) })),
  fc.constantFrom(...ROLE_IDS).map((id) => ({ label: `exclude role ${id}`, edit: (p: Json) => void users(p).excludeRoles.push(id) })),
  guestsArb.map((g) => ({
    label: `exclude guests ${JSON.stringify(g)}`,
    edit: (p: Json) => {
      if (users(p).excludeGuestsOrExternalUsers == null) (users(p) as Json).excludeGuestsOrExternalUsers = g;
    },
  })),
  fc.constantFrom(...NAMED_PLATFORMS, 'all').map((pl) => ({
    label: `exclude platform ${pl}`,
    edit: (p: Json) => {
      const c = conds(p);
      c.platforms ??= { includePlatforms: ['all'], excludePlatforms: [] };
      ((c.platforms as Json).excludePlatforms as string[]).push(pl);
    },
  })),
  fc.constantFrom('AllTrusted', ...LOCATION_IDS).map((l) => ({
    label: `exclude location ${l}`,
    edit: (p: Json) => {
      const c = conds(p);
      c.locations ??= { includeLocations: ['All'], excludeLocations: [] };
      ((c.locations as Json).excludeLocations as string[]).push(l);
    },
  })),
  fc.constantFrom(...APP_VALUES).map((a) => ({ label: `exclude app ${a}`, edit: (p: Json) => void apps(p).excludeApplications.push(a) })),
  fc.constantFrom(SP.billing, SP.reports).map((id) => ({
    label: `exclude service principal ${id}`,
    edit: (p: Json) => {
      const ca = conds(p).clientApplications as Json | null;
      if (ca) (ca.excludeServicePrincipals as string[]).push(id);
    },
  })),
);

/** One added inclusion to a list that already restricts (a user, group, role, app; a platform or location to a specific list). */
const inclusionArb: fc.Arbitrary<{ label: string; edit: Edit }> = fc.oneof(
  fc.constantFrom(...USER_IDS).map((id) => ({ label: `include user ${id}`, edit: (p: Json) => void users(p).includeUsers.push(id) })),
  fc.constantFrom(...GROUP_IDS).map((id) => ({ label: `include group ${id}`, edit: (p: Json) => void users(p).includeGroups.push(id) })),
  fc.constantFrom(...ROLE_IDS).map((id) => ({ label: `include role ${id}`, edit: (p: Json) => void users(p).includeRoles.push(id) })),
  fc.constantFrom(...APP_VALUES).map((a) => ({
    label: `include app ${a}`,
    edit: (p: Json) => {
      // Only where the policy already targets applications: adding one to a user-action policy changes its kind.
      if (apps(p).includeApplications.length > 0) apps(p).includeApplications.push(a);
    },
  })),
  fc.constantFrom(...NAMED_PLATFORMS).map((pl) => ({
    label: `include platform ${pl}`,
    edit: (p: Json) => {
      const pf = conds(p).platforms as Json | null;
      if (pf) (pf.includePlatforms as string[]).push(pl);
    },
  })),
  fc.constantFrom('AllTrusted', ...LOCATION_IDS).map((l) => ({
    label: `include location ${l}`,
    edit: (p: Json) => {
      const lc = conds(p).locations as Json | null;
      if (lc) (lc.includeLocations as string[]).push(l);
    },
  })),
);

/** Scenario facts that can be forgotten outright (the export holds none of them). */
const SCENARIO_FACTS = ['platform', 'clientApp', 'ip', 'country', 'signInRisk', 'userRisk', 'servicePrincipalRisk', 'insiderRisk', 'authenticationFlow', 'device'] as const;

/**
 * The scenario without one fact. Identity details (groups, roles, guest type, home tenant) override what the export
 * says about an exported user, so they are forgotten only where no user id lets the export fill them in; forgetting
 * the user id forgets everything the export knew about that user.
 */
function forgettable(s: Scenario): Array<{ fact: string; scenario: Scenario }> {
  const out: Array<{ fact: string; scenario: Scenario }> = SCENARIO_FACTS.filter((k) => s[k] !== undefined).map((k) => {
    const copy = { ...s };
    delete copy[k];
    return { fact: k, scenario: copy };
  });
  if (s.identity.kind === 'user') {
    const id = s.identity;
    const keys = (id.userId === undefined ? ['groupIds', 'roleIds', 'guestType', 'homeTenantId'] : ['userId', 'homeTenantId']) as Array<keyof typeof id>;
    for (const k of keys) {
      if (id[k] === undefined) continue;
      const identity = { ...id };
      delete identity[k];
      out.push({ fact: `identity.${k}`, scenario: { ...s, identity } });
    }
  }
  return out;
}

/** What the outcome must say given the policy evaluations: undetermined, blocked, requirements and session. */
function checkOutcome(policies: Json[], r: WhatIfResult): void {
  const byId = new Map(policies.map((p) => [p.id as string, p]));
  const enforcedWith = (a: Applies) => r.policies.filter((p) => p.state === 'enabled' && p.applies === a).map((p) => p.policyId);
  const o = r.outcome;
  expect(o.undetermined.map((u) => u.policyId)).toEqual(enforcedWith('cannotTell'));
  expect(o.certain).toBe(o.undetermined.length === 0);
  const applying = enforcedWith('applies');
  const blocking = applying.filter((id) => ((byId.get(id)!.grantControls as Json | null)?.builtInControls as string[] | undefined)?.includes('block'));
  expect(o.blockedBy.map((b) => b.policyId)).toEqual(blocking);
  expect(o.applying.map((p) => p.policyId)).toEqual(applying);
  // Any applying enforced policy makes it a grant, even one with session controls only.
  expect(o.decision).toBe(blocking.length ? 'blocked' : applying.length ? 'grant' : 'allowed');
  if (!blocking.length) {
    const withGrant = applying.filter((id) => byId.get(id)!.grantControls !== null);
    expect(o.requirements.map((q) => q.policyId)).toEqual(withGrant);
    // Session controls: the shortest sign-in frequency, and "never persistent" over "always".
    const sessions = applying.map((id) => (byId.get(id)!.sessionControls ?? {}) as Record<string, Json>);
    const hours = sessions
      .map((c) => c.signInFrequency)
      .filter((f): f is Json => !!f)
      .map((f) => (f.frequencyInterval === 'everyTime' ? 0 : (f.value as number) * (f.type === 'days' ? 24 : 1)));
    expect(o.session.signInFrequencyHours?.value).toBe(hours.length ? Math.min(...hours) : undefined);
    const modes = sessions.map((c) => c.persistentBrowser?.mode).filter((m): m is string => typeof m === 'string');
    expect(o.session.persistentBrowser?.value).toBe(modes.includes('never') ? 'never' : modes.includes('always') ? 'always' : undefined);
  } else {
    expect(o.session).toEqual({});
  }
}

// ---------------------------------------------------------------- properties
describe('what-if properties (fast-check, seed ' + SEED + ')', () => {
  it('adding an exclusion to a policy never makes it apply where it did not', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, fc.nat(), exclusionArb, (t, s, pick, exclusion) => {
        const i = pick % t.policies.length;
        const changed = clone(t.policies);
        exclusion.edit(changed[i]!);
        const id = pid(i);
        const before = appliesOf(evaluate(t, s), id);
        const after = appliesOf(evaluate(t, s, changed), id);
        expect(RANK[after], `${exclusion.label}: ${before} → ${after}`).toBeLessThanOrEqual(RANK[before]);
      }),
      RUNS,
    );
  });

  it('an exclusion that names the sign-in itself (its user, platform or application) always wins', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, fc.nat(), fc.constantFrom('user', 'platform', 'application'), (t, s, pick, what) => {
        const i = pick % t.policies.length;
        const changed = clone(t.policies);
        const p = changed[i]!;
        const id = s.identity.kind === 'user' ? s.identity.userId : undefined;
        if (what === 'user' && id) users(p).excludeUsers.push(id);
        else if (what === 'platform' && s.platform) {
          conds(p).platforms ??= { includePlatforms: ['all'], excludePlatforms: [] };
          ((conds(p).platforms as Json).excludePlatforms as string[]).push(s.platform);
        } else if (what === 'application' && s.target.kind === 'application') apps(p).excludeApplications.push(s.target.appId);
        else return;
        const ev = evaluate(t, s, changed).policies.find((x) => x.policyId === pid(i))!;
        expect(ev.applies, `exclude the sign-in's ${what}`).toBe('doesNotApply');
      }),
      RUNS,
    );
  });

  it('adding an inclusion to a restricting list never makes a policy stop applying', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, fc.nat(), inclusionArb, (t, s, pick, inclusion) => {
        const i = pick % t.policies.length;
        const changed = clone(t.policies);
        inclusion.edit(changed[i]!);
        const id = pid(i);
        const before = appliesOf(evaluate(t, s), id);
        const after = appliesOf(evaluate(t, s, changed), id);
        expect(RANK[after], `${inclusion.label}: ${before} → ${after}`).toBeGreaterThanOrEqual(RANK[before]);
      }),
      RUNS,
    );
  });

  it('a disabled policy never applies, and the outcome is as if it were not there', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, fc.nat(), (t, s, pick) => {
        const i = pick % t.policies.length;
        const changed = clone(t.policies);
        changed[i]!.state = 'disabled';
        const result = evaluate(t, s, changed);
        const ev = result.policies.find((p) => p.policyId === pid(i))!;
        expect(ev.applies).toBe('doesNotApply');
        expect(ev.reasons.map((r) => r.reason)).toEqual(['policyNotEnabled']);
        const without = evaluate(t, s, changed.filter((_, j) => j !== i));
        expect(result.outcome).toEqual(without.outcome);
      }),
      RUNS,
    );
  });

  it('report-only policies never change what is enforced', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, (t, s) => {
        const result = evaluate(t, s);
        const enforcedOnly = evaluate(
          t,
          s,
          t.policies.filter((p) => p.state !== 'enabledForReportingButNotEnforced'),
        );
        expect(enforced(result)).toEqual(enforced(enforcedOnly));
        expect(enforcedOnly.outcome.reportOnly).toEqual([]);
        // Every listed report-only policy is one that applies or might.
        for (const ro of result.outcome.reportOnly) {
          expect(t.policies.find((p) => p.id === ro.policyId)!.state).toBe('enabledForReportingButNotEnforced');
          expect(ro.applies).toBe(appliesOf(result, ro.policyId));
          expect(ro.applies).not.toBe('doesNotApply');
        }
      }),
      RUNS,
    );
  });

  it('turning an enforced policy to report-only is the same, for enforcement, as removing it', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, fc.nat(), (t, s, pick) => {
        const i = pick % t.policies.length;
        const changed = clone(t.policies);
        changed[i]!.state = 'enabledForReportingButNotEnforced';
        expect(enforced(evaluate(t, s, changed))).toEqual(enforced(evaluate(t, s, changed.filter((_, j) => j !== i))));
      }),
      RUNS,
    );
  });

  it('the order of the policy list does not change anything', () => {
    fc.assert(
      fc.property(
        tenantArb.chain((t) => fc.tuple(fc.constant(t), fc.shuffledSubarray(t.policies, { minLength: t.policies.length, maxLength: t.policies.length }))),
        scenarioArb,
        ([t, shuffled], s) => {
          const a = evaluate(t, s);
          const b = evaluate(t, s, shuffled);
          expect(b.policies).toEqual(a.policies);
          expect(b.outcome).toEqual(a.outcome);
        },
      ),
      RUNS,
    );
  });

  it('an enforced block policy that applies makes the decision blocked, with no requirements or session', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, policyArb, (t, s, extra) => {
        const block = build({ ...extra, state: 'enabled', grantControls: { operator: 'OR', builtInControls: ['block'] } }, 99);
        const result = evaluate(t, s, [...t.policies, block]);
        const applies = appliesOf(result, pid(99));
        if (applies === 'applies') {
          expect(result.outcome.decision).toBe('blocked');
          expect(result.outcome.blockedBy.map((b) => b.policyId)).toContain(pid(99));
          expect(result.outcome.requirements).toEqual([]);
          expect(result.outcome.session).toEqual({});
        } else {
          expect(result.outcome.blockedBy.map((b) => b.policyId)).not.toContain(pid(99));
        }
        // The unconditional block (All users, All resources, no conditions) blocks every user's app sign-in.
        const blockAll = policy({ id: pid(98), displayName: 'P98', grantControls: { operator: 'OR', builtInControls: ['block'] } });
        const all = evaluate(t, s, [...t.policies, blockAll]);
        if (s.identity.kind === 'user' && s.target.kind === 'application') expect(all.outcome.decision).toBe('blocked');
      }),
      RUNS,
    );
  });

  it('forgetting a fact turns an answer into the same answer or "cannot tell", never the opposite', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, (t, s) => {
        const full = evaluate(t, s);
        for (const { fact, scenario } of forgettable(s)) {
          const sparse = evaluate(t, scenario);
          sparse.policies.forEach((ev, j) => {
            const was = full.policies[j]!;
            expect(ev.policyId).toBe(was.policyId);
            if (ev.applies !== was.applies) expect(ev.applies, `forgetting ${fact}: ${ev.policyName} was ${was.applies}`).toBe('cannotTell');
          });
          // An outcome that is certain without the fact does not change once the fact is known.
          if (sparse.outcome.certain) expect(enforced(full), `forgetting ${fact}`).toEqual(enforced(sparse));
        }
      }),
      RUNS,
    );
  });

  it('conditionsMatch agrees with explainPolicy, and reasons fit the answer', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, (t, s) => {
        const index = indexOf(specOf(t));
        const facts = prepareFacts(index, s);
        for (const cp of compilePolicies(index)) {
          const ev = explainPolicy(cp, facts);
          const tri = conditionsMatch(cp, facts);
          if (cp.state === 'disabled') {
            expect(ev.applies).toBe('doesNotApply');
            expect(ev.reasons.map((r) => r.reason)).toEqual(['policyNotEnabled']);
            continue;
          }
          expect(ev.applies).toBe(tri === YES ? 'applies' : tri === NO ? 'doesNotApply' : 'cannotTell');
          expect(tri === UNKNOWN).toBe(ev.applies === 'cannotTell');
          const names = ev.reasons.map((r) => r.reason);
          if (ev.applies === 'applies') expect(names).toEqual([]);
          if (ev.applies === 'doesNotApply') {
            expect(names.length).toBeGreaterThan(0);
            expect(names).not.toContain('notEnoughInformation');
          }
          if (ev.applies === 'cannotTell') {
            expect(names.length).toBeGreaterThan(0);
            for (const n of names) expect(['notEnoughInformation', 'invalidCondition']).toContain(n);
          }
          for (const r of ev.reasons) expect(r.text).toMatch(/^(?!.*(undefined|\[object Object\]|NaN)).*\w/);
        }
      }),
      RUNS,
    );
  });

  it('the outcome is consistent with the policy evaluations', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, (t, s) => checkOutcome(t.policies, evaluate(t, s))),
      RUNS,
    );
  });

  it('session controls of applying policies combine to the most restrictive', () => {
    fc.assert(
      fc.property(tenantArb, scenarioArb, fc.array(sessionArb, { minLength: 2, maxLength: 3 }), (t, s, extraSessions) => {
        // Unconditional enforced MFA policies (All users, All resources) carrying the drawn session controls.
        const extra = extraSessions.map((sessionControls, k) => policy({ id: pid(90 + k), displayName: `P${90 + k}`, sessionControls }));
        if (s.identity.kind !== 'user' || s.target.kind !== 'application') return;
        checkOutcome(t.policies.concat(extra), evaluate(t, s, [...t.policies, ...extra]));
      }),
      RUNS,
    );
  });

  it('the in-memory tenant the properties use evaluates like the same tenant read through the loader', async () => {
    await fc.assert(
      fc.asyncProperty(tenantArb, fc.array(scenarioArb, { minLength: 3, maxLength: 3 }), async (t, scenarios) => {
        const { index, errors } = await loadTestTenant(specOf(t));
        expect(errors).toEqual([]);
        const memory = indexOf(specOf(t));
        for (const s of scenarios) expect(whatIf(index, s)).toEqual(whatIf(memory, s));
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});
