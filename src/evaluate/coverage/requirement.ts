/**
 * A baseline requirement ("MFA for all users on all resources") as a coverage question: the sign-in space the
 * requirement names (its users, resources and client apps; every platform, location, risk level, flow and device the
 * policies distinguish), and the policies that count (enabled, with the control). The requirement is met when no cell
 * of that space is left uncovered — by one policy or by several together.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import { compiledPolicies, type CompiledPolicy } from '../whatif/evaluate.js';
import { MODERN_CLIENT_APP_TYPES, type BaselineRequirement } from '../baseline.js';
import { appClasses, identityClasses, spaceFor, targetClasses, userActionClass, type Space } from './classes.js';
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
  const walk = walkCoverage(index, protecting, requirementSpace(index, req, protecting));
  const gaps = walk.gaps.filter((g) => !g.expected);
  return { satisfied: gaps.length === 0, gaps, coveredBy: walk.coveredBy.map((cp) => cp.policy) };
}

export function requirementSpace(index: TenantIndex, req: BaselineRequirement, protecting: readonly CompiledPolicy[]): Space {
  const users = req.users;
  const identity =
    users.kind === 'roles'
      ? identityClasses(index, protecting, { principals: false, roles: users.roleIds })
      : identityClasses(index, protecting, { principals: false, guestsOnly: users.kind === 'guests' });
  const res = req.resources;
  const target = res.kind === 'all' ? targetClasses(index, protecting) : res.kind === 'apps' ? appClasses(index, res.appIds) : [userActionClass(res.action)];
  return spaceFor(index, protecting, identity, target, req.clientAppTypes ?? MODERN_CLIENT_APP_TYPES, req.expects ?? {});
}
