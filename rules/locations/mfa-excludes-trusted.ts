import { defineRule } from '../../src/engine/define-rule.js';
import { locationLookup } from '../../src/evaluate/named-locations.js';
import { blocks, mentionsMfa } from '../../src/evaluate/controls.js';
import { applicationsCondition, includesAllUsers, isDisabled, list, sameKeyword } from '../../src/model/policy.js';

export default defineRule({
  id: 'locations/mfa-excludes-trusted',
  catalogue: 'CA-092',
  title: 'The all-users MFA policy does not exempt trusted locations',
  risk: 'Anyone on a trusted network, or behind the same internet address, signs in without MFA',
  priority: 2,
  effort: 'low',
  userImpact: 'medium',
  severity: 'medium',
  rationale:
    'Excluding trusted networks from MFA treats an IP address as proof of identity. Anyone on that network, or behind ' +
    'the same egress (guest Wi-Fi, a VPN concentrator, a compromised device, a cloud proxy), signs in with a password ' +
    'alone, and password spraying from inside the network meets no second factor. An IP address says where a request ' +
    'comes from, not that the device or the person is trusted; Microsoft warns that marking a network trusted does not ' +
    'mean it should be excluded from policies. The check covers enabled and report-only policies for All users that ' +
    'require MFA (or an authentication strength) and exclude All trusted locations or a named location marked as trusted. ' +
    'Policies on user actions are left out: Microsoft\'s template for securing security-info registration deliberately ' +
    'lets trusted locations register without MFA.',
  remediation:
    'Remove the trusted location from Conditions > Network > Exclude of the MFA policy. To reduce prompts on the corporate ' +
    'network, rely on sign-in frequency, Windows Hello for Business or passkeys, or require a compliant or hybrid joined ' +
    'device as an alternative grant in a separate policy, instead of skipping authentication by IP address.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
  ],
  messages: {
    excludesTrusted: (d) =>
      `"${d.policy}" requires MFA for all users but excludes ${d.locationText}, so sign-ins from ${d.fromText} skip ` +
      'its MFA requirement; an IP address is not device or user trust.',
  },
  check({ index, finding, notice }) {
    const { byId, needLocations } = locationLookup(index, notice, 'to tell whether an excluded location is trusted');
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy) || !includesAllUsers(policy) || blocks(policy) || !mentionsMfa(policy)) return [];
      // User actions are out of scope: Microsoft's security-info registration policy excludes trusted locations on purpose.
      if (applicationsCondition(policy).includeUserActions.length > 0) return [];
      const exclude = list(policy.conditions?.locations?.excludeLocations);
      return exclude.flatMap((value, i) => {
        const pointer = `/conditions/locations/excludeLocations/${i}`;
        if (sameKeyword(value, 'AllTrusted')) {
          return [
            finding(policy, 'excludesTrusted', {
              pointer,
              evidence: { actual: value, expected: 'no trusted-location exclusion' },
              data: { locationText: 'All trusted locations', fromText: 'every trusted IP range (and the legacy MFA trusted IPs)' },
            }),
          ];
        }
        needLocations(value);
        const location = byId.get(index.resolve('namedLocation', value).key.toLowerCase());
        if (!location || location.isTrusted !== true) return [];
        const name = location.displayName ?? value;
        return [
          finding(policy, 'excludesTrusted', {
            pointer,
            evidence: { actual: value, location: { id: location.id, name, isTrusted: true }, expected: 'no trusted-location exclusion' },
            data: { locationText: `the trusted location "${name}"`, fromText: 'its IP ranges' },
          }),
        ];
      });
    });
  },
});
