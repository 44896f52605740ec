/**
 * A sign-in scenario: who signs in, to what, from where, on what, at what risk. A field left undefined is a fact the
 * scenario does not know; a policy that depends on it evaluates to "cannot tell" naming that fact. `null` and `"none"`
 * are known values (an unregistered device, no risk, no transfer flow).
 */
import type { DeviceAttributes } from '../device-filter/index.js';
import { parseIpAddress } from '../ip-ranges.js';

export const GUEST_TYPES = [
  'internalGuest',
  'b2bCollaborationGuest',
  'b2bCollaborationMember',
  'b2bDirectConnectUser',
  'otherExternalUser',
  'serviceProvider',
] as const;
export type GuestType = (typeof GUEST_TYPES)[number];

export const CLIENT_APP_TYPES = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'] as const;
export type ClientAppType = (typeof CLIENT_APP_TYPES)[number];

/** Device platforms a sign-in can report; `unknown` is a platform Conditional Access cannot detect. */
export const PLATFORMS = ['android', 'iOS', 'windows', 'macOS', 'linux', 'windowsPhone', 'unknown'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const INSIDER_RISK_LEVELS = ['none', 'minor', 'moderate', 'elevated'] as const;
export type InsiderRiskLevel = (typeof INSIDER_RISK_LEVELS)[number];
export const TRANSFER_METHODS = ['none', 'deviceCodeFlow', 'authenticationTransfer'] as const;
export type TransferMethod = (typeof TRANSFER_METHODS)[number];

export const USER_ACTIONS = ['urn:user:registersecurityinfo', 'urn:user:registerdevice'] as const;

export type Identity =
  | {
      kind: 'user';
      /** Object id (or UPN, resolved against the exported users). */
      userId?: string;
      /** Every group the user is in, transitively. Undefined: taken from exported group members where they exist. */
      groupIds?: string[];
      /** Active built-in directory roles (template ids or names). Undefined: unknown unless the export holds role members. */
      roleIds?: string[];
      /** null: a member of this tenant. Undefined: taken from the exported user (userType, #EXT# in the UPN). */
      guestType?: GuestType | null;
      /** Home tenant of a guest or external user. */
      homeTenantId?: string;
    }
  | { kind: 'servicePrincipal'; servicePrincipalId: string; attributes?: Record<string, string> }
  /** (beta) An Entra agent identity (agentIdServicePrincipal). */
  | { kind: 'agent'; agentId: string; attributes?: Record<string, string> };

export type Target =
  | { kind: 'application'; appId: string; attributes?: Record<string, string> }
  | { kind: 'userAction'; action: string }
  | { kind: 'authenticationContext'; id: string };

export interface Scenario {
  identity: Identity;
  target: Target;
  platform?: Platform;
  clientApp?: ClientAppType;
  /** Client IP address (IPv4 or IPv6). */
  ip?: string;
  /** ISO 3166-1 alpha-2 country of the sign-in; `unknown` when the IP maps to no country. */
  country?: string;
  /**
   * The named locations (ids) the sign-in is in, when known directly; given, it decides location membership instead of
   * the IP and country (coverage uses it; it also reaches locations the export does not hold).
   */
  namedLocationIds?: string[];
  /** The IP is one of the tenant's MFA trusted IPs (a legacy MFA service setting that exports do not hold); default no. */
  mfaTrustedIp?: boolean;
  signInRisk?: RiskLevel;
  userRisk?: RiskLevel;
  servicePrincipalRisk?: RiskLevel;
  /** (beta) Risk of an agent identity: none, low, medium, high. */
  agentIdRisk?: RiskLevel;
  insiderRisk?: InsiderRiskLevel;
  authenticationFlow?: TransferMethod;
  /** Device attributes (as in device filters); null: an unregistered device. */
  device?: DeviceAttributes | null;
}

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined => {
  if (value === undefined) return undefined;
  const hit = allowed.find((a) => typeof value === 'string' && a.toLowerCase() === value.toLowerCase());
  if (!hit) throw new ScenarioError(`${field} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`, field);
  return hit;
};

/**
 * Checks and normalises a scenario written by a person or read from JSON (enum casing, `device` object shape).
 * Throws ScenarioError naming the field.
 */
export function normalizeScenario(input: Scenario): Scenario {
  const s: Scenario = { identity: input.identity, target: input.target };
  if (!input.identity || typeof input.identity !== 'object') throw new ScenarioError('identity is required', 'identity');
  if (input.identity.kind === 'user') {
    const id = input.identity;
    s.identity = {
      kind: 'user',
      ...(id.userId !== undefined ? { userId: String(id.userId) } : {}),
      ...(id.groupIds !== undefined ? { groupIds: id.groupIds.map(String) } : {}),
      ...(id.roleIds !== undefined ? { roleIds: id.roleIds.map(String) } : {}),
      ...(id.guestType !== undefined ? { guestType: id.guestType === null ? null : oneOf('guestType', id.guestType, GUEST_TYPES)! } : {}),
      ...(id.homeTenantId !== undefined ? { homeTenantId: String(id.homeTenantId) } : {}),
    };
  } else if (input.identity.kind !== 'servicePrincipal' && input.identity.kind !== 'agent') {
    throw new ScenarioError('identity.kind must be user, servicePrincipal or agent', 'identity.kind');
  }
  if (!input.target || typeof input.target !== 'object') throw new ScenarioError('target is required', 'target');
  if (input.target.kind === 'userAction') {
    s.target = { kind: 'userAction', action: oneOf('target.action', input.target.action, USER_ACTIONS)! };
  } else if (input.target.kind !== 'application' && input.target.kind !== 'authenticationContext') {
    throw new ScenarioError('target.kind must be application, userAction or authenticationContext', 'target.kind');
  }
  const platform = oneOf('platform', input.platform, PLATFORMS);
  if (platform) s.platform = platform;
  const clientApp = oneOf('clientApp', input.clientApp, CLIENT_APP_TYPES);
  if (clientApp) s.clientApp = clientApp;
  if (input.ip !== undefined) {
    if (parseIpAddress(String(input.ip)) === null) throw new ScenarioError(`ip must be an IPv4 or IPv6 address (got ${JSON.stringify(input.ip)})`, 'ip');
    s.ip = String(input.ip);
  }
  if (input.country !== undefined) s.country = input.country.toLowerCase() === 'unknown' ? 'unknown' : input.country.toUpperCase();
  if (input.namedLocationIds !== undefined) s.namedLocationIds = input.namedLocationIds.map(String);
  if (input.mfaTrustedIp !== undefined) s.mfaTrustedIp = input.mfaTrustedIp === true;
  const risks = [
    ['signInRisk', RISK_LEVELS],
    ['userRisk', RISK_LEVELS],
    ['servicePrincipalRisk', RISK_LEVELS],
    ['agentIdRisk', RISK_LEVELS],
  ] as const;
  for (const [field, levels] of risks) {
    const v = oneOf(field, input[field], levels);
    if (v) s[field] = v;
  }
  const insider = oneOf('insiderRisk', input.insiderRisk, INSIDER_RISK_LEVELS);
  if (insider) s.insiderRisk = insider;
  const flow = oneOf('authenticationFlow', input.authenticationFlow, TRANSFER_METHODS);
  if (flow) s.authenticationFlow = flow;
  if (input.device !== undefined) {
    if (input.device !== null && (typeof input.device !== 'object' || Array.isArray(input.device))) {
      throw new ScenarioError('device must be an object of device attributes, or null for an unregistered device', 'device');
    }
    s.device = input.device;
  }
  return s;
}

/** One line a person reads: "user Ravi Menon → Exchange Online, windows, browser, 203.0.113.7". */
export function describeScenario(s: Scenario, name: (kind: 'user' | 'application' | 'servicePrincipal' | 'role' | 'group', id: string) => string): string {
  const parts: string[] = [];
  const id = s.identity;
  if (id.kind === 'user') {
    let who = id.userId ? name('user', id.userId) : 'a user';
    if (id.guestType) who += ` (${id.guestType})`;
    if (id.groupIds?.length) who += ` in ${id.groupIds.map((g) => name('group', g)).join(', ')}`;
    if (id.roleIds?.length) who += ` holding ${id.roleIds.map((r) => name('role', r)).join(', ')}`;
    parts.push(who);
  } else if (id.kind === 'agent') parts.push(`agent identity ${name('servicePrincipal', id.agentId)}`);
  else parts.push(`service principal ${name('servicePrincipal', id.servicePrincipalId)}`);
  const t = s.target;
  parts.push(
    t.kind === 'application' ? `→ ${name('application', t.appId)}` : t.kind === 'userAction' ? `→ user action ${t.action}` : `→ authentication context ${t.id}`,
  );
  const extra = [
    s.platform,
    s.clientApp,
    s.ip,
    s.country ? `country ${s.country}` : undefined,
    s.signInRisk ? `sign-in risk ${s.signInRisk}` : undefined,
    s.userRisk ? `user risk ${s.userRisk}` : undefined,
    s.insiderRisk ? `insider risk ${s.insiderRisk}` : undefined,
    s.authenticationFlow && s.authenticationFlow !== 'none' ? `flow ${s.authenticationFlow}` : undefined,
    s.device === null ? 'unregistered device' : s.device ? 'registered device' : undefined,
  ].filter((x): x is string => typeof x === 'string');
  return [parts.join(' '), ...extra].join(', ');
}
