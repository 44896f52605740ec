import { defineRule } from '../../src/engine/define-rule.js';
import { formatCount } from '../../src/model/format-number.js';
import { MAX_DEVICE_FILTER_LENGTH } from '../../src/evaluate/device-filter/index.js';

export default defineRule({
  id: 'limits/device-filter-length',
  catalogue: 'CA-081',
  title: 'Device filter rules fit the length limit',
  risk: 'A device filter is longer than the service allows, so the policy cannot be saved',
  priority: 3,
  effort: 'medium',
  userImpact: 'none',
  severity: 'medium',
  rationale:
    `A device filter rule may be at most ${formatCount(MAX_DEVICE_FILTER_LENGTH)} characters long. A longer rule ` +
    'cannot be saved, so a deployment of the policy fails; rules that long are usually lists of device ids that belong in ' +
    'a device attribute (extensionAttribute) or a group instead.',
  remediation:
    'Shorten the rule under Conditions > Filter for devices: replace long -in lists of device ids or names with one ' +
    'extensionAttribute value set on those devices (Intune or Graph), or split the policy.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices'],
  messages: {
    tooLong: (d) =>
      `"${d.policy}" has a device filter rule of ${d.length} characters; the limit is ${d.limit}, so the policy cannot be saved as it is.`,
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      const rule = policy.conditions?.devices?.deviceFilter?.rule;
      if (typeof rule !== 'string' || rule.length <= MAX_DEVICE_FILTER_LENGTH) return [];
      return [
        finding(policy, 'tooLong', {
          pointer: '/conditions/devices/deviceFilter/rule',
          evidence: { actual: rule.length, expected: `at most ${MAX_DEVICE_FILTER_LENGTH} characters` },
          data: { length: formatCount(rule.length), limit: formatCount(MAX_DEVICE_FILTER_LENGTH) },
        }),
      ];
    });
  },
});
