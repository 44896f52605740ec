/** Who signs in: users, groups, roles, guests and external users, workload identities. */
import { policy, type PolicySpec } from '../../helpers/tenant.js';
import { G, OTHER_TENANT, PARTNER_TENANT, ROLE, ROLES_WITHOUT_MEMBERS, SP, U, type Expectation, type ScenarioCase } from './fixture.js';
import type { Scenario } from '../../../src/evaluate/whatif/index.js';

const APPLIES: Expectation = { applies: 'applies', reasons: [] };
const NOT_USERS: Expectation = { applies: 'doesNotApply', reasons: ['users'] };
const UNKNOWN: Expectation = { applies: 'cannotTell', reasons: ['notEnoughInformation'] };

type Identity = Scenario['identity'];
const userId = (id: string): Identity => ({ kind: 'user', userId: id });
const anonymous = (extra: Partial<Extract<Identity, { kind: 'user' }>> = {}): Identity => ({ kind: 'user', ...extra });
const sp = (id: string): Identity => ({ kind: 'servicePrincipal', servicePrincipalId: id });

function make(area: string) {
  return (rule: string, name: string, spec: PolicySpec, identity: Identity, expect: Expectation, extra: Partial<ScenarioCase> = {}): ScenarioCase => ({
    area,
    rule,
    name,
    policies: [policy(spec)],
    scenario: { identity },
    expect,
    ...extra,
  });
}

// ---------------------------------------------------------------- users, groups, roles
const users = make('users');
const EXCLUDE_WINS = 'graph README §5: in scope = matches an include AND no exclude; exclude always wins';
const ALL = 'graph README §5: includeUsers All matches every user';
const NONE = 'graph README §5: includeUsers None matches nobody';
const BY_ID = 'graph README §5: users included by object id';
const GROUPS = 'graph README §5: include via transitive group membership';
const GROUP_UNKNOWN = 'whatIf: a group whose membership the export does not hold → cannot tell (notEnoughInformation)';
const ROLES = 'graph README §5/§4: include via active built-in role (template id)';
const ROLE_UNKNOWN = 'whatIf: roles neither given nor exported → cannot tell';
const FACT_MISSING = 'scenario: an undefined fact a condition depends on → cannot tell';

