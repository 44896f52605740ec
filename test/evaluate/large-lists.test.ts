/**
 * Issue 13, quadratic sizes: a policy may list thousands of roles, groups or named locations. The evaluator answers
 * them with set lookups and the coverage walk treats ids that every policy names together as one class. These tests
 * check that the short cuts give the answers the long way gives (the times are in bench/README.md, `npm run
 * bench:grow`): a sign-in in one of 5,000 listed roles or locations is treated exactly as in a policy listing only
 * that one; 5,000 roles one policy names make one coverage class whose gap lists all of them; a group whose
 * membership could tell it apart is never merged.
 */
import { describe, expect, it } from 'vitest';
import { whatIf, type Scenario } from '../../src/evaluate/whatif/index.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';
import { coverage } from '../../src/evaluate/coverage/index.js';
import { identityClasses } from '../../src/evaluate/coverage/classes.js';
import { exclusionTest, isExcluded, targetTest, targetsPrincipal, type Principal } from '../../src/evaluate/exclusions.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { indexOf, policy } from '../helpers/tenant.js';

const N = 5000;
const id = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const roles = Array.from({ length: N }, (_, i) => id('bbbbbbbb', i));
const locations = Array.from({ length: N }, (_, i) => id('cccccccc', i));
const user = (extra: Partial<Extract<Scenario['identity'], { kind: 'user' }>> = {}): Scenario['identity'] => ({ kind: 'user', userId: id('aaaaaaaa', 1), groupIds: [], roleIds: [], guestType: null, ...extra });
const app: Scenario['target'] = { kind: 'application', appId: 'All' };

/** The parts of a what-if answer that must not depend on how long the lists are. */
const answer = (r: ReturnType<typeof whatIf>) => r.policies.map((p) => ({ applies: p.applies, reasons: p.reasons.map((x) => x.reason) }));

describe('a policy listing thousands of roles or named locations', () => {
  const sample = [0, 1, 2499, N - 1];

  it('roles: a holder of any listed role is in, one of none is out, exactly as with a one-role list', () => {
    const long = policy({ users: { includeUsers: [], includeRoles: roles } });
    for (const i of sample) {
      const short = policy({ id: (long as { id: string }).id, users: { includeUsers: [], includeRoles: [roles[i]!] } });
      const s: Scenario = { identity: user({ roleIds: [roles[i]!] }), target: app };
      expect(answer(whatIf(indexOf({ policies: [long] }), s))).toEqual(answer(whatIf(indexOf({ policies: [short] }), s)));
      expect(answer(whatIf(indexOf({ policies: [long] }), s))[0]!.applies).toBe('applies');
    }
    const outsider: Scenario = { identity: user({ roleIds: [id('dddddddd', 1)] }), target: app };
    expect(answer(whatIf(indexOf({ policies: [long] }), outsider))[0]!.applies).toBe('doesNotApply');
    const unknownRoles: Scenario = { identity: { kind: 'user', userId: id('aaaaaaaa', 1), groupIds: [], guestType: null }, target: app };
    expect(answer(whatIf(indexOf({ policies: [long] }), unknownRoles))[0]!.applies).toBe('cannotTell');
  });

  it('excluded roles too: the exclusion wins for a listed role', () => {
    const p = policy({ users: { includeUsers: ['All'], excludeRoles: roles } });
    const r = whatIf(indexOf({ policies: [p] }), { identity: user({ roleIds: [roles[1234]!] }), target: app });
    expect(answer(r)).toEqual([{ applies: 'doesNotApply', reasons: ['users'] }]);
  });

  it('named locations the sign-in names: in any listed one applies, excluded wins, elsewhere does not', () => {
    const inc = policy({ conditions: { locations: { includeLocations: locations, excludeLocations: [] } } });
    const exc = policy({ conditions: { locations: { includeLocations: ['All'], excludeLocations: locations } } });
    const trusted = policy({ conditions: { locations: { includeLocations: ['AllTrusted', ...locations.slice(0, 10)], excludeLocations: [] } } });
    for (const i of sample) {
      const s: Scenario = { identity: user(), target: app, namedLocationIds: [locations[i]!] };
      const short = policy({ id: (inc as { id: string }).id, conditions: { locations: { includeLocations: [locations[i]!], excludeLocations: [] } } });
      expect(answer(whatIf(indexOf({ policies: [inc] }), s))).toEqual(answer(whatIf(indexOf({ policies: [short] }), s)));
      expect(answer(whatIf(indexOf({ policies: [inc, exc] }), s)).map((a) => a.applies)).toEqual(['applies', 'doesNotApply']);
    }
    const elsewhere: Scenario = { identity: user(), target: app, namedLocationIds: [id('eeeeeeee', 1)] };
    expect(answer(whatIf(indexOf({ policies: [inc, exc, trusted] }), elsewhere)).map((a) => a.applies)).toEqual(['doesNotApply', 'applies', 'doesNotApply']);
    // The MFA trusted IPs stand apart from the named list: they count only when the scenario says so.
    const mfaTrusted = policy({ conditions: { locations: { includeLocations: ['00000000-0000-0000-0000-000000000000', ...locations], excludeLocations: [] } } });
    const atTrustedIp: Scenario = { identity: user(), target: app, namedLocationIds: ['00000000-0000-0000-0000-000000000000'], mfaTrustedIp: false };
    expect(answer(whatIf(indexOf({ policies: [mfaTrusted] }), atTrustedIp))[0]!.applies).toBe('doesNotApply');
    expect(answer(whatIf(indexOf({ policies: [mfaTrusted] }), { ...atTrustedIp, mfaTrustedIp: true }))[0]!.applies).toBe('applies');
  });
});

