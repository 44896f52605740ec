/**
 * What Microsoft Entra token protection ("Require token protection for sign-in sessions", sessionControls.secureSignInSession)
 * supports: device platforms, client kinds and resources, and the Windows registrations it cannot serve. Every row names
 * the Microsoft Learn article it comes from and the day it was checked against it. Rules read these rows; when Microsoft
 * changes a fact, change the row and its date, not the rules.
 */
import { list, sameKeyword } from './policy.js';
import type { ConditionalAccessPolicy } from './snapshot-types.js';
import {
  AZURE_SERVICE_MANAGEMENT,
  AZURE_VIRTUAL_DESKTOP,
  EXCHANGE_ONLINE,
  SHAREPOINT_ONLINE,
  TEAMS_SERVICES,
  WINDOWS_365,
  WINDOWS_CLOUD_LOGIN,
} from './well-known-apps.js';
import { KNOWN_DEVICE_PLATFORMS, PLATFORM_ALL, RETIRED_DEVICE_PLATFORMS } from './well-known-platforms.js';

/** The Microsoft Learn articles the rows come from. */
export const TOKEN_PROTECTION_ARTICLES = {
  overview: 'https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection',
  windows: 'https://learn.microsoft.com/entra/identity/conditional-access/deployment-guide-token-protection-windows',
  apple: 'https://learn.microsoft.com/entra/identity/conditional-access/deployment-guide-token-protection-apple',
  webApps: 'https://learn.microsoft.com/entra/identity/conditional-access/deployment-guide-token-protection-web-apps',
} as const;

/** The day the rows below were last checked against their articles. */
export const TOKEN_PROTECTION_CHECKED = '2026-12-06';

export type TokenProtectionStatus = 'ga' | 'preview';
/** Device platforms as Conditional Access names them (`iOS` covers iPadOS). */
export type TokenProtectionPlatform = 'windows' | 'iOS' | 'macOS';
/** `native`: mobile apps and desktop clients; `browser`: web apps signing in through a browser. */
export type TokenProtectionClient = 'native' | 'browser';

export interface TokenProtectionSource {
  /** The Microsoft Learn article that states the fact. */
  article: string;
  /** The article's own date (ms.date) when it was read, where calint saw one. */
  articleDate?: string;
  /** When calint last checked the fact against the article. */
  checked: string;
  /** Where the article says it, or what is odd about it. */
  note?: string;
}

export interface TokenProtectionPlatformRow {
  platform: TokenProtectionPlatform;
  client: TokenProtectionClient;
  status: TokenProtectionStatus;
  /** The devices and set-up the platform needs, in calint's words. */
  what: string;
  source: TokenProtectionSource;
}

export interface TokenProtectionResourceRow {
  /** The resource's appId, as includeApplications writes it. */
  appId: string;
  name: string;
  client: TokenProtectionClient;
  /** Platforms on which the resource accepts bound tokens for this client kind. */
  platforms: readonly TokenProtectionPlatform[];
  status: TokenProtectionStatus;
  source: TokenProtectionSource;
}

export interface TokenProtectionClientAppTypeRow {
  /** A clientAppTypes value. */
  clientAppType: string;
  client: TokenProtectionClient;
  what: string;
  source: TokenProtectionSource;
}

/** Device attributes as a device filter reads them (canonical property names). */
export type TokenProtectionDeviceAttributes = Record<string, string | string[]>;

export interface UnsupportedRegistrationRow {
  platform: 'windows';
  /** The systemLabels value calint checks a device filter for (paired with trustType AzureAD). */
  systemLabel: string;
  name: string;
  /** The device as a filter sees it: a filter that leaves it out of the policy excludes this registration. */
  device: TokenProtectionDeviceAttributes;
  /** The exclusion as Microsoft's article writes it. */
  articleExample: string;
  source: TokenProtectionSource;
}

export interface SupportedRegistrationRow {
  platform: 'windows';
  name: string;
  device: TokenProtectionDeviceAttributes;
  source: TokenProtectionSource;
}

const overview = (note?: string): TokenProtectionSource => ({
  article: TOKEN_PROTECTION_ARTICLES.overview,
  checked: TOKEN_PROTECTION_CHECKED,
  ...(note ? { note } : {}),
});
const windowsGuide = (note?: string): TokenProtectionSource => ({
  article: TOKEN_PROTECTION_ARTICLES.windows,
  checked: TOKEN_PROTECTION_CHECKED,
  ...(note ? { note } : {}),
});
const webAppsGuide = (note?: string): TokenProtectionSource => ({
  article: TOKEN_PROTECTION_ARTICLES.webApps,
  checked: TOKEN_PROTECTION_CHECKED,
  ...(note ? { note } : {}),
});

