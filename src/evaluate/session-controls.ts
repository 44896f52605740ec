/** Session controls as the session rules read them, and the unmanaged devices a session policy must reach. */
import { FilterSyntaxError, filterAppliesToDevice, parseDeviceFilter, type DeviceAttributes } from './device-filter/index.js';
import type { Reason } from './baseline.js';
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

export const DEVICE_FILTER_POINTER = '/conditions/devices/deviceFilter';

/** No reason when the device filter still reaches every kind of unmanaged device; otherwise say which it leaves out. */
export function unmanagedFilterReasons(policy: ConditionalAccessPolicy): Reason[] {
  const filter = policy.conditions?.devices?.deviceFilter;
  if (!filter || typeof filter.rule !== 'string') return [];
  try {
    const tree = parseDeviceFilter(filter.rule);
    const mode = filter.mode === 'include' ? 'include' : 'exclude';
    const missed = UNMANAGED_DEVICES.filter((d) => !filterAppliesToDevice(mode, tree, d.attributes)).map((d) => d.name);
    return missed.length === 0 ? [] : [{ text: `its device filter (${mode}) leaves out ${missed.join(', ')}`, pointer: DEVICE_FILTER_POINTER }];
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return [{ text: `its device filter cannot be parsed (${e.message}), so calint cannot tell which devices it reaches`, pointer: DEVICE_FILTER_POINTER }];
  }
}

/** A reasons adjuster for evaluateBaseline: the device filter is judged by whether it reaches unmanaged devices. */
export function judgeFilterByUnmanagedReach(policy: ConditionalAccessPolicy, reasons: Reason[]): Reason[] {
  return reasons.flatMap((r) => (r.pointer === DEVICE_FILTER_POINTER ? unmanagedFilterReasons(policy) : [r]));
}

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
