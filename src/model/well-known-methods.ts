/**
 * Authentication methods as they appear in an authentication strength's `allowedCombinations` (each item is one
 * combination, members comma-joined, e.g. "password,sms"). Source: Graph's authenticationMethodModes
 * (docs/graph-semantics.md, "Grant controls and authentication strengths") and Microsoft Learn "Conditional Access
 * authentication strength" (built-in strength table).
 *
 * Phishing-resistant = the credential is bound to the sign-in surface (origin/device), so a relay (adversary-in-the-middle)
 * cannot replay it: Windows Hello for Business, FIDO2 security keys/passkeys, certificate-based authentication. Everything else
 * (a secret typed or approved by the user, or a factor delivered out of band) can be phished in real time.
 */
export interface AuthenticationMethod {
  /** What a person reads. */
  label: string;
  /** The credential cannot be relayed by a phishing proxy. */
  phishingResistant: boolean;
}

export const PHISHING_RESISTANT_METHODS: readonly string[] = ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'];

export const AUTHENTICATION_METHODS: Readonly<Record<string, AuthenticationMethod>> = {
  windowsHelloForBusiness: { label: 'Windows Hello for Business', phishingResistant: true },
  fido2: { label: 'FIDO2 security key / passkey', phishingResistant: true },
  x509CertificateMultiFactor: { label: 'certificate-based authentication (multifactor)', phishingResistant: true },
  // A single-factor certificate cannot be relayed either; it is not MFA on its own, but it is not phishable.
  x509CertificateSingleFactor: { label: 'certificate-based authentication (single-factor)', phishingResistant: true },
  password: { label: 'password', phishingResistant: false },
  sms: { label: 'SMS', phishingResistant: false },
  voice: { label: 'voice call', phishingResistant: false },
  softwareOath: { label: 'software OATH token', phishingResistant: false },
  hardwareOath: { label: 'hardware OATH token', phishingResistant: false },
  microsoftAuthenticatorPush: { label: 'Microsoft Authenticator push', phishingResistant: false },
  deviceBasedPush: { label: 'Microsoft Authenticator phone sign-in', phishingResistant: false },
  temporaryAccessPassOneTime: { label: 'Temporary Access Pass (one-time)', phishingResistant: false },
  temporaryAccessPassMultiUse: { label: 'Temporary Access Pass (multi-use)', phishingResistant: false },
  email: { label: 'email one-time passcode', phishingResistant: false },
  // Federated methods: what the federated identity provider did is unknown to Entra ID, so it is never counted as phishing-resistant.
  federatedSingleFactor: { label: 'federated single-factor', phishingResistant: false },
  federatedMultiFactor: { label: 'federated multifactor', phishingResistant: false },
  qrCodePin: { label: 'QR code + PIN', phishingResistant: false },
};

/** The members of one allowedCombinations item ("password,sms" -> ["password", "sms"]); unknownFutureValue is dropped. */
export function combinationMembers(combination: string): string[] {
  return combination
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '' && m !== 'unknownFutureValue');
}

function method(name: string): AuthenticationMethod | undefined {
  const key = Object.keys(AUTHENTICATION_METHODS).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? AUTHENTICATION_METHODS[key] : undefined;
}

/**
 * A combination can be phished when none of its members is phishing-resistant: an attacker relaying the sign-in can
 * collect every member. One phishing-resistant member (e.g. "password,x509CertificateSingleFactor") is enough to stop the relay.
 * Unknown method names are treated as phishable (calint cannot vouch for them).
 */
export function isPhishableCombination(combination: string): boolean {
  const members = combinationMembers(combination);
  return members.length > 0 && members.every((m) => !method(m)?.phishingResistant);
}

/** "password + SMS" for a person. */
export function describeCombination(combination: string): string {
  return combinationMembers(combination)
    .map((m) => method(m)?.label ?? m)
    .join(' + ');
}
