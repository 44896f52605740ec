/**
 * Requirements about directory roles (the admin baselines): the `roles` option, and the message data that says which
 * roles a verdict leaves out and which policies cover the others. The walk classes sign-ins by role, so a role is
 * missing exactly when some gap holds its class.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { Evaluator } from '../evaluator.js';
import { YES } from '../whatif/facts.js';
import { OTHER_APP, SYNTHETIC_USER } from './synthetic.js';
import type { RequirementVerdict } from './verdict.js';

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

/** The class label of a role's holders (as classes.ts names it). */
export function roleClassLabel(index: TenantIndex, role: string): string {
  return `holder of ${index.nameOf('role', index.resolve('role', role).key)}`;
}

/** The roles a verdict leaves out: some gap holds their class (a gap over every identity holds all of them). */
export function missingRoles(index: TenantIndex, verdict: RequirementVerdict, roles: readonly string[]): string[] {
  if (verdict.satisfied) return [];
  return roles.filter((role) => verdict.gaps.some((g) => !g.classes.identity || g.cell.identity === 'any' || g.classes.identity.includes(roleClassLabel(index, role))));
}

/** Message data and evidence of a role requirement's finding: `rolesText`, `coveredText`. */
export function roleFindingData(evaluator: Evaluator, verdict: RequirementVerdict, roles: readonly string[]) {
  const index = evaluator.index;
  const roleName = (id: string) => index.nameOf('role', id);
  const missing = missingRoles(index, verdict, roles);
  const covered = roles.filter((r) => !missing.includes(r));
  // The policies that cover a role: protecting policies whose users condition reaches the role's holders.
  const coveredBy = covered.map((role) => {
    const facts = evaluator.facts({ identity: { kind: 'user', userId: SYNTHETIC_USER, groupIds: [], roleIds: [role.toLowerCase()], guestType: null }, target: { kind: 'application', appId: OTHER_APP } });
    const policies = verdict.coveredBy.filter((cp) => cp.checks.every((c) => c.dimension !== 'identity' || c.test(facts) === YES));
    return { role, policies };
  });
  const coveringNames = [...new Set(coveredBy.flatMap((c) => c.policies.map((cp) => cp.name)))];
  const rolesText =
    missing.length < roles.length
      ? missing.length > 3
        ? `${missing.length} of the ${roles.length} administrator roles (${missing.slice(0, 3).map(roleName).join(', ')}, …)`
        : `the administrator role${missing.length === 1 ? '' : 's'} ${missing.map(roleName).join(', ')} (${missing.length} of ${roles.length})`
      : roles.length === 1
        ? `the administrator role ${roleName(roles[0]!)}`
        : `any of the ${roles.length} administrator roles`;
  const coveredText =
    covered.length > 0 && coveringNames.length > 0
      ? ` ${covered.length} of the ${roles.length} roles ${covered.length === 1 ? 'is' : 'are'} covered (by ${coveringNames.map((n) => `"${n}"`).join(', ')}).`
      : '';
  return {
    data: { rolesText, coveredText },
    evidence: {
      actual: { coveredRoles: coveredBy.map((c) => ({ roleId: c.role, role: roleName(c.role), policies: c.policies.map((cp) => cp.name) })) },
      missingRoles: missing.map((id) => ({ roleId: id, role: roleName(id) })),
    },
  };
}
