import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, isDisabled, policyLabel, requiresTokenProtection, stateLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import {
  TOKEN_PROTECTION_ARTICLES,
  TOKEN_PROTECTION_CHECKED,
  describePlatforms,
  resourcesOnEveryPlatform,
  windowsExclusionFilter,
} from '../../src/model/token-protection.js';
import { APP_ALL, APP_GROUP_OFFICE_365 } from '../../src/model/well-known-apps.js';
import { office365MemberApp } from '../../src/model/well-known-app-groups.js';

/**
 * The Microsoft 365 resources token protection serves on every supported platform (Exchange Online, SharePoint Online,
 * Teams Services): the ones every tenant should protect. The Windows-only resources (AVD, Windows 365) matter only where
 * Windows App is deployed.
 */
const CORE = resourcesOnEveryPlatform('native');
const RESOURCES = CORE.map((r) => r.appId);
const CORE_TEXT = CORE.map((r) => r.name).join(', ');
const CORE_OR_TEXT = CORE_TEXT.replace(/, ([^,]*)$/, ' or $1');

/** The resources among RESOURCES a policy targets (directly, through the Office 365 group, or through All resources). */
function coveredResources(index: TenantIndex, policy: ConditionalAccessPolicy): string[] {
  const a = applicationsCondition(policy);
  const included = a.includeApplications.map((v) => index.resolve('application', v).key.toLowerCase());
  const excluded = new Set(a.excludeApplications.map((v) => index.resolve('application', v).key.toLowerCase()));
  const all = included.includes(APP_ALL.toLowerCase());
  const office = included.includes(APP_GROUP_OFFICE_365.toLowerCase());
  return RESOURCES.filter((id) => {
    const key = id.toLowerCase();
    if (excluded.has(key)) return false;
    return all || included.includes(key) || (office && office365MemberApp(key) !== null);
  });
}

export default defineRule({
  id: 'token-protection/missing-policy',
  catalogue: 'CA-079',
  title: 'Token protection is required for Exchange Online, SharePoint Online and Teams',
  risk: 'Stolen session tokens for Exchange Online, SharePoint Online or Teams can be replayed from any device',
  priority: 2,
  effort: 'high',
  userImpact: 'low',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'Stolen session tokens and refresh tokens let an attacker skip the password and MFA entirely. Token protection ' +
    '(Require token protection for sign-in sessions) makes Microsoft Entra ID accept only sign-in session tokens bound to ' +
    `the device they were issued to, for the resources that support it on every supported platform: ${CORE_TEXT}. ` +
    `Mobile apps and desktop clients are served on ${describePlatforms('native')}. A tenant with no such policy, or one ` +
    'that leaves some of these resources out, leaves their tokens replayable. A report-only policy counts here as a rollout ' +
    `in progress; a disabled one does not. Facts as Microsoft Learn stated them when checked on ${TOKEN_PROTECTION_CHECKED}.`,
  remediation:
    'Create a policy (report-only first, then enabled): Users = a pilot group, widened in rings; Target resources = ' +
    `${CORE_TEXT}; Device platforms = Windows, and iOS and macOS where those devices are MDM-managed with the Microsoft ` +
    'Enterprise SSO plug-in; Client apps = Mobile apps and desktop clients only; when the policy covers Windows, a device ' +
    `filter excluding Cloud PC, Azure Virtual Desktop, Power Automate hosted and Azure VM registrations (${windowsExclusionFilter()}); ` +
    'Session = Require token protection for sign-in sessions.',
  references: [
    TOKEN_PROTECTION_ARTICLES.overview,
    TOKEN_PROTECTION_ARTICLES.windows,
    TOKEN_PROTECTION_ARTICLES.apple,
  ],
  messages: {
    missing: (d) =>
      `No enabled or report-only policy requires token protection for ${CORE_OR_TEXT}, so ` +
      `a stolen session token for them can be replayed from any device.${d.activeText}${d.disabledText}`,
    partial: (d) =>
      `Token protection is required for ${d.coveredText} (by ${d.policiesText}) but not for ${d.missingText}, whose tokens ` +
      'can still be replayed from another device.',
  },
  check({ index, finding }) {
    const policies = index.policies.filter(requiresTokenProtection);
    const active = policies.filter((p) => !isDisabled(p));
    const disabled = policies.filter(isDisabled);
    const covered = new Set(active.flatMap((p) => coveredResources(index, p)));
    const name = (id: string) => index.nameOf('application', id);
    if (covered.size === 0) {
      const disabledFor = disabled.filter((p) => coveredResources(index, p).length > 0);
      return [
        finding(null, 'missing', {
          pointer: '',
          evidence: {
            expected: RESOURCES,
            activeTokenProtectionPolicies: active.map(policyLabel),
            disabledTokenProtectionPolicies: disabled.map(policyLabel),
          },
          data: {
            activeText: active.length
              ? ` (${active.map((p) => `"${policyLabel(p)}"`).join(', ')} ${active.length === 1 ? 'requires' : 'require'} token protection but for none of these resources.)`
              : '',
            disabledText: disabledFor.length
              ? ` ${disabledFor.map((p) => `"${policyLabel(p)}"`).join(', ')} would, but ${disabledFor.length === 1 ? 'it is' : 'they are'} disabled.`
              : disabled.length
                ? ` (Disabled token-protection policies exist: ${disabled.map((p) => `"${policyLabel(p)}"`).join(', ')}, but none targets these resources.)`
                : ' There is no disabled one either.',
          },
        }),
      ];
    }
    const missing = RESOURCES.filter((id) => !covered.has(id));
    if (missing.length === 0) return [];
    const by = active.filter((p) => coveredResources(index, p).length > 0);
    return [
      finding(null, 'partial', {
        pointer: '',
        evidence: {
          actual: [...covered],
          expected: RESOURCES,
          uncovered: missing,
          policies: by.map((p) => ({ name: policyLabel(p), state: stateLabel(p) })),
        },
        data: {
          coveredText: RESOURCES.filter((id) => covered.has(id)).map(name).join(', '),
          missingText: missing.map(name).join(', '),
          policiesText: by.map((p) => `"${policyLabel(p)}" (${stateLabel(p)})`).join(', '),
        },
      }),
    ];
  },
});
