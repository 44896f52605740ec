/**
 * What a policy's grant controls require on every path through them. With operator OR, a control is required only
 * when it is the sole choice; with AND, every listed control is required.
 */
import { builtInControls, hasKeyword, list } from '../model/policy.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import { PHISHING_RESISTANT_MFA_STRENGTH } from '../model/well-known-strengths.js';

export type Control =
  | 'block'
  | 'mfa'
  | 'authenticationStrength'
  | 'compliantDevice'
  | 'domainJoinedDevice'
  | 'approvedApplication'
  | 'compliantApplication'
  | 'passwordChange'
  | 'riskRemediation'
  | 'termsOfUse'
  | 'customControl';

/**
 * The choices a user has to satisfy the policy: each inner list must be met in full (one list for AND). The evaluator
 * keeps them per compiled policy (CompiledPolicy.alternatives).
 */
export function grantAlternatives(policy: ConditionalAccessPolicy): Control[][] {
  const g = policy.grantControls;
  if (!g) return [];
  const controls: Control[] = builtInControls(policy).filter((c) => c !== 'unknownFutureValue') as Control[];
  const strength = g.authenticationStrength as { id?: unknown } | null | undefined;
  if (strength && typeof strength.id === 'string') controls.push('authenticationStrength');
  if (list(g.termsOfUse).length > 0) controls.push('termsOfUse');
  if (list(g.customAuthenticationFactors).length > 0) controls.push('customControl');
  if (controls.length === 0) return [];
  if (hasKeyword(controls, 'block')) return [['block']];
  const and = typeof g.operator === 'string' && g.operator.toUpperCase() === 'AND';
  return and ? [controls] : controls.map((c) => [c]);
}

export function blocks(policy: ConditionalAccessPolicy): boolean {
  return grantAlternatives(policy).some((alt) => alt.includes('block'));
}

const isMfa = (alt: Control[]) => alt.includes('mfa') || alt.includes('authenticationStrength');

/** Every way through the grant requires MFA (the mfa control, or any authentication strength). Block is not MFA. */
export function requiresMfa(policy: ConditionalAccessPolicy): boolean {
  const alts = grantAlternatives(policy);
  return alts.length > 0 && alts.every(isMfa);
}

/** Some way through the grant requires MFA (it may be one of several OR alternatives). */
export function mentionsMfa(policy: ConditionalAccessPolicy): boolean {
  return grantAlternatives(policy).some(isMfa);
}

/** The authentication strength id a policy requires, if any. */
export function strengthId(policy: ConditionalAccessPolicy): string | null {
  const s = policy.grantControls?.authenticationStrength as { id?: unknown } | null | undefined;
  return s && typeof s.id === 'string' ? s.id : null;
}

/** Every way through the grant requires the given control. */
export function requiresControl(policy: ConditionalAccessPolicy, control: Control): boolean {
  const alts = grantAlternatives(policy);
  return alts.length > 0 && alts.every((alt) => alt.includes(control));
}

/** Some way through the grant requires the given control. */
export function mentionsControl(policy: ConditionalAccessPolicy, control: Control): boolean {
  return grantAlternatives(policy).some((alt) => alt.includes(control));
}

export function describeGrant(policy: ConditionalAccessPolicy): string {
  const alts = grantAlternatives(policy);
  if (alts.length === 0) return 'no grant control';
  if (alts.length === 1) return alts[0]!.join(' AND ');
  return alts.map((a) => a.join(' AND ')).join(' OR ');
}

export { PHISHING_RESISTANT_MFA_STRENGTH };
