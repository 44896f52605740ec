// Generates a synthetic tenant with N Conditional Access policies (default 195, the service maximum),
// named locations, directory objects and a calint.config.json. Deterministic (seeded PRNG).
// Usage: node bench/generate-tenant.mjs [count] [outDir]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function generateTenant(count = 195, seed = 42) {
  let s = seed >>> 0;
  const rand = () => ((s = (s + 0x6d2b79f5) >>> 0), ((t) => ((t = Math.imul(t ^ (t >>> 15), t | 1)), (t ^= t + Math.imul(t ^ (t >>> 7), t | 61)), ((t ^ (t >>> 14)) >>> 0) / 4294967296))(s));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const guid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(rand() * 16).toString(16));
  const EXO = '00000002-0000-0ff1-ce00-000000000000';
  const SPO = '00000003-0000-0ff1-ce00-000000000000';
  const bg = [guid(), guid()];
  const users = Array.from({ length: 60 }, (_, i) => ({ id: i < 2 ? bg[i] : guid(), displayName: i < 2 ? `Break Glass ${i + 1}` : `User ${i}`, userPrincipalName: `user${i}@bench.example`, userType: 'Member', accountEnabled: true }));
  const groups = Array.from({ length: 40 }, (_, i) => ({ id: guid(), displayName: `CA-Group-${i}`, securityEnabled: true, mailEnabled: false, groupTypes: [], members: users.slice(2 + i, 6 + i).map((u) => ({ id: u.id })) }));
  const locations = Array.from({ length: 20 }, (_, i) => ({
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: guid(),
    displayName: `Office ${i}`,
    isTrusted: i % 2 === 0,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: `203.0.${i}.0/24` }],
  }));
  const roles = ['62e90394-69f5-4237-9190-012177145e10', 'e8611ab8-c189-46e8-94e1-60213ab1f814', '194ae4cb-b126-40b2-bd5b-6091b380977d'];
  const policies = Array.from({ length: count }, (_, i) => {
    const tokenProtection = i % 13 === 0;
    const apps = tokenProtection ? pick([[EXO, SPO], ['Office365'], ['All'], [EXO]]) : pick([['All'], ['Office365'], [EXO, SPO], ['797f4846-ba00-4fd7-ba43-dac1f8f63013']]);
    const excludeUsers = rand() < 0.9 ? [...bg] : [];
    return {
      id: guid(),
      displayName: `CA${String(i).padStart(3, '0')}-Bench-${tokenProtection ? 'TokenProtection' : pick(['MFA', 'Block', 'Compliant', 'Session'])}`,
      state: pick(['enabled', 'enabled', 'enabledForReportingButNotEnforced', 'disabled']),
      createdDateTime: '2026-01-01T00:00:00Z',
      modifiedDateTime: '2026-02-01T00:00:00Z',
      templateId: null,
      conditions: {
        userRiskLevels: [],
        signInRiskLevels: rand() < 0.2 ? ['high'] : [],
        clientAppTypes: tokenProtection ? pick([['mobileAppsAndDesktopClients'], ['all'], ['browser', 'mobileAppsAndDesktopClients']]) : pick([['all'], ['exchangeActiveSync', 'other'], ['browser']]),
        platforms: rand() < 0.5 ? { includePlatforms: [pick(['windows', 'all', 'iOS'])], excludePlatforms: [] } : null,
        locations: rand() < 0.5 ? { includeLocations: ['All'], excludeLocations: [pick(locations).id] } : null,
        devices: tokenProtection && rand() < 0.5
          ? { deviceFilter: { mode: 'exclude', rule: 'device.systemLabels -contains "CloudPC" -or device.systemLabels -contains "AzureVirtualDesktop"' } }
          : null,
        applications: { includeApplications: apps, excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [], applicationFilter: null },
        users: {
          includeUsers: rand() < 0.7 ? ['All'] : [],
          excludeUsers,
          includeGroups: rand() < 0.3 ? [pick(groups).id] : [],
          excludeGroups: rand() < 0.5 ? [pick(groups).id] : [],
          includeRoles: rand() < 0.2 ? [...roles] : [],
          excludeRoles: [],
          includeGuestsOrExternalUsers: null,
          excludeGuestsOrExternalUsers: null,
        },
        clientApplications: null,
      },
      grantControls: tokenProtection ? null : { operator: 'OR', builtInControls: [pick(['mfa', 'block', 'compliantDevice'])], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null },
      sessionControls: tokenProtection ? { secureSignInSession: { isEnabled: true } } : null,
    };
  });
  return { policies, locations, users, groups, breakGlass: bg };
}

