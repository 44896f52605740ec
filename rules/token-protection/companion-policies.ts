import { defineRule } from '../../src/engine/define-rule.js';
import {
  describeNearMisses,
  evaluateBaseline,
  nearMissEvidence,
  reasonsAgainst,
  type BaselineRequirement,
  type BaselineVerdict,
} from '../../src/evaluate/baseline.js';
import { blocks, grantAlternatives } from '../../src/evaluate/controls.js';
import { hasKeyword, isDisabled, list, policyLabel, requiresTokenProtection, sameKeyword, stateLabel } from '../../src/model/policy.js';
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

/** Device platforms Conditional Access recognises; anything else (or nothing) is an unknown platform. */
const KNOWN_PLATFORMS = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux'];

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

const INCLUDE_PLATFORMS = '/conditions/platforms/includePlatforms';
const EXCLUDE_PLATFORMS = '/conditions/platforms/excludePlatforms';

const blockRequirement: BaselineRequirement = {
  users: { kind: 'all' },
  resources: { kind: 'all' },
  control: { label: 'block access', test: blocks },
};

/** Every way through the grant needs a managed device (or the platform is blocked outright). */
function requiresManagedDevice(policy: ConditionalAccessPolicy): boolean {
  const alts = grantAlternatives(policy);
  return alts.length > 0 && alts.every((alt) => alt.includes('compliantDevice') || alt.includes('domainJoinedDevice') || alt.includes('block'));
}

const mentionsManagedDevice = (policy: ConditionalAccessPolicy) =>
  grantAlternatives(policy).some((alt) => alt.includes('compliantDevice') || alt.includes('domainJoinedDevice'));

const complianceRequirement: BaselineRequirement = {
  users: { kind: 'all' },
  resources: { kind: 'all' },
  control: { label: 'require a compliant device on every path', test: requiresManagedDevice, related: mentionsManagedDevice },
};

/**
 * evaluateBaseline for a requirement that is itself about device platforms: the platform reasons are waived when the
 * policy's platform condition is the one the requirement needs (`waive` decides), every other reason stands.
 * (BaselineRequirement has no platform expectation; see the report.)
 */
function platformVerdict(
  index: TenantIndex,
  req: BaselineRequirement,
  waive: (policy: ConditionalAccessPolicy, pointer: string) => boolean,
): BaselineVerdict {
  const plain = evaluateBaseline(index, req);
  if (plain.satisfied) return plain;
  const verdicts = index.policies.map((policy) => ({
    policy,
    reasons: reasonsAgainst(index, policy, req).filter((r) => !waive(policy, r.pointer)),
    // Near misses are the policies that mention the control (`related`), not every policy that passes `test` by blocking.
    relevant: req.control.related ? req.control.related(policy) : req.control.test(policy),
  }));
  const satisfiedBy = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy);
  const nearMisses = verdicts
    .filter((v) => v.reasons.length > 0 && v.relevant)
    .sort((a, b) => weight(a.reasons) - weight(b.reasons) || (policyLabel(a.policy) < policyLabel(b.policy) ? -1 : policyLabel(a.policy) > policyLabel(b.policy) ? 1 : 0))
    .slice(0, 3)
    .map(({ policy, reasons }) => ({ policy, reasons }));
  return { satisfied: satisfiedBy.length > 0, satisfiedBy, nearMisses };
}

/** Near misses closest first, as evaluateBaseline orders them (a scope reason may weigh more than a narrowing one). */
const weight = (reasons: ReadonlyArray<{ weight?: number }>) => reasons.reduce((sum, r) => sum + (r.weight ?? 1), 0);

const platforms = (policy: ConditionalAccessPolicy) => ({
  include: list(policy.conditions?.platforms?.includePlatforms),
  exclude: list(policy.conditions?.platforms?.excludePlatforms),
});

/** Include all platforms and exclude only known ones: unknown platforms stay in scope. */
function coversUnknownPlatforms(policy: ConditionalAccessPolicy, pointer: string): boolean {
  if (pointer !== EXCLUDE_PLATFORMS) return false;
  const { include, exclude } = platforms(policy);
  return hasKeyword(include, 'all') && exclude.every((p) => hasKeyword(KNOWN_PLATFORMS, p));
}

/** The policy's platform condition keeps `platform` in scope. */
function coversPlatform(platform: string) {
  return (policy: ConditionalAccessPolicy, pointer: string): boolean => {
    const { include, exclude } = platforms(policy);
    if (hasKeyword(exclude, platform)) return false;
    if (pointer === EXCLUDE_PLATFORMS) return true;
    return pointer === INCLUDE_PLATFORMS && (hasKeyword(include, platform) || hasKeyword(include, 'all'));
  };
}

export default defineRule({
  id: 'token-protection/companion-policies',
  catalogue: 'CA-078',
  title: 'Token protection is backed by policies for the platforms it does not cover',
  severity: 'medium',
  scope: 'tenant',
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
  check({ index, finding }) {
    const tokenPolicies = index.policies.filter((p) => !isDisabled(p) && requiresTokenProtection(p));
    if (tokenPolicies.length === 0) return [];
    const tokenPoliciesText = tokenPolicies.map((p) => `"${policyLabel(p)}" (${stateLabel(p)})`).join(', ');
    const tokenEvidence = tokenPolicies.map((p) => ({ policyId: typeof p.id === 'string' ? p.id : null, policyName: policyLabel(p), state: stateLabel(p) }));
    const out = [];

    const unknown = platformVerdict(index, blockRequirement, coversUnknownPlatforms);
    if (!unknown.satisfied) {
      out.push(
        finding(null, 'noUnknownPlatformBlock', {
          pointer: '',
          evidence: { tokenProtectionPolicies: tokenEvidence, nearMisses: nearMissEvidence(index, unknown) },
          data: { tokenPoliciesText, nearText: describeNearMisses(unknown) },
        }),
      );
    }

    const verdicts = platformsNeedingCompliance(tokenPolicies).map((platform) => ({ platform, verdict: platformVerdict(index, complianceRequirement, coversPlatform(platform)) }));
    const missing = verdicts.filter((v) => !v.verdict.satisfied);
    if (missing.length > 0) {
      // The near misses of the first uncovered platform stand for all of them (they are usually the same policies).
      const near = missing[0]!.verdict;
      out.push(
        finding(null, 'noCompliance', {
          pointer: '',
          evidence: {
            tokenProtectionPolicies: tokenEvidence,
            uncoveredPlatforms: missing.map((m) => m.platform),
            coveredPlatforms: verdicts.filter((v) => v.verdict.satisfied).map((v) => ({ platform: v.platform, by: v.verdict.satisfiedBy.map(policyLabel) })),
            nearMisses: nearMissEvidence(index, near),
          },
          data: { tokenPoliciesText, platformsText: missing.map((m) => m.platform).join(', '), nearText: describeNearMisses(near) },
        }),
      );
    }
    return out;
  },
});
