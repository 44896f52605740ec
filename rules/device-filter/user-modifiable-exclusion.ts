import { defineRule } from '../../src/engine/define-rule.js';
import { describeGrant, grantAlternatives } from '../../src/evaluate/controls.js';
import { grantEffect } from '../../src/evaluate/grant-labels.js';
import { DEVICE_PROPERTIES, matchesDevice, type DeviceAttributes, type FilterNode } from '../../src/evaluate/device-filter/index.js';
import { clausesOf, deviceFilterOf, oneBasedSpan, type FilterClause } from '../../src/evaluate/device-filter/lint.js';
import { isDisabled } from '../../src/model/policy.js';

const POINTER = '/conditions/devices/deviceFilter/rule';

/**
 * Devices any user can bring without an administrator: one they register (Entra registered, personal, not compliant) and
 * one they join to Entra ID (allowed for all users by default). Clauses on properties the user cannot change are judged
 * against these devices; clauses on user-modifiable properties are assumed to match, since the user picks their values.
 */
const USER_DEVICES: Array<{ name: string; attributes: DeviceAttributes }> = [
  {
    name: 'a device the user registers',
    attributes: { trustType: 'Workplace', profileType: 'RegisteredDevice', deviceOwnership: 'Personal', isCompliant: 'False', systemLabels: [], physicalIds: [] },
  },
  {
    name: 'a device the user joins to Microsoft Entra ID',
    attributes: { trustType: 'AzureAD', profileType: 'RegisteredDevice', isCompliant: 'False', systemLabels: [], physicalIds: [] },
  },
];

const isUserModifiable = (c: FilterClause) => DEVICE_PROPERTIES.get(c.property.toLowerCase())?.userModifiable === true;

/** The clauses of one way through the filter that a user's own device can satisfy, or null when there is none. */
function userPath(node: FilterNode, device: DeviceAttributes): FilterClause[] | null {
  if (node.type === 'clause') return isUserModifiable(node) || matchesDevice(node, device) ? [node] : null;
  if (node.type === 'and') {
    const parts = node.children.map((c) => userPath(c, device));
    return parts.every((p) => p !== null) ? parts.flat() as FilterClause[] : null;
  }
  const options = node.children.map((c) => userPath(c, device)).filter((p): p is FilterClause[] => p !== null);
  return options.find((p) => p.some(isUserModifiable)) ?? options[0] ?? null;
}

export default defineRule({
  id: 'device-filter/user-modifiable-exclusion',
  catalogue: 'CA-082',
  title: 'Device exclusions from blocking or grant policies do not rest on attributes a user can change',
  risk: 'A user can escape a policy by renaming a device or changing what it reports',
  priority: 1,
  effort: 'medium',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'An exclude-mode device filter lifts the policy for every device it matches. Device name, model, manufacturer, ' +
    'operating system and its version are set or reported by the device itself, so its user can change them; Microsoft ' +
    'warns against using them on their own and recommends combining them with -and on a property the user cannot change. ' +
    'If one way through the filter needs only such attributes (plus what any self-registered or self-joined device has, ' +
    'such as trustType "Workplace" or isCompliant "False"), a user renames a device, e.g. to the PAW naming scheme, and the ' +
    'block or the required control no longer applies to it.',
  remediation:
    'Under Conditions > Filter for devices, anchor every -or branch of the exclusion on a property the user cannot change: ' +
    'an extensionAttribute set by your device management, deviceId, enrollmentProfileName, physicalIds (Autopilot ZTDId), ' +
    'systemLabels, isCompliant -eq "True" or trustType -eq "ServerAD", joined with -and to the name or model test, for example ' +
    '‘device.displayName -startsWith "PAW-" -and device.extensionAttribute1 -eq "PAW"’.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices'],
  messages: {
    modifiableOnly: (d) =>
      `"${d.policy}" ${d.effect}, except on devices its exclude-mode filter matches, and the filter tests only attributes a ` +
      `user can change (${d.propertiesText}), e.g. ${d.pathText}. Renaming a device or changing what it reports is enough to ` +
      'escape the policy.',
    modifiablePath: (d) =>
      `"${d.policy}" ${d.effect}, except on devices its exclude-mode filter matches, and one way through the filter needs only ` +
      `attributes a user can change on ${d.deviceName}: ${d.pathText}. Renaming a device or changing what it reports is ` +
      'enough to escape the policy; anchor that branch on a property the user cannot change.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && grantAlternatives(p).length > 0)
      .flatMap((policy) => {
        const filter = deviceFilterOf(policy);
        if (filter.status !== 'parsed' || filter.mode !== 'exclude') return [];
        const clauses = clausesOf(filter.tree);
        for (const device of USER_DEVICES) {
          const path = userPath(filter.tree, device.attributes);
          if (!path || !path.some(isUserModifiable)) continue;
          const modifiable = path.filter(isUserModifiable);
          const only = clauses.every(isUserModifiable);
          const describe = (c: FilterClause) => `‘${filter.rule.slice(c.start, c.end)}’ (character ${c.start + 1})`;
          return [
            finding(policy, only ? 'modifiableOnly' : 'modifiablePath', {
              pointer: POINTER,
              evidence: {
                actual: filter.rule,
                mode: filter.mode,
                span: oneBasedSpan(modifiable[0]!),
                path: path.map((c) => ({
                  clause: filter.rule.slice(c.start, c.end),
                  span: oneBasedSpan(c),
                  property: c.property,
                  userModifiable: isUserModifiable(c),
                })),
                userDevice: only ? null : device.attributes,
                grant: describeGrant(policy),
                expected: 'every -or branch ANDed with a property the user cannot change',
              },
              data: {
                effect: grantEffect(policy) ?? 'applies',
                pathText: path.map(describe).join(' -and '),
                propertiesText: [...new Set(clauses.map((c) => c.property))].join(', ') + ` in ${clauses.length} clause${clauses.length === 1 ? '' : 's'}`,
                deviceName: device.name,
              },
            }),
          ];
        }
        return [];
      });
  },
});
