import { defineRule } from '../../src/engine/define-rule.js';
import { deviceFilterOf } from '../../src/evaluate/device-filter/lint.js';
import { MAX_DEVICE_FILTER_LENGTH } from '../../src/evaluate/device-filter/index.js';

const POINTER = '/conditions/devices/deviceFilter/rule';

export default defineRule({
  id: 'device-filter/syntax',
  catalogue: 'CA-081',
  title: 'Device filter rules parse',
  risk: 'A device filter cannot be read, so the policy cannot be deployed and nobody can tell which devices it covers',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A device filter decides which devices a policy applies to. A rule that does not follow the filter grammar ' +
    '(device.<property> -<operator> "value", joined with -and / -or) cannot be saved through Microsoft Graph, so a policy ' +
    'file holding one fails to deploy, and nobody can tell which devices it was meant to cover. Disabled policies are checked ' +
    `too: the file is wrong whatever the state. (The ${MAX_DEVICE_FILTER_LENGTH}-character limit is checked by ` +
    'limits/device-filter-length; operators and properties by device-filter/operator.)',
  remediation:
    'Fix the rule at the reported character under Conditions > Filter for devices (the rule builder shows the syntax): quote ' +
    'string values, write operators with a leading dash (-eq, -contains), close every bracket and list, and join clauses ' +
    'with -and / -or.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection',
  ],
  messages: {
    unparsable: (d) =>
      `"${d.policy}" has a device filter that does not parse: ${d.error}${d.where}. ` +
      'Graph rejects the rule, and calint cannot tell which devices the policy covers.',
    empty: (d) =>
      `"${d.policy}" has an ${d.mode}-mode device filter with an empty rule; Graph requires a rule, so the filter either ` +
      'fails to deploy or means nothing. Remove the filter or write the rule.',
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      const filter = deviceFilterOf(policy);
      if (filter.status === 'empty') {
        return [finding(policy, 'empty', { pointer: POINTER, evidence: { actual: filter.rule, mode: filter.mode }, data: { mode: filter.mode } })];
      }
      if (filter.status !== 'unparsable') return [];
      const atEnd = filter.offset >= filter.rule.length;
      const position = Math.min(filter.offset, Math.max(filter.rule.length - 1, 0)) + 1;
      return [
        finding(policy, 'unparsable', {
          pointer: POINTER,
          evidence: { actual: filter.rule, error: filter.error, span: { start: position, end: position }, atEnd },
          data: {
            error: filter.error,
            // Some parser messages already name the character.
            where: /character \d+/.test(filter.error) ? '' : ` (character ${position}${atEnd ? ', the end of the rule' : ''})`,
          },
        }),
      ];
    });
  },
});
