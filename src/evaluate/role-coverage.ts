/** Coverage of a set of directory roles by baseline policies: several role-scoped policies may share the roles. */
import { policyLabel, usersCondition } from '../model/policy.js';
import { compiledPolicies } from './whatif/evaluate.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import {
  describeNearMisses,
  evaluateBaseline,
  nearMissEvidence,
  reasonsAgainst,
  type BaselineRequirement,
  type BaselineVerdict,
} from './baseline.js';

/** The `roles` option shared by the admin baselines. */
export const ROLES_OPTION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    roles: {
      type: 'array',
      items: { type: 'string' },
      description: 'Directory role template ids (or built-in role names such as "Global Administrator") that must be covered.',
    },
  },
};

/** Role option values as template ids: built-in names and exported role names are resolved, duplicates dropped. */
export function resolveRoles(index: TenantIndex, roles: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of roles) {
    const ref = index.resolve('role', value);
    const id = ref.status === 'resolved' || ref.status === 'well-known' || ref.status === 'display-name' ? ref.key : value;
    if (!out.some((x) => x.toLowerCase() === id.toLowerCase())) out.push(id);
  }
  return out;
}

export interface RoleCoverage {
  /** Every role is covered, by one policy or by several together. */
  satisfied: boolean;
  /** Covered roles and the policies that cover each. */
  coveredBy: Array<{ role: string; policies: ConditionalAccessPolicy[] }>;
  /** Roles no satisfying policy includes. */
  missing: string[];
  /** The requirement evaluated for the missing roles only: its near misses say why the closest policies miss them. */
  missingVerdict: BaselineVerdict | null;
}

/**
 * Are the roles covered? A role is covered when ANY policy satisfies the requirement for it (All users counts), so
 * several role-scoped policies may cover the set together. Built on evaluateBaseline; belongs in src/evaluate/baseline.ts.
 */
export function evaluateRoleCoverage(
  index: TenantIndex,
  roles: readonly string[],
  requirement: Omit<BaselineRequirement, 'users'>,
): RoleCoverage {
  const whole = evaluateBaseline(index, { ...requirement, users: { kind: 'roles', roleIds: roles } });
  const includesRole = (p: ConditionalAccessPolicy, role: string) => {
    const u = usersCondition(p);
    const r = role.toLowerCase();
    const included = u.includeUsers.some((x) => x.toLowerCase() === 'all') || u.includeRoles.some((x) => x.toLowerCase() === r);
    return included && !u.excludeRoles.some((x) => x.toLowerCase() === r);
  };
  if (whole.satisfied) {
    return { satisfied: true, coveredBy: roles.map((role) => ({ role, policies: whole.satisfiedBy.filter((p) => includesRole(p, role)) })), missing: [], missingVerdict: null };
  }
  // The coverage walk classes sign-ins by role: a role is missing when some gap holds its class (or any identity).
  const label = (role: string) => `holder of ${index.nameOf('role', role)}`;
  const gaps = whole.gaps ?? [];
  const missing = roles.filter((role) => gaps.length === 0 || gaps.some((g) => !g.classes.identity || g.classes.identity.includes(label(role))));
  const coveredPolicies = compiledPolicies(index)
    .filter((cp) => cp.state === 'enabled' && requirement.control.test(cp.policy))
    .map((cp) => cp.policy);
  const coveredBy: RoleCoverage['coveredBy'] = roles
    .filter((role) => !missing.includes(role))
    .map((role) => ({ role, policies: coveredPolicies.filter((p) => includesRole(p, role)) }));
  if (missing.length === 0) return { satisfied: true, coveredBy, missing, missingVerdict: null };
  return { satisfied: false, coveredBy, missing, missingVerdict: missingRolesVerdict(index, requirement, missing) };
}

/**
 * The requirement evaluated for `roles`, with near misses ranked so that a policy for another population (one that
 * includes none of the roles, or targets other resources) weighs two reasons: otherwise a guest or user-action policy
 * with one "wrong population" reason outranks the admin policy that is narrowed by two conditions. (evaluateBaseline
 * ranks by the plain number of reasons; the same weighting would help every baseline.)
 */
