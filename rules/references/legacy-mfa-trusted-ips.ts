import { defineRule } from '../../src/engine/define-rule.js';
import { policyReferences, sameId } from '../../src/evaluate/references.js';
import { isDisabled } from '../../src/model/policy.js';
import { MFA_TRUSTED_IPS_LOCATION } from '../../src/model/well-known-limits.js';

export default defineRule({
  id: 'references/legacy-mfa-trusted-ips',
  catalogue: 'CA-033',
  title: 'Policies do not rely on the legacy MFA trusted IPs list',
  risk: 'A policy relies on a list of trusted addresses kept outside Conditional Access, where it is easily forgotten',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'info',
  rationale:
    'The all-zero location id stands for the "trusted IPs" list in the legacy per-user MFA service settings. That list is ' +
    'maintained outside Conditional Access, is not visible among the named locations, holds only IPv4 ranges, and is easy ' +
    'to forget when networks change. Named locations do the same job, are audited with the rest of Conditional Access, and ' +
    'support IPv6.',
  remediation:
    'Create an IP named location (marked as trusted if other policies rely on AllTrusted) with the ranges from the legacy ' +
    'MFA service settings, select it in this policy instead of "MFA Trusted IPs", then empty the legacy list.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network'],
  messages: {
    legacyTrustedIps: (d) =>
      `"${d.policy}" ${d.verb} the legacy MFA trusted IPs list (${d.actual}), which is kept in the per-user MFA service settings ` +
      'rather than among the named locations; move its ranges to a named location.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) =>
        policyReferences(policy, ['namedLocation'])
          .filter((ref) => sameId(ref.value, MFA_TRUSTED_IPS_LOCATION))
          .map((ref) =>
            finding(policy, 'legacyTrustedIps', {
              pointer: ref.pointer,
              evidence: { actual: ref.value, field: ref.field, expected: 'an IP named location' },
              data: { verb: ref.side === 'exclude' ? 'excludes' : 'includes' },
            }),
          ),
      );
  },
});
