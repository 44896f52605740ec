/**
 * A baseline requirement ("MFA for all users on all resources") as a coverage question: the sign-in space the
 * requirement names (its users, resources and client apps; every platform, location, risk level, flow and device the
 * policies distinguish), and the policies that count (enabled, with the control). The requirement is met when no cell
 * of that space is left uncovered — by one policy or by several together.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import { compiledPolicies } from '../whatif/evaluate.js';
import { MODERN_CLIENT_APP_TYPES, type BaselineRequirement } from '../baseline.js';
import { appClasses, identityClasses, spaceFor, targetClasses, userActionClass, type DimensionClass, type Space } from './classes.js';
import { walkCoverage, type Gap } from './walk.js';

export interface RequirementCoverage {
  satisfied: boolean;
  gaps: Gap[];
  coveredBy: ConditionalAccessPolicy[];
}

const cache = new WeakMap<TenantIndex, Map<string, RequirementCoverage>>();

export function requirementCoverage(index: TenantIndex, req: BaselineRequirement, key: string): RequirementCoverage {
  let byKey = cache.get(index);
  if (!byKey) cache.set(index, (byKey = new Map()));
  let hit = byKey.get(key);
  if (!hit) {
    hit = compute(index, req);
    byKey.set(key, hit);
  }
  return hit;
}

function compute(index: TenantIndex, req: BaselineRequirement): RequirementCoverage {
  const protecting = compiledPolicies(index).filter((cp) => cp.state === 'enabled' && req.control.test(cp.policy));
  if (protecting.length === 0) return { satisfied: false, gaps: [], coveredBy: [] };
  const walk = walkCoverage(index, protecting, requirementSpace(index, req));
  const gaps = walk.gaps.filter((g) => !g.expected);
  return { satisfied: gaps.length === 0, gaps, coveredBy: walk.coveredBy.map((cp) => cp.policy) };
}

/**
 * The requirement's space. Classes come from every policy of the tenant (not only the protecting ones): a finer
 * partition gives the same answer, and one set of classes per tenant lets walks share their answers.
 */
export function requirementSpace(index: TenantIndex, req: BaselineRequirement): Space {
  const all = compiledPolicies(index);
  const users = req.users;
  const identity = cached(index, `identity|${JSON.stringify(users)}`, () =>
    users.kind === 'roles'
      ? identityClasses(index, all, { principals: false, roles: users.roleIds })
      : identityClasses(index, all, { principals: false, guestsOnly: users.kind === 'guests' }),
  );
  const res = req.resources;
  const target = cached(index, `target|${JSON.stringify(res)}`, () =>
    res.kind === 'all' ? targetClasses(index, all) : res.kind === 'apps' ? appClasses(index, res.appIds) : [userActionClass(res.action)],
  );
  return spaceFor(index, all, identity, target, req.clientAppTypes ?? MODERN_CLIENT_APP_TYPES, req.expects ?? {});
}

const classCache = new WeakMap<TenantIndex, Map<string, DimensionClass[]>>();

function cached(index: TenantIndex, key: string, make: () => DimensionClass[]): DimensionClass[] {
  let m = classCache.get(index);
  if (!m) classCache.set(index, (m = new Map()));
  let hit = m.get(key);
  if (!hit) m.set(key, (hit = make()));
  return hit;
}
