/**
 * Random small tenants for the property tests (fast-check): policies drawn from the ids the scenario table's directory
 * defines (scenarios/fixture.ts), so policies and sign-ins meet often.
 */
import fc from 'fast-check';
import { GUEST_TYPES } from '../../src/evaluate/whatif/index.js';
import { policy, type TenantSpec } from '../helpers/tenant.js';
import { APP, BASE_TENANT, CORP_DEVICE, G, LOC, OTHER_TENANT, PARTNER_TENANT, ROLE, ROLES_WITHOUT_MEMBERS, SP, STRENGTH, U } from './scenarios/fixture.js';

export type Json = Record<string, unknown>;

export const SEED = 20260520;
export const RUNS = { seed: SEED, numRuns: 200 } as const;

// ---------------------------------------------------------------- the universe policies and scenarios draw from
export const USER_IDS = [U.alice, U.bob, U.admin, U.extGuest, U.internalGuest, U.unknown];
export const GROUP_IDS = [G.sales, G.staff, G.unexported, G.outer];
export const ROLE_IDS = [ROLE.globalAdmin, ROLE.helpdesk];
export const APP_IDS = [APP.exchange, APP.teams, APP.graph, APP.azurePortal, APP.billing];
export const APP_VALUES = [...APP_IDS, 'Office365', 'MicrosoftAdminPortals'];
export const NAMED_PLATFORMS = ['android', 'iOS', 'windows', 'macOS', 'linux', 'windowsPhone'];
export const SCENARIO_PLATFORMS = [...NAMED_PLATFORMS, 'unknown'] as const;
export const LOCATION_IDS = [LOC.hq, LOC.branch, LOC.sanctioned, LOC.cnOrUnknown, LOC.notExported];
export const CLIENT_TYPES = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'] as const;
export const RISKS = ['none', 'low', 'medium', 'high'] as const;
export const INSIDER = ['none', 'minor', 'moderate', 'elevated'] as const;
export const FLOWS = ['none', 'deviceCodeFlow', 'authenticationTransfer'] as const;
export const ACTIONS = ['urn:user:registersecurityinfo', 'urn:user:registerdevice'];
export const DEVICE_RULES = [
  'device.trustType -eq "AzureAD"',
  'device.isCompliant -ne "True"',
  'device.systemLabels -contains "M365Managed"',
  'device.model -notIn ["Surface Laptop 5"]',
  '(device.trustType -eq "ServerAD" -or device.trustType -eq "AzureAD") -and device.isCompliant -eq "True"',
  'device.trustType -eq "AzureAD', // does not parse
];
export const IPS = ['203.0.113.5', '198.51.100.7', '192.0.2.15', '2001:db8:abcd::1', '::ffff:203.0.113.9', '8.8.4.4', '2001:db8:1::1'];
export const DEVICES = [
  CORP_DEVICE,
  { ...CORP_DEVICE, trustType: 'Workplace', isCompliant: false, deviceOwnership: 'Personal', systemLabels: [] },
  { ...CORP_DEVICE, trustType: 'ServerAD', model: 'OptiPlex 7090' },
];

export const sub = <T>(xs: readonly T[], min = 0, max = xs.length) => fc.subarray([...xs], { minLength: min, maxLength: max });
export const joined = <T extends string>(xs: readonly T[]) => sub(xs, 1).map((v) => v.join(','));
/** Mostly the first (broad, "not configured") value, sometimes the narrowing one: so that policies often apply. */
export const mostly = <T, U>(broad: T, narrow: fc.Arbitrary<U>, broadWeight = 6) =>
  fc.oneof({ weight: broadWeight, arbitrary: fc.constant(broad) }, { weight: 1, arbitrary: narrow });

export const guestsArb: fc.Arbitrary<Json> = fc.record({
  guestOrExternalUserTypes: joined(GUEST_TYPES),
  externalTenants: fc.oneof(
    fc.constant(null),
    fc.constant({ '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' }),
    sub([PARTNER_TENANT, OTHER_TENANT], 1).map((members) => ({
      '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants',
      membershipKind: 'enumerated',
      members,
    })),
  ),
});

export const usersArb: fc.Arbitrary<Json> = fc.oneof(
  {
    // All users, with an occasional exclusion.
    weight: 5,
    arbitrary: fc.record({
      includeUsers: fc.constant(['All']),
      excludeUsers: mostly([], sub([...USER_IDS, 'GuestsOrExternalUsers'], 1, 1)),
      excludeGroups: mostly([], sub(GROUP_IDS, 1, 1)),
      excludeRoles: mostly([], sub(ROLE_IDS, 1, 1)),
      excludeGuestsOrExternalUsers: mostly(null, guestsArb),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      includeUsers: fc.oneof({ weight: 1, arbitrary: fc.constant(['None']) }, { weight: 4, arbitrary: sub([...USER_IDS, 'GuestsOrExternalUsers']) }),
      excludeUsers: sub([...USER_IDS, 'GuestsOrExternalUsers'], 0, 2),
      includeGroups: sub(GROUP_IDS),
      excludeGroups: sub(GROUP_IDS, 0, 1),
      includeRoles: sub(ROLE_IDS),
      excludeRoles: sub(ROLE_IDS, 0, 1),
      includeGuestsOrExternalUsers: mostly(null, guestsArb, 1),
      excludeGuestsOrExternalUsers: mostly(null, guestsArb),
    }),
  },
);

