import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { blocks } from '../../src/evaluate/controls.js';
import { evaluateRequirement, SCOPE_WEIGHT, unknownPlatformExclusions, withoutReasonsAt, type Reason } from '../../src/evaluate/risk.js';
import { conditionPointer, hasKeyword, list } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { KNOWN_DEVICE_PLATFORMS, PLATFORM_ALL } from '../../src/model/well-known-platforms.js';

/**
 * The platform condition is the point here: include "all" and exclude only recognised platforms. reasonsAgainst reads
 * every platform exclusion as a narrowing, so that reason is dropped for this shape, and a reason is added when the
 * policy has no platform condition or one that excludes nothing (which reasonsAgainst does not count as narrowing).
 */
function adjust(policy: ConditionalAccessPolicy, reasons: Reason[]): Reason[] {
  if (unknownPlatformExclusions(policy)) return withoutReasonsAt(reasons, '/conditions/platforms/excludePlatforms');
  const include = list(policy.conditions?.platforms?.includePlatforms);
  if (include.length === 0 || (hasKeyword(include, PLATFORM_ALL) && list(policy.conditions?.platforms?.excludePlatforms).length === 0)) {
    return [...reasons, { text: 'it has no device-platform condition that leaves only unknown platforms', pointer: conditionPointer(policy, 'platforms'), weight: SCOPE_WEIGHT }];
  }
  return reasons;
}

/** A block policy with a device-platform condition: worth naming as a near miss. */
const isPlatformBlock = (p: ConditionalAccessPolicy) => blocks(p) && list(p.conditions?.platforms?.includePlatforms).length > 0;

export default defineRule({
  id: 'baseline/block-unknown-platforms',
  catalogue: 'CA-049',
  title: 'Sign-ins from unknown or unsupported device platforms are blocked',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'Conditional Access recognises Android, iOS, Windows, macOS and Linux from the user agent. Device-based policies (require ' +
    'a compliant device, app protection on iOS/Android) are usually scoped to those platforms, so a client that reports ' +
    'an unknown or spoofed platform slips past all of them. Microsoft recommends blocking every platform except the ones the ' +
    'organisation uses. Windows Phone may be excluded or left blocked; excluding fewer platforms blocks those too and ' +
    'still passes. A report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources, Conditions > Device platforms: Include = Any device, Exclude = Android, iOS, Windows, macOS and Linux (only ' +
    'the platforms in use), Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-unknown-unsupported',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks unknown device platforms for all users on all resources (include Any device, exclude only ' +
      `${d.knownText}), so a client reporting an unrecognised platform bypasses the device-based policies. ${d.nearText}`,
  },
  check({ index, finding }) {
    const verdict = evaluateRequirement(
      index,
      {
        users: { kind: 'all' },
        resources: { kind: 'all' },
        control: { label: 'block access', test: blocks },
      },
      { adjust, focus: isPlatformBlock },
    );
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: {
          expected: { includePlatforms: ['all'], excludePlatforms: KNOWN_DEVICE_PLATFORMS, grant: 'block' },
          nearMisses: nearMissEvidence(index, verdict),
        },
        data: { knownText: KNOWN_DEVICE_PLATFORMS.join(', '), nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});
