/**
 * "Is this baseline protection in place?" — the one place that decides whether some enabled policy covers a
 * population × resources with a control, and, when none does, which policies nearly do and why not.
 * A policy counts only when nothing narrows it: no platform, location, client-app, risk, device-filter or
 * authentication-flow condition beyond what the requirement itself names, no excluded role or guest type, no
 * excluded application, and it is enabled (report-only and disabled policies never count as protection).
 * Excluded users and groups (break-glass accounts, exception groups) do not disqualify a policy; other rules judge them.
 * The evaluation engine (issue 5) replaces this with full what-if semantics.
 */
import {
  applicationsCondition,
  hasKeyword,
  isAgentPolicy,
  list,
  policyLabel,
  policyState,
  sameKeyword,
  usersCondition,
} from '../model/policy.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import type { FindingDraft, RuleContext } from '../engine/rule-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import { APP_ALL, APP_GROUP_OFFICE_365, OFFICE_365_GROUP_APPS } from '../model/well-known-apps.js';
import { DIRECTORY_SYNCHRONIZATION_ACCOUNTS } from '../model/well-known-roles.js';
import { flags } from '../model/policy.js';
import { GUEST_TYPES } from './whatif/scenario.js';

export { flags, GUEST_TYPES };
import { requirementCoverage } from './coverage/requirement.js';
import type { Gap } from './coverage/walk.js';

/**
 * Client app types a baseline must cover unless it says otherwise: the modern ones. Legacy clients cannot perform
 * MFA or device checks at all; they are covered by blocking legacy authentication (baseline/block-legacy-auth).
 */
export const MODERN_CLIENT_APP_TYPES = ['browser', 'mobileAppsAndDesktopClients'] as const;

export type UserScope = { kind: 'all' } | { kind: 'roles'; roleIds: readonly string[] } | { kind: 'guests' };
export type ResourceScope = { kind: 'all' } | { kind: 'apps'; appIds: readonly string[] } | { kind: 'userAction'; action: string };

export interface BaselineRequirement {
  users: UserScope;
  resources: ResourceScope;
  /** Client app types that must be in scope (default: the modern ones, browser and mobile apps/desktop clients). */
  clientAppTypes?: readonly string[];
  /** Conditions the requirement itself is about; a policy may narrow to (a superset of) these. */
  expects?: {
    userRiskLevels?: readonly string[];
    signInRiskLevels?: readonly string[];
    insiderRiskLevels?: readonly string[];
    transferMethods?: readonly string[];
  };
  /**
   * The control that makes a policy count ("require MFA on every path"), and what makes a policy worth naming as a
   * near miss (default: the same test), e.g. MFA offered as one of several OR alternatives.
   */
  control: { label: string; test: (policy: ConditionalAccessPolicy) => boolean; related?: (policy: ConditionalAccessPolicy) => boolean };
}

export interface Reason {
  text: string;
  /** Relative to the policy: the condition that disqualifies it. */
  pointer: string;
  /** How far it is from satisfying: a wrong population or resource (2) is farther than a narrowing condition (1, the default). */
  weight?: number;
}

export interface PolicyVerdict {
  policy: ConditionalAccessPolicy;
  /** Why the policy does not satisfy the requirement; empty when it does. */
  reasons: Reason[];
}

const SCOPE_WEIGHT = 2;

export interface BaselineVerdict {
  satisfied: boolean;
  satisfiedBy: ConditionalAccessPolicy[];
  /** Up to three policies that come closest, fewest reasons first. */
  nearMisses: PolicyVerdict[];
  /** The cells of the requirement's sign-in space no enabled policy covers, each with a witness (coverage engine). */
  gaps?: Gap[];
}

/**
 * Is the requirement met? `adjust` lets a rule judge a condition that is the point of its requirement (a device filter
 * that must reach unmanaged devices, a guest-type list) instead of counting it as narrowing.
 */