/** Where token protection works, per platform and client kind. A platform and client kind not listed is not supported. */
export const TOKEN_PROTECTION_PLATFORMS: readonly TokenProtectionPlatformRow[] = [
  {
    platform: 'windows',
    client: 'native',
    status: 'ga',
    what: 'Windows 10 or later, Microsoft Entra joined, hybrid joined or registered; Windows Server 2019 or later, hybrid joined',
    source: overview('"Platform availability" and "Supported devices"'),
  },
  {
    platform: 'iOS',
    client: 'native',
    status: 'preview',
    what: 'iOS and iPadOS 16.0 or later, MDM-managed, with the Microsoft Enterprise SSO plug-in',
    source: overview('"Platform availability": Windows generally available, iOS/iPadOS preview; "Supported devices": "Apple (Preview)"'),
  },
  {
    platform: 'macOS',
    client: 'native',
    status: 'preview',
    what: 'macOS 14.0 or later, MDM-managed, with the Microsoft Enterprise SSO plug-in or Platform SSO',
    source: overview('"Platform availability": macOS preview; "Supported devices": "Apple (Preview)"'),
  },
  {
    platform: 'windows',
    client: 'browser',
    status: 'preview',
    what:
      'Windows 11 build 26100.8246 / 26200.8246 or later, Microsoft Edge or Google Chrome with the Microsoft Single Sign On ' +
      'extension and platform authentication enabled; only selected web apps that call Azure Resource Manager',
    source: webAppsGuide('"Platforms and browsers"'),
  },
  {
    platform: 'macOS',
    client: 'browser',
    status: 'preview',
    what:
      'macOS, MDM-managed, Microsoft Edge or Google Chrome with the Microsoft Single Sign On extension; only selected web apps ' +
      'that call Azure Resource Manager',
    source: webAppsGuide('"Platforms and browsers"'),
  },
];

const ALL_NATIVE: readonly TokenProtectionPlatform[] = ['windows', 'iOS', 'macOS'];

/** The resources that accept bound tokens, per client kind and platform. Anything not listed does not support token protection. */
export const TOKEN_PROTECTION_RESOURCES: readonly TokenProtectionResourceRow[] = [
  { appId: EXCHANGE_ONLINE, name: 'Office 365 Exchange Online', client: 'native', platforms: ALL_NATIVE, status: 'ga', source: overview('"Supported resources"') },
  { appId: SHAREPOINT_ONLINE, name: 'Office 365 SharePoint Online', client: 'native', platforms: ALL_NATIVE, status: 'ga', source: overview('"Supported resources"') },
  {
    appId: TEAMS_SERVICES,
    name: 'Microsoft Teams Services',
    client: 'native',
    platforms: ALL_NATIVE,
    status: 'ga',
    source: overview('"Supported resources" (Microsoft Teams; the Windows guide selects it as Microsoft Teams Services)'),
  },
  { appId: AZURE_VIRTUAL_DESKTOP, name: 'Azure Virtual Desktop', client: 'native', platforms: ['windows'], status: 'ga', source: overview('"Supported resources": on Windows only') },
  { appId: WINDOWS_365, name: 'Windows 365', client: 'native', platforms: ['windows'], status: 'ga', source: overview('"Supported resources": on Windows only') },
  {
    appId: WINDOWS_CLOUD_LOGIN,
    name: 'Windows Cloud Login',
    client: 'native',
    platforms: ['windows'],
    status: 'ga',
    source: windowsGuide('"Create a Conditional Access policy" selects it with Azure Virtual Desktop and Windows 365 where Windows App is deployed'),
  },
  {
    appId: AZURE_SERVICE_MANAGEMENT,
    name: 'Windows Azure Service Management API',
    client: 'browser',
    platforms: ['windows', 'macOS'],
    status: 'preview',
    source: webAppsGuide('"Resources": Azure Resource Manager, selected as Windows Azure Service Management API, for browser sign-ins only'),
  },
];

/** The client app types token protection serves. Exchange ActiveSync and other (legacy) clients are never supported. */
export const TOKEN_PROTECTION_CLIENT_APP_TYPES: readonly TokenProtectionClientAppTypeRow[] = [
  {
    clientAppType: 'mobileAppsAndDesktopClients',
    client: 'native',
    what: 'native applications; a policy selects only "Mobile apps and desktop clients", since Browser left in blocks MSAL.js apps such as Teams on the web',
    source: overview('"Platform availability"; the Windows and Apple guides, "Client apps"'),
  },
  {
    clientAppType: 'browser',
    client: 'browser',
    what: 'browser sign-ins to Azure Resource Manager only (preview), in a policy that selects only "Browser"',
    source: webAppsGuide('"Step 2: Configure the report-only mode policy"'),
  },
];