/** Writes a generated tenant as Graph list responses (policies, named locations, users, groups). */
function writeFiles(dir, t) {
  mkdirSync(path.join(dir, 'directory'), { recursive: true });
  const list = (context, value) => JSON.stringify({ '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`, value }, null, 2);
  writeFileSync(path.join(dir, 'policies.json'), list('identity/conditionalAccess/policies', t.policies));
  writeFileSync(path.join(dir, 'namedLocations.json'), list('identity/conditionalAccess/namedLocations', t.locations));
  writeFileSync(path.join(dir, 'directory', 'users.json'), list('users', t.users));
  writeFileSync(path.join(dir, 'directory', 'groups.json'), list('groups', t.groups));
  return t;
}

export function writeTenant(dir, count = 195) {
  const t = writeFiles(dir, generateTenant(count));
  writeFileSync(path.join(dir, '..', `calint-${count}.config.json`), JSON.stringify({ breakGlass: { users: t.breakGlass } }, null, 2));
  return t;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 195);
  const dir = process.argv[3] ?? path.join('bench', 'out', `tenant-${count}`);
  writeTenant(dir, count);
  console.log(`wrote ${count} policies to ${dir}`);
}

/**
 * A harder tenant for the evaluator and coverage benchmarks: every condition kind in use (guests and external
 * tenants, roles, groups, platforms, IPv4/IPv6 and country locations, client apps, sign-in/user/insider risk,
 * authentication flows, device filters in both modes), all states, block / MFA / strength / device grants.
 */
export function generateRichTenant(count = 195, seed = 7) {
  let s = seed >>> 0;
  const rand = () => ((s = (s + 0x6d2b79f5) >>> 0), ((t) => ((t = Math.imul(t ^ (t >>> 15), t | 1)), (t ^= t + Math.imul(t ^ (t >>> 7), t | 61)), ((t ^ (t >>> 14)) >>> 0) / 4294967296))(s));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const some = (list, p = 0.5) => list.filter(() => rand() < p);
  const guid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(rand() * 16).toString(16));
  const base = generateTenant(count, seed);
  const { users, groups, breakGlass } = base;
  const locations = [
    ...Array.from({ length: 30 }, (_, i) => ({
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: guid(),
      displayName: `Site ${i}`,
      isTrusted: i % 3 === 0,
      ipRanges: [
        { '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: `203.0.${i}.0/24` },
        { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: `2001:db8:${i.toString(16)}::/48` },
      ],
    })),
    ...Array.from({ length: 10 }, (_, i) => ({
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: guid(),
      displayName: `Countries ${i}`,
      countriesAndRegions: some(['US', 'DE', 'FR', 'GB', 'CN', 'RU', 'KP', 'IR', 'BR', 'IN'], 0.3),
      includeUnknownCountriesAndRegions: i % 4 === 0,
    })),
  ];
  const roles = ['62e90394-69f5-4237-9190-012177145e10', 'e8611ab8-c189-46e8-94e1-60213ab1f814', '194ae4cb-b126-40b2-bd5b-6091b380977d', 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', '29232cdf-9323-42fd-ade2-1d097af3e4de'];
  const apps = ['All', 'Office365', 'MicrosoftAdminPortals', '00000002-0000-0ff1-ce00-000000000000', '00000003-0000-0ff1-ce00-000000000000', '797f4846-ba00-4fd7-ba43-dac1f8f63013', '499b84ac-1321-427f-aa17-267ca6975798', '00000009-0000-0000-c000-000000000000'];
  const guestTypes = ['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider'];
  const filters = [
    { mode: 'exclude', rule: 'device.systemLabels -contains "CloudPC" -or device.systemLabels -contains "AzureVirtualDesktop"' },
    { mode: 'include', rule: 'device.isCompliant -ne "True"' },
    { mode: 'exclude', rule: 'device.trustType -eq "ServerAD" -and device.isCompliant -eq "True"' },
    { mode: 'include', rule: 'device.deviceOwnership -eq "Personal" -or device.trustType -eq "Workplace"' },
  ];
  const policies = Array.from({ length: count }, (_, i) => {
    const guests = rand() < 0.15;
    const includeLocations = rand() < 0.7 ? ['All'] : some(locations.map((l) => l.id), 0.1);
    return {
      id: guid(),
      displayName: `R${String(i).padStart(3, '0')}-Rich`,
      state: pick(['enabled', 'enabled', 'enabled', 'enabledForReportingButNotEnforced', 'disabled']),
      conditions: {
        users: {
          includeUsers: guests ? [] : rand() < 0.6 ? ['All'] : some(users.slice(2).map((u) => u.id), 0.05),
          excludeUsers: rand() < 0.9 ? [...breakGlass] : [],
          includeGroups: rand() < 0.25 ? [pick(groups).id] : [],
          excludeGroups: rand() < 0.4 ? [pick(groups).id] : [],
          includeRoles: rand() < 0.2 ? some(roles, 0.6) : [],
          excludeRoles: rand() < 0.1 ? [pick(roles)] : [],
          includeGuestsOrExternalUsers: guests
            ? { guestOrExternalUserTypes: some(guestTypes, 0.6).join(',') || 'b2bCollaborationGuest', externalTenants: rand() < 0.3 ? { '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants', membershipKind: 'enumerated', members: [guid()] } : { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' } }
            : null,
          excludeGuestsOrExternalUsers: !guests && rand() < 0.2 ? { guestOrExternalUserTypes: pick(guestTypes), externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' } } : null,
        },
        applications: { includeApplications: rand() < 0.5 ? ['All'] : some(apps.slice(1), 0.3).concat(pick(apps.slice(1))), excludeApplications: rand() < 0.2 ? [pick(apps.slice(3))] : [] },
        clientAppTypes: pick([['all'], ['all'], ['browser'], ['mobileAppsAndDesktopClients'], ['exchangeActiveSync', 'other'], ['browser', 'mobileAppsAndDesktopClients']]),
        platforms: rand() < 0.4 ? { includePlatforms: rand() < 0.5 ? ['all'] : some(['android', 'iOS', 'windows', 'macOS', 'linux'], 0.4).concat(pick(['windows', 'iOS'])), excludePlatforms: rand() < 0.3 ? [pick(['android', 'iOS', 'windows', 'macOS', 'linux'])] : [] } : null,
        locations: rand() < 0.5 ? { includeLocations, excludeLocations: rand() < 0.6 ? [rand() < 0.3 ? 'AllTrusted' : pick(locations).id] : [] } : null,
        signInRiskLevels: rand() < 0.2 ? some(['low', 'medium', 'high'], 0.6).concat('high') : [],
        userRiskLevels: rand() < 0.15 ? ['high'] : [],
        insiderRiskLevels: rand() < 0.05 ? 'elevated' : null,
        authenticationFlows: rand() < 0.05 ? { transferMethods: pick(['deviceCodeFlow', 'authenticationTransfer', 'deviceCodeFlow,authenticationTransfer']) } : null,
        devices: rand() < 0.2 ? { deviceFilter: pick(filters) } : null,
      },
      grantControls: (() => {
        const kind = pick(['mfa', 'mfa', 'block', 'strength', 'compliant', 'mfa-or-compliant']);
        if (kind === 'strength') return { operator: 'OR', builtInControls: [], authenticationStrength: { id: pick(['00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000004']) } };
        if (kind === 'mfa-or-compliant') return { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] };
        if (kind === 'compliant') return { operator: 'AND', builtInControls: ['compliantDevice', 'mfa'] };
        return { operator: 'OR', builtInControls: [kind] };
      })(),
      sessionControls: rand() < 0.1 ? { signInFrequency: { isEnabled: true, type: 'hours', value: 4, frequencyInterval: 'timeBased' } } : null,
    };
  });
  return { policies, locations, users, groups, breakGlass };
}

export function writeRichTenant(dir, count = 195) {
  return writeFiles(dir, generateRichTenant(count));
}
