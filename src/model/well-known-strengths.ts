/** Built-in authentication strengths (policyType builtIn); their ids are the same in every tenant. */
export const MFA_STRENGTH = '00000000-0000-0000-0000-000000000002';
export const PASSWORDLESS_MFA_STRENGTH = '00000000-0000-0000-0000-000000000003';
export const PHISHING_RESISTANT_MFA_STRENGTH = '00000000-0000-0000-0000-000000000004';

export const BUILT_IN_AUTHENTICATION_STRENGTHS: Readonly<Record<string, string>> = {
  [MFA_STRENGTH]: 'Multifactor authentication',
  [PASSWORDLESS_MFA_STRENGTH]: 'Passwordless MFA',
  [PHISHING_RESISTANT_MFA_STRENGTH]: 'Phishing-resistant MFA',
};
