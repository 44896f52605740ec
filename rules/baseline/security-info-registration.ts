import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { blocks, grantAlternatives, type Control } from '../../src/evaluate/controls.js';
import { evaluateRequirement, locationTrust, withoutReasonsAt, type Reason } from '../../src/evaluate/risk.js';
import { conditionPointer, hasKeyword, list } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { USER_ACTION_REGISTER_SECURITY_INFO } from '../../src/model/well-known-platforms.js';

const STRONG: Control[] = ['mfa', 'authenticationStrength', 'compliantDevice', 'domainJoinedDevice'];

/** Every way through the grant needs MFA (or a strength) or a compliant / hybrid joined device. */
function requiresStrongProof(policy: ConditionalAccessPolicy): boolean {
  const alts = grantAlternatives(policy);
  return alts.length > 0 && alts.every((alt) => alt.some((c) => STRONG.includes(c)));
}

function mentionsStrongProof(policy: ConditionalAccessPolicy): boolean {
  return grantAlternatives(policy).some((alt) => alt.some((c) => STRONG.includes(c)));
}

/** Locations = include Any location, exclude only trusted locations: the policy acts outside the trusted network. */
function outsideTrustedLocations(index: TenantIndex, policy: ConditionalAccessPolicy): { ok: boolean; reasons: Reason[] } {
  const locations = policy.conditions?.locations ?? null;
  const include = list(locations?.includeLocations);
  const exclude = list(locations?.excludeLocations);
  if (include.length === 0) return { ok: false, reasons: [] };
  const reasons: Reason[] = [];
  if (!hasKeyword(include, 'All')) return { ok: false, reasons };
  if (exclude.length === 0) return { ok: false, reasons };
  exclude.forEach((value, i) => {
    const trust = locationTrust(index, value);
    const name = index.nameOf('namedLocation', value);
    if (trust === 'untrusted') reasons.push({ text: `it exempts ${name}, which is not a trusted location`, pointer: `/conditions/locations/excludeLocations/${i}` });
    if (trust === 'unknown') {
      reasons.push({ text: `it exempts ${name}, which the export does not define, so calint cannot tell whether it is trusted`, pointer: `/conditions/locations/excludeLocations/${i}` });
    }
  });
  return { ok: reasons.length === 0, reasons };
}

export default defineRule({
  id: 'baseline/security-info-registration',
  catalogue: 'CA-052',
  title: 'Registering security information is protected for all users',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'Whoever registers the MFA methods of an account owns it: an attacker with a password and no protected registration ' +
    'adds their own authenticator and passes every MFA policy afterwards. Microsoft recommends a policy on the user action ' +
    '"Register security information" for All users that requires MFA (new users get a Temporary Access Pass) outside trusted ' +
    'locations; requiring a compliant or hybrid joined device, or blocking registration outside trusted locations, also ' +
    'qualifies, and an All-resources MFA policy covers the action too. Here the location condition is the point of the ' +
    'policy, not a narrowing, and excluding guest users follows Microsoft\'s template (a Temporary Access Pass does not ' +
    'work for guests). A report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts, and guest and external users if ' +
    'you follow Microsoft\'s template), Target resources > User actions = Register security information, Conditions > ' +
    'Locations: Include = Any location, Exclude = All trusted locations, Grant = Require authentication strength ' +
    '"Multifactor authentication" (or Require multifactor authentication, or a compliant / hybrid joined device). Issue ' +
    'Temporary Access Passes to new users.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration',
    'https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy protects "Register security information" for all users (MFA or a managed device, or a block ' +
      'outside trusted locations), so anyone holding a password can register their own MFA method. ' +
      d.nearText,
  },
  check({ index, finding }) {
    const adjust = (policy: ConditionalAccessPolicy, reasons: Reason[]): Reason[] => {
      // Guests may be excluded (Microsoft's template does it): only the guest-exclusion reason sits at /conditions/users.
      let out = reasons.filter((r) => r.pointer !== '/conditions/users');
      const where = outsideTrustedLocations(index, policy);
      if (where.ok) out = withoutReasonsAt(out, '/conditions/locations');
      else if (where.reasons.length > 0) out = [...withoutReasonsAt(out, '/conditions/locations/excludeLocations'), ...where.reasons];
      if (blocks(policy) && !where.ok && !out.some((r) => r.pointer.startsWith('/conditions/locations'))) {
        out.push({ text: 'it blocks registration from every location, so nobody can register', pointer: conditionPointer(policy, 'locations') });
      }
      return out;
    };
    const verdict = evaluateRequirement(
      index,
      {
        users: { kind: 'all' },
        resources: { kind: 'userAction', action: USER_ACTION_REGISTER_SECURITY_INFO },
        control: {
          label: 'require MFA or a compliant / hybrid joined device, or block outside trusted locations',
          test: (p) => requiresStrongProof(p) || blocks(p),
          related: mentionsStrongProof,
        },
      },
      { adjust },
    );
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: {
          expected: {
            includeUserActions: [USER_ACTION_REGISTER_SECURITY_INFO],
            locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
            grant: 'mfa | authenticationStrength | compliantDevice | domainJoinedDevice, or block outside trusted locations',
          },
          nearMisses: nearMissEvidence(index, verdict),
        },
        data: { nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});
