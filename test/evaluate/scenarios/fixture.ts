/**
 * The directory every scenario case shares: users of each kind, groups with exported, nested and unexported
 * membership, role assignments, service principals, named locations of each kind, authentication strengths and
 * contexts. A case adds its policies (and may replace a section, e.g. roles without members).
 */
import type { Scenario } from '../../../src/evaluate/whatif/index.js';
import type { Applies, SessionOutcome } from '../../../src/evaluate/whatif/index.js';
import { countryLocation, ipLocation, type TenantSpec } from '../../helpers/tenant.js';

type Json = Record<string, unknown>;

const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const TENANT_ID = 'c0c0c0c0-0000-4000-8000-000000000000';
export const PARTNER_TENANT = 'fabf0000-0000-4000-8000-000000000001';
export const OTHER_TENANT = 'fabf0000-0000-4000-8000-000000000002';

export const U = {
  alice: id('a11ce000', 1),
  bob: id('b0b00000', 2),
  admin: id('adaad000', 3),
  breakGlass: id('b9b9b900', 4),
  extGuest: id('e0e0e000', 5),
  internalGuest: id('1e1e1e00', 6),
  b2bMember: id('b2b00000', 7),
  /** Not in the export at all. */
  unknown: id('deadbeef', 8),
} as const;

export const G = {
  /** members: alice. */
  sales: id('9a1e5000', 1),
  /** members: the sales group (nested) and bob. */
  staff: id('57aff000', 2),
  /** Exported without members: membership unknown. */
  unexported: id('0e0e0e00', 3),
  /** members: the unexported group only: alice/bob membership cannot be told. */
  outer: id('0a0a0a00', 4),
  /** members: break glass. */
  breakGlass: id('b9b9b911', 5),
} as const;

export const ROLE = {
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  helpdesk: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  securityAdmin: '194ae4cb-b126-40b2-bd5b-6091b380977d',
} as const;

export const APP = {
  exchange: '00000002-0000-0ff1-ce00-000000000000',
  sharePoint: '00000003-0000-0ff1-ce00-000000000000',
  teams: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  graph: '00000003-0000-0000-c000-000000000000',
  azurePortal: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  azureManagement: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  billing: id('b1111a90', 1),
  reports: id('4e904700', 2),
} as const;

export const SP = {
  billing: id('5b111100', 1),
  reports: id('5b4e9000', 2),
} as const;

export const LOC = {
  /** Trusted: 203.0.113.0/24 and 2001:db8:abcd::/48. */
  hq: id('10c00000', 1),
  /** Untrusted: 192.0.2.10–192.0.2.20 (iPv4Range), 198.51.100.0/25, 2001:db8:ffff::1–2001:db8:ffff::ff (iPv6Range). */
  branch: id('10c00000', 2),
  /** Country: RU, KP. */
  sanctioned: id('10c00000', 3),
  /** Country: CN, plus unknown countries/regions. */
  cnOrUnknown: id('10c00000', 4),
  /** Referenced by policies, not in the export (e.g. MFA trusted IPs, a deleted location). */
  notExported: id('10c00000', 99),
} as const;

export const STRENGTH = {
  mfa: '00000000-0000-0000-0000-000000000002',
  phishingResistant: '00000000-0000-0000-0000-000000000004',
  custom: id('57e00000', 1),
} as const;

const user = (oid: string, upn: string, displayName: string, userType: 'Member' | 'Guest'): Json => ({
  id: oid,
  displayName,
  userPrincipalName: upn,
  userType,
  accountEnabled: true,
});

const group = (gid: string, displayName: string, members?: Array<{ id: string; type: 'user' | 'group' }>): Json => ({
  id: gid,
  displayName,
  securityEnabled: true,
  mailEnabled: false,
  mailNickname: displayName.replace(/\W/g, ''),
  groupTypes: [],
  ...(members ? { members: members.map((m) => ({ '@odata.type': `#microsoft.graph.${m.type}`, id: m.id })) } : {}),
});

export const ROLES_WITH_MEMBERS: Json[] = [
  { id: id('401e0000', 1), roleTemplateId: ROLE.globalAdmin, displayName: 'Global Administrator', members: [{ '@odata.type': '#microsoft.graph.user', id: U.admin }] },
  { id: id('401e0000', 2), roleTemplateId: ROLE.helpdesk, displayName: 'Helpdesk Administrator', members: [] },
];

/** Directory roles exported without their members: nobody's roles are known. */
export const ROLES_WITHOUT_MEMBERS: Json[] = ROLES_WITH_MEMBERS.map(({ members: _members, ...r }) => r);

