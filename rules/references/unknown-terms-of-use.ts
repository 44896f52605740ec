import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { policyReferences } from '../../src/evaluate/references.js';
import { isGuid, isPlaceholder } from '../../src/model/tenant-index.js';

export default defineRule({
  id: 'references/unknown-terms-of-use',
  catalogue: 'CA-022',
  title: 'Terms of use and custom controls required by a policy are real ids',
  risk: 'A policy asks for terms of use or a custom control by a placeholder or malformed id, so it cannot be deployed',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'low',
  rationale:
    'A grant can require accepting a terms-of-use agreement (named by its GUID) or passing a custom control (named by the ' +
    "id in the custom control's JSON). Template placeholders, and anything but a GUID for an agreement, cannot match an " +
    'agreement in any tenant, so the policy cannot be deployed as written. Exports do not include agreements or custom ' +
    'controls, so calint cannot tell whether a well-formed id still exists and says so instead of guessing.',
  remediation:
    'Under Grant, select the terms of use (Identity Governance > Terms of use) or custom control again so the policy holds ' +
    'its real id; replace template placeholders before deploying. Custom controls are being replaced by external ' +
    'authentication methods; plan the move.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/terms-of-use',
    'https://learn.microsoft.com/entra/identity/conditional-access/how-to-migrate-custom-controls-external-mfa',
  ],
  messages: {
    placeholder: (d) =>
      `"${d.policy}" requires the ${d.kindText} placeholder "${d.actual}", a template value that was never replaced with an id; ` +
      'Graph refuses it, so the policy cannot be deployed as written.',
    notAnId: (d) =>
      `"${d.policy}" requires terms of use "${d.actual}", which is not an agreement id (agreements are named by GUID); ` +
      'no agreement can match it, so the policy cannot be deployed as written.',
  },
  check({ index, finding, notice }) {
    const findings: FindingDraft[] = [];
    const unchecked = { termsOfUse: new Set<string>(), customControl: new Set<string>() };
    for (const policy of index.policies) {
      for (const ref of policyReferences(policy, ['termsOfUse', 'customControl'])) {
        const kind = ref.kind as 'termsOfUse' | 'customControl';
        const value = ref.value.trim();
        const kindText = kind === 'termsOfUse' ? 'terms-of-use' : 'custom-control';
        if (value === '' || isPlaceholder(value)) {
          findings.push(
            finding(policy, 'placeholder', { pointer: ref.pointer, evidence: { actual: ref.value, field: ref.field }, data: { kindText } }),
          );
        } else if (kind === 'termsOfUse' && !isGuid(value)) {
          findings.push(
            finding(policy, 'notAnId', { pointer: ref.pointer, evidence: { actual: ref.value, expected: 'an agreement id (GUID)' } }),
          );
        } else {
          unchecked[kind].add(value.toLowerCase());
        }
      }
    }
    const parts = [
      unchecked.termsOfUse.size > 0 ? `${unchecked.termsOfUse.size} terms-of-use agreement id(s)` : '',
      unchecked.customControl.size > 0 ? `${unchecked.customControl.size} custom control id(s)` : '',
    ].filter(Boolean);
    if (parts.length > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${parts.join(' and ')} required by policies cannot be checked against the tenant, because exports hold no ` +
          'agreements or custom controls (compare them with Identity Governance > Terms of use and Conditional Access > Custom controls)',
      );
    }
    return findings;
  },
});
