/**
 * A requirement: "is X protected?" as data. It names the sign-in space it is about (who, what, which client apps, and
 * any other condition it restricts) and the control that protects it. The evaluator answers it with the same coverage
 * walk `calint coverage` runs, so a requirement is met exactly when coverage over its space shows no gap, whether one
 * policy or several together meet it.
 */
import type { ClientAppType, GuestType, InsiderRiskLevel, Platform, RiskLevel, TransferMethod } from '../whatif/scenario.js';

/** Who signs in. */
export type UserScope =
  /**
   * Every user: members (whatever group or role they hold) and every guest and external user type, but for the guest
   * types listed in `withoutGuestTypes` (those the control does not concern, e.g. guests Purview does not score).
   */
  | { kind: 'all'; withoutGuestTypes?: readonly GuestType[] }
  /** Holders of each of these directory roles (template ids). */
  | { kind: 'roles'; roleIds: readonly string[] }
  /** Every guest and external user type (or these types), from every external tenant. */
  | { kind: 'guests'; guestTypes?: readonly GuestType[] }
  /**
   * Service principals of the tenant: these ids when the export lists the tenant's single-tenant applications, else one
   * that no policy names (what `ServicePrincipalsInMyTenant` must reach) and every one the policies name.
   */
  | { kind: 'workloadIdentities'; servicePrincipalIds?: readonly string[] }
  /** (beta) Agent identities: one that no policy names, and every one the policies name. */
  | { kind: 'agents' };

/** What is signed in to. */
export type ResourceScope =
  | { kind: 'all' }
  /** These applications (app ids, or the app groups Office365 and MicrosoftAdminPortals, which stand for their members). */
  | { kind: 'apps'; appIds: readonly string[] }
  | { kind: 'userAction'; action: string };

/** The other conditions a requirement is about: only sign-ins in these classes belong to its space. */
export interface SignInConditions {
  platforms?: readonly Platform[];
  /**
   * `untrusted`: sign-ins from outside every trusted location. `unnamed`: from outside every named location the policies
   * reference ("anywhere else"). `within`: sign-ins a location condition with these include and exclude lists selects
   * (named location ids, `All`, `AllTrusted`).
   */
  locations?: { kind: 'untrusted' } | { kind: 'unnamed' } | { kind: 'within'; include: readonly string[]; exclude: readonly string[] };
  signInRisk?: readonly RiskLevel[];
  userRisk?: readonly RiskLevel[];
  insiderRisk?: readonly InsiderRiskLevel[];
  servicePrincipalRisk?: readonly RiskLevel[];
  agentRisk?: readonly RiskLevel[];
  authenticationFlows?: readonly TransferMethod[];
  /** `unmanaged`: devices that are neither compliant nor hybrid joined (unregistered ones included). */
  devices?: 'unmanaged';
}

/**
 * The protection one policy gives on every path through its grant (or by its session controls). A block on every path
 * provides every control: a sign-in that is blocked needs no other protection.
 */
export type RequiredControl =
  /** Require MFA or any authentication strength. */
  | { kind: 'mfa' }
  /** Require an authentication strength that allows only phishing-resistant methods. */
  | { kind: 'phishingResistantMfa' }
  /** Require a compliant or a Microsoft Entra hybrid joined device. */
  | { kind: 'managedDevice' }
  /** Require MFA (or a strength) or a managed device: proof beyond the password. */
  | { kind: 'mfaOrManagedDevice' }
  | { kind: 'block' }
  /** Any grant control at all. */
  | { kind: 'anyGrantControl' }
  /** Block, or require MFA and password change together, or require risk remediation. */
  | { kind: 'userRiskRemediation' }
  /** Sign-in frequency of at most this many hours; 0 means "every time". */
  | { kind: 'signInFrequency'; maxHours: number }
  /** Persistent browser session: never persistent. */
  | { kind: 'neverPersistentBrowser' }
  /** Use app enforced restrictions. */
  | { kind: 'appEnforcedRestrictions' };

export interface Requirement {
  users: UserScope;
  resources: ResourceScope;
  /** Client app types in the space (default: the modern ones, browser and mobile apps and desktop clients). */
  clientApps?: readonly ClientAppType[];
  when?: SignInConditions;
  /** The control that protects the space; several must all be met (by one policy or by several together). */
  control: RequiredControl | readonly RequiredControl[];
  /** Why the requirement exists, for a person (shown beside a finding). */
  explanation?: string;
}

/** Legacy clients cannot do MFA or device checks; blocking legacy authentication covers them. */
export const MODERN_CLIENT_APPS: readonly ClientAppType[] = ['browser', 'mobileAppsAndDesktopClients'];

export function controlsOf(req: Requirement): readonly RequiredControl[] {
  return Array.isArray(req.control) ? (req.control as readonly RequiredControl[]) : [req.control as RequiredControl];
}

/** A stable key for a requirement (requirements are plain data: equal data, equal key). */
export function requirementKey(req: Requirement): string {
  return stableStringify({ ...req, explanation: undefined });
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
