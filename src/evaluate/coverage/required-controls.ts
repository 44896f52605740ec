/**
 * What each required control means for one compiled policy: does the policy provide it on every path through its
 * grant (or with its session controls), might it (a custom strength the export does not define), and is it related
 * enough to be named as a near miss. A block on every path provides every control.
 */
import { describeCombination } from '../../model/well-known-methods.js';
import type { TenantIndex } from '../../model/tenant-index.js';
import { judgeStrength } from '../../model/well-known-admin-roles.js';
import { riskLevels } from '../../model/policy.js';
import type { Control as GrantControl } from '../controls.js';
import { NO, UNKNOWN, YES, type Tri } from '../whatif/facts.js';
import type { CompiledPolicy } from '../whatif/evaluate.js';
import type { RequiredControl } from './requirement.js';

const blocksAlways = (cp: CompiledPolicy) => cp.alternatives.length > 0 && cp.alternatives.every((alt) => alt.includes('block'));
const onEveryPath = (cp: CompiledPolicy, ok: (alt: readonly GrantControl[]) => boolean) => cp.alternatives.length > 0 && cp.alternatives.every(ok);
const onSomePath = (cp: CompiledPolicy, ok: (alt: readonly GrantControl[]) => boolean) => cp.alternatives.some(ok);
const isMfa = (alt: readonly GrantControl[]) => alt.includes('mfa') || alt.includes('authenticationStrength');
const isManaged = (alt: readonly GrantControl[]) => alt.includes('compliantDevice') || alt.includes('domainJoinedDevice');

/** The phishing-resistance of the strength a policy requires: yes, no, or cannot tell (custom, not exported). */
function strengthIsPhishingResistant(index: TenantIndex, cp: CompiledPolicy): Tri {
  const s = cp.policy.grantControls?.authenticationStrength as { id?: unknown } | null | undefined;
  if (!s || typeof s.id !== 'string') return NO;
  const verdict = judgeStrength(s.id, s, index.snapshot.authenticationStrengths);
  return verdict.kind === 'phishing-resistant' ? YES : verdict.kind === 'unknown' ? UNKNOWN : NO;
}

/** Does the policy provide the control? UNKNOWN when it depends on data the export does not hold. */
export function provides(index: TenantIndex, cp: CompiledPolicy, control: RequiredControl): Tri {
  if (blocksAlways(cp)) return YES;
  const s = cp.session;
  switch (control.kind) {
    case 'block':
      return NO;
    case 'anyGrantControl':
      return cp.alternatives.length > 0 ? YES : NO;
    case 'mfa':
      return onEveryPath(cp, isMfa) ? YES : NO;
    case 'managedDevice':
      return onEveryPath(cp, isManaged) ? YES : NO;
    case 'mfaOrManagedDevice':
      return onEveryPath(cp, (alt) => isMfa(alt) || isManaged(alt)) ? YES : NO;
    case 'phishingResistantMfa': {
      if (!onEveryPath(cp, (alt) => alt.includes('authenticationStrength'))) return NO;
      return strengthIsPhishingResistant(index, cp);
    }
    case 'userRiskRemediation':
      // Password change and risk remediation act only in a policy with a user-risk condition (Graph requires one).
      if (riskLevels(cp.policy, 'userRiskLevels').length === 0) return NO;
      return onEveryPath(cp, (alt) => alt.includes('riskRemediation') || (alt.includes('passwordChange') && isMfa(alt))) ? YES : NO;
    case 'signInFrequency':
      return s.signInFrequencyHours !== null && s.signInFrequencyHours <= control.maxHours ? YES : NO;
    case 'neverPersistentBrowser':
      return s.persistentBrowser === 'never' ? YES : NO;
    case 'appEnforcedRestrictions':
      return s.applicationEnforcedRestrictions ? YES : NO;
  }
}

/**
 * Worth naming as a near miss: the policy offers the control, or something close to it, on some path. A block counts
 * when the control is a block (or `withBlocks`: `calint coverage`, where any protection is the question); otherwise a
 * narrow block (legacy clients, one country) would be the closest policy to every requirement and say nothing.
 */