export const userCases: ScenarioCase[] = [
  users(ALL, 'All users includes a member', {}, userId(U.alice), APPLIES),
  users(ALL, 'All users includes a user the export does not know', {}, userId(U.unknown), APPLIES),
  users(ALL, 'All users needs no identity facts at all', {}, anonymous(), APPLIES),
  users(NONE, 'None includes nobody', { users: { includeUsers: ['None'] } }, userId(U.alice), NOT_USERS),
  users(NONE, 'None includes nobody, even an unknown user', { users: { includeUsers: ['None'] } }, anonymous(), NOT_USERS),
  users(BY_ID, 'included user id', { users: { includeUsers: [U.alice] } }, userId(U.alice), APPLIES),
  users(BY_ID, 'user id compares case-insensitively', { users: { includeUsers: [U.alice.toUpperCase()] } }, userId(U.alice), APPLIES),
  users(BY_ID, 'another user is not included', { users: { includeUsers: [U.bob] } }, userId(U.alice), NOT_USERS),
  users(BY_ID, 'scenario names the user by UPN, resolved to the exported object id', { users: { includeUsers: [U.alice] } }, userId('Alice@Contoso.example'), APPLIES),
  users(FACT_MISSING, 'included user ids and no user id in the scenario', { users: { includeUsers: [U.alice] } }, anonymous(), UNKNOWN),
  users(EXCLUDE_WINS, 'All users minus the excluded user', { users: { excludeUsers: [U.alice] } }, userId(U.alice), NOT_USERS),
  users(EXCLUDE_WINS, 'All users minus another user still applies', { users: { excludeUsers: [U.bob] } }, userId(U.alice), APPLIES),
  users(EXCLUDE_WINS, 'user both included and excluded is out', { users: { includeUsers: [U.alice], excludeUsers: [U.alice] } }, userId(U.alice), NOT_USERS),
  users(FACT_MISSING, 'All users with an exclusion and no user id', { users: { excludeUsers: [U.breakGlass] } }, anonymous(), UNKNOWN),
  users(GROUPS, 'direct member of an included group (exported members)', { users: { includeUsers: [], includeGroups: [G.sales] } }, userId(U.alice), APPLIES),
  users(GROUPS, 'member of a group nested in the included group', { users: { includeUsers: [], includeGroups: [G.staff] } }, userId(U.alice), APPLIES),
  users(GROUPS, 'not a member of an included group whose membership is exported', { users: { includeUsers: [], includeGroups: [G.sales] } }, userId(U.bob), NOT_USERS),
  users(GROUP_UNKNOWN, 'included group exported without members', { users: { includeUsers: [], includeGroups: [G.unexported] } }, userId(U.bob), UNKNOWN),
  users(GROUP_UNKNOWN, 'included group whose nested group has no exported members', { users: { includeUsers: [], includeGroups: [G.outer] } }, userId(U.alice), UNKNOWN),
  users(GROUP_UNKNOWN, 'included group not in the export at all', { users: { includeUsers: [], includeGroups: ['9e9e9e9e-0000-4000-8000-000000000099'] } }, userId(U.alice), UNKNOWN),
  users(GROUP_UNKNOWN, 'excluded group with unknown membership leaves All users undecided', { users: { excludeGroups: [G.unexported] } }, userId(U.bob), UNKNOWN),
  users(EXCLUDE_WINS, 'excluded group (exported membership) removes its member', { users: { excludeGroups: [G.sales] } }, userId(U.alice), NOT_USERS),
  users(EXCLUDE_WINS, 'excluded parent group removes a nested member', { users: { excludeGroups: [G.staff] } }, userId(U.alice), NOT_USERS),
  users(EXCLUDE_WINS, 'a known exclusion wins even when the inclusion cannot be told', { users: { includeUsers: [], includeGroups: [G.unexported], excludeUsers: [U.alice] } }, userId(U.alice), NOT_USERS),
  users(EXCLUDE_WINS, 'break-glass group excluded from All users', { users: { excludeGroups: [G.breakGlass] } }, userId(U.breakGlass), NOT_USERS),
  users('scenario: groupIds given are the complete, transitive list', 'scenario lists the group the export has no members for', { users: { includeUsers: [], includeGroups: [G.unexported] } }, { kind: 'user', userId: U.bob, groupIds: [G.unexported] }, APPLIES),
  users('scenario: groupIds given are the complete, transitive list', 'scenario says the user is in no group', { users: { includeUsers: [], includeGroups: [G.unexported] } }, { kind: 'user', userId: U.bob, groupIds: [] }, NOT_USERS),
  users('scenario: groupIds given, plus the exported groups they are nested in', 'scenario lists Sales; Sales is nested in All Staff', { users: { includeUsers: [], includeGroups: [G.staff] } }, anonymous({ groupIds: [G.sales] }), APPLIES),
  users(FACT_MISSING, 'group condition and neither user id nor groups given', { users: { includeUsers: [], includeGroups: [G.sales] } }, anonymous(), UNKNOWN),
  users(ROLES, 'holder of an included role (exported role members)', { users: { includeUsers: [], includeRoles: [ROLE.globalAdmin] } }, userId(U.admin), APPLIES),
  users(ROLES, 'user without the role (role members exported)', { users: { includeUsers: [], includeRoles: [ROLE.globalAdmin] } }, userId(U.bob), NOT_USERS),
  users(ROLES, 'scenario gives the role by display name', { users: { includeUsers: [], includeRoles: [ROLE.globalAdmin] } }, anonymous({ roleIds: ['Global Administrator'] }), APPLIES),
  users(ROLES, 'scenario gives another role', { users: { includeUsers: [], includeRoles: [ROLE.globalAdmin] } }, anonymous({ roleIds: [ROLE.helpdesk] }), NOT_USERS),
  users(ROLE_UNKNOWN, 'role members not exported and no roles in the scenario', { users: { includeUsers: [], includeRoles: [ROLE.globalAdmin] } }, userId(U.admin), UNKNOWN, { tenant: { roles: ROLES_WITHOUT_MEMBERS } }),
  users(ROLES, 'role members not exported, scenario says no roles', { users: { includeUsers: [], includeRoles: [ROLE.globalAdmin] } }, { kind: 'user', userId: U.admin, roleIds: [] }, NOT_USERS, { tenant: { roles: ROLES_WITHOUT_MEMBERS } }),
  users(EXCLUDE_WINS, 'excluded role removes its holder from All users', { users: { excludeRoles: [ROLE.globalAdmin] } }, userId(U.admin), NOT_USERS),
  users(ROLE_UNKNOWN, 'excluded role, roles unknown', { users: { excludeRoles: [ROLE.globalAdmin] } }, userId(U.admin), UNKNOWN, { tenant: { roles: ROLES_WITHOUT_MEMBERS } }),
  users('graph README §5: include any of user / group / role / guest type (OR across kinds)', 'included by role though not by the listed user', { users: { includeUsers: [U.bob], includeRoles: [ROLE.globalAdmin] } }, userId(U.admin), APPLIES),
];

