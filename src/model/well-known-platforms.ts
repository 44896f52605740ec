/**
 * Device platforms and client app types as Conditional Access names them (conditionalAccessPlatforms,
 * conditionalAccessClientApp), plus the user actions and workload-identity keywords the baseline rules reason about.
 * Source: docs/graph-semantics.md, "Platforms, client apps, risk and flows", and Microsoft Learn "Block unknown or
 * unsupported device platform".
 */

/** Platforms Conditional Access recognises from the user agent; anything else is an unknown platform. */
export const KNOWN_DEVICE_PLATFORMS: readonly string[] = ['android', 'iOS', 'windows', 'macOS', 'linux'];
/** Recognised but retired; a block-unknown-platforms policy may exclude it or leave it blocked. */
export const RETIRED_DEVICE_PLATFORMS: readonly string[] = ['windowsPhone'];
/** `includePlatforms: ["all"]` — every platform, unknown ones included. */
export const PLATFORM_ALL = 'all';

/** Client app types that use legacy (basic) authentication. `easSupported` is an older alias of exchangeActiveSync. */
export const LEGACY_CLIENT_APP_TYPES: readonly string[] = ['exchangeActiveSync', 'other'];
export const LEGACY_CLIENT_APP_TYPE_ALIASES: readonly string[] = ['easSupported'];

/** User actions (includeUserActions). */
export const USER_ACTION_REGISTER_SECURITY_INFO = 'urn:user:registersecurityinfo';
export const USER_ACTION_REGISTER_DEVICE = 'urn:user:registerdevice';

/** includeServicePrincipals keyword: every single-tenant service principal the tenant owns. */
export const SERVICE_PRINCIPALS_IN_MY_TENANT = 'ServicePrincipalsInMyTenant';
/** signInAudience of an application registered for this tenant only (the only kind workload-identity policies cover). */
export const SINGLE_TENANT_AUDIENCE = 'AzureADMyOrg';