/** The Windows registration kinds token protection serves; a device filter must keep at least one of them in scope. */
export const WINDOWS_SUPPORTED_REGISTRATIONS: readonly SupportedRegistrationRow[] = [
  { platform: 'windows', name: 'Microsoft Entra joined Windows devices', device: { trustType: 'AzureAD', systemLabels: [], profileType: 'RegisteredDevice' }, source: overview('"Supported devices"') },
  { platform: 'windows', name: 'Microsoft Entra hybrid joined Windows devices', device: { trustType: 'ServerAD', systemLabels: [], profileType: 'RegisteredDevice' }, source: overview('"Supported devices"') },
  { platform: 'windows', name: 'Microsoft Entra registered Windows devices', device: { trustType: 'Workplace', systemLabels: [], profileType: 'RegisteredDevice' }, source: overview('"Supported devices"') },
];

/**
 * The Windows known limitation: registrations that cannot satisfy token protection and that a policy covering Windows
 * excludes with a device filter. It is Windows data; it does not apply to Apple platforms. (Surface Hub, Teams Rooms,
 * bulk-enrolled and Autopilot self-deploying devices are unsupported too, but have no tenant-independent filter.)
 */
export const WINDOWS_UNSUPPORTED_REGISTRATIONS: readonly UnsupportedRegistrationRow[] = [
  {
    platform: 'windows',
    systemLabel: 'CloudPC',
    name: 'Microsoft Entra joined Cloud PCs (Windows 365)',
    device: { systemLabels: ['CloudPC'], trustType: 'AzureAD' },
    articleExample: 'systemLabels -eq "CloudPC" and trustType -eq "AzureAD"',
    source: windowsGuide('"Known limitations"'),
  },
  {
    platform: 'windows',
    systemLabel: 'AzureVirtualDesktop',
    name: 'Microsoft Entra joined Azure Virtual Desktop session hosts',
    device: { systemLabels: ['AzureVirtualDesktop'], trustType: 'AzureAD' },
    articleExample: 'systemLabels -eq "AzureVirtualDesktop" and trustType -eq "AzureAD"',
    source: windowsGuide('"Known limitations"'),
  },
  {
    platform: 'windows',
    systemLabel: 'MicrosoftPowerAutomate',
    name: 'Microsoft Entra joined Power Automate hosted machine groups',
    device: { systemLabels: ['MicrosoftPowerAutomate'], trustType: 'AzureAD' },
    articleExample: 'systemLabels -eq "MicrosoftPowerAutomate" and trustType -eq "AzureAD"',
    source: windowsGuide('"Known limitations"'),
  },
  {
    platform: 'windows',
    systemLabel: 'AzureResource',
    name: 'Microsoft Entra joined Azure virtual machines (VM sign-in extension)',
    // The article's example for these VMs filters on profileType SecureVM; calint also accepts the AzureResource system label.
    device: { systemLabels: ['AzureResource'], profileType: 'SecureVM', trustType: 'AzureAD' },
    articleExample: 'profileType -eq "SecureVM" and trustType -eq "AzureAD"',
    source: windowsGuide('"Known limitations" (its example for Azure VMs uses profileType SecureVM, not a system label)'),
  },
];

/** Stand-in for platforms Conditional Access does not recognise (in scope with includePlatforms "all"). */
export const UNKNOWN_PLATFORM = 'unknown';

const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  windows: 'Windows',
  iOS: 'iOS/iPadOS',
  macOS: 'macOS',
  android: 'Android',
  linux: 'Linux',
  windowsPhone: 'Windows Phone',
  [UNKNOWN_PLATFORM]: 'unknown platforms',
};

const STATUS_LABELS: Readonly<Record<TokenProtectionStatus, string>> = { ga: 'generally available', preview: 'preview' };

/** "Windows", "iOS/iPadOS", "unknown platforms". */
export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[canonicalPlatform(platform)] ?? platform;
}

export function statusLabel(status: TokenProtectionStatus): string {
  return STATUS_LABELS[status];
}

const RECOGNISED_PLATFORMS = [...KNOWN_DEVICE_PLATFORMS, ...RETIRED_DEVICE_PLATFORMS];

