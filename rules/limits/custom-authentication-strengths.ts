import { defineRule } from '../../src/engine/define-rule.js';
import type { AuthenticationStrengthPolicy } from '../../src/model/snapshot-types.js';
import { MAX_CUSTOM_AUTHENTICATION_STRENGTHS } from '../../src/model/well-known-limits.js';
import { BUILT_IN_AUTHENTICATION_STRENGTHS } from '../../src/model/well-known-strengths.js';

const builtIn: ReadonlySet<string> = new Set(Object.keys(BUILT_IN_AUTHENTICATION_STRENGTHS).map((id) => id.toLowerCase()));

function isCustom(strength: AuthenticationStrengthPolicy): boolean {
  if (strength.policyType === 'builtIn') return false;
  if (strength.policyType === 'custom') return true;
  return typeof strength.id === 'string' && !builtIn.has(strength.id.toLowerCase());
}

export default defineRule({
  id: 'limits/custom-authentication-strengths',
  catalogue: 'CA-028',
  title: 'Custom authentication strengths stay within the service limit',
  risk: 'More custom authentication strengths are defined than the service allows, so some cannot be created',
  priority: 3,
  effort: 'medium',
  userImpact: 'none',
  severity: 'low',
  scope: 'tenant',
  rationale:
    `A tenant can hold at most ${MAX_CUSTOM_AUTHENTICATION_STRENGTHS} custom authentication strengths (the three built-ins do ` +
    'not count). A set beyond that cannot be created, so a deployment that relies on it fails part-way and the policies ' +
    'that require the missing strengths cannot be saved. Many near-identical strengths are also hard to review.',
  remediation:
    'Under Authentication methods > Authentication strengths, merge custom strengths that allow the same method ' +
    'combinations, use a built-in strength where one fits, and delete strengths no policy requires.',
  references: ['https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths'],
  messages: {
    tooMany: (d) =>
      `The export holds ${d.count} custom authentication strengths; the limit is ${d.limit}, so ${d.excess} of them cannot be created.`,
  },
  check({ snapshot, finding }) {
    const seen = new Set<string>();
    const custom = (snapshot.authenticationStrengths ?? []).filter((s) => {
      if (!isCustom(s)) return false;
      if (typeof s.id !== 'string') return true;
      const key = s.id.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (custom.length <= MAX_CUSTOM_AUTHENTICATION_STRENGTHS) return [];
    return [
      finding(null, 'tooMany', {
        pointer: '',
        evidence: {
          actual: custom.length,
          expected: `at most ${MAX_CUSTOM_AUTHENTICATION_STRENGTHS}`,
          strengths: custom.map((s) => ({ id: s.id ?? null, name: s.displayName ?? null })),
        },
        data: {
          count: custom.length,
          limit: MAX_CUSTOM_AUTHENTICATION_STRENGTHS,
          excess: custom.length - MAX_CUSTOM_AUTHENTICATION_STRENGTHS,
        },
      }),
    ];
  },
});