describe('coverage classes for ids every policy names together', () => {
  it('5,000 roles in one policy are one class, and a gap lists every one of them', () => {
    const index = indexOf({ policies: [policy({ users: { includeUsers: [], includeRoles: roles }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } })] });
    const evaluator = new Evaluator(index);
    const classes = identityClasses(index, evaluator.policies, { principals: true });
    const roleClasses = classes.filter((c) => c.key?.startsWith('role:'));
    expect(roleClasses).toHaveLength(1);
    expect(roleClasses[0]!.label).toMatch(/or any of 4,?999 other roles the same policies name/);
    expect(roleClasses[0]!.members).toHaveLength(N);
    const result = coverage(evaluator);
    expect(result.classes.identity!.filter((l) => l.startsWith('holder of'))).toHaveLength(N);
    // The role holders are covered; the members without a role are the gap.
    expect(result.gaps.some((g) => (g.cell.identity ?? 'any').match(/any|a member user \(no named group or role\)/))).toBe(true);
    expect(result.gaps.some((g) => /holder of/.test(g.cell.identity ?? ''))).toBe(false);
  });

  it('roles named by different lists stay apart; a group with exported members or nested in one is never merged', () => {
    const [r1, r2, r3] = roles;
    const [g1, g2, g3, g4] = [1, 2, 3, 4].map((i) => id('99999999', i));
    const index = indexOf({
      policies: [
        policy({ users: { includeUsers: [], includeRoles: [r1, r2, r3], includeGroups: [g1, g2, g3, g4] } }),
        policy({ users: { includeUsers: ['All'], excludeRoles: [r3] } }),
      ],
      // g3 holds a member, g4 is nested in an exported group: membership could tell them from g1 and g2.
      groups: [
        { id: g3, displayName: 'G3', members: [{ id: id('aaaaaaaa', 7) }] },
        { id: id('99999999', 9), displayName: 'Parent', members: [{ id: g4 }] },
      ],
    });
    const classes = identityClasses(index, new Evaluator(index).policies, { principals: true });
    const keys = classes.map((c) => [c.key, c.members?.length ?? 1]).filter(([k]) => k);
    expect(keys).toEqual(
      expect.arrayContaining([
        [`role:${r1}`, 2],
        [`role:${r3}`, 1],
        [`group:${g1}`, 2],
        [`group:${g3}`, 1],
        [`group:${g4}`, 1],
      ]),
    );
  });
});

describe('exclusion and inclusion tests built once per policy answer as the one-off checks do', () => {
  it('for users, groups and ids of unknown kind, listed, nested and trusted', () => {
    const groupWithMembers = id('77777777', 1);
    const opaqueGroup = id('77777777', 2);
    const member = id('aaaaaaaa', 3);
    const index = indexOf({ groups: [{ id: groupWithMembers, displayName: 'With members', members: [{ id: member }] }, { id: opaqueGroup, displayName: 'Opaque' }] });
    const p = policy({
      users: { includeUsers: [id('aaaaaaaa', 4)], includeGroups: [groupWithMembers], excludeUsers: [id('aaaaaaaa', 5)], excludeGroups: [groupWithMembers, opaqueGroup, ...roles.slice(0, 100)] },
    }) as unknown as ConditionalAccessPolicy;
    const principals: Principal[] = [
      { kind: 'user', id: member },
      { kind: 'user', id: id('aaaaaaaa', 4) },
      { kind: 'user', id: id('aaaaaaaa', 5) },
      { kind: 'user', id: id('aaaaaaaa', 6) },
      { kind: 'group', id: opaqueGroup },
      { kind: 'group', id: groupWithMembers },
      { kind: 'unknown', id: roles[50]! },
      { kind: 'unknown', id: id('aaaaaaaa', 4) },
    ];
    const targets = targetTest(index, p);
    // The one-off forms are the same tests.
    expect(principals.map((x) => isExcluded(index, p, x))).toEqual(principals.map((x) => exclusionTest(index, p)(x)));
    expect(principals.map((x) => targetsPrincipal(index, p, x))).toEqual(principals.map((x) => targets(x)));
    expect(principals.map((x) => exclusionTest(index, p, [opaqueGroup])(x))).toEqual([true, true, true, true, true, true, true, true]);
    expect(principals.map((x) => exclusionTest(index, p)(x))).toEqual([true, false, true, false, true, true, true, false]);
    expect(principals.map((x) => targets(x))).toEqual([true, true, false, false, false, true, false, true]);
  });
});
