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

export function writeTenant(dir, count = 195) {
  const t = generateTenant(count);
  mkdirSync(path.join(dir, 'directory'), { recursive: true });
  const list = (context, value) => JSON.stringify({ '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`, value }, null, 2);
  writeFileSync(path.join(dir, 'policies.json'), list('identity/conditionalAccess/policies', t.policies));
  writeFileSync(path.join(dir, 'namedLocations.json'), list('identity/conditionalAccess/namedLocations', t.locations));
  writeFileSync(path.join(dir, 'directory', 'users.json'), list('users', t.users));
  writeFileSync(path.join(dir, 'directory', 'groups.json'), list('groups', t.groups));
  writeFileSync(path.join(dir, '..', `calint-${count}.config.json`), JSON.stringify({ breakGlass: { users: t.breakGlass } }, null, 2));
  return t;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 195);
  const dir = process.argv[3] ?? path.join('bench', 'out', `tenant-${count}`);
  writeTenant(dir, count);
  console.log(`wrote ${count} policies to ${dir}`);
}
