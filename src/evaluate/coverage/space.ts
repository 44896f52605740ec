/**
 * The sign-in space of a requirement: its who, what and client apps as classes, and every other dimension split into
 * the classes the tenant's policies distinguish (narrowed to what the requirement is about). Classes come from every
 * policy of the tenant, not only the protecting ones: a finer partition gives the same answer, and one set of classes
 * per run lets walks share their answers.
 */
import type { CompiledPolicy } from '../whatif/evaluate.js';
import { compileChecks } from '../whatif/conditions.js';
import { YES } from '../whatif/facts.js';
import { CLIENT_APP_TYPES, PLATFORMS } from '../whatif/scenario.js';
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import {
  agentClasses,
  appClasses,
  clientAppClasses,
  deviceClasses,
  flowClasses,
  identityClasses,
  levelClasses,
  locationClasses,
  platformClasses,
  targetClasses,
  userActionClass,
  workloadClasses,
  type ClassContext,
  type DimensionClass,
  type IdentityOptions,
  type Space,
} from './classes.js';
import { MODERN_CLIENT_APPS, type Requirement, type SignInConditions } from './requirement.js';

/** What building a space needs of the run: class context, the tenant's compiled policies, and a memo for classes. */
export interface SpaceContext extends ClassContext {
  policies: readonly CompiledPolicy[];
  memo(key: string, make: () => DimensionClass[]): DimensionClass[];
}

/** The identity classes of `calint coverage`: users and groups the policies name too, break-glass ones expected. */
export interface SpaceOptions {
  principals?: IdentityOptions['breakGlass'] | true;
}

export function requirementSpace(ctx: SpaceContext, req: Requirement, options: SpaceOptions = {}): Space {
  const all = ctx.policies;
  const when = req.when ?? {};
  const u = req.users;
  const principals = options.principals !== undefined;
  const breakGlass = options.principals === true ? undefined : options.principals;
  const identity = ctx.memo(`identity|${JSON.stringify(u)}|${principals ? JSON.stringify(breakGlass ?? null) : '-'}`, () => {
    switch (u.kind) {
      case 'roles':
        return identityClasses(ctx.index, all, { principals: false, roles: u.roleIds });
      case 'guests': {
        const classes = identityClasses(ctx.index, all, { principals: false, guestsOnly: true });
        return u.guestTypes ? classes.filter((c) => c.guestType && u.guestTypes!.includes(c.guestType)) : classes;
      }
      case 'workloadIdentities':
        return workloadClasses(ctx.index, all, u.servicePrincipalIds);
      case 'agents':
        return agentClasses(ctx.index, all);
      case 'all': {
        const classes = identityClasses(ctx.index, all, { principals, breakGlass });
        const without = new Set(u.withoutGuestTypes ?? []);
        return without.size === 0 ? classes : classes.filter((c) => !c.guestType || !without.has(c.guestType));
      }
    }
  });
  const r = req.resources;
  const target = ctx.memo(`target|${JSON.stringify(r)}`, () =>
    r.kind === 'all' ? targetClasses(ctx.index, all) : r.kind === 'apps' ? appClasses(ctx.index, r.appIds, all) : [userActionClass(r.action)],
  );
  const clientApps = req.clientApps ?? (u.kind === 'workloadIdentities' || u.kind === 'agents' ? CLIENT_APP_TYPES : MODERN_CLIENT_APPS);
  return {
    identity,
    target,
    clientApp: ctx.memo(`clientApp|${clientApps.join(',')}`, () => clientAppClasses(clientApps)),
    platform: ctx.memo(`platform|${(when.platforms ?? PLATFORMS).join(',')}`, () => platformClasses().filter((_, i) => (when.platforms ?? PLATFORMS).includes(PLATFORMS[i]!))),
    location: ctx.memo(`location|${JSON.stringify(when.locations ?? null)}`, () => filterLocations(ctx, ctx.memo('location|base', () => locationClasses(ctx, all)), when.locations)),
    signInRisk: ctx.memo(`signInRisk|${when.signInRisk ?? '*'}`, () => levelClasses('signInRisk', when.signInRisk)),
    userRisk: ctx.memo(`userRisk|${when.userRisk ?? '*'}`, () => levelClasses('userRisk', when.userRisk)),
    servicePrincipalRisk: ctx.memo(`spRisk|${when.servicePrincipalRisk ?? '*'}`, () => levelClasses('servicePrincipalRisk', when.servicePrincipalRisk)),
    agentIdRisk: ctx.memo(`agentRisk|${when.agentRisk ?? '*'}`, () => levelClasses('agentIdRisk', when.agentRisk)),
    insiderRisk: ctx.memo(`insiderRisk|${when.insiderRisk ?? '*'}`, () => levelClasses('insiderRisk', when.insiderRisk)),
    authenticationFlow: ctx.memo(`flow|${when.authenticationFlows ?? '*'}`, () => flowClasses(when.authenticationFlows)),
    device: ctx.memo(`device|${when.devices ?? '*'}`, () => ctx.memo('device|base', () => deviceClasses(all)).filter((c) => when.devices !== 'unmanaged' || c.unmanaged === true)),
  };
}

/** Location classes narrowed to the sign-ins a requirement is about. */
function filterLocations(ctx: ClassContext, classes: DimensionClass[], where: SignInConditions['locations']): DimensionClass[] {
  if (!where) return classes;
  if (where.kind === 'untrusted') return classes.filter((c) => c.trusted !== true);
  if (where.kind === 'unnamed') return classes.filter((c) => c.elsewhere === true);
  // The classes a location condition with these lists selects: judged by the same compiled check a policy gets.
  const probe = { id: 'requirement', conditions: { locations: { includeLocations: [...where.include], excludeLocations: [...where.exclude] } } } as unknown as ConditionalAccessPolicy;
  const check = compileChecks(ctx.index, probe).find((c) => c.dimension === 'location');
  if (!check) return classes;
  return classes.filter((c) => {
    const scenario = { identity: { kind: 'user' as const }, target: { kind: 'application' as const, appId: 'requirement' } };
    c.apply(scenario);
    return check.test(ctx.facts(scenario)) === YES;
  });
}
