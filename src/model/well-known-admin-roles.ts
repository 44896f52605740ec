/**
 * Privileged directory roles and phishing-resistant authentication methods, for the admin baselines.
 * Sources: Microsoft Learn "Require phishing-resistant multifactor authentication for administrators"
 * (policy-admin-phish-resistant-mfa) and "Require MFA for administrators" (policy-old-require-mfa-admin), which share
 * one role list; "Authentication strengths" for the phishing-resistant methods (docs/graph-semantics.md, "Grant
 * controls and authentication strengths").
 */
import { ADMIN_MFA_ROLES } from './well-known-roles.js';
import { MFA_STRENGTH, PASSWORDLESS_MFA_STRENGTH, PHISHING_RESISTANT_MFA_STRENGTH } from './well-known-strengths.js';
import { isPhishableCombination } from './well-known-methods.js';

export const TEAMS_ADMINISTRATOR = '69091246-20e8-4a56-aa4d-066075b2a7a8';

/**
 * The highly privileged roles Microsoft asks to protect with phishing-resistant MFA "at a minimum". Both admin articles
 * include the same list, so this is ADMIN_MFA_ROLES. A later revision of that shared list also names Teams Administrator
 * (TEAMS_ADMINISTRATOR); it is not in the default so that the two admin baselines agree — add it with the `roles` option.
 */
export const PHISHING_RESISTANT_ADMIN_ROLES: readonly string[] = ADMIN_MFA_ROLES;

/**
 * The combinations of an authentication strength (allowedCombinations, each "method,method") that a phisher could
 * satisfy: those that are not phishing-resistant MFA (well-known-methods.ts holds the one definition).
 */
export function phishableCombinations(allowedCombinations: readonly unknown[]): string[] {
  return allowedCombinations.filter((c): c is string => typeof c === 'string' && isPhishableCombination(c));
}

/**
 * The phishable combinations of the other two built-in strengths, for exports that reference them by id only
 * (Microsoft Learn "Authentication strengths", built-in combinations table).
 */
const BUILT_IN_PHISHABLE: Readonly<Record<string, readonly string[]>> = {
  [MFA_STRENGTH]: [
    'deviceBasedPush',
    'temporaryAccessPassOneTime',
    'temporaryAccessPassMultiUse',
    'password,microsoftAuthenticatorPush',
    'password,softwareOath',
    'password,hardwareOath',
    'password,x509CertificateSingleFactor',
    'password,x509CertificateMultiFactor',
    'password,sms',
    'password,voice',
    'federatedMultiFactor',
    'microsoftAuthenticatorPush,federatedSingleFactor',
    'softwareOath,federatedSingleFactor',
    'hardwareOath,federatedSingleFactor',
    'sms,federatedSingleFactor',
    'voice,federatedSingleFactor',
  ],
  [PASSWORDLESS_MFA_STRENGTH]: ['deviceBasedPush'],
};

export type StrengthVerdict =
  /** The built-in Phishing-resistant MFA strength, or a custom one whose every combination is phishing-resistant. */
  | { kind: 'phishing-resistant'; id: string }
  /** A strength (built-in or custom) that also allows phishable combinations. */
  | { kind: 'phishable'; id: string; phishable: string[] }
  /** A custom strength whose definition is neither inlined in the policy nor exported. */
  | { kind: 'unknown'; id: string };

/**
 * Judge an authentication strength reference. `inline` is the object exports put in grantControls.authenticationStrength
 * (it may carry allowedCombinations); `exported` is the snapshot's authenticationStrengths list.
 */
export function judgeStrength(id: string, inline: unknown, exported: readonly unknown[] | null | undefined): StrengthVerdict {
  if (id.toLowerCase() === PHISHING_RESISTANT_MFA_STRENGTH) return { kind: 'phishing-resistant', id };
  const combos = combinationsOf(inline) ?? combinationsOf((exported ?? []).find((s) => sameId(s, id)));
  if (combos === null) {
    const builtIn = BUILT_IN_PHISHABLE[id.toLowerCase()];
    return builtIn ? { kind: 'phishable', id, phishable: [...builtIn] } : { kind: 'unknown', id };
  }
  const phishable = phishableCombinations(combos);
  return phishable.length === 0 ? { kind: 'phishing-resistant', id } : { kind: 'phishable', id, phishable };
}

function combinationsOf(strength: unknown): unknown[] | null {
  if (!strength || typeof strength !== 'object') return null;
  // An empty or absent list says nothing (exports often inline only the id): fall back to other sources.
  const combos = (strength as { allowedCombinations?: unknown }).allowedCombinations;
  return Array.isArray(combos) && combos.some((c) => typeof c === 'string' && c.trim() !== '') ? combos : null;
}

function sameId(strength: unknown, id: string): boolean {
  const sid = strength && typeof strength === 'object' ? (strength as { id?: unknown }).id : undefined;
  return typeof sid === 'string' && sid.toLowerCase() === id.toLowerCase();
}
