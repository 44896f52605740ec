/**
 * Data for the break-glass and exclusion rules: high-value applications, directory-sync account names and the
 * attributes a user can set on their own account or device (used by dynamic-group membership rules).
 * Sources: Microsoft Learn "What are the default user permissions in Microsoft Entra ID?",
 * "Dynamic membership rules for groups", "Require MFA for all users" (exclusions), "Entra Connect accounts and permissions".
 */
import { AZURE_SERVICE_MANAGEMENT, EXCHANGE_ONLINE, SHAREPOINT_ONLINE } from './well-known-apps.js';

/** Applications whose exclusion from a baseline policy leaves the most valuable data or control plane unprotected. */
export const HIGH_VALUE_APPS: readonly string[] = [AZURE_SERVICE_MANAGEMENT, EXCHANGE_ONLINE, SHAREPOINT_ONLINE];

/**
 * userPrincipalName prefixes of directory-synchronization accounts: Entra Connect Sync creates `Sync_<server>_<id>@…`,
 * Entra Cloud Sync creates `ADToAADSyncServiceAccount@…`. Compared case-insensitively.
 */
export const SYNC_ACCOUNT_UPN_PREFIXES: readonly string[] = ['Sync_', 'ADToAADSyncServiceAccount'];

/**
 * Grant controls a directory-synchronization account can never satisfy (it signs in non-interactively from a server):
 * Microsoft's all-users MFA and device templates exclude the Directory Synchronization Accounts role for this reason.
 */
export const SYNC_BREAKING_CONTROLS: readonly string[] = ['block', 'mfa', 'authenticationStrength', 'compliantDevice', 'domainJoinedDevice'];

/** groupTypes value of a group whose membership is computed from a rule. */
export const DYNAMIC_MEMBERSHIP = 'DynamicMembership';

/**
 * User attributes (dynamic membership rule names, `user.<name>`) a member user can change on their own account with
 * the default permissions: Entra lets members manage their own mobile phone number. Tenants where users can also write
 * other attributes (self-service HR portals, on-premises AD where SELF may write the "Personal Information" property
 * set: telephoneNumber, streetAddress, city, state, postalCode, …, which then syncs up) add them with the rule's options.
 */
export const SELF_SERVICE_USER_ATTRIBUTES: readonly string[] = ['mobile'];

/**
 * Device attributes (dynamic membership rule names, `device.<name>`) the device's owner controls: owners may manage
 * every property of their own devices (rename them), and a device reports its own model, manufacturer, OS and OS
 * version when it registers; the enrollment category is picked by the user in Company Portal.
 */
export const OWNER_CONTROLLED_DEVICE_ATTRIBUTES: readonly string[] = [
  'displayName',
  'deviceModel',
  'deviceManufacturer',
  'deviceOSType',
  'deviceOSVersion',
  'deviceCategory',
];

/** Display-name pattern of likely emergency-access accounts (as break-glass/missing-exclusion uses by default). */
export const BREAK_GLASS_NAME_PATTERN = 'break[\\s_.-]*glass|emergency|notfall|\\bbg[-_ ]|\\bbga?\\d';
