// A small external rule pack, loaded through the same API as the built-in rules.
import { defineRule } from 'calint';

export default defineRule({
  id: 'contoso/name-prefix',
  catalogue: 'CA-030',
  title: 'Policy names start with the configured prefix',
  severity: 'low',
  rationale: 'A naming convention makes policies easy to find and audit.',
  remediation: 'Rename the policy.',
  references: ['https://learn.microsoft.com/azure/architecture/guide/security/conditional-access-framework'],
  options: {
    schema: { type: 'object', properties: { prefix: { type: 'string' } }, additionalProperties: false },
    defaults: { prefix: 'CA' },
  },
  messages: {
    badName: (d) => `"${d.policy}" does not start with "${d.prefix}".`,
  },
  check({ index, options, finding }) {
    return index.policies
      .filter((p) => typeof p.displayName === 'string' && !p.displayName.startsWith(options.prefix))
      .map((p) => finding(p, 'badName', { pointer: '/displayName', evidence: { actual: p.displayName }, data: { prefix: options.prefix } }));
  },
});
