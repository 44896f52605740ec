/**
 * The made-up identities and resources coverage classes stand on: a sign-in by someone (or to something) that no
 * policy names. They are never real object ids, and a person reads them by what they stand for.
 */
export const SYNTHETIC_USER = '00000000-0000-0000-0000-00000000c0de';
export const OTHER_APP = '00000000-0000-0000-0000-0000000a0a0a';
export const OTHER_TENANT = '00000000-0000-0000-0000-00000000e7e7';
export const SYNTHETIC_SERVICE_PRINCIPAL = '00000000-0000-0000-0000-0000000005b0';
export const SYNTHETIC_AGENT = '00000000-0000-0000-0000-00000000a9e7';

const NAMES: Readonly<Record<string, string>> = {
  [SYNTHETIC_USER]: 'a user',
  [OTHER_APP]: 'any other resource',
  [OTHER_TENANT]: 'another tenant',
  [SYNTHETIC_SERVICE_PRINCIPAL]: 'a service principal that no policy names',
  [SYNTHETIC_AGENT]: 'an agent identity that no policy names',
};

/** What a synthetic id stands for, or undefined for a real one. */
export function syntheticName(id: string): string | undefined {
  return Object.hasOwn(NAMES, id.toLowerCase()) ? NAMES[id.toLowerCase()] : undefined;
}