export function evaluateBaseline(
  index: TenantIndex,
  req: BaselineRequirement,
  adjust?: (policy: ConditionalAccessPolicy, reasons: Reason[]) => Reason[],
): BaselineVerdict {
  // Whether the requirement is met is the coverage engine's answer: every cell of the requirement's sign-in space must be
  // covered by some enabled policy with the control, alone or together with others. Rules that adjust reasons judge a
  // policy's shape, not coverage, and keep the per-policy answer; so does the degenerate "some role" requirement.
  const key = requirementKey(req);
  const byCoverage = !adjust && !(req.users.kind === 'roles' && req.users.roleIds.length === 0);
  const coverage = byCoverage ? requirementCoverage(index, req, key) : null;
  if (coverage?.satisfied) return { satisfied: true, satisfiedBy: coverage.coveredBy, nearMisses: [], gaps: [] };
  // A policy without the control (or something close to it) can neither satisfy the requirement nor be named as a
  // near miss, so its conditions are not examined: most policies of a tenant are skipped here.
  const verdicts = index.policies
    .filter((policy) => isRelevant(policy, req))
    .map((policy) => ({ policy, reasons: adjust ? adjust(policy, [...cachedReasons(index, policy, req, key)]) : [...cachedReasons(index, policy, req, key)] }));
  const satisfiedBy = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy);
  const nearMisses = verdicts
    .filter((v) => v.reasons.length > 0)
    .sort((a, b) => weight(a.reasons) - weight(b.reasons) || compare(policyLabel(a.policy), policyLabel(b.policy)))
    .slice(0, 3)
    .map(({ policy, reasons }) => ({ policy, reasons }));
  if (!coverage) return { satisfied: satisfiedBy.length > 0, satisfiedBy, nearMisses };
  return { satisfied: false, satisfiedBy: [], nearMisses, gaps: coverage.gaps };
}

/** A policy worth naming as a near miss: it has the control, or something close to it. */
function isRelevant(policy: ConditionalAccessPolicy, req: BaselineRequirement): boolean {
  // A policy for agents never reaches a person's sign-in: not a near miss of a requirement about people.
  if (isAgentPolicy(policy)) return false;
  return req.control.test(policy) || (req.control.related?.(policy) ?? false);
}