export function missingRolesVerdict(
  index: TenantIndex,
  requirement: Omit<BaselineRequirement, 'users'>,
  roles: readonly string[],
): BaselineVerdict {
  const full: BaselineRequirement = { ...requirement, users: { kind: 'roles', roleIds: roles } };
  const verdict = evaluateBaseline(index, full);
  if (verdict.satisfied) return verdict;
  const wanted = new Set(roles.map((r) => r.toLowerCase()));
  const weight = (policy: ConditionalAccessPolicy, pointer: string) => {
    if (pointer === '/conditions/applications/includeApplications' || pointer === '/conditions/applications') return 2;
    if (pointer !== '/conditions/users/includeRoles') return 1;
    return usersCondition(policy).includeRoles.some((r) => wanted.has(r.toLowerCase())) ? 1 : 2;
  };
  const nearMisses = index.policies
    .filter((policy) => full.control.test(policy) || (full.control.related?.(policy) ?? false))
    .map((policy) => ({ policy, reasons: reasonsAgainst(index, policy, full) }))
    .filter((v) => v.reasons.length > 0)
    .map((v) => ({ ...v, score: v.reasons.reduce((sum, r) => sum + weight(v.policy, r.pointer), 0) }))
    .sort((a, b) => a.score - b.score || compareStrings(policyLabel(a.policy), policyLabel(b.policy)))
    .slice(0, 3)
    .map(({ policy, reasons }) => ({ policy, reasons }));
  return { ...verdict, nearMisses };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Near-miss reasons that list a dozen role names ("it does not include Global Administrator, …") shortened to a count
 * and the first few names; `roles` are the roles the verdict was evaluated for.
 */
export function summarizeRoleReasons(index: TenantIndex, verdict: BaselineVerdict, roles: readonly string[]): BaselineVerdict {
  const roleName = (id: string) => index.nameOf('role', id);
  return {
    ...verdict,
    nearMisses: verdict.nearMisses.map((v) => ({
      ...v,
      reasons: v.reasons.map((r) => {
        if (r.pointer !== '/conditions/users/includeRoles') return r;
        const included = new Set(usersCondition(v.policy).includeRoles.map((x) => x.toLowerCase()));
        const left = roles.filter((id) => !included.has(id.toLowerCase()));
        if (left.length <= 3) return r;
        const text =
          left.length === roles.length
            ? `it includes none of the ${roles.length} administrator roles`
            : `it leaves out ${left.length} of the ${roles.length} administrator roles (${left.slice(0, 3).map(roleName).join(', ')}, …)`;
        return { ...r, text };
      }),
    })),
  };
}

/** Message data and evidence for a role-coverage finding. */
export function roleCoverageReport(index: TenantIndex, roles: readonly string[], coverage: RoleCoverage, nearVerdict: BaselineVerdict) {
  const roleName = (id: string) => index.nameOf('role', id);
  const verdict = summarizeRoleReasons(index, nearVerdict, coverage.missing.length > 0 ? coverage.missing : roles);
  const coveringPolicies = [...new Set(coverage.coveredBy.flatMap((c) => c.policies))];
  const partial = coverage.coveredBy.length > 0;
  return {
    data: {
      rolesText: coverage.missing.length < roles.length
        ? coverage.missing.length > 3
          ? `${coverage.missing.length} of the ${roles.length} administrator roles (${coverage.missing.slice(0, 3).map(roleName).join(', ')}, …)`
          : `the administrator role${coverage.missing.length === 1 ? '' : 's'} ${coverage.missing.map(roleName).join(', ')} (${coverage.missing.length} of ${roles.length})`
        : roles.length === 0
          ? 'the administrator roles (the roles option is empty)'
          : roles.length === 1
          ? `the administrator role ${roleName(roles[0]!)}`
          : `any of the ${roles.length} administrator roles`,
      coveredText: partial
        ? ` ${coverage.coveredBy.length} of the ${roles.length} roles ${coverage.coveredBy.length === 1 ? 'is' : 'are'} covered (by ${coveringPolicies.map((p) => `"${policyLabel(p)}"`).join(', ')}).`
        : '',
      nearText: describeNearMisses(verdict),
    },
    evidence: {
      actual: { coveredRoles: coverage.coveredBy.map((c) => ({ roleId: c.role, role: roleName(c.role), policies: c.policies.map(policyLabel) })) },
      expected: { roles: roles.map((id) => ({ roleId: id, role: roleName(id) })) },
      missingRoles: coverage.missing.map((id) => ({ roleId: id, role: roleName(id) })),
      nearMisses: nearMissEvidence(index, verdict),
    },
  };
}
