/** Grant controls in the words of the Conditional Access portal, for messages ("requires multifactor authentication or a compliant device"). */
import { grantAlternatives, type Control } from './controls.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';

export const CONTROL_LABELS: Readonly<Record<Control, string>> = {
  block: 'block',
  mfa: 'multifactor authentication',
  authenticationStrength: 'an authentication strength',
  compliantDevice: 'a compliant device',
  domainJoinedDevice: 'a hybrid joined device',
  approvedApplication: 'an approved client app',
  compliantApplication: 'an app protection policy',
  passwordChange: 'a password change',
  riskRemediation: 'risk remediation',
  termsOfUse: 'terms of use',
  customControl: 'a custom control',
};

export function controlLabel(control: string): string {
  return (CONTROL_LABELS as Record<string, string>)[control] ?? control;
}

/** "blocks access", "requires multifactor authentication or a compliant device"; null when the policy has no grant control. */
export function grantEffect(policy: ConditionalAccessPolicy): string | null {
  const alts = grantAlternatives(policy);
  if (alts.length === 0) return null;
  if (alts.some((a) => a.includes('block'))) return 'blocks access';
  return `requires ${alts.map((a) => a.map(controlLabel).join(' and ')).join(' or ')}`;
}