function weight(reasons: Reason[]): number {
  return reasons.reduce((sum, r) => sum + (r.weight ?? 1), 0);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const reasonsCache = new WeakMap<TenantIndex, WeakMap<ConditionalAccessPolicy, Map<string, Reason[]>>>();

/** A key that tells requirements apart: their scope and expectations, and the identity of their control test. */
function requirementKey(req: BaselineRequirement): string {
  let key = requirementKeys.get(req);
  if (key === undefined) {
    key = JSON.stringify([req.users, req.resources, req.clientAppTypes ?? null, req.expects ?? null, req.control.label, fnId(req.control.test)]);
    requirementKeys.set(req, key);
  }
  return key;
}

const requirementKeys = new WeakMap<BaselineRequirement, string>();

let nextFnId = 0;
const fnIds = new WeakMap<object, number>();
function fnId(f: object): number {
  let id = fnIds.get(f);
  if (id === undefined) fnIds.set(f, (id = nextFnId++));
  return id;
}

/** Why a policy does not satisfy a requirement (empty when it does). Cached per policy and requirement. */
export function reasonsAgainst(index: TenantIndex, policy: ConditionalAccessPolicy, req: BaselineRequirement): Reason[] {
  return [...cachedReasons(index, policy, req, requirementKey(req))];
}

function cachedReasons(index: TenantIndex, policy: ConditionalAccessPolicy, req: BaselineRequirement, key: string): readonly Reason[] {
  let byPolicy = reasonsCache.get(index);
  if (!byPolicy) reasonsCache.set(index, (byPolicy = new WeakMap()));
  let byReq = byPolicy.get(policy);
  if (!byReq) byPolicy.set(policy, (byReq = new Map()));
  let cached = byReq.get(key);
  if (!cached) {
    cached = computeReasons(index, policy, req);
    byReq.set(key, cached);
  }
  return cached;
}

function computeReasons(index: TenantIndex, policy: ConditionalAccessPolicy, req: BaselineRequirement): Reason[] {
  const reasons: Reason[] = [];
  const add = (text: string, pointer: string, weight = 1) => reasons.push({ text, pointer, weight });
  const state = policyState(policy);
  if (state === 'disabled') add('it is disabled', '/state');
  if (state === 'enabledForReportingButNotEnforced') add('it is report-only, so nothing is enforced', '/state');
  if (!req.control.test(policy)) add(`it does not ${req.control.label}`, '/grantControls');

  // Users
  const u = usersCondition(policy);
  const allUsers = hasKeyword(u.includeUsers, 'All');
  if (req.users.kind === 'all') {
    if (!allUsers) add('it does not include All users', '/conditions/users/includeUsers', SCOPE_WEIGHT);
  } else if (req.users.kind === 'roles') {
    if (!allUsers) {
      const included = new Set(u.includeRoles.map((r) => r.toLowerCase()));
      const missing = req.users.roleIds.filter((r) => !included.has(r.toLowerCase()));
      if (missing.length > 0) add(`it does not include ${names(index, 'role', missing)}`, '/conditions/users/includeRoles', SCOPE_WEIGHT);
    }
    const excluded = u.excludeRoles.filter((r) => req.users.kind === 'roles' && req.users.roleIds.some((x) => sameKeyword(x, r)));
    if (excluded.length > 0) add(`it excludes ${names(index, 'role', excluded)}`, '/conditions/users/excludeRoles');
  } else {
    const legacyAll = hasKeyword(u.includeUsers, 'GuestsOrExternalUsers');
    const types = guestTypes(u.includeGuestsOrExternalUsers);
    if (!allUsers && !legacyAll) {
      const missing = GUEST_TYPES.filter((t) => !types.includes(t));
      if (missing.length > 0) add(`it does not include guest types ${missing.join(', ')}`, '/conditions/users', SCOPE_WEIGHT);
    }
  }
  // Excluding the Directory Synchronization Accounts role is Microsoft's own advice (sync would break), not a gap.
  const excludedPeopleRoles = u.excludeRoles.filter((r) => !sameKeyword(r, DIRECTORY_SYNCHRONIZATION_ACCOUNTS));
  if (req.users.kind !== 'roles' && excludedPeopleRoles.length > 0) {
    add(`it excludes ${names(index, 'role', excludedPeopleRoles)}`, '/conditions/users/excludeRoles');
  }
  const excludedGuests = guestTypes(u.excludeGuestsOrExternalUsers);
  // Admins are members, so excluding guests does not narrow a requirement about roles.
  if (req.users.kind !== 'roles' && (hasKeyword(u.excludeUsers, 'GuestsOrExternalUsers') || excludedGuests.length > 0)) {
    add(`it excludes guest or external users${excludedGuests.length ? ` (${excludedGuests.join(', ')})` : ''}`, '/conditions/users');
  }

  // Resources
  const a = applicationsCondition(policy);
  const allApps = hasKeyword(a.includeApplications, APP_ALL);
  if (req.resources.kind === 'all') {
    if (!allApps) add('it does not target All resources', '/conditions/applications/includeApplications', SCOPE_WEIGHT);
    if (a.excludeApplications.length > 0) add(`it excludes ${names(index, 'application', a.excludeApplications)}`, '/conditions/applications/excludeApplications');
  } else if (req.resources.kind === 'apps') {
    // Display names where ids belong ("Microsoft Azure Management") are resolved to what they stand for.
    const keys = (values: string[]) => values.map((x) => index.resolve('application', x).key.toLowerCase());
    const included = new Set(keys(a.includeApplications));
    const excludedKeys = new Set(keys(a.excludeApplications));
    const viaAll = included.has(APP_ALL.toLowerCase());
    const viaGroup = included.has(APP_GROUP_OFFICE_365.toLowerCase());
    const missing = req.resources.appIds.filter(
      (id) => !viaAll && !included.has(id.toLowerCase()) && !(viaGroup && OFFICE_365_GROUP_APPS.includes(id)),
    );
    if (missing.length > 0) add(`it does not target ${names(index, 'application', missing)}`, '/conditions/applications/includeApplications', SCOPE_WEIGHT);
    const excluded = req.resources.appIds.filter((id) => excludedKeys.has(id.toLowerCase()));
    if (excluded.length > 0) add(`it excludes ${names(index, 'application', excluded)}`, '/conditions/applications/excludeApplications');
  } else {
    const action = req.resources.action;
    const viaAll = allApps && sameKeyword(action, 'urn:user:registersecurityinfo');
    if (!viaAll && !a.includeUserActions.some((x) => sameKeyword(x, action))) add(`it does not target the user action ${action}`, '/conditions/applications', SCOPE_WEIGHT);
  }

  // Conditions that narrow the population: the same for every requirement with the same client apps and expectations,
  // so they are worked out once per policy (rules ask about the same policies many times).
  reasons.push(...narrowingReasons(index, policy, req));
  return reasons;
}

const narrowingKeys = new WeakMap<BaselineRequirement, string>();
const narrowingCache = new WeakMap<TenantIndex, WeakMap<ConditionalAccessPolicy, Map<string, Reason[]>>>();

function narrowingReasons(index: TenantIndex, policy: ConditionalAccessPolicy, req: BaselineRequirement): Reason[] {
  let byPolicy = narrowingCache.get(index);
  if (!byPolicy) narrowingCache.set(index, (byPolicy = new WeakMap()));
  let byKey = byPolicy.get(policy);
  if (!byKey) byPolicy.set(policy, (byKey = new Map()));
  let key = narrowingKeys.get(req);
  if (key === undefined) narrowingKeys.set(req, (key = JSON.stringify([req.clientAppTypes ?? null, req.expects ?? null])));
  let cached = byKey.get(key);
  if (!cached) {
    cached = computeNarrowingReasons(index, policy, req);
    byKey.set(key, cached);
  }
  return cached;
}

function computeNarrowingReasons(index: TenantIndex, policy: ConditionalAccessPolicy, req: BaselineRequirement): Reason[] {
  const reasons: Reason[] = [];
  const add = (text: string, pointer: string, weight = 1) => reasons.push({ text, pointer, weight });
  const c = policy.conditions ?? {};
  const clientApps = list(c.clientAppTypes);
  if (clientApps.length > 0 && !hasKeyword(clientApps, 'all')) {
    const needed = req.clientAppTypes ?? MODERN_CLIENT_APP_TYPES;
    const missing = needed.filter((t) => !hasKeyword(clientApps, t));
    if (missing.length > 0) add(`it applies only to client apps ${clientApps.join(', ')} (not ${missing.join(', ')})`, '/conditions/clientAppTypes');
  }
  const platforms = c.platforms;
  if (platforms) {
    const inc = list(platforms.includePlatforms);
    const exc = list(platforms.excludePlatforms);
    if (inc.length > 0 && !hasKeyword(inc, 'all')) add(`it applies only on ${inc.join(', ')}`, '/conditions/platforms/includePlatforms');
    if (exc.length > 0) add(`it excludes platforms ${exc.join(', ')}`, '/conditions/platforms/excludePlatforms');
  }
  const locations = c.locations;
  if (locations) {
    const inc = list(locations.includeLocations);
    const exc = list(locations.excludeLocations);
    if (inc.length > 0 && !hasKeyword(inc, 'All')) add(`it applies only at ${names(index, 'namedLocation', inc)}`, '/conditions/locations/includeLocations');
    if (exc.length > 0) add(`it excludes ${names(index, 'namedLocation', exc)}`, '/conditions/locations/excludeLocations');
  }
  const risk = (key: 'userRiskLevels' | 'signInRiskLevels' | 'servicePrincipalRiskLevels', label: string, expected?: readonly string[]) => {
    const levels = list(c[key]);
    if (levels.length === 0) return;
    if (expected && expected.every((e) => hasKeyword(levels, e))) return;
    add(`it applies only at ${label} ${levels.join(', ')}`, `/conditions/${key}`);
  };
  risk('userRiskLevels', 'user risk', req.expects?.userRiskLevels);
  risk('signInRiskLevels', 'sign-in risk', req.expects?.signInRiskLevels);
  const insider = flags(c.insiderRiskLevels);
  const expectedInsider = req.expects?.insiderRiskLevels;
  if (insider.length > 0 && !(expectedInsider && expectedInsider.every((e) => insider.includes(e)))) {
    add(`it applies only at insider risk ${insider.join(', ')}`, '/conditions/insiderRiskLevels');
  }
  const flows = flags(c.authenticationFlows?.transferMethods);
  if (flows.length > 0 && !(req.expects?.transferMethods && req.expects.transferMethods.every((e) => flows.includes(e)))) {
    add(`it applies only to authentication flows ${flows.join(', ')}`, '/conditions/authenticationFlows');
  }
  if (req.expects?.transferMethods && !req.expects.transferMethods.every((e) => flows.includes(e))) {
    add(`it does not target the ${req.expects.transferMethods.join(', ')} flow`, '/conditions/authenticationFlows');
  }
  const filter = c.devices?.deviceFilter;
  if (filter && typeof filter.rule === 'string' && filter.rule.trim() !== '') {
    add(`a device filter (${filter.mode}: ${filter.rule.length > 80 ? filter.rule.slice(0, 77) + '…' : filter.rule}) leaves devices out`, '/conditions/devices/deviceFilter');
  }
  return reasons;
}

function guestTypes(g: { guestOrExternalUserTypes?: unknown } | null | undefined): string[] {
  return g ? flags(g.guestOrExternalUserTypes) : [];
}

function names(index: TenantIndex, kind: Parameters<TenantIndex['nameOf']>[0], ids: readonly string[]): string {
  return ids.map((id) => index.nameOf(kind, id)).join(', ');
}

/** "closest: "X" (it is report-only…; it excludes …)" — the sentence a baseline finding ends with. */
export function describeNearMisses(verdict: BaselineVerdict): string {
  const gap = verdict.gaps?.[0];
  const uncovered = gap ? `Not covered, for example: ${describeCell(gap)}${verdict.gaps!.length > 1 ? ` (and ${verdict.gaps!.length - 1} more gap${verdict.gaps!.length > 2 ? 's' : ''})` : ''}. ` : '';
  if (verdict.nearMisses.length === 0) return uncovered + 'No policy comes close.';
  return (
    uncovered +
    'Closest: ' +
    verdict.nearMisses.map((v) => `"${policyLabel(v.policy)}" (${v.reasons.map((r) => r.text).join('; ')})`).join('; ') +
    '.'
  );
}

/** The classes that make a gap, in words: "holder of Global Administrator, any other resource, an unknown platform". */
export function describeCell(gap: Gap): string {
  const parts = Object.values(gap.cell).filter((v): v is string => typeof v === 'string' && v !== 'any');
  return parts.length ? parts.join('; ') : 'every sign-in';
}

/** Evidence for a baseline finding: the near misses with their reasons and the pointers of the conditions. */
export function nearMissEvidence(index: TenantIndex, verdict: BaselineVerdict) {
  return verdict.nearMisses.map((v) => {
    const source = index.sourceOf(v.policy);
    return {
      policyId: typeof v.policy.id === 'string' ? v.policy.id : null,
      policyName: policyLabel(v.policy),
      state: policyState(v.policy),
      file: source?.file ?? null,
      reasons: v.reasons.map((r) => ({ reason: r.text, pointer: source ? source.bodyPointer + r.pointer : r.pointer })),
    };
  });
}

/**
 * The finding of a baseline rule whose requirement no policy meets: tenant-wide, naming the near misses and why
 * each falls short (message data `nearText`, evidence `nearMisses`). No finding when the requirement is met.
 */
export function reportBaselineGap(
  index: TenantIndex,
  finding: RuleContext<unknown>['finding'],
  verdict: BaselineVerdict,
  messageId = 'missing',
): FindingDraft[] {
  if (verdict.satisfied) return [];
  return [
    finding(null, messageId, {
      pointer: '',
      evidence: { nearMisses: nearMissEvidence(index, verdict), uncovered: (verdict.gaps ?? []).slice(0, 3).map((g) => ({ cell: g.cell, witness: g.witness })) },
      data: { nearText: describeNearMisses(verdict) },
    }),
  ];
}
