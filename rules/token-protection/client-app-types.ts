import { defineRule } from '../../src/engine/define-rule.js';
import { conditionPointer, isDisabled, list, requiresTokenProtection } from '../../src/model/policy.js';

const REQUIRED = 'mobileAppsAndDesktopClients';

export default defineRule({
  id: 'token-protection/client-app-types',
  catalogue: 'CA-074',
  title: 'Token protection applies only to mobile apps and desktop clients',
  severity: 'high',
  rationale:
    'Browsers cannot present device-bound tokens. Microsoft warns that leaving the client apps condition unconfigured, ' +
    'or leaving Browser selected, blocks applications that use MSAL.js, such as Teams on the web. The condition must ' +
    'select only "Mobile apps and desktop clients".',
  remediation:
    'Under Conditions > Client apps, set Configure to Yes and select only "Mobile apps and desktop clients" ' +
    '(clientAppTypes: ["mobileAppsAndDesktopClients"]); clear Browser, Exchange ActiveSync and Other clients.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection'],
  messages: {
    missing: (d) =>
      `"${d.policy}" requires token protection but does not configure client apps, so it also applies to browsers: ` +
      'MSAL.js apps such as Teams web are blocked.',
    all: (d) =>
      `"${d.policy}" requires token protection for all client apps, browsers included: MSAL.js apps such as Teams web are blocked.`,
    browser: (d) =>
      `"${d.policy}" requires token protection for browser sign-ins, which cannot bind tokens: MSAL.js apps such as Teams web are blocked.`,
    extra: (d) =>
      `"${d.policy}" requires token protection for legacy client type "${d.actual}", which cannot use token protection; ` +
      'select only mobile apps and desktop clients.',
    notSelected: (d) =>
      `"${d.policy}" requires token protection but its client apps condition does not include mobile apps and desktop clients, ` +
      'so it never protects the clients that support token protection.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) => {
        const raw = policy.conditions?.clientAppTypes;
        const values = list(raw);
        const expected = [REQUIRED];
        if (values.length === 0) {
          const pointer = conditionPointer(policy, 'clientAppTypes');
          return [finding(policy, 'missing', { pointer, evidence: { actual: raw ?? null, expected, missing: raw === undefined } })];
        }
        const out = values.flatMap((value, i) => {
          const pointer = `/conditions/clientAppTypes/${i}`;
          const evidence = { actual: value, expected, clientAppTypes: values };
          const v = value.toLowerCase();
          if (v === 'all') return [finding(policy, 'all', { pointer, evidence })];
          if (v === 'browser') return [finding(policy, 'browser', { pointer, evidence })];
          if (v === REQUIRED.toLowerCase()) return [];
          return [finding(policy, 'extra', { pointer, evidence })];
        });
        const hasAll = values.some((v) => v.toLowerCase() === 'all');
        if (!hasAll && !values.some((v) => v.toLowerCase() === REQUIRED.toLowerCase())) {
          out.push(finding(policy, 'notSelected', { pointer: '/conditions/clientAppTypes', evidence: { actual: values, expected } }));
        }
        return out;
      });
  },
});