export function relatedTo(cp: CompiledPolicy, control: RequiredControl, withBlocks = false): boolean {
  if ((withBlocks || control.kind === 'block') && onSomePath(cp, (alt) => alt.includes('block'))) return true;
  const s = cp.session;
  switch (control.kind) {
    case 'block':
      return false;
    case 'anyGrantControl':
      return cp.alternatives.length > 0 || Object.values(s).some((v) => v !== null && v !== false);
    case 'mfa':
    case 'phishingResistantMfa':
      return onSomePath(cp, isMfa);
    case 'managedDevice':
      return onSomePath(cp, isManaged);
    case 'mfaOrManagedDevice':
      return onSomePath(cp, (alt) => isMfa(alt) || isManaged(alt));
    case 'userRiskRemediation':
      return onSomePath(cp, (alt) => alt.includes('riskRemediation') || alt.includes('passwordChange'));
    case 'signInFrequency':
      return s.signInFrequencyHours !== null;
    case 'neverPersistentBrowser':
      return s.persistentBrowser !== null;
    case 'appEnforcedRestrictions':
      return s.applicationEnforcedRestrictions;
  }
}

/** The control in words, as it completes "requires …" / "does not …". */
export function describeControl(control: RequiredControl): string {
  switch (control.kind) {
    case 'block':
      return 'block access';
    case 'anyGrantControl':
      return 'have any grant control';
    case 'mfa':
      return 'require MFA or an authentication strength on every path';
    case 'phishingResistantMfa':
      return 'require phishing-resistant MFA (an authentication strength that allows only phishing-resistant methods) on every path';
    case 'managedDevice':
      return 'require a compliant or hybrid joined device on every path';
    case 'mfaOrManagedDevice':
      return 'require MFA or a compliant / hybrid joined device on every path';
    case 'userRiskRemediation':
      return 'block, or require MFA and password change together, or require risk remediation';
    case 'signInFrequency':
      return control.maxHours === 0 ? 'require reauthentication every time (sign-in frequency)' : `set a sign-in frequency of at most ${control.maxHours === 1 ? '1 hour' : `${control.maxHours} hours`}`;
    case 'neverPersistentBrowser':
      return 'set persistent browser sessions to "Never persistent"';
    case 'appEnforcedRestrictions':
      return 'use app enforced restrictions';
  }
}

/** Why a policy that reaches the sign-in does not provide the control (its grant or session), in words. */
export function explainMissingControl(index: TenantIndex, cp: CompiledPolicy, control: RequiredControl): string {
  if (control.kind === 'phishingResistantMfa' && onEveryPath(cp, (alt) => alt.includes('authenticationStrength'))) {
    const s = cp.policy.grantControls?.authenticationStrength as { id: string; displayName?: unknown };
    const verdict = judgeStrength(s.id, s, index.snapshot.authenticationStrengths);
    const name = typeof s.displayName === 'string' && s.displayName !== '' ? s.displayName : index.nameOf('authenticationStrength', s.id);
    if (verdict.kind === 'unknown') return `its custom authentication strength ${name} is not in the export, so calint cannot tell whether it allows only phishing-resistant methods`;
    if (verdict.kind === 'phishable') {
      const familiar = (c: string) => (/sms|voice/i.test(c) ? 0 : /password/i.test(c) ? 1 : 2);
      const sorted = [...verdict.phishable].sort((a, b) => familiar(a) - familiar(b));
      const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : '';
      return `its authentication strength "${name}" also accepts methods that are not phishing-resistant (${sorted.slice(0, 3).map(describeCombination).join('; ')}${more})`;
    }
  }
  if (control.kind === 'phishingResistantMfa' && onEveryPath(cp, (alt) => alt.includes('mfa'))) {
    return 'it requires plain MFA, which phishable methods such as SMS, voice calls and push approvals satisfy';
  }
  if (cp.alternatives.length === 0 && control.kind !== 'signInFrequency' && control.kind !== 'neverPersistentBrowser' && control.kind !== 'appEnforcedRestrictions') {
    return 'it has no grant control';
  }
  if (control.kind === 'userRiskRemediation' && riskLevels(cp.policy, 'userRiskLevels').length === 0 && onSomePath(cp, (alt) => alt.includes('passwordChange') || alt.includes('riskRemediation'))) {
    return 'it requires password change or risk remediation without a user-risk condition, which Graph rejects (they act only on risky users)';
  }
  const offered = cp.alternatives.map((alt) => alt.join(' AND ')).join(' or ');
  if (onSomePath(cp, (alt) => provides(index, { ...cp, alternatives: [[...alt]] }, control) === YES)) {
    return `it offers ${offered} as alternatives (grant operator OR), so the control can be avoided`;
  }
  if (control.kind === 'signInFrequency' && cp.session.signInFrequencyHours !== null) {
    const h = cp.session.signInFrequencyHours;
    return `its sign-in frequency is ${h === 0 ? 'every time' : `${h} hours`}, longer than ${control.maxHours} hours`;
  }
  return `it does not ${describeControl(control)}`;
}

export { UNKNOWN };
