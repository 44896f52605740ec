import { defineRule } from '../../src/engine/define-rule.js';
import { policyState } from '../../src/model/policy.js';
import { MAX_POLICIES, POLICY_COUNT_WARNING } from '../../src/model/well-known-limits.js';

interface Options {
  warnAt: number;
}

export default defineRule<Options>({
  id: 'limits/policy-count',
  catalogue: 'CA-028',
  title: 'The tenant stays clear of the 195-policy limit',
  risk: 'The tenant is near or over the maximum number of policies, so a new or emergency policy may not fit',
  priority: 3,
  effort: 'medium',
  userImpact: 'none',
  severity: 'low',
  scope: 'tenant',
  rationale:
    `A tenant can hold at most ${MAX_POLICIES} Conditional Access policies, counting enabled, report-only and disabled ones ` +
    'alike. Close to the limit, the next baseline or emergency policy cannot be created, and report-only pilots or ' +
    'disabled leftovers compete with policies that protect. Consolidating takes time, so it is worth starting early.',
  remediation:
    'Delete disabled and obsolete report-only policies (keep an exported copy), and merge policies with the same users and ' +
    'controls; see hygiene/duplicate-policies for candidates.',
  references: [
    'https://learn.microsoft.com/entra/identity/users/directory-service-limits-restrictions',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        warnAt: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_POLICIES,
          description: `Number of policies (all states) at which to warn; the limit is ${MAX_POLICIES}.`,
        },
      },
    },
    defaults: { warnAt: POLICY_COUNT_WARNING },
  },
  messages: {
    nearLimit: (d) =>
      `The export holds ${d.count} Conditional Access policies (${d.breakdown}); the limit is ${d.limit}, so at most ${d.room} more can be created.`,
    overLimit: (d) =>
      `The export holds ${d.count} Conditional Access policies (${d.breakdown}), more than the limit of ${d.limit}; a tenant cannot ` +
      'hold this set, so some policies will fail to deploy.',
  },
  check({ index, options, finding }) {
    const seen = new Set<string>();
    const states = { enabled: 0, 'report-only': 0, disabled: 0 };
    for (const policy of index.policies) {
      if (typeof policy.id === 'string' && policy.id !== '') {
        const key = policy.id.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
      }
      const s = policyState(policy);
      states[s === 'enabledForReportingButNotEnforced' ? 'report-only' : s]++;
    }
    const count = states.enabled + states['report-only'] + states.disabled;
    if (count < options.warnAt) return [];
    const breakdown = `${states.enabled} enabled, ${states['report-only']} report-only, ${states.disabled} disabled`;
    const evidence = { actual: count, expected: `fewer than ${options.warnAt}`, limit: MAX_POLICIES, byState: states };
    return [
      finding(null, count > MAX_POLICIES ? 'overLimit' : 'nearLimit', {
        pointer: '',
        evidence,
        data: { count, breakdown, limit: MAX_POLICIES, room: Math.max(0, MAX_POLICIES - count) },
      }),
    ];
  },
});
