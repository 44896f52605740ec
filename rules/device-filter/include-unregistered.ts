import { defineRule } from '../../src/engine/define-rule.js';
import { grantEffect } from '../../src/evaluate/grant-labels.js';
import { matchesDevice, type DeviceAttributes } from '../../src/evaluate/device-filter/index.js';
import { clausesOf, deviceFilterOf, isPositiveClause, oneBasedSpan } from '../../src/evaluate/device-filter/lint.js';
import { isDisabled } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

const POINTER = '/conditions/devices/deviceFilter/rule';

/** An unregistered device: Entra ID knows nothing about it, so every property is null. */
const UNREGISTERED: DeviceAttributes = {};

/** Registered devices that are less trusted than a managed one: what a filter "for unmanaged devices" aims at. */
const UNMANAGED: Array<{ name: string; attributes: DeviceAttributes }> = [
  {
    name: 'a personal Entra registered device that is not compliant',
    attributes: { trustType: 'Workplace', deviceOwnership: 'Personal', isCompliant: 'False', profileType: 'RegisteredDevice', systemLabels: [], physicalIds: [] },
  },
  {
    name: 'an Entra joined device that is not compliant',
    attributes: { trustType: 'AzureAD', deviceOwnership: 'Company', isCompliant: 'False', profileType: 'RegisteredDevice', systemLabels: [], physicalIds: [] },
  },
];

/** Managed devices. A filter that matches one of these targets registered devices in general, on purpose. */
const MANAGED: DeviceAttributes[] = [
  { trustType: 'AzureAD', deviceOwnership: 'Company', isCompliant: 'True', profileType: 'RegisteredDevice', systemLabels: [], physicalIds: [] },
  { trustType: 'ServerAD', deviceOwnership: 'Company', isCompliant: 'True', profileType: 'RegisteredDevice', systemLabels: [], physicalIds: [] },
];

const SESSION_CONTROLS = ['applicationEnforcedRestrictions', 'cloudAppSecurity', 'persistentBrowser', 'signInFrequency', 'secureSignInSession'];

export default defineRule({
  id: 'device-filter/include-unregistered',
  catalogue: 'CA-083',
  title: 'Include-mode device filters aimed at unmanaged devices also catch unregistered devices',
  risk: 'Devices that were never registered, the least trusted of all, escape a policy aimed at unmanaged devices',
  priority: 2,
  effort: 'low',
  userImpact: 'medium',
  severity: 'medium',
  rationale:
    'Entra ID evaluates a device filter against the device object in the directory. An unregistered device has none, so ' +
    'every property is null: positive operators (-eq, -startsWith, -endsWith, -contains, -in) never match it and negative ' +
    'ones (-ne, -notContains, …) always do. An include-mode filter written positively for the less trusted devices, such as ' +
    '‘device.isCompliant -eq "False"’ or ‘device.deviceOwnership -eq "Personal"’, therefore leaves out the least trusted ' +
    'devices of all, and the block, grant or session control never reaches them. The rule fires only when the filter ' +
    'matches an unmanaged registered device but neither an unregistered nor a managed (compliant, joined) one: a filter ' +
    'that targets compliant devices, all registered devices, or a named set (PAWs, kiosks, an OS) is a deliberate choice.',
  remediation:
    'Rewrite the filter with negative operators so that null properties match, e.g. include ' +
    '‘device.isCompliant -ne "True" -and device.trustType -ne "ServerAD"’ instead of ‘device.isCompliant -eq "False"’, or ' +
    'switch to exclude mode for the managed devices (exclude ‘device.isCompliant -eq "True" -or device.trustType -eq "ServerAD"’).',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices'],
  messages: {
    unregisteredEscape: (d) =>
      `"${d.policy}" ${d.effect} only on devices its include-mode filter matches, and the filter matches ${d.unmanagedName} but ` +
      `never an unregistered device: ${d.clausesText} cannot match a device whose properties are all null. Unregistered devices, ` +
      'the least trusted of all, escape the policy.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) => {
        const effect = effectOf(policy);
        if (!effect) return [];
        const filter = deviceFilterOf(policy);
        if (filter.status !== 'parsed' || filter.mode !== 'include') return [];
        const tree = filter.tree;
        if (matchesDevice(tree, UNREGISTERED)) return [];
        const unmanaged = UNMANAGED.find((d) => matchesDevice(tree, d.attributes));
        if (!unmanaged || MANAGED.some((d) => matchesDevice(tree, d))) return [];
        const positive = clausesOf(tree).filter(isPositiveClause);
        const describe = (c: (typeof positive)[number]) => `‘${filter.rule.slice(c.start, c.end)}’ (character ${c.start + 1})`;
        return [
          finding(policy, 'unregisteredEscape', {
            pointer: POINTER,
            evidence: {
              actual: filter.rule,
              mode: filter.mode,
              span: oneBasedSpan(positive[0] ?? tree),
              positiveClauses: positive.map((c) => ({ clause: filter.rule.slice(c.start, c.end), span: oneBasedSpan(c) })),
              matchesUnregistered: false,
              matches: unmanaged.attributes,
              expected: 'negative operators (-ne, -notIn, …) so that unregistered devices (null properties) match',
            },
            data: { effect, unmanagedName: unmanaged.name, clausesText: positive.map(describe).join(', ') },
          }),
        ];
      });
  },
});

/** What the policy enforces, in words; null when it enforces nothing (no grant and no session control). */
function effectOf(policy: ConditionalAccessPolicy): string | null {
  const grant = grantEffect(policy);
  if (grant) return grant;
  const s = (policy.sessionControls ?? null) as Record<string, unknown> | null;
  const on = SESSION_CONTROLS.filter((k) => (s?.[k] as { isEnabled?: unknown } | null | undefined)?.isEnabled === true);
  return on.length > 0 ? `applies session controls (${on.join(', ')})` : null;
}
