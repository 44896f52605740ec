import { defineRule } from '../../src/engine/define-rule.js';
import { locationLookup } from '../../src/evaluate/named-locations.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { blocks } from '../../src/evaluate/controls.js';
import { conditionPointer, isDisabled, list } from '../../src/model/policy.js';
import type { NamedLocation } from '../../src/model/snapshot-types.js';

const GPS = 'authenticatorAppGps';
const IP = 'clientIpAddress';

export default defineRule({
  id: 'locations/country-lookup-method',
  catalogue: 'CA-094',
  title: 'Country locations used for allow-listing determine the country from the sign-in, not the phone',
  risk: 'A country allow-list checks where the user\'s phone is, not where the sign-in comes from',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'low',
  rationale:
    'A countries location finds the country in one of two ways. "Determine location by IP address" (clientIpAddress) ' +
    'maps the public address the sign-in comes from. "Determine location by GPS coordinates" (authenticatorAppGps) asks ' +
    'the Microsoft Authenticator app for the position of the user\'s phone (after one approval the phone shares it ' +
    'silently every hour for a day). The GPS answer says where the phone is, not where the sign-in comes from: a ' +
    'sign-in from abroad with stolen credentials passes a GPS allow-list while the user\'s phone is at home and sharing ' +
    'its position, and sign-ins without the Authenticator app ' +
    '(passwordless methods, shared devices) cannot be located at all. Excluding a GPS location from a block policy to ' +
    'allow-list countries therefore checks the wrong device. Mixing the two methods in one policy makes its country ' +
    'conditions answer different questions about the same sign-in.',
  remediation:
    'For country allow-lists and block lists, edit the countries location under Conditional Access > Named locations ' +
    'and choose "Determine location by IP address". Keep GPS locations for the narrow case Microsoft describes (very ' +
    'sensitive apps where hourly Authenticator prompts are acceptable), in a policy of their own.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
    'https://learn.microsoft.com/entra/identity/conditional-access/location-condition',
  ],
  messages: {
    gpsAllowList: (d) =>
      `"${d.policy}" blocks access but exempts the countries location "${d.location}", which determines the country from ` +
      'the GPS position of the Authenticator app: the exemption follows where the user\'s phone is, not where the ' +
      'sign-in comes from.',
    mixedMethods: (d) =>
      `"${d.policy}" uses countries locations with different lookup methods (${d.methodsText}); some of its country ` +
      'conditions check the sign-in\'s IP address and others the phone\'s GPS position.',
  },
  check({ index, finding, notice }) {
    const { byId, needLocations } = locationLookup(index, notice, 'to tell which lookup method a referenced countries location uses');
    const countryLocation = (value: string) => {
      needLocations(value);
      const l = byId.get(index.resolve('namedLocation', value).key.toLowerCase());
      return l && (l['@odata.type'] === '#microsoft.graph.countryNamedLocation' || Array.isArray(l.countriesAndRegions)) ? l : null;
    };
    const method = (l: NamedLocation) => l.countryLookupMethod ?? IP;
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy)) return [];
      const loc = policy.conditions?.locations;
      const out: FindingDraft[] = [];
      if (blocks(policy)) {
        list(loc?.excludeLocations).forEach((value, i) => {
          const l = countryLocation(value);
          if (!l || method(l) !== GPS) return;
          const name = l.displayName ?? value;
          out.push(
            finding(policy, 'gpsAllowList', {
              pointer: `/conditions/locations/excludeLocations/${i}`,
              evidence: { actual: value, location: { id: l.id, name, countryLookupMethod: GPS }, expected: { countryLookupMethod: IP } },
              data: { location: name },
            }),
          );
        });
      }
      const referenced = [...list(loc?.includeLocations), ...list(loc?.excludeLocations)].flatMap((value) => {
        const l = countryLocation(value);
        return l ? [{ value, name: l.displayName ?? value, method: method(l) }] : [];
      });
      const methods = [...new Set(referenced.map((r) => r.method))];
      if (methods.length > 1) {
        out.push(
          finding(policy, 'mixedMethods', {
            pointer: loc ? '/conditions/locations' : conditionPointer(policy, 'locations'),
            evidence: { actual: referenced.map((r) => ({ id: r.value, name: r.name, countryLookupMethod: r.method })), expected: 'one lookup method' },
            data: { methodsText: referenced.map((r) => `"${r.name}": ${r.method === GPS ? 'GPS' : r.method === IP ? 'IP address' : r.method}`).join(', ') },
          }),
        );
      }
      return out;
    });
  },
});
