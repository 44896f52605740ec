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
import { EXCHANGE_ONLINE, SHAREPOINT_ONLINE } from '../../src/model/well-known-apps.js';

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

export default defineRule({
  id: 'session/app-enforced-restrictions',
  catalogue: 'CA-061',
  title: 'Exchange Online and SharePoint Online apply app-enforced restrictions to browser sessions',
  severity: 'medium',
  rationale:
    'App-enforced restrictions pass the device state to Exchange Online and SharePoint Online, which then limit a ' +
    'browser session from an unmanaged device (for example web-only, no download, print or sync) instead of handing out ' +
    'full access. Only these two services honour the control, and only when a policy sends it: Microsoft\'s template ' +
    'targets All users and the Office 365 app group with Session > Use app enforced restrictions. calint looks for an ' +
    'enabled policy for All users that covers both services and browser sessions; a device filter is accepted when it ' +
    'still reaches every kind of unmanaged device. Report-only and disabled policies do not count. The matching service ' +
    'settings (SharePoint unmanaged-device access, the OWA mailbox policy) are not in a Conditional Access export.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts), Target resources = Office 365 ' +
    '(or at least Office 365 Exchange Online and Office 365 SharePoint Online), Client apps = Browser (or not configured), ' +
    'Session = Use app enforced restrictions. Then configure the limited-access behaviour in SharePoint (Access control > ' +
    'Unmanaged devices) and the OWA mailbox policy in Exchange Online.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-policy-app-enforced-restriction',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-session',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy for All users applies app-enforced restrictions to browser sessions on Exchange Online and ' +
      `SharePoint Online, so unmanaged devices get full web access to mail and files. ${d.nearText}`,
  },
  check({ index, finding }) {
    const req: BaselineRequirement = {
      users: { kind: 'all' },
      resources: { kind: 'apps', appIds: [EXCHANGE_ONLINE, SHAREPOINT_ONLINE] },
      clientAppTypes: ['browser'],
      control: { label: 'use app enforced restrictions', test: appEnforcedRestrictions },
    };
    const verdict = evaluate(index, req, (policy, reasons) => reasons.flatMap((r) => (r.pointer === FILTER_POINTER ? filterReason(policy) : [r])));
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: {
          nearMisses: nearMissEvidence(index, verdict),
          expected: { applications: [EXCHANGE_ONLINE, SHAREPOINT_ONLINE], clientAppTypes: ['browser'], applicationEnforcedRestrictions: { isEnabled: true } },
        },
        data: { nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});

function appEnforcedRestrictions(policy: ConditionalAccessPolicy): boolean {
  return policy.sessionControls?.applicationEnforcedRestrictions?.isEnabled === true;
}

type Reason = { text: string; pointer: string };

/** evaluateBaseline with the reasons of each policy adjusted by the rule (a device filter is judged here). */
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
