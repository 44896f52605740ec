/** Whether a policy requires phishing-resistant authentication, and the custom strengths the export may lack. */
import { policyLabel } from '../model/policy.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import { judgeStrength, type StrengthVerdict } from '../model/well-known-admin-roles.js';
import {
  reasonsAgainst,
  type BaselineRequirement,
  type BaselineVerdict
} from './baseline.js';
import { describeGrant, grantAlternatives, mentionsMfa, strengthId } from './controls.js';

/**
 * "Require phishing-resistant MFA on every path": every grant alternative requires an authentication strength, and
 * the strength is the built-in Phishing-resistant MFA or a custom one whose combinations are all phishing-resistant.
 * Shared by the phishing-resistant baselines; `explain` says why a policy falls short, `unknownStrength` names a custom
 * strength the export does not define (the policy can then be judged neither way).
 */
export function phishingResistantControl(index: TenantIndex) {
  const verdictOf = (policy: ConditionalAccessPolicy): StrengthVerdict | null => {
    const id = strengthId(policy);
    return id === null ? null : judgeStrength(id, policy.grantControls?.authenticationStrength, index.snapshot.authenticationStrengths);
  };
  const onEveryPath = (policy: ConditionalAccessPolicy) => {
    const alts = grantAlternatives(policy);
    return alts.length > 0 && alts.every((alt) => alt.includes('authenticationStrength'));
  };
  const test = (policy: ConditionalAccessPolicy) => onEveryPath(policy) && verdictOf(policy)?.kind === 'phishing-resistant';
  /** The strength's name: the inlined object's displayName, else the exported or built-in one, else its id. */
  const strengthName = (policy: ConditionalAccessPolicy, id: string) => {
    const inline = policy.grantControls?.authenticationStrength as { displayName?: unknown } | null | undefined;
    return typeof inline?.displayName === 'string' && inline.displayName !== '' ? inline.displayName : index.nameOf('authenticationStrength', id);
  };

  function explain(policy: ConditionalAccessPolicy): string {
    const alts = grantAlternatives(policy);
    if (alts.length === 0) return 'it has no grant control';
    if (alts.some((alt) => alt.includes('block'))) return 'it blocks access instead of requiring phishing-resistant MFA';
    const strength = verdictOf(policy);
    if (!strength) {
      const mfa = alts.every((alt) => alt.includes('mfa'));
      return mfa
        ? 'it requires plain MFA, which phishable methods such as SMS, voice calls and push approvals satisfy'
        : `it grants access with ${describeGrant(policy)}, not a phishing-resistant authentication strength`;
    }
    if (strength.kind === 'unknown') {
      return `its custom authentication strength ${strengthName(policy, strength.id)} is not in the export, so calint cannot tell whether it allows only phishing-resistant methods`;
    }
    if (strength.kind === 'phishable') {
      // Name the familiar phishable combinations first: SMS and voice, then the rest with a password.
      const familiar = (c: string) => (/sms|voice/i.test(c) ? 0 : /password/i.test(c) ? 1 : 2);
      const sorted = [...strength.phishable].sort((a, b) => familiar(a) - familiar(b));
      const shown = sorted.slice(0, 3).join('; ');
      const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : '';
      return `its authentication strength "${strengthName(policy, strength.id)}" also accepts methods that are not phishing-resistant (${shown}${more})`;
    }
    const others = alts.filter((alt) => !alt.includes('authenticationStrength')).map((alt) => alt.join(' AND '));
    return `it offers ${others.join(' or ')} as an alternative to the phishing-resistant strength (grant operator OR)`;
  }

  /** The custom strength id when the policy would count if that strength, missing from the export, were phishing-resistant. */
  function unknownStrength(policy: ConditionalAccessPolicy): string | null {
    const strength = verdictOf(policy);
    return strength?.kind === 'unknown' && onEveryPath(policy) ? strength.id : null;
  }

  return {
    label: 'require a phishing-resistant authentication strength on every path',
    test,
    related: mentionsMfa,
    explain,
    unknownStrength,
  };
}

export type PhishingResistantControl = ReturnType<typeof phishingResistantControl>;

/** Near misses with the control reason spelled out ("its strength … also accepts password,sms"). */
export function explainControlReasons(verdict: BaselineVerdict, control: PhishingResistantControl): BaselineVerdict {
  return {
    ...verdict,
    nearMisses: verdict.nearMisses.map((v) => ({
      ...v,
      reasons: v.reasons.map((r) => (r.pointer === '/grantControls' ? { ...r, text: control.explain(v.policy) } : r)),
    })),
  };
}

/**
 * Policies that would satisfy the requirement if their custom strength (not in the export) is phishing-resistant:
 * when one exists, the baseline can be judged neither way.
 */
export function pendingOnUnknownStrength(
  index: TenantIndex,
  requirement: BaselineRequirement,
  control: PhishingResistantControl,
): Array<{ policy: ConditionalAccessPolicy; strengthId: string }> {
  const ignoringControl: BaselineRequirement = { ...requirement, control: { ...requirement.control, test: () => true } };
  return index.policies.flatMap((policy) => {
    const id = control.unknownStrength(policy);
    return id !== null && reasonsAgainst(index, policy, ignoringControl).length === 0 ? [{ policy, strengthId: id }] : [];
  });
}

export function unknownStrengthNotice(index: TenantIndex, pending: Array<{ policy: ConditionalAccessPolicy; strengthId: string }>): string {
  const list = pending.map((p) => `"${policyLabel(p.policy)}" uses ${index.nameOf('authenticationStrength', p.strengthId)}`).join('; ');
  return (
    `not evaluated: needs the custom authentication strengths the policies reference (${list}); export ` +
    'identity/conditionalAccess/authenticationStrength/policies with the policies so calint can read their allowed combinations.'
  );
}
