import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { KNOWN_DEVICE_PLATFORMS } from '../../src/model/well-known-platforms.js';

export default requirementRule({
  id: 'baseline/block-unknown-platforms',
  catalogue: 'CA-049',
  title: 'Sign-ins from unknown or unsupported device platforms are blocked',
  risk: 'A device that reports an unknown or false operating system slips past the device-based policies',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  severity: 'medium',
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
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, when: { platforms: ['unknown'] }, control: { kind: 'block' } },
  details: () => ({
    data: { knownText: KNOWN_DEVICE_PLATFORMS.join(', ') },
    evidence: { expected: { includePlatforms: ['all'], excludePlatforms: KNOWN_DEVICE_PLATFORMS, grant: 'block' } },
  }),
});
