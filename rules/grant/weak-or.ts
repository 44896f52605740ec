import { defineRule } from '../../src/engine/define-rule.js';
import { grantAlternatives, strengthId, type Control } from '../../src/evaluate/controls.js';
import { controlLabel } from '../../src/evaluate/grant-labels.js';
import { isDisabled, list, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { MFA_STRENGTH } from '../../src/model/well-known-strengths.js';

/** What a grant control proves, for comparing OR alternatives. */
type Kind = 'strength' | 'mfa' | 'device' | 'compliantApplication' | 'approvedApplication' | 'customControl' | 'termsOfUse';

/**
 * For each kind, the stronger kinds it must not be offered as an alternative to. Pairs left out are accepted patterns:
 * mfa OR compliantDevice OR domainJoinedDevice (Microsoft's template), compliantDevice OR compliantApplication (mobile
 * devices without enrollment), approvedApplication OR compliantApplication (Microsoft's migration step).
 */
const WEAKER_THAN: Record<Kind, readonly Kind[]> = {
  termsOfUse: ['strength', 'mfa', 'device', 'compliantApplication', 'approvedApplication', 'customControl'],
  customControl: ['strength', 'mfa', 'device'],
  approvedApplication: ['strength', 'mfa', 'device'],
  compliantApplication: ['strength', 'mfa'],
  device: ['strength'],
  mfa: ['strength'],
  strength: [],
};

const MESSAGE: Record<Exclude<Kind, 'strength'>, string> = {
  termsOfUse: 'termsOfUse',
  customControl: 'customControl',
  approvedApplication: 'approvedApplication',
  compliantApplication: 'appProtection',
  device: 'deviceInsteadOfStrength',
  mfa: 'mfaInsteadOfStrength',
};

interface Alternative {
  kind: Kind;
  label: string;
  pointer: string;
  actual: unknown;
}

export default defineRule({
  id: 'grant/weak-or',
  catalogue: 'CA-084',
  title: 'Grant controls joined with OR do not offer a weaker way around a strong control',
  risk: 'A policy offers a weaker alternative to a strong control, so users can satisfy it with the weakest option',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'medium',
  rationale:
    'With "Require one of the selected controls" (operator OR) a user satisfies the policy with whichever control is easiest, ' +
    'so the policy is only as strong as its weakest alternative. Accepting terms of use, a custom control calint cannot ' +
    'inspect, or an app-based control in place of MFA lets a user holding only a stolen password through; a compliant device ' +
    'or plain MFA in place of a phishing-resistant authentication strength skips the phishing resistance. Accepted as ' +
    'equivalent: MFA OR compliant device OR hybrid joined device (Microsoft\'s template), compliant device OR app protection ' +
    'policy (mobile devices without enrollment), and approved client app OR app protection policy (Microsoft\'s migration step).',
  remediation:
    'Under Access controls > Grant, either choose "Require all the selected controls" or remove the weaker control, and put ' +
    'it (for example terms of use) in a separate policy so that it is required in addition to, not instead of, the strong one.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
    'https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths',
  ],
  messages: {
    termsOfUse: (d) =>
      `"${d.policy}" accepts terms of use as an alternative to ${d.skipped} (operator OR): accepting the terms is enough, so ` +
      `${d.skipped} is never required.`,
    customControl: (d) =>
      `"${d.policy}" accepts a custom control as an alternative to ${d.skipped} (operator OR); calint cannot verify that the ` +
      'custom control gives the same assurance, and custom controls are being replaced by external authentication methods.',
    approvedApplication: (d) =>
      `"${d.policy}" accepts an approved client app as an alternative to ${d.skipped} (operator OR); an approved app does not ` +
      `prove who signs in or that the device is managed, so anyone with the password can use one instead of ${d.skipped}. ` +
      'The approved-client-app control is also retired.',
    appProtection: (d) =>
      `"${d.policy}" accepts an app protection policy as an alternative to ${d.skipped} (operator OR); a protected app does ` +
      `not prove who signs in, so anyone with the password can sign in through one instead of completing ${d.skipped}.`,
    deviceInsteadOfStrength: (d) =>
      `"${d.policy}" accepts ${d.weak} as an alternative to ${d.skipped} (operator OR), so a user on such a device signs in ` +
      `without the methods that strength demands.`,
    mfaInsteadOfStrength: (d) =>
      `"${d.policy}" accepts plain multifactor authentication as an alternative to ${d.skipped} (operator OR), so any MFA ` +
      'method, phishable ones included, satisfies the policy.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) => {
        const alts = grantAlternatives(policy);
        if (alts.length < 2) return [];
        const options = alternativesOf(index, policy);
        const kinds = new Set(options.map((o) => o.kind));
        // One finding per kind of weakness: "compliant device OR hybrid joined device" instead of a strength is one problem.
        // Every weak alternative of a kind has the same stronger ones, so they are worked out once per kind (a grant
        // listing a control 50 000 times must not compare every entry with every other).
        const groups = new Map<string, { weak: Alternative[]; stronger: string[] }>();
        for (const weak of options) {
          if (weak.kind === 'strength' || !WEAKER_THAN[weak.kind].some((k) => kinds.has(k))) continue;
          const id = MESSAGE[weak.kind];
          let group = groups.get(id);
          if (!group) {
            const labels = options.filter((o) => WEAKER_THAN[weak.kind].includes(o.kind)).map((o) => o.label);
            group = { weak: [], stronger: [...new Set(labels)] };
            groups.set(id, group);
          }
          group.weak.push(weak);
        }
        return [...groups].map(([messageId, { weak, stronger }]) => {
          return finding(policy, messageId, {
            pointer: weak[0]!.pointer,
            evidence: {
              actual: weak.map((w) => w.actual),
              weakerAlternatives: weak.map((w) => ({ control: w.label, pointer: w.pointer })),
              strongerAlternatives: stronger,
              operator: 'OR',
              expected: 'operator AND, or no weaker alternative',
            },
            data: { skipped: stronger.join(' or '), weak: [...new Set(weak.map((w) => w.label))].join(' or ') },
          });
        });
      });
  },
});