export const BASE_TENANT: Required<Omit<TenantSpec, 'policies'>> = {
  users: [
    user(U.alice, 'alice@contoso.example', 'Alice Member', 'Member'),
    user(U.bob, 'bob@contoso.example', 'Bob Member', 'Member'),
    user(U.admin, 'admin@contoso.example', 'Ada Admin', 'Member'),
    user(U.breakGlass, 'bg01@contoso.onmicrosoft.com', 'Break Glass 01', 'Member'),
    user(U.extGuest, 'gary_fabrikam.example#EXT#@contoso.onmicrosoft.com', 'Gary Guest', 'Guest'),
    user(U.internalGuest, 'ivy.contractor@contoso.example', 'Ivy Internal Guest', 'Guest'),
    user(U.b2bMember, 'mia_fabrikam.example#EXT#@contoso.onmicrosoft.com', 'Mia B2B Member', 'Member'),
  ],
  groups: [
    group(G.sales, 'Sales', [{ id: U.alice, type: 'user' }]),
    group(G.staff, 'All Staff', [
      { id: G.sales, type: 'group' },
      { id: U.bob, type: 'user' },
    ]),
    group(G.unexported, 'Dynamic Contractors'),
    group(G.outer, 'Outer Group', [{ id: G.unexported, type: 'group' }]),
    group(G.breakGlass, 'CA-Exclude-BreakGlass', [{ id: U.breakGlass, type: 'user' }]),
  ],
  roles: ROLES_WITH_MEMBERS,
  servicePrincipals: [
    { id: SP.billing, appId: APP.billing, displayName: 'Billing API', servicePrincipalType: 'Application', appOwnerOrganizationId: TENANT_ID },
    { id: SP.reports, appId: APP.reports, displayName: 'Reports Job', servicePrincipalType: 'Application', appOwnerOrganizationId: TENANT_ID },
  ],
  namedLocations: [
    ipLocation(LOC.hq, 'HQ', true, ['203.0.113.0/24', '2001:db8:abcd::/48']),
    ipLocation(LOC.branch, 'Branch (untrusted)', false, [['192.0.2.10', '192.0.2.20'], '198.51.100.0/25', ['2001:db8:ffff::1', '2001:db8:ffff::ff']]),
    countryLocation(LOC.sanctioned, 'Sanctioned countries', ['RU', 'KP']),
    countryLocation(LOC.cnOrUnknown, 'CN or unknown', ['CN'], true),
  ],
  authenticationStrengths: [
    {
      id: STRENGTH.phishingResistant,
      displayName: 'Phishing-resistant MFA',
      policyType: 'builtIn',
      requirementsSatisfied: 'mfa',
      allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
    },
    {
      id: STRENGTH.custom,
      displayName: 'Contoso FIDO2 or WHfB',
      policyType: 'custom',
      requirementsSatisfied: 'mfa',
      allowedCombinations: ['fido2', 'windowsHelloForBusiness'],
    },
  ],
  authenticationContexts: [
    { id: 'c1', displayName: 'Sensitive data', isAvailable: true },
    { id: 'c2', displayName: 'Privileged actions', isAvailable: true },
  ],
};

/** A registered, compliant, Entra-joined corporate device. */
export const CORP_DEVICE = {
  deviceId: 'd0d0d0d0-0000-4000-8000-000000000001',
  displayName: 'CONTOSO-LT-0042',
  trustType: 'AzureAD',
  isCompliant: true,
  deviceOwnership: 'Company',
  operatingSystem: 'Windows',
  model: 'Surface Laptop 5',
  manufacturer: 'Microsoft Corporation',
  systemLabels: ['M365Managed'],
};

/** Every fact known: alice on Exchange Online from a Windows browser at an IP in no named location, no risk. */
export const BASE_SCENARIO: Scenario = {
  identity: { kind: 'user', userId: U.alice },
  target: { kind: 'application', appId: APP.exchange },
  platform: 'windows',
  clientApp: 'browser',
  ip: '8.8.4.4',
  country: 'DE',
  signInRisk: 'none',
  userRisk: 'none',
  insiderRisk: 'none',
  authenticationFlow: 'none',
  device: CORP_DEVICE,
};

export interface Expectation {
  /** The policy whose evaluation is checked (default: the case's first policy). */
  policy?: string;
  applies?: Applies;
  /** The reason names of that policy's evaluation, in order (Graph's whatIfAnalysisReasons names). */
  reasons?: string[];
  decision?: 'blocked' | 'grant' | 'allowed';
  certain?: boolean;
  /** Ids of blocking policies. */
  blockedBy?: string[];
  /** Requirements (policy id, operator, controls), in order. */
  requirements?: Array<{ policyId: string; operator: 'AND' | 'OR'; controls: unknown[] }>;
  reportOnly?: Array<{ policyId: string; applies: Applies }>;
  /** Ids of enforced policies calint cannot decide. */
  undetermined?: string[];
  session?: SessionOutcome;
}

export interface ScenarioCase {
  area: string;
  name: string;
  /** The rule of semantics the case checks, with its source. */
  rule: string;
  policies: Json[];
  /** Sections that replace the base tenant's. */
  tenant?: Partial<TenantSpec>;
  /** Merged over BASE_SCENARIO; a key set to undefined makes that fact unknown. */
  scenario: Partial<Scenario>;
  expect: Expectation;
}