/** A platform value in Conditional Access spelling (`Windows` -> `windows`, `ios` -> `iOS`); other values unchanged. */
export function canonicalPlatform(platform: string): string {
  if (sameKeyword(platform, UNKNOWN_PLATFORM)) return UNKNOWN_PLATFORM;
  return RECOGNISED_PLATFORMS.find((p) => sameKeyword(p, platform)) ?? platform;
}

/**
 * The platforms a policy's device-platform condition covers, in Conditional Access spelling; `null` when the condition
 * is not configured (every platform). With includePlatforms "all" the list ends with UNKNOWN_PLATFORM.
 */
export function coveredPlatforms(policy: ConditionalAccessPolicy): string[] | null {
  const platforms = policy.conditions?.platforms ?? null;
  const include = list(platforms?.includePlatforms).map(canonicalPlatform);
  const exclude = new Set(list(platforms?.excludePlatforms).map((p) => canonicalPlatform(p).toLowerCase()));
  if (include.length === 0) return null;
  const kept = (p: string) => !exclude.has(p.toLowerCase());
  if (include.some((p) => sameKeyword(p, PLATFORM_ALL))) return [...RECOGNISED_PLATFORMS.filter(kept), UNKNOWN_PLATFORM];
  return [...new Set(include)].filter(kept);
}

/** Every platform a policy can meet: the recognised ones and the unknown ones (for a policy with no platform condition). */
export function everyPlatform(): string[] {
  return [...RECOGNISED_PLATFORMS, UNKNOWN_PLATFORM];
}

/** Whether the policy's platforms take in Windows (a policy with no platform condition does). */
export function coversWindows(platforms: readonly string[] | null): boolean {
  return platforms === null || platforms.some((p) => sameKeyword(p, 'windows'));
}

/**
 * The client kinds a clientAppTypes condition takes in: not configured or "all" -> both; mobile apps and desktop clients
 * -> native; browser -> browser. Exchange ActiveSync and other clients add none (token protection never serves them).
 */
export function clientsOf(clientAppTypes: readonly string[]): TokenProtectionClient[] {
  if (clientAppTypes.length === 0 || clientAppTypes.some((v) => sameKeyword(v, 'all'))) return ['native', 'browser'];
  const out = new Set<TokenProtectionClient>();
  for (const value of clientAppTypes) {
    const row = TOKEN_PROTECTION_CLIENT_APP_TYPES.find((r) => sameKeyword(r.clientAppType, value));
    if (row) out.add(row.client);
  }
  return (['native', 'browser'] as const).filter((c) => out.has(c));
}

/** The client kinds of a policy's client apps condition. */
export function policyClients(policy: ConditionalAccessPolicy): TokenProtectionClient[] {
  return clientsOf(list(policy.conditions?.clientAppTypes));
}

/** The clientAppTypes value a client kind is selected with (`mobileAppsAndDesktopClients`, `browser`). */
export function clientAppTypeOf(client: TokenProtectionClient): string {
  return TOKEN_PROTECTION_CLIENT_APP_TYPES.find((r) => r.client === client)!.clientAppType;
}

/** The row for a platform and client kind; undefined when token protection does not work there. */
export function platformRow(platform: string, client: TokenProtectionClient = 'native'): TokenProtectionPlatformRow | undefined {
  return TOKEN_PROTECTION_PLATFORMS.find((r) => r.client === client && sameKeyword(r.platform, platform));
}

/**
 * The status of token protection on a platform for any of the client kinds (the best one: generally available over
 * preview); null when it does not work there for any of them.
 */
export function platformStatus(platform: string, clients: readonly TokenProtectionClient[] = ['native']): TokenProtectionStatus | null {
  const statuses = clients.map((c) => platformRow(platform, c)?.status).filter((s): s is TokenProtectionStatus => s !== undefined);
  if (statuses.includes('ga')) return 'ga';
  return statuses.includes('preview') ? 'preview' : null;
}

/** The platforms on which token protection works for any of the client kinds, in table order. */
export function supportedPlatforms(clients: readonly TokenProtectionClient[] = ['native']): TokenProtectionPlatform[] {
  return [...new Set(TOKEN_PROTECTION_PLATFORMS.filter((r) => clients.includes(r.client)).map((r) => r.platform))];
}

/** The row of a resource (by appId, any case); undefined when the resource does not support token protection. */
export function resourceRow(appId: string): TokenProtectionResourceRow | undefined {
  return TOKEN_PROTECTION_RESOURCES.find((r) => sameKeyword(r.appId, appId));
}

/**
 * The resources a policy may require token protection for: those supported for one of its client kinds on at least one
 * of its platforms (`null` = not limited: every platform).
 */
