/**
 * The licences a Conditional Access recommendation can need beyond Microsoft Entra ID P1 (which Conditional Access
 * itself needs), as dated data: the id calint uses (config `licences`, rule metadata, the LintResult), the name shown
 * to a reader, the Microsoft Learn article that says a feature needs it, and the service plans (Graph
 * `GET /subscribedSkus`, `servicePlans[].servicePlanName`) that grant it.
 *
 * Checked against Microsoft Learn on LICENCES_CHECKED. Service plan names follow Microsoft Learn "Product names and
 * service plan identifiers for licensing" (identity/users/licensing-service-plan-reference). A licence whose service
 * plans are not known here (`servicePlans: []`) cannot be told from an export: rules that need it still run.
 */

/** The day the articles and service plans below were last compared with Microsoft Learn. */
export const LICENCES_CHECKED = '2026-12-06';

/** Where the service plan names come from. */
export const SERVICE_PLAN_REFERENCE = 'https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference';

export const LICENCE_IDS = [
  'entra-id-p1',
  'entra-id-p2',
  'workload-id',
  'purview-insider-risk',
  'global-secure-access',
  'intune',
  'entra-agent-id',
] as const;

export type LicenceId = (typeof LICENCE_IDS)[number];

export interface Licence {
  id: LicenceId;
  /** As a reader knows it: "Microsoft Entra ID P2". */
  name: string;
  /** What in Conditional Access needs it, in a few words. */
  needs: string;
  /** The Microsoft Learn article that says so. */
  article: string;
  /** Service plans (`servicePlanName`) any one of which grants the licence; empty when calint knows none. */
  servicePlans: readonly string[];
}

export const LICENCES: Readonly<Record<LicenceId, Licence>> = {
  'entra-id-p1': {
    id: 'entra-id-p1',
    name: 'Microsoft Entra ID P1',
    needs: 'Conditional Access itself',
    article: 'https://learn.microsoft.com/entra/identity/conditional-access/overview',
    // P2 includes every P1 feature.
    servicePlans: ['AAD_PREMIUM', 'AAD_PREMIUM_P2'],
  },
  'entra-id-p2': {
    id: 'entra-id-p2',
    name: 'Microsoft Entra ID P2',
    needs: 'sign-in risk, user risk and agent risk conditions (ID Protection), the insider risk condition',
    article: 'https://learn.microsoft.com/entra/id-protection/how-to-deploy-identity-protection',
    servicePlans: ['AAD_PREMIUM_P2'],
  },
  'workload-id': {
    id: 'workload-id',
    name: 'Microsoft Entra Workload ID Premium',
    needs: 'creating or changing Conditional Access policies scoped to service principals (workload identities)',
    article: 'https://learn.microsoft.com/entra/identity/conditional-access/workload-identity',
    servicePlans: ['AAD_WRKLDID_P1', 'AAD_WRKLDID_P2'],
  },
  'purview-insider-risk': {
    id: 'purview-insider-risk',
    name: 'Microsoft Purview Insider Risk Management',
    needs: 'the insider risk condition, whose levels come from Adaptive Protection',
    article: 'https://learn.microsoft.com/purview/insider-risk-management-adaptive-protection',
    servicePlans: ['INSIDER_RISK', 'INSIDER_RISK_MANAGEMENT'],
  },
  'global-secure-access': {
    id: 'global-secure-access',
    name: 'Microsoft Entra Internet Access or Private Access (Global Secure Access)',
    needs: 'the compliant network location and other Global Secure Access signals',
    article: 'https://learn.microsoft.com/entra/global-secure-access/how-to-compliant-network',
    servicePlans: ['Entra_Premium_Internet_Access', 'Entra_Premium_Private_Access'],
  },
  intune: {
    id: 'intune',
    name: 'Microsoft Intune',
    needs: 'the "require compliant device", "require approved client app" and "require app protection policy" grant controls',
    article: 'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
    servicePlans: ['INTUNE_A', 'INTUNE_EDU'],
  },
  'entra-agent-id': {
    id: 'entra-agent-id',
    name: 'Microsoft Entra Agent ID (Microsoft Agent 365 or Microsoft 365 E7)',
    needs: 'Conditional Access policies for agent identities',
    article: 'https://learn.microsoft.com/entra/fundamentals/licensing#microsoft-entra-agent-id',
    // No service plan name for Agent ID was published where calint looked: an export cannot tell it.
    servicePlans: [],
  },
};

