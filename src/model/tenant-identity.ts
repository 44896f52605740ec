/**
 * Who the report is about: tenant name, id and domain, each with where it came from. A calint snapshot carries them;
 * plain Graph exports do not, so the id and domain are inferred from the directory objects when they agree.
 */
import type { TenantInfo } from '../load/types.js';
import type { TenantIndex } from './tenant-index.js';
import { SINGLE_TENANT_AUDIENCE } from './well-known-platforms.js';

export interface TenantFact {
  value: string;
  /** "the export", "--organization", "inferred from …". */
  source: string;
}

export interface TenantIdentity {
  name: TenantFact | null;
  id: TenantFact | null;
  domain: TenantFact | null;
  /** When the data was exported, as the export says (a calint snapshot does); null when it does not tell. */
  exportedAt: string | null;
  exportedBy: string | null;
  /** The latest creation or change time the data itself shows (policies' and locations' Graph timestamps); null when none. */
  latestChange: string | null;
}

export function tenantIdentity(tenant: TenantInfo | null, index: TenantIndex | null, organization?: string): TenantIdentity {
  const fromExport = (v: string | null | undefined): TenantFact | null => (v ? { value: v, source: 'the export' } : null);
  const name = fromExport(tenant?.displayName) ?? (organization ? { value: organization, source: 'not in the export: the organisation this report is for' } : null);
  const id = fromExport(tenant?.id) ?? inferTenantId(index);
  const domain = fromExport(tenant?.defaultDomain) ?? inferDomain(index);
  return { name, id, domain, exportedAt: tenant?.exportedAt ?? null, exportedBy: tenant?.exportedBy ?? null, latestChange: latestChange(index) };
}

/** The latest createdDateTime or modifiedDateTime among the policies and named locations (RFC 3339 strings compare by time only when parsed). */
function latestChange(index: TenantIndex | null): string | null {
  let best: { iso: string; ms: number } | null = null;
  const objects = [...(index?.snapshot.policies ?? []), ...(index?.snapshot.namedLocations ?? [])] as unknown as Array<Record<string, unknown>>;
  for (const o of objects) {
    for (const key of ['modifiedDateTime', 'createdDateTime']) {
      const v = o[key];
      if (typeof v !== 'string') continue;
      const ms = Date.parse(v);
      if (Number.isFinite(ms) && (!best || ms > best.ms)) best = { iso: new Date(ms).toISOString(), ms };
    }
  }
  return best?.iso ?? null;
}

/** The owner tenant of the single-tenant service principals, when they all name the same one. */
function inferTenantId(index: TenantIndex | null): TenantFact | null {
  const sps = (index?.snapshot.directory?.servicePrincipals ?? []) as unknown as Array<Record<string, unknown>>;
  const owners = new Set(
    sps
      .filter((sp) => sp.signInAudience === SINGLE_TENANT_AUDIENCE && typeof sp.appOwnerOrganizationId === 'string')
      .map((sp) => (sp.appOwnerOrganizationId as string).toLowerCase()),
  );
  if (owners.size !== 1) return null;
  return { value: [...owners][0]!, source: "inferred: owner of the tenant's single-tenant service principals" };
}

/** The most common `<name>.onmicrosoft.com` domain among member user principal names. */
function inferDomain(index: TenantIndex | null): TenantFact | null {
  const users = (index?.snapshot.directory?.users ?? []) as unknown as Array<Record<string, unknown>>;
  const counts = new Map<string, number>();
  for (const u of users) {
    const upn = typeof u.userPrincipalName === 'string' ? u.userPrincipalName.toLowerCase() : '';
    if (!upn || upn.includes('#ext#')) continue;
    const domain = upn.slice(upn.lastIndexOf('@') + 1);
    if (domain.endsWith('.onmicrosoft.com')) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
  return best ? { value: best[0], source: 'inferred from user principal names' } : null;
}
