/** Session controls as the session rules read them, and the unmanaged devices a session policy must reach. */
import type { DeviceAttributes } from './device-filter/index.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';

/** Devices that are neither compliant nor hybrid joined: a policy for unmanaged devices must reach all of them. */
export const UNMANAGED_DEVICES: ReadonlyArray<{ name: string; attributes: DeviceAttributes }> = [
  { name: 'unregistered devices', attributes: {} },
  {
    name: 'personal Entra registered devices',
    attributes: { trustType: 'Workplace', isCompliant: false, deviceOwnership: 'Personal', profileType: 'RegisteredDevice' },
  },
  {
    name: 'Entra joined devices that are not compliant',
    attributes: { trustType: 'AzureAD', isCompliant: false, deviceOwnership: 'Company', profileType: 'RegisteredDevice' },
  },
];

/** The sign-in frequency in hours (0 for "every time"), or null when the control is off or incomplete. */
export function frequencyHours(policy: ConditionalAccessPolicy): number | null {
  const s = policy.sessionControls?.signInFrequency;
  if (!s || s.isEnabled !== true) return null;
  if (s.frequencyInterval === 'everyTime') return 0;
  if (typeof s.value !== 'number' || !(s.value > 0)) return null;
  if (s.type === 'hours') return s.value;
  if (s.type === 'days') return s.value * 24;
  return null;
}

export function withinHours(policy: ConditionalAccessPolicy, maxHours: number): boolean {
  const hours = frequencyHours(policy);
  return hours !== null && hours <= maxHours;
}

/**
 * The client apps the persistent browser session control concerns: it keeps (or drops) the browser's session cookie,
 * so it means nothing to mobile apps and desktop clients, and a "Never persistent" policy limited to Client apps =
 * Browser fully meets it. Ask the persistence part of a requirement over browser sign-ins only (the sign-in frequency
 * part still needs every modern client). Microsoft: concept-session-lifetime, "Persistence of browsing sessions".
 */
export const PERSISTENT_BROWSER_CLIENT_APPS: readonly string[] = ['browser'];

export function persistentBrowserNever(policy: ConditionalAccessPolicy): boolean {
  const p = policy.sessionControls?.persistentBrowser;
  return !!p && p.isEnabled === true && p.mode === 'never';
}

export function formatHours(n: unknown): string {
  return n === 1 ? '1 hour' : `${n} hours`;
}

export function formatDays(n: unknown): string {
  return n === 1 ? '1 day' : `${n} days`;
}
