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

/**
 * Why a policy's sign-in frequency is not "Every time", as the risk-policy rules report it: `timeBased` (a periodic
 * frequency instead) or `noFrequency` (none, or switched off); null when it is Every time. The pointer is the deepest
 * one the policy has towards sessionControls.signInFrequency.
 */
export type EveryTimeGap =
  | { messageId: 'timeBased'; pointer: string; actual: { frequencyInterval: string | null; value: number; type: string }; actualText: string }
  | { messageId: 'noFrequency'; pointer: string; actual: unknown; missing: boolean };

function everyTimeGap(policy: ConditionalAccessPolicy): EveryTimeGap | null {
  const s = policy.sessionControls?.signInFrequency ?? null;
  const enabled = !!s && s.isEnabled === true;
  if (enabled && s.frequencyInterval === 'everyTime') return null;
  if (enabled && typeof s.value === 'number' && typeof s.type === 'string') {
    return {
      messageId: 'timeBased',
      pointer: frequencyPointer(policy, 'frequencyInterval'),
      actual: { frequencyInterval: s.frequencyInterval ?? null, value: s.value, type: s.type },
      actualText: `${s.value} ${s.type}`,
    };
  }
  return { messageId: 'noFrequency', pointer: frequencyPointer(policy, null), actual: s, missing: !enabled };
}

/** What a rule hands to its `finding()` (the engine's FindingInput, without importing the engine). */
export interface EveryTimeFindingInput {
  pointer: string;
  evidence: Record<string, unknown>;
  data: Record<string, unknown>;
}

/**
 * The finding of a risk policy whose sign-in frequency is not Every time (session/sign-in-risk-frequency,
 * session/user-risk-frequency): message id and finding input, with the risk levels under `levelsKey`; null when it is.
 */
export function everyTimeFinding(policy: ConditionalAccessPolicy, levelsKey: string, levels: string[]): { messageId: EveryTimeGap['messageId']; input: EveryTimeFindingInput } | null {
  const gap = everyTimeGap(policy);
  if (!gap) return null;
  const levelsText = levels.join(', ');
  if (gap.messageId === 'timeBased') {
    return {
      messageId: gap.messageId,
      input: { pointer: gap.pointer, evidence: { actual: gap.actual, expected: { frequencyInterval: 'everyTime' }, [levelsKey]: levels }, data: { levelsText, actualText: gap.actualText } },
    };
  }
  return {
    messageId: gap.messageId,
    input: { pointer: gap.pointer, evidence: { actual: gap.actual, missing: gap.missing, expected: { isEnabled: true, frequencyInterval: 'everyTime' }, [levelsKey]: levels }, data: { levelsText } },
  };
}

/** The deepest existing pointer towards sessionControls.signInFrequency[.field]. */
function frequencyPointer(policy: ConditionalAccessPolicy, field: string | null): string {
  const session = policy.sessionControls as Record<string, unknown> | null | undefined;
  if (!session || typeof session !== 'object') return 'sessionControls' in policy ? '/sessionControls' : '';
  const sif = session.signInFrequency as Record<string, unknown> | null | undefined;
  if (!('signInFrequency' in session)) return '/sessionControls';
  if (field && sif && typeof sif === 'object' && field in sif) return `/sessionControls/signInFrequency/${field}`;
  return '/sessionControls/signInFrequency';
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
