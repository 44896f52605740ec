import { defineRule } from '../../src/engine/define-rule.js';
import {
  describeNearMisses,
  nearMissEvidence,
  reasonsAgainst,
  type BaselineRequirement,
  type BaselineVerdict,
} from '../../src/evaluate/baseline.js';
import { FilterSyntaxError, filterAppliesToDevice, parseDeviceFilter, type DeviceAttributes } from '../../src/evaluate/device-filter/index.js';
import { policyLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';

interface Options {
  /** Longest accepted sign-in frequency, in hours. */
  maxHours: number;
}

/** Devices that are neither compliant nor hybrid joined: the policy must reach all of them. */
const UNMANAGED_DEVICES: ReadonlyArray<{ name: string; attributes: DeviceAttributes }> = [
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

const FILTER_POINTER = '/conditions/devices/deviceFilter';

export default defineRule<Options>({
  id: 'session/sign-in-frequency-unmanaged',
  catalogue: 'CA-056',
  title: 'Unmanaged devices get a sign-in frequency and no persistent browser session',
  severity: 'medium',
  rationale:
    'On a device the organisation does not manage, a browser that stays signed in after it is closed, or a session that ' +
    'lasts the default 90-day rolling window, is left for the next person at a shared or personal computer and for ' +
    'malware that copies session cookies. Microsoft\'s template ("Require reauthentication and disable browser ' +
    'persistence") targets All users and All resources, reaches unmanaged devices through a device filter ' +
    '(device.trustType -ne "ServerAD" -or device.isCompliant -ne True, include mode) and sets a 1-hour sign-in frequency ' +
    'with Never persistent browser sessions. A device filter is accepted when it still reaches every kind of unmanaged ' +
    'device; a browser-only policy is accepted too. Report-only and disabled policies do not count.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts), Target resources = All ' +
    'resources, Conditions > Filter for devices = Include filtered devices with device.trustType -ne "ServerAD" -or ' +
    'device.isCompliant -ne True (or no filter at all), Session = Sign-in frequency, Periodic reauthentication of at most ' +
    'the configured number of hours (Microsoft uses 1 hour), and Persistent browser session = Never persistent.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-policy-persistent-browser-session',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxHours: {
          type: 'integer',
          minimum: 1,
          description: 'Longest sign-in frequency (in hours; days count as 24) that counts. Microsoft\'s template uses 1.',
        },
      },
    },
    defaults: { maxHours: 24 },
  },
  messages: {
    missing: (d) =>
      `No enabled policy for All users on All resources gives unmanaged devices a sign-in frequency of ${hours(d.maxHours)} ` +
      `or less and a non-persistent browser session, so browser sessions on personal and shared devices stay signed in. ${d.nearText}`,
  },
  check({ index, options, finding }) {
    const maxHours = options.maxHours;
    const req: BaselineRequirement = {
      users: { kind: 'all' },
      resources: { kind: 'all' },
      clientAppTypes: ['browser'],
      control: {
        label: `set both a sign-in frequency of ${hours(maxHours)} or less and Never persistent browser sessions`,
        test: (p) => withinHours(p, maxHours) && persistentBrowserNever(p),
        related: (p) => frequencyHours(p) !== null || persistentBrowserNever(p),
      },
    };
    const verdict = evaluate(index, req, (policy, reasons) => reasons.flatMap((r) => (r.pointer === FILTER_POINTER ? filterReason(policy) : [r])));
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: { nearMisses: nearMissEvidence(index, verdict), expected: { signInFrequencyHoursAtMost: maxHours, persistentBrowser: 'never' } },
        data: { maxHours, nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});

type Reason = { text: string; pointer: string };

/**
 * evaluateBaseline with the reasons of each policy adjusted by the rule: a device filter is judged here (it is the
 * point of the policy), everything else is reasonsAgainst's verdict.
 */
function evaluate(index: TenantIndex, req: BaselineRequirement, adjust: (p: ConditionalAccessPolicy, r: Reason[]) => Reason[]): BaselineVerdict {
  const verdicts = index.policies.map((policy) => ({ policy, reasons: adjust(policy, reasonsAgainst(index, policy, req)) }));
  const relevant = (p: ConditionalAccessPolicy) => req.control.test(p) || (req.control.related?.(p) ?? false);
  const label = (p: ConditionalAccessPolicy) => policyLabel(p);
  return {
    satisfied: verdicts.some((v) => v.reasons.length === 0),
    satisfiedBy: verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy),
    nearMisses: verdicts
      .filter((v) => v.reasons.length > 0 && relevant(v.policy))
      .sort((a, b) => a.reasons.length - b.reasons.length || (label(a.policy) < label(b.policy) ? -1 : label(a.policy) > label(b.policy) ? 1 : 0))
      .slice(0, 3),
  };
}

/** No reason when the filter still reaches every kind of unmanaged device; otherwise say which it leaves out. */
function filterReason(policy: ConditionalAccessPolicy): Reason[] {
  const filter = policy.conditions?.devices?.deviceFilter;
  if (!filter || typeof filter.rule !== 'string') return [];
  try {
    const tree = parseDeviceFilter(filter.rule);
    const mode = filter.mode === 'include' ? 'include' : 'exclude';
    const missed = UNMANAGED_DEVICES.filter((d) => !filterAppliesToDevice(mode, tree, d.attributes)).map((d) => d.name);
    return missed.length === 0 ? [] : [{ text: `its device filter (${mode}) leaves out ${missed.join(', ')}`, pointer: FILTER_POINTER }];
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return [{ text: `its device filter cannot be parsed (${e.message}), so calint cannot tell which devices it reaches`, pointer: FILTER_POINTER }];
  }
}

/** The sign-in frequency in hours (0 for "every time"), or null when the control is off or incomplete. */
function frequencyHours(policy: ConditionalAccessPolicy): number | null {
  const s = policy.sessionControls?.signInFrequency;
  if (!s || s.isEnabled !== true) return null;
  if (s.frequencyInterval === 'everyTime') return 0;
  if (typeof s.value !== 'number' || !(s.value > 0)) return null;
  if (s.type === 'hours') return s.value;
  if (s.type === 'days') return s.value * 24;
  return null;
}

function withinHours(policy: ConditionalAccessPolicy, maxHours: number): boolean {
  const hours = frequencyHours(policy);
  return hours !== null && hours <= maxHours;
}

function persistentBrowserNever(policy: ConditionalAccessPolicy): boolean {
  const p = policy.sessionControls?.persistentBrowser;
  return !!p && p.isEnabled === true && p.mode === 'never';
}

function hours(n: unknown): string {
  return n === 1 ? '1 hour' : `${n} hours`;
}
