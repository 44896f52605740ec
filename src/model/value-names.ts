/**
 * Graph's condition values as a reader says them, keyed in lower case (Graph compares them case-insensitively):
 * platforms, client app types, guest and external user types, user actions. One table each for the policy
 * descriptions, the coverage classes and the report's labels.
 */

/** Platforms; `all` as a condition says it. */
export const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  all: 'any platform',
  android: 'Android',
  ios: 'iOS',
  windows: 'Windows',
  windowsphone: 'Windows Phone',
  macos: 'macOS',
  linux: 'Linux',
};

/** Client app types, as the clients that sign in (plural). */
export const CLIENT_APP_NAMES: Readonly<Record<string, string>> = {
  browser: 'browsers',
  mobileappsanddesktopclients: 'mobile apps and desktop clients',
  exchangeactivesync: 'Exchange ActiveSync clients',
  eassupported: 'Exchange ActiveSync clients',
  other: 'other legacy-authentication clients',
};

/** Guest and external user types (plural). */
export const GUEST_TYPE_NAMES: Readonly<Record<string, string>> = {
  internalguest: 'local guest users',
  b2bcollaborationguest: 'B2B collaboration guests',
  b2bcollaborationmember: 'B2B collaboration members',
  b2bdirectconnectuser: 'B2B direct connect users',
  otherexternaluser: 'other external users',
  serviceprovider: 'service provider users',
};

/** User actions. */
export const USER_ACTION_NAMES: Readonly<Record<string, string>> = {
  'urn:user:registersecurityinfo': 'the user action "Register security information"',
  'urn:user:registerdevice': 'the user action "Register or join devices"',
};
