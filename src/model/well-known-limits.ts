/**
 * Microsoft Entra Conditional Access service limits, and the special ids that look like named locations.
 * Sources: docs/graph-semantics.md, "Service limits";
 * Microsoft Learn concept-assignment-network (named-location limits), concept-condition-filters-for-devices
 * (device filter length), identity/authentication/concept-authentication-strengths (custom strengths).
 */

/** Conditional Access policies per tenant, whatever their state (only the first 195 apply to a user). */
export const MAX_POLICIES = 195;

/** Where calint starts warning that the policy limit is close (catalogue CA-028). */
export const POLICY_COUNT_WARNING = 180;

/** Named locations defined by IP ranges, per tenant. */
export const MAX_IP_NAMED_LOCATIONS = 195;

/** IP ranges (IPv4 and IPv6 together) in one IP named location. */
export const MAX_IP_RANGES_PER_LOCATION = 2000;

/** A CIDR range must have a prefix longer than this (/8 or shorter is refused, for IPv4 and IPv6 alike). */
export const MIN_CIDR_PREFIX_EXCLUSIVE = 8;

/** Custom authentication strengths per tenant; the three built-ins do not count. */
export const MAX_CUSTOM_AUTHENTICATION_STRENGTHS = 15;

/** Authentication context ids run from c1 to c99. */
export const MAX_AUTHENTICATION_CONTEXTS = 99;
export const AUTHENTICATION_CONTEXT_ID = /^c([1-9]|[1-9][0-9])$/i;

/** Characters in a device filter rule (the same value as MAX_DEVICE_FILTER_LENGTH in src/evaluate/device-filter). */
export const MAX_DEVICE_FILTER_RULE_LENGTH = 3072;

/**
 * Location ids a policy may hold that are not in the tenant's namedLocations list.
 * - The legacy "MFA trusted IPs" list (multifactor authentication service settings) appears in exports as the
 *   all-zero id; it is what `AllTrusted` adds besides the trusted IP named locations (graph README §5).
 * - Global Secure Access creates the "All Compliant Network locations" named location
 *   (`compliantNetworkNamedLocation`, beta only) under the same id in every tenant; v1.0 exports do not list it.
 *   Source: Microsoft Graph beta "Get compliantNetworkNamedLocation" example request.
 */
export const MFA_TRUSTED_IPS_LOCATION = '00000000-0000-0000-0000-000000000000';
export const COMPLIANT_NETWORK_LOCATION = '3d46dbda-8382-466a-856d-eb00cbc6b910';
/** A keyword some tools write for the compliant-network location; not documented by Graph, accepted rather than flagged. */
export const COMPLIANT_NETWORK_KEYWORD = 'AllCompliantNetworkLocations';