export const applicationsArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ includeApplications: fc.constant(['All']), excludeApplications: mostly([], sub(APP_VALUES, 1, 2)) }) },
  { weight: 3, arbitrary: fc.record({ includeApplications: fc.oneof({ weight: 1, arbitrary: fc.constant(['None']) }, { weight: 4, arbitrary: sub(APP_VALUES, 1) }), excludeApplications: sub(APP_VALUES, 0, 1) }) },
  { weight: 1, arbitrary: sub(ACTIONS, 1).map((a) => ({ includeApplications: [], includeUserActions: a })) },
  { weight: 1, arbitrary: sub(['c1', 'c2'], 1).map((c) => ({ includeApplications: [], includeAuthenticationContextClassReferences: c })) },
);

export const grantArb: fc.Arbitrary<Json | null> = fc.constantFrom<Json | null>(
  { operator: 'OR', builtInControls: ['block'] },
  { operator: 'OR', builtInControls: ['mfa'] },
  { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] },
  { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] },
  { operator: 'OR', builtInControls: [], authenticationStrength: { id: STRENGTH.custom } },
  { operator: 'AND', builtInControls: ['mfa'], termsOfUse: ['a9a9a9a9-0000-4000-8000-000000000001'] },
  null,
);

export const sessionArb: fc.Arbitrary<Json | null> = fc.constantFrom<Json | null>(
  null,
  null,
  { signInFrequency: { isEnabled: true, type: 'hours', value: 4, frequencyInterval: 'timeBased' } },
  { signInFrequency: { isEnabled: true, type: 'days', value: 1, frequencyInterval: 'timeBased' } },
  { signInFrequency: { isEnabled: true, type: null, value: null, frequencyInterval: 'everyTime' } },
  { persistentBrowser: { isEnabled: true, mode: 'never' } },
  { persistentBrowser: { isEnabled: true, mode: 'always' } },
  { secureSignInSession: { isEnabled: true } },
);

/** Each condition is left unconfigured most of the time. */
export const conditionsArb: fc.Arbitrary<Json> = fc.record({
  platforms: mostly(null, fc.record({ includePlatforms: fc.oneof(fc.constant(['all']), sub(NAMED_PLATFORMS, 1)), excludePlatforms: sub(NAMED_PLATFORMS, 0, 3) })),
  locations: mostly(
    null,
    fc.record({
      includeLocations: fc.oneof(fc.constant(['All']), fc.constant(['AllTrusted']), sub(LOCATION_IDS, 1)),
      excludeLocations: sub(['AllTrusted', ...LOCATION_IDS], 0, 2),
    }),
  ),
  clientAppTypes: mostly(['all'], fc.oneof(fc.constant([]), sub(CLIENT_TYPES, 1))),
  signInRiskLevels: mostly([], sub(RISKS, 1)),
  userRiskLevels: mostly([], sub(RISKS, 1)),
  insiderRiskLevels: mostly(null, joined(['minor', 'moderate', 'elevated'] as const), 8),
  authenticationFlows: mostly(null, joined(['deviceCodeFlow', 'authenticationTransfer'] as const).map((transferMethods) => ({ transferMethods })), 8),
  devices: mostly(null, fc.record({ deviceFilter: fc.record({ mode: fc.constantFrom('include', 'exclude'), rule: fc.constantFrom(...DEVICE_RULES) }) })),
});

export const stateArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('enabled' as const) },
  { weight: 2, arbitrary: fc.constant('enabledForReportingButNotEnforced' as const) },
  { weight: 1, arbitrary: fc.constant('disabled' as const) },
);

/** One policy's content; the id is given when the tenant is built (P0, P1, … in list order). */
export const policyArb: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc
      .record({ state: stateArb, users: usersArb, applications: applicationsArb, conditions: conditionsArb, grantControls: grantArb, sessionControls: sessionArb })
      .map((p) => ({ ...p, kind: 'users' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        state: stateArb,
        include: fc.oneof(fc.constant(['ServicePrincipalsInMyTenant']), sub([SP.billing, SP.reports], 1)),
        exclude: sub([SP.billing, SP.reports]),
        risk: mostly([], sub(RISKS, 1)),
        locations: mostly(null, fc.record({ includeLocations: fc.constant(['All']), excludeLocations: sub(['AllTrusted', LOC.hq]) })),
      })
      .map((w) => ({
        kind: 'workload',
        state: w.state,
        users: { includeUsers: ['None'] },
        applications: { includeApplications: ['All'] },
        conditions: {
          clientApplications: { includeServicePrincipals: w.include, excludeServicePrincipals: w.exclude, servicePrincipalFilter: null },
          servicePrincipalRiskLevels: w.risk,
          locations: w.locations,
        },
        grantControls: { operator: 'OR', builtInControls: ['block'] },
      })),
  },
);

export const pid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

export function build(content: Json, i: number): Json {
  const { kind: _kind, ...spec } = content;
  return policy({ ...(spec as Parameters<typeof policy>[0]), id: pid(i), displayName: `P${String(i).padStart(2, '0')}` });
}

export interface RandomTenant {
  policies: Json[];
  rolesExported: boolean;
}

export const tenantArb: fc.Arbitrary<RandomTenant> = fc.record({
  policies: fc.array(policyArb, { minLength: 1, maxLength: 6 }).map((ps) => ps.map(build)),
  rolesExported: fc.boolean(),
});

export const specOf = (t: RandomTenant, policies: Json[] = t.policies): TenantSpec => ({
  ...BASE_TENANT,
  ...(t.rolesExported ? {} : { roles: ROLES_WITHOUT_MEMBERS }),
  policies,
});