export function supportedResources(
  platforms: readonly string[] | null,
  clients: readonly TokenProtectionClient[] = ['native'],
): TokenProtectionResourceRow[] {
  return TOKEN_PROTECTION_RESOURCES.filter(
    (r) => clients.includes(r.client) && (platforms === null || r.platforms.some((p) => platforms.some((q) => sameKeyword(p, q)))),
  );
}

/** The resources supported for a client kind on every platform that serves it (native: Exchange Online, SharePoint Online, Teams). */
export function resourcesOnEveryPlatform(client: TokenProtectionClient = 'native'): TokenProtectionResourceRow[] {
  const platforms = supportedPlatforms([client]);
  return TOKEN_PROTECTION_RESOURCES.filter((r) => r.client === client && platforms.every((p) => r.platforms.includes(p)));
}

/** The status of a resource on a platform for a client kind: the lower of the platform's and the resource's; null if unsupported. */
export function resourceStatus(appId: string, platform: string, client: TokenProtectionClient): TokenProtectionStatus | null {
  const resource = resourceRow(appId);
  const onPlatform = platformRow(platform, client);
  if (!resource || !onPlatform || resource.client !== client || !resource.platforms.some((p) => sameKeyword(p, platform))) return null;
  return resource.status === 'preview' || onPlatform.status === 'preview' ? 'preview' : 'ga';
}

/** What a policy's configuration asks of token protection: its platforms, client app types and resolved resource keys. */
export interface TokenProtectionTarget {
  /** Covered platforms (coveredPlatforms); null = every platform. */
  platforms: readonly string[] | null;
  clientAppTypes: readonly string[];
  /** Included resources as appIds (resolved from display names where the export used them). */
  resources: readonly string[];
}

export interface PreviewScenario {
  /** "Windows Azure Service Management API for browser sign-ins on Windows, macOS". */
  what: string;
  platforms: string[];
  client: TokenProtectionClient;
  appId: string | null;
  source: TokenProtectionSource;
}

/**
 * The preview scenarios a configuration targets: each (resource, client kind) it takes in that is in preview on at least
 * one of its platforms, and each preview platform for a client kind it takes in. Empty when it targets only generally
 * available scenarios (or only unsupported ones, which are findings, not previews).
 */
export function previewScenarios(target: TokenProtectionTarget): PreviewScenario[] {
  const clients = clientsOf(target.clientAppTypes);
  const platforms = target.platforms ?? everyPlatform();
  const out: PreviewScenario[] = [];
  for (const client of clients) {
    for (const appId of target.resources) {
      const row = resourceRow(appId);
      if (!row || row.client !== client) continue;
      const preview = platforms.filter((p) => resourceStatus(row.appId, p, client) === 'preview');
      if (preview.length === 0) continue;
      out.push({
        what: `${row.name} for ${clientLabel(client)} on ${preview.map(platformLabel).join(', ')}`,
        platforms: preview.map(canonicalPlatform),
        client,
        appId: row.appId,
        source: row.source,
      });
    }
    const previewPlatforms = platforms.filter((p) => platformRow(p, client)?.status === 'preview');
    const alreadyNamed = out.some((s) => s.client === client);
    if (previewPlatforms.length > 0 && !alreadyNamed) {
      out.push({
        what: `${clientLabel(client)} on ${previewPlatforms.map(platformLabel).join(', ')}`,
        platforms: previewPlatforms.map(canonicalPlatform),
        client,
        appId: null,
        source: platformRow(previewPlatforms[0]!, client)!.source,
      });
    }
  }
  return out;
}

/** "mobile apps and desktop clients", "browser sign-ins". */
export function clientLabel(client: TokenProtectionClient): string {
  return client === 'native' ? 'mobile apps and desktop clients' : 'browser sign-ins';
}

/** "Windows (generally available), iOS/iPadOS (generally available), macOS (generally available)" for a client kind. */
export function describePlatforms(client: TokenProtectionClient = 'native'): string {
  return TOKEN_PROTECTION_PLATFORMS.filter((r) => r.client === client)
    .map((r) => `${platformLabel(r.platform)} (${statusLabel(r.status)})`)
    .join(', ');
}

/** The example exclude-mode device filter for the Windows known limitation, one clause per unsupported registration. */
export function windowsExclusionFilter(): string {
  return WINDOWS_UNSUPPORTED_REGISTRATIONS.map((r) => `(device.systemLabels -contains "${r.systemLabel}" -and device.trustType -eq "AzureAD")`).join(' -or ');
}
