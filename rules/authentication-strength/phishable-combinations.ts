import { defineRule } from '../../src/engine/define-rule.js';
import { strengthId } from '../../src/evaluate/controls.js';
import { isDisabled, policyLabel, usersCondition } from '../../src/model/policy.js';
import type { AuthenticationStrengthPolicy, ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { describeCombination, isPhishableCombination } from '../../src/model/well-known-methods.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';
import { BUILT_IN_AUTHENTICATION_STRENGTHS } from '../../src/model/well-known-strengths.js';

interface Options {
  /** Case-insensitive regular expression: a strength or policy name/description that promises phishing resistance. */
  namePattern: string;
}

interface Strength {
  id: string;
  name: string;
  description: string;
  /** null when the export holds no allowedCombinations for it. */
  combinations: string[] | null;
  /** Where the combinations were read from. */
  source: 'authenticationStrengths' | 'policy';
  /** The strength is in the exported authentication strength list (a tenant object, used or not). */
  listed: boolean;
}

const builtIn: ReadonlySet<string> = new Set(Object.keys(BUILT_IN_AUTHENTICATION_STRENGTHS).map((id) => id.toLowerCase()));
const adminRoles: ReadonlySet<string> = new Set(ADMIN_MFA_ROLES.map((id) => id.toLowerCase()));

export default defineRule<Options>({
  id: 'authentication-strength/phishable-combinations',
  catalogue: 'CA-085',
  title: 'Custom authentication strengths meant to be phishing-resistant allow only phishing-resistant methods',
  risk: 'An authentication strength presented as phishing-resistant still accepts sign-in methods that a phishing site can relay',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'A custom authentication strength allows exactly the method combinations listed in it. Only Windows Hello for ' +
    'Business, FIDO2 security keys and passkeys, and certificate-based authentication resist a phishing proxy; password with ' +
    'SMS, voice, OATH codes or Authenticator push, phone sign-in, Temporary Access Pass and federated methods can all be ' +
    'relayed in real time. A strength named or described as phishing-resistant, or required for administrator roles, that ' +
    'still lists such a combination gives the protection its name promises to no one: an attacker picks the phishable ' +
    'combination. The built-in strengths are not checked here.',
  remediation:
    'Under Entra ID > Authentication methods > Authentication strengths, edit the custom strength and keep only Windows Hello ' +
    'for Business, Passkeys (FIDO2) and Certificate-based authentication (multifactor), optionally restricted to your key ' +
    'models (AAGUIDs) or certificate issuers; or require the built-in "Phishing-resistant MFA" strength in the policy instead.',
  references: [
    'https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-admin-phish-resistant-mfa',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        namePattern: { type: 'string', description: 'Case-insensitive regular expression for names and descriptions that promise phishing resistance.' },
      },
    },
    defaults: { namePattern: 'phish(ing)?[\\s_-]*(resist|proof)|\\bphr\\b|\\bprmfa\\b' },
  },
  messages: {
    phishable: (d) =>
      `"${d.policy}" requires the custom authentication strength "${d.strength}"${d.whyText}, but the strength allows ` +
      `phishable combinations: ${d.combinationsText}. An attacker relaying the sign-in chooses one of those, so the policy ` +
      'is not phishing-resistant.',
    unusedPhishable: (d) =>
      `The custom authentication strength "${d.strength}" is ${d.claim} but allows phishable combinations: ${d.combinationsText}. ` +
      'No enabled or report-only policy requires it yet; fix it before one does.',
  },
  check({ index, finding, notice, options }) {
    const pattern = new RegExp(options.namePattern, 'i');
    const strengths = collectStrengths(index);
    const claims = (s: Strength) => pattern.test(s.name) || pattern.test(s.description);
    const used = new Set<string>();
    const unknown = new Set<string>();

    const perPolicy = index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) => {
        const id = strengthId(policy);
        if (!id || builtIn.has(id.toLowerCase())) return [];
        used.add(id.toLowerCase());
        const strength = strengths.get(id.toLowerCase()) ?? { id, name: index.nameOf('authenticationStrength', id), description: '', combinations: null, source: 'policy' as const, listed: false };
        const roles = usersCondition(policy).includeRoles.filter((r) => adminRoles.has(r.toLowerCase()));
        const why: string[] = [];
        if (claims(strength)) why.push('its name or description promises phishing resistance');
        if (pattern.test(policyLabel(policy)) || pattern.test(policy.description ?? '')) why.push('the policy is named as phishing-resistant');
        if (roles.length > 0) why.push(`the policy targets admin roles: ${roles.map((r) => index.nameOf('role', r)).join(', ')}`);
        if (why.length === 0) return [];
        if (strength.combinations === null) {
          unknown.add(strength.name === id ? id : `"${strength.name}" (${id})`);
          return [];
        }
        const phishable = strength.combinations.filter(isPhishableCombination);
        if (phishable.length === 0) return [];
        return [
          finding(policy, 'phishable', {
            pointer: '/grantControls/authenticationStrength',
            evidence: {
              actual: phishable,
              expected: 'only windowsHelloForBusiness, fido2, x509CertificateMultiFactor',
              strengthId: strength.id,
              strengthName: strength.name,
              allowedCombinations: strength.combinations,
              strengthSource: strength.source,
              adminRoles: roles,
            },
            data: { strength: strength.name, whyText: ` (${why.join('; ')})`, combinationsText: phishable.map(describeCombination).join('; ') },
          }),
        ];
      });

    if (unknown.size > 0) {
      notice(
        'not-evaluated',
        `not evaluated: needs the allowed combinations of custom authentication strength(s) ${[...unknown].join(', ')} ` +
          '(export identity/conditionalAccess/authenticationStrength/policies into the snapshot, or inline the strength objects in the policies).',
      );
    }

    const tenant = [...strengths.values()]
      .filter((s) => s.listed && !used.has(s.id.toLowerCase()) && claims(s) && s.combinations)
      .flatMap((s) => {
        const phishable = s.combinations!.filter(isPhishableCombination);
        if (phishable.length === 0) return [];
        return [
          finding(null, 'unusedPhishable', {
            pointer: '',
            evidence: { actual: phishable, strengthId: s.id, strengthName: s.name, allowedCombinations: s.combinations },
            data: {
              strength: s.name,
              claim: pattern.test(s.name) ? 'named as phishing-resistant' : 'described as phishing-resistant',
              combinationsText: phishable.map(describeCombination).join('; '),
            },
          }),
        ];
      });
    return [...tenant, ...perPolicy];
  },
});

