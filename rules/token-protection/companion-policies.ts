import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import type { Platform } from '../../src/evaluate/whatif/scenario.js';
import { YES } from '../../src/evaluate/whatif/facts.js';
import { isDisabled, policyLabel, requiresTokenProtection, sameKeyword, stateLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import {
  TOKEN_PROTECTION_ARTICLES,
  TOKEN_PROTECTION_CHECKED,
  coveredPlatforms,
  describePlatforms,
  platformLabel,
  platformStatus,
  policyClients,
} from '../../src/model/token-protection.js';
import { KNOWN_DEVICE_PLATFORMS } from '../../src/model/well-known-platforms.js';

const NEVER_PROTECTED = KNOWN_DEVICE_PLATFORMS.filter((p) => platformStatus(p, ['native', 'browser']) === null).map(platformLabel).join(' and ');
const SOMETIMES_PROTECTED = KNOWN_DEVICE_PLATFORMS.filter((p) => platformStatus(p, ['native', 'browser']) !== null).map(platformLabel).join(', ');

/** The policy requires token protection on the platform: the platform is in its scope and token protection works there. */
function protectsPlatform(policy: ConditionalAccessPolicy, platform: string): boolean {
  const covered = coveredPlatforms(policy);
  if (covered !== null && !covered.some((p) => sameKeyword(p, platform))) return false;
  const clients = policyClients(policy);
  return platformStatus(platform, clients.length > 0 ? clients : ['native']) !== null;
}

/**
 * Known platforms where some token-protection policy does not bind tokens (out of its platform scope, or a platform token
 * protection does not support): a replayed token claiming such a platform escapes it, so these need a compliant device.
 */
function platformsNeedingCompliance(tokenPolicies: readonly ConditionalAccessPolicy[]): string[] {
  return KNOWN_DEVICE_PLATFORMS.filter((platform) => tokenPolicies.some((p) => !protectsPlatform(p, platform)));
}

const tokenPolicies = (index: TenantIndex) => index.policies.filter((p) => !isDisabled(p) && requiresTokenProtection(p));

export default requirementRule({
  id: 'token-protection/companion-policies',
  catalogue: 'CA-078',
  title: 'Token protection is backed by policies for the platforms it does not cover',
  risk: 'Stolen tokens can be replayed from device platforms that token protection does not cover',
  priority: 2,
  effort: 'high',
  userImpact: 'medium',
  licences: ['intune'],
  severity: 'medium',
  rationale:
    `Token protection is enforced only where the platform can bind tokens (for mobile apps and desktop clients: ${describePlatforms('native')}), ` +
    'and a policy requiring it is limited to those platforms, often to fewer of them. The device platform is reported by the ' +
    'client, so an attacker replaying a stolen token can claim another platform and step outside the policy. Microsoft ' +
    'therefore recommends two companion policies: block access from unknown or unsupported device platforms, and require a ' +
    'compliant device on every known platform. calint asks for the compliant device at least on the known platforms that a ' +
    `token-protection policy leaves out (${NEVER_PROTECTED} always; ${SOMETIMES_PROTECTED} when a token-protection policy does ` +
    'not cover them). Only enabled policies for All users on All resources, not narrowed by other conditions, count; ' +
    `report-only and disabled policies enforce nothing. Platform facts as Microsoft Learn stated them when checked on ${TOKEN_PROTECTION_CHECKED}.`,
  remediation:
    'Create the two policies from Microsoft\'s templates: "Block access for unknown or unsupported device platform" (All users, ' +
    'All resources, Device platforms: include Any device, exclude Android, iOS, Windows, macOS, Linux; Grant: Block) and ' +
    '"Require a compliant device" (All users, All resources, Grant: Require device to be marked as compliant), excluding only ' +
    'the break-glass accounts, and enable them after a report-only phase.',
  references: [
    TOKEN_PROTECTION_ARTICLES.overview,
    TOKEN_PROTECTION_ARTICLES.windows,
    TOKEN_PROTECTION_ARTICLES.apple,
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-unknown-unsupported',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-compliance',
  ],
  messages: {
    noUnknownPlatformBlock: (d) =>
      `Token protection is required by ${d.tokenPoliciesText}, but no enabled policy blocks unknown or unsupported device ` +
      'platforms for all users on all resources, so a replayed token that claims an unknown platform meets no policy at all. ' +
      `${d.nearText}`,
    noCompliance: (d) =>
      `Token protection is required by ${d.tokenPoliciesText}, but no enabled policy requires a compliant device for all users ` +
      `on all resources on ${d.platformsText}; token protection does not apply there, so a stolen token replayed from such a ` +
      `platform is not bound to any device. ${d.nearText}`,
  },
  requirement: ({ index }) => {
    const token = tokenPolicies(index);
    if (token.length === 0) return null;
    const needing = platformsNeedingCompliance(token) as Platform[];
    return {
      noUnknownPlatformBlock: { users: { kind: 'all' }, resources: { kind: 'all' }, when: { platforms: ['unknown'] }, control: { kind: 'block' } },
      ...(needing.length > 0 ? { noCompliance: { users: { kind: 'all' }, resources: { kind: 'all' }, when: { platforms: needing }, control: { kind: 'managedDevice' } } } : {}),
    };
  },
  details: (verdict, { index, evaluator }, messageId) => {
    const token = tokenPolicies(index);
    const tokenPoliciesText = token.map((p) => `"${policyLabel(p)}" (${stateLabel(p)})`).join(', ');
    const tokenEvidence = token.map((p) => ({ policyId: typeof p.id === 'string' ? p.id : null, policyName: policyLabel(p), state: stateLabel(p) }));
    if (messageId !== 'noCompliance') return { data: { tokenPoliciesText }, evidence: { tokenProtectionPolicies: tokenEvidence } };
    const needing = platformsNeedingCompliance(token);
    // The walk splits platforms: a platform is uncovered when some gap holds it (or spans every platform).
    const uncovered = needing.filter((p) => verdict.gaps.some((g) => !g.classes.platform || g.classes.platform.includes(p)));
    // The policies that cover a covered platform: protecting policies whose platform condition keeps it in.
    const coveredBy = (platform: string) =>
      verdict.coveredBy.filter((cp) => cp.checks.every((c) => c.dimension !== 'platform' || c.test(evaluator.facts({ identity: { kind: 'user' }, target: { kind: 'application', appId: 'any' }, platform: platform as Platform })) === YES));
    return {
      data: { tokenPoliciesText, platformsText: uncovered.join(', ') },
      evidence: {
        tokenProtectionPolicies: tokenEvidence,
        uncoveredPlatforms: uncovered,
        coveredPlatforms: needing.filter((p) => !uncovered.includes(p)).map((platform) => ({ platform, by: coveredBy(platform).map((cp) => cp.name) })),
      },
    };
  },
});
