import { defineRule } from '../../src/engine/define-rule.js';
import { locationLookup } from '../../src/evaluate/named-locations.js';
import { blocks, mentionsMfa } from '../../src/evaluate/controls.js';
import { isDisabled, list } from '../../src/model/policy.js';

export default defineRule({
  id: 'locations/unknown-countries-trusted',
  catalogue: 'CA-093',
  title: 'Allowed-country exclusions do not let unknown countries through',
  risk: 'Sign-ins from addresses that map to no country, such as many VPNs and Tor, skip a location-based control',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A countries location with "Include unknown countries/regions" also matches every IP address that does not map to a ' +
    'country or region. Used as an exclusion from a block or MFA policy ("block everything except our countries"), it ' +
    'exempts exactly the addresses whose origin cannot be told: many anonymising VPNs, Tor exit nodes, satellite and ' +
    'some cloud and mobile ranges. An attacker only needs such an address to skip the control. Enabled and report-only ' +
    'policies that block or require MFA are checked.',
  remediation:
    'Edit the countries location under Conditional Access > Named locations and clear "Include unknown ' +
    'countries/regions", or create a separate allow-list location without it for this policy. If users legitimately ' +
    'sign in from unmapped addresses, add those networks as a trusted IP location instead.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
    'https://learn.microsoft.com/entra/identity/conditional-access/location-condition',
  ],
  messages: {
    unknownExcluded: (d) =>
      `"${d.policy}" ${d.controlText} but excludes the countries location "${d.location}", which includes unknown ` +
      'countries/regions, so sign-ins from IP addresses that map to no country (many VPNs and Tor exit nodes) skip it.',
  },
  check({ index, finding, notice }) {
    const { byId, needLocations } = locationLookup(index, notice, 'to tell whether an excluded countries location includes unknown countries/regions');
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy)) return [];
      const blocking = blocks(policy);
      if (!blocking && !mentionsMfa(policy)) return [];
      return list(policy.conditions?.locations?.excludeLocations).flatMap((value, i) => {
        needLocations(value);
        const location = byId.get(index.resolve('namedLocation', value).key.toLowerCase());
        if (!location || location.includeUnknownCountriesAndRegions !== true) return [];
        const name = location.displayName ?? value;
        return [
          finding(policy, 'unknownExcluded', {
            pointer: `/conditions/locations/excludeLocations/${i}`,
            evidence: {
              actual: value,
              location: { id: location.id, name, countriesAndRegions: list(location.countriesAndRegions), includeUnknownCountriesAndRegions: true },
              expected: { includeUnknownCountriesAndRegions: false },
            },
            data: { location: name, controlText: blocking ? 'blocks access' : 'requires MFA' },
          }),
        ];
      });
    });
  },
});