/**
 * Custom strengths by id (lower-case): the exported authentication strength list first (the tenant's definition), then
 * strength objects inlined in policies (exports usually inline the whole object; a bare {id} gives no combinations).
 */
function collectStrengths(index: TenantIndex): Map<string, Strength> {
  const out = new Map<string, Strength>();
  const add = (s: AuthenticationStrengthPolicy | null | undefined, source: Strength['source']) => {
    if (!s || typeof s.id !== 'string' || builtIn.has(s.id.toLowerCase())) return;
    if (s.policyType === 'builtIn') return;
    const key = s.id.toLowerCase();
    const combinations = Array.isArray(s.allowedCombinations) ? (s.allowedCombinations as unknown[]).filter((c): c is string => typeof c === 'string') : null;
    const existing = out.get(key);
    if (existing && existing.combinations !== null) return;
    out.set(key, {
      id: s.id,
      name: typeof s.displayName === 'string' ? s.displayName : (existing?.name ?? s.id),
      description: typeof s.description === 'string' ? s.description : (existing?.description ?? ''),
      combinations: combinations ?? existing?.combinations ?? null,
      source: combinations ? source : (existing?.source ?? source),
      listed: (existing?.listed ?? false) || source === 'authenticationStrengths',
    });
  };
  for (const s of (index.snapshot.authenticationStrengths ?? []) as AuthenticationStrengthPolicy[]) add(s, 'authenticationStrengths');
  for (const p of index.policies as ConditionalAccessPolicy[]) add(p.grantControls?.authenticationStrength ?? null, 'policy');
  return out;
}