export function isLicenceId(value: unknown): value is LicenceId {
  return typeof value === 'string' && (LICENCE_IDS as readonly string[]).includes(value);
}

/** "Microsoft Entra ID P2"; an id calint does not know is shown as it is. */
export function licenceName(id: string): string {
  return isLicenceId(id) ? LICENCES[id].name : id;
}

/** "A", "A and B", "A, B and C". */
export function licenceNames(ids: readonly string[]): string {
  const names = ids.map(licenceName);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The parts of a Graph `subscribedSku` that tell what the tenant holds. */
export interface SubscribedSkuLike {
  skuPartNumber?: unknown;
  capabilityStatus?: unknown;
  servicePlans?: unknown;
}

/** What a run knows of the tenant's licences. */
export interface TenantLicences {
  /** `config`: the config's `licences`; `export`: the export's subscribed SKUs; `unknown`: neither. */
  source: 'config' | 'export' | 'unknown';
  /** Licences the tenant holds (sorted as LICENCE_IDS). */
  held: LicenceId[];
  /** Licences the source cannot tell (no known service plan, or no source at all): rules that need them still run. */
  undetermined: LicenceId[];
}

/** A subscription that still grants its plans: `Enabled`, or `Warning` (expired, in its grace period). */
const ACTIVE_STATUSES: readonly string[] = ['enabled', 'warning'];

/**
 * The licences subscribed SKUs grant: a licence is held when an active SKU (capabilityStatus Enabled or Warning;
 * Suspended, Deleted and LockedOut no longer grant anything) carries one of its service plans, unless that plan's
 * provisioningStatus is Disabled. Licences without known service plans are undetermined.
 */
export function licencesFromSkus(skus: readonly SubscribedSkuLike[]): TenantLicences {
  const plans = new Set<string>();
  for (const sku of skus) {
    const status = typeof sku.capabilityStatus === 'string' ? sku.capabilityStatus.toLowerCase() : 'enabled';
    if (!ACTIVE_STATUSES.includes(status) || !Array.isArray(sku.servicePlans)) continue;
    for (const plan of sku.servicePlans as unknown[]) {
      if (!plan || typeof plan !== 'object') continue;
      const { servicePlanName, provisioningStatus } = plan as { servicePlanName?: unknown; provisioningStatus?: unknown };
      if (typeof servicePlanName !== 'string') continue;
      if (typeof provisioningStatus === 'string' && provisioningStatus.toLowerCase() === 'disabled') continue;
      plans.add(servicePlanName.toUpperCase());
    }
  }
  const held: LicenceId[] = [];
  const undetermined: LicenceId[] = [];
  for (const id of LICENCE_IDS) {
    const known = LICENCES[id].servicePlans;
    if (known.length === 0) undetermined.push(id);
    else if (known.some((p) => plans.has(p.toUpperCase()))) held.push(id);
  }
  return { source: 'export', held, undetermined };
}

/** What the run knows: the config's list wins over the export's SKUs; with neither, every licence is undetermined. */
export function tenantLicences(configured: readonly string[] | undefined, skus: readonly SubscribedSkuLike[] | null): TenantLicences {
  if (configured) {
    const listed = new Set(configured);
    // P2 includes P1.
    if (listed.has('entra-id-p2')) listed.add('entra-id-p1');
    return { source: 'config', held: LICENCE_IDS.filter((id) => listed.has(id)), undetermined: [] };
  }
  if (skus) return licencesFromSkus(skus);
  return { source: 'unknown', held: [], undetermined: [...LICENCE_IDS] };
}

/** The licences a rule needs that the run knows the tenant does not hold (empty: the rule runs). */
export function missingLicences(needed: readonly LicenceId[] | undefined, tenant: TenantLicences): LicenceId[] {
  if (!needed || tenant.source === 'unknown') return [];
  return needed.filter((id) => !tenant.held.includes(id) && !tenant.undetermined.includes(id));
}