/** The OR alternatives of a policy's grant, in file order, with what each proves and where it is written. */
function alternativesOf(index: TenantIndex, policy: ConditionalAccessPolicy): Alternative[] {
  const g = policy.grantControls!;
  const out: Alternative[] = [];
  const raw = Array.isArray(g.builtInControls) ? (g.builtInControls as unknown[]) : [];
  raw.forEach((value, i) => {
    if (typeof value !== 'string') return;
    const kind = builtInKind(value);
    if (!kind) return;
    out.push({ kind, label: controlLabel(canonical(value)), pointer: `/grantControls/builtInControls/${i}`, actual: value });
  });
  const strength = strengthId(policy);
  if (strength) {
    const isMfa = sameKeyword(strength, MFA_STRENGTH);
    out.push({
      kind: isMfa ? 'mfa' : 'strength',
      label: `the authentication strength "${index.nameOf('authenticationStrength', strength)}"`,
      pointer: '/grantControls/authenticationStrength',
      actual: strength,
    });
  }
  if (list(g.customAuthenticationFactors).length > 0) {
    out.push({ kind: 'customControl', label: 'a custom control', pointer: '/grantControls/customAuthenticationFactors', actual: g.customAuthenticationFactors });
  }
  if (list(g.termsOfUse).length > 0) {
    out.push({ kind: 'termsOfUse', label: 'terms of use', pointer: '/grantControls/termsOfUse', actual: g.termsOfUse });
  }
  return out;
}

function builtInKind(control: string): Kind | null {
  switch (control.toLowerCase() as Lowercase<Control>) {
    case 'mfa':
      return 'mfa';
    case 'compliantdevice':
    case 'domainjoineddevice':
      return 'device';
    case 'compliantapplication':
      return 'compliantApplication';
    case 'approvedapplication':
      return 'approvedApplication';
    default:
      return null;
  }
}

/** The canonical control name for a value written in any case ("MFA" -> "mfa"). */
function canonical(control: string): string {
  const names = ['mfa', 'compliantDevice', 'domainJoinedDevice', 'compliantApplication', 'approvedApplication'];
  return names.find((n) => n.toLowerCase() === control.toLowerCase()) ?? control;
}