// ---------------------------------------------------------------- guests and external users
const guests = make('guests');
const guestPolicy = (types: string, tenants?: string[] | 'all', mode: 'include' | 'exclude' = 'include'): PolicySpec => {
  const value = {
    guestOrExternalUserTypes: types,
    externalTenants:
      tenants === undefined
        ? null
        : tenants === 'all'
          ? { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' }
          : { '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants', membershipKind: 'enumerated', members: tenants },
  };
  return mode === 'include'
    ? { users: { includeUsers: [], includeGuestsOrExternalUsers: value } }
    : { users: { includeUsers: ['All'], excludeGuestsOrExternalUsers: value } };
};
const GUEST_TYPE = 'graph README §5: guests included by guest type (guestOrExternalUserTypes, one comma-separated string)';
const LEGACY = 'graph README §1/§5: legacy GuestsOrExternalUsers = all guest types';
const TENANTS = 'graph README §1/§5: externalTenants narrows by home tenant (all vs enumerated)';
const guest = (guestType: string | null, homeTenantId?: string): Identity =>
  ({ kind: 'user', guestType, ...(homeTenantId ? { homeTenantId } : {}) }) as Identity;

export const guestCases: ScenarioCase[] = [
  ...(['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'] as const).map((t) =>
    guests(GUEST_TYPE, `${t} is included when its type is listed`, guestPolicy(t), guest(t, PARTNER_TENANT), APPLIES),
  ),
  guests(GUEST_TYPE, 'one of several listed types', guestPolicy('internalGuest,b2bCollaborationGuest,b2bDirectConnectUser'), guest('b2bDirectConnectUser', PARTNER_TENANT), APPLIES),
  guests(GUEST_TYPE, 'a guest type that is not listed', guestPolicy('internalGuest,b2bCollaborationGuest'), guest('serviceProvider', PARTNER_TENANT), NOT_USERS),
  guests(GUEST_TYPE, 'a member (not a guest) is not included by guest types', guestPolicy('internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider'), guest(null), NOT_USERS),
  guests(FACT_MISSING, 'guest types and whether the user is a guest unknown', guestPolicy('b2bCollaborationGuest'), anonymous(), UNKNOWN),
  guests('scenario: exported user with #EXT# and userType Guest is a B2B collaboration guest', 'exported external guest', guestPolicy('b2bCollaborationGuest'), userId(U.extGuest), APPLIES),
  guests('scenario: exported userType Guest without #EXT# is an internal guest', 'exported internal guest', guestPolicy('internalGuest'), userId(U.internalGuest), APPLIES),
  guests('scenario: exported userType Guest without #EXT# is an internal guest', 'exported internal guest is not a B2B guest', guestPolicy('b2bCollaborationGuest'), userId(U.internalGuest), NOT_USERS),
  guests('scenario: exported userType Member with #EXT# is a B2B collaboration member', 'exported B2B member', guestPolicy('b2bCollaborationMember'), userId(U.b2bMember), APPLIES),
  guests('scenario: exported userType Member without #EXT# is a member', 'exported member user is not a guest', guestPolicy('b2bCollaborationGuest,internalGuest'), userId(U.alice), NOT_USERS),
  guests(LEGACY, 'legacy includeUsers GuestsOrExternalUsers includes a direct-connect user', { users: { includeUsers: ['GuestsOrExternalUsers'] } }, guest('b2bDirectConnectUser', PARTNER_TENANT), APPLIES),
  guests(LEGACY, 'legacy includeUsers GuestsOrExternalUsers includes an internal guest', { users: { includeUsers: ['GuestsOrExternalUsers'] } }, guest('internalGuest'), APPLIES),
  guests(LEGACY, 'legacy includeUsers GuestsOrExternalUsers leaves members out', { users: { includeUsers: ['GuestsOrExternalUsers'] } }, userId(U.alice), NOT_USERS),
  guests(LEGACY, 'legacy excludeUsers GuestsOrExternalUsers removes a guest from All users', { users: { excludeUsers: ['GuestsOrExternalUsers'] } }, userId(U.extGuest), NOT_USERS),
  guests(LEGACY, 'legacy excludeUsers GuestsOrExternalUsers keeps members', { users: { excludeUsers: ['GuestsOrExternalUsers'] } }, userId(U.alice), APPLIES),
  guests(EXCLUDE_WINS, 'excluded guest type removes that guest from All users', guestPolicy('b2bCollaborationGuest', undefined, 'exclude'), guest('b2bCollaborationGuest', PARTNER_TENANT), NOT_USERS),
  guests(EXCLUDE_WINS, 'excluded guest type keeps other guest types', guestPolicy('b2bCollaborationGuest', undefined, 'exclude'), guest('serviceProvider', PARTNER_TENANT), APPLIES),
  guests(TENANTS, 'externalTenants all: any home tenant', guestPolicy('b2bCollaborationGuest', 'all'), guest('b2bCollaborationGuest', OTHER_TENANT), APPLIES),
  guests(TENANTS, 'externalTenants all: home tenant need not be known', guestPolicy('b2bCollaborationGuest', 'all'), guest('b2bCollaborationGuest'), APPLIES),
  guests(TENANTS, 'enumerated tenants: guest from a listed tenant', guestPolicy('b2bCollaborationGuest', [PARTNER_TENANT]), guest('b2bCollaborationGuest', PARTNER_TENANT), APPLIES),
  guests(TENANTS, 'enumerated tenants: guest from another tenant', guestPolicy('b2bCollaborationGuest', [PARTNER_TENANT]), guest('b2bCollaborationGuest', OTHER_TENANT), NOT_USERS),
  guests(TENANTS + '; home tenant unknown → cannot tell', 'enumerated tenants: home tenant unknown', guestPolicy('b2bCollaborationGuest', [PARTNER_TENANT]), guest('b2bCollaborationGuest'), UNKNOWN),
  guests(TENANTS, 'enumerated tenants excluded: guest from the excluded tenant is out', guestPolicy('b2bCollaborationGuest', [PARTNER_TENANT], 'exclude'), guest('b2bCollaborationGuest', PARTNER_TENANT), NOT_USERS),
  guests(TENANTS, 'enumerated tenants excluded: guest from another tenant stays in', guestPolicy('b2bCollaborationGuest', [PARTNER_TENANT], 'exclude'), guest('b2bCollaborationGuest', OTHER_TENANT), APPLIES),
];

// ---------------------------------------------------------------- workload identities
const workload = make('workload identities');
const spPolicy = (include: string[], exclude: string[] = [], conditions: PolicySpec['conditions'] = {}): PolicySpec => ({
  users: { includeUsers: ['None'] },
  conditions: { clientApplications: { includeServicePrincipals: include, excludeServicePrincipals: exclude, servicePrincipalFilter: null }, ...conditions },
  grantControls: { operator: 'OR', builtInControls: ['block'] },
});
const WI = 'graph README §5: workload-identity policies (clientApplications, includeUsers None) apply to service principals only';
const NOT_WI: Expectation = { applies: 'doesNotApply', reasons: ['workloadIdentities'] };

export const workloadCases: ScenarioCase[] = [
  workload(WI + '; ServicePrincipalsInMyTenant', 'every single-tenant SP is included', spPolicy(['ServicePrincipalsInMyTenant']), sp(SP.billing), { ...APPLIES, decision: 'blocked', blockedBy: [] }),
  workload(WI + '; a user sign-in is judged on the users assignment, as a workload identity is against a user policy', 'a workload-identity policy never applies to a user', spPolicy(['ServicePrincipalsInMyTenant']), userId(U.alice), { ...NOT_USERS, decision: 'allowed' }),
  workload(WI, 'a user policy never applies to a service principal', {}, sp(SP.billing), { ...NOT_USERS, decision: 'allowed' }),
  workload(WI, 'listed service principal', spPolicy([SP.billing]), sp(SP.billing), APPLIES),
  workload(WI, 'service principal not listed', spPolicy([SP.billing]), sp(SP.reports), NOT_WI),
  workload(EXCLUDE_WINS, 'excluded service principal', spPolicy(['ServicePrincipalsInMyTenant'], [SP.reports]), sp(SP.reports), NOT_WI),
  workload(EXCLUDE_WINS, 'another SP is not excluded', spPolicy(['ServicePrincipalsInMyTenant'], [SP.reports]), sp(SP.billing), APPLIES),
  workload('graph README §5: service principal risk matches if the level is listed', 'SP risk high listed', spPolicy(['ServicePrincipalsInMyTenant'], [], { servicePrincipalRiskLevels: ['high'] }), sp(SP.billing), APPLIES, { scenario: { identity: sp(SP.billing), servicePrincipalRisk: 'high' } }),
  workload('graph README §5: service principal risk matches if the level is listed', 'SP risk low not listed', spPolicy(['ServicePrincipalsInMyTenant'], [], { servicePrincipalRiskLevels: ['high', 'medium'] }), sp(SP.billing), { applies: 'doesNotApply', reasons: ['servicePrincipalRisk'] }, { scenario: { identity: sp(SP.billing), servicePrincipalRisk: 'low' } }),
  workload(FACT_MISSING, 'SP risk condition, SP risk unknown', spPolicy(['ServicePrincipalsInMyTenant'], [], { servicePrincipalRiskLevels: ['high'] }), sp(SP.billing), UNKNOWN),
];

// An applying workload-identity block policy blocks the service principal.
workloadCases[0]!.expect.blockedBy = [workloadCases[0]!.policies[0]!.id as string];
