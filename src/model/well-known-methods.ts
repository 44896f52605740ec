/**
 * Authentication methods as they appear in an authentication strength's `allowedCombinations` (each item is one
 * combination, members comma-joined, e.g. "password,sms"). Source: Graph's authenticationMethodModes
 * (docs/graph-semantics.md, "Grant controls and authentication strengths") and Microsoft Learn "Conditional Access
 * authentication strength" (built-in strength table).
 *
 * Phishing-resistant MFA is what Microsoft's built-in "Phishing-resistant MFA" strength allows: Windows Hello for Business
 * (or a platform credential), passkeys (FIDO2) and certificate-based authentication (multifactor). The credential is bound
 * to the sign-in surface, so a relay (adversary-in-the-middle) cannot replay it. Everything else (a secret typed or
 * approved by the user, a factor delivered out of band) can be phished in real time, and a single-factor certificate is
 * not MFA. This is the one definition calint uses (Microsoft Learn, "Conditional Access authentication strengths").
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
  // A single-factor certificate cannot be relayed, but it is one factor: not phishing-resistant MFA.
  x509CertificateSingleFactor: { label: 'certificate-based authentication (single-factor)', phishingResistant: false },
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
 * A combination is phishing-resistant MFA when every member is one of the built-in strength's methods; any other member
 * (a password beside a certificate, an SMS code) is a way through for a relay. Unknown method names count as phishable
 * (calint cannot vouch for them).
 */
export function isPhishingResistantCombination(combination: string): boolean {
  const members = combinationMembers(combination);
  return members.length > 0 && members.every((m) => method(m)?.phishingResistant === true);
}

export function isPhishableCombination(combination: string): boolean {
  return combinationMembers(combination).length > 0 && !isPhishingResistantCombination(combination);
}

/** "password + SMS" for a person. */
export function describeCombination(combination: string): string {
  return combinationMembers(combination)
    .map((m) => method(m)?.label ?? m)
    .join(' + ');
}
