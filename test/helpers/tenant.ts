/**
 * Small tenants for evaluator tests: a spec of Graph-shaped objects, either written as Graph list responses into a
 * temp dir and read through the real loader (`loadTestTenant`), or turned straight into a TenantIndex without I/O
 * (`indexOf`, for property tests that build thousands of tenants). `policy()` fills in every condition the way a
 * Graph export writes it, so a test states only what it is about.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTenant } from '../../src/engine/load-tenant.js';
import { TenantIndex } from '../../src/model/tenant-index.js';
import type { TenantSnapshot } from '../../src/model/snapshot-types.js';

type Json = Record<string, unknown>;

export interface TenantSpec {
  policies?: Json[];
  namedLocations?: Json[];
  users?: Json[];
  /** Groups; `members: [{ id }]` where the export holds membership (omit it for "membership not exported"). */
  groups?: Json[];
  /** Activated directory roles (`roleTemplateId`), with `members` where the export holds assignments. */
  roles?: Json[];
  servicePrincipals?: Json[];
  authenticationStrengths?: Json[];
  authenticationContexts?: Json[];
}

const GRAPH = 'https://graph.microsoft.com/v1.0/$metadata#';

/** Files as a Graph export (EntraExporter-like layout) writes them: path → list response. */
const FILES: Array<[keyof TenantSpec, string, string]> = [
  ['policies', 'policies.json', 'identity/conditionalAccess/policies'],
  ['namedLocations', 'namedLocations.json', 'identity/conditionalAccess/namedLocations'],
  ['authenticationStrengths', 'authenticationStrengths.json', 'identity/conditionalAccess/authenticationStrength/policies'],
  ['authenticationContexts', 'authenticationContexts.json', 'identity/conditionalAccess/authenticationContextClassReferences'],
  ['users', 'directory/users.json', 'users'],
  ['groups', 'directory/groups.json', 'groups'],
  ['roles', 'directory/directoryRoles.json', 'directoryRoles'],
  ['servicePrincipals', 'directory/servicePrincipals.json', 'servicePrincipals'],
];

/** Writes the spec's non-empty sections into `dir` as Graph list responses. */
export function writeTenant(dir: string, spec: TenantSpec): void {
  for (const [key, file, context] of FILES) {
    const items = spec[key];
    if (!items || items.length === 0) {
      if (key !== 'policies') continue;
    }
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, JSON.stringify({ '@odata.context': GRAPH + context, value: items ?? [] }, null, 2));
  }
}

export interface LoadedTestTenant {
  index: TenantIndex;
  errors: unknown[];
  warnings: unknown[];
}

/** Writes the tenant to a fresh temp dir, loads it with the real loader (schema validation included), removes the dir. */
export async function loadTestTenant(spec: TenantSpec): Promise<LoadedTestTenant> {
  const dir = mkdtempSync(path.join(tmpdir(), 'calint-tenant-'));
  try {
    writeTenant(dir, spec);
    const loaded = await loadTenant(['.'], { cwd: dir });
    return {
      index: loaded.index,
      errors: [...loaded.load.errors, ...loaded.built.errors],
      warnings: [...loaded.load.warnings, ...loaded.built.warnings],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same tenant as an in-memory snapshot and index (no loader, no validation): for property tests. */
export function indexOf(spec: TenantSpec): TenantIndex {
  const directory: NonNullable<TenantSnapshot['directory']> = {};
  if (spec.users) directory.users = spec.users as never;
  if (spec.groups) directory.groups = spec.groups as never;
  if (spec.roles) directory.roles = spec.roles as never;
  if (spec.servicePrincipals) directory.servicePrincipals = spec.servicePrincipals as never;
  const snapshot = {
    snapshotVersion: 1,
    tenant: {},
    policies: (spec.policies ?? []) as never,
    ...(spec.namedLocations ? { namedLocations: spec.namedLocations as never } : {}),
    ...(spec.authenticationStrengths ? { authenticationStrengths: spec.authenticationStrengths as never } : {}),
    ...(spec.authenticationContexts ? { authenticationContexts: spec.authenticationContexts as never } : {}),
    directory,
  } as TenantSnapshot;
  return new TenantIndex(snapshot, new Map());
}

export interface PolicySpec {
  id?: string;
  displayName?: string;
  state?: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  /** Merged over includeUsers ["All"] and empty lists. */
  users?: Json;
  /** Merged over includeApplications ["All"] and empty lists. */
  applications?: Json;
  /** Other conditions (platforms, locations, clientAppTypes, risk levels, devices, …), merged over Graph's nulls. */
  conditions?: Json;
  /** Default: mfa. null: no grant controls. */
  grantControls?: Json | null;
  sessionControls?: Json | null;
}

let counter = 0;

/** A conditionalAccessPolicy as a Graph v1.0 export writes it: every condition present, unconfigured ones null/[]. */
export function policy(spec: PolicySpec = {}): Json {
  const n = ++counter;
  const id = spec.id ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    displayName: spec.displayName ?? `Policy ${id}`,
    state: spec.state ?? 'enabled',
    createdDateTime: '2025-01-01T00:00:00Z',
    modifiedDateTime: null,
    templateId: null,
    partialEnablementStrategy: null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
        ...spec.applications,
      },
      users: {
        includeUsers: ['All'],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
        ...spec.users,
      },
      ...spec.conditions,
    },
    grantControls:
      spec.grantControls === undefined
        ? { operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null }
        : spec.grantControls === null
          ? null
          : { operator: 'OR', builtInControls: [], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null, ...spec.grantControls },
    sessionControls: spec.sessionControls ?? null,
  };
}

/** An ipNamedLocation; ranges are CIDR strings or [lower, upper] pairs. */
export function ipLocation(id: string, displayName: string, isTrusted: boolean, ranges: Array<string | [string, string]>): Json {
  return {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id,
    displayName,
    isTrusted,
    ipRanges: ranges.map((r) => {
      const v6 = (typeof r === 'string' ? r : r[0]).includes(':');
      if (typeof r === 'string') return { '@odata.type': v6 ? '#microsoft.graph.iPv6CidrRange' : '#microsoft.graph.iPv4CidrRange', cidrAddress: r };
      return { '@odata.type': v6 ? '#microsoft.graph.iPv6Range' : '#microsoft.graph.iPv4Range', lowerAddress: r[0], upperAddress: r[1] };
    }),
  };
}

/** A countryNamedLocation. */
export function countryLocation(id: string, displayName: string, countries: string[], includeUnknownCountriesAndRegions = false): Json {
  return {
    '@odata.type': '#microsoft.graph.countryNamedLocation',
    id,
    displayName,
    countriesAndRegions: countries,
    includeUnknownCountriesAndRegions,
    countryLookupMethod: 'clientIpAddress',
  };
}
