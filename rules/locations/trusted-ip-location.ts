import { defineRule } from '../../src/engine/define-rule.js';
import { exportHolds } from '../../src/evaluate/references.js';
import type { NamedLocation } from '../../src/model/snapshot-types.js';

const isIpLocation = (l: NamedLocation) => l['@odata.type'] === '#microsoft.graph.ipNamedLocation' || Array.isArray(l.ipRanges);
const hasRanges = (l: NamedLocation) => Array.isArray(l.ipRanges) && l.ipRanges.some((r) => !!r && typeof r === 'object');

export default defineRule({
  id: 'locations/trusted-ip-location',
  catalogue: 'CA-064',
  title: 'A trusted IP named location describes the organisation\'s own networks',
  risk: 'No network is marked as the organisation\'s own, so location-based policies and risk scoring cannot tell office sign-ins from any other',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'low',
  scope: 'tenant',
  rationale:
    'A trusted IP named location holds the public address ranges of the organisation\'s offices and egress points. ' +
    'Policies that block or challenge sign-ins from elsewhere (Any location, excluding All trusted locations) need it, ' +
    'and Microsoft Entra ID Protection lowers the risk of sign-ins that come from it, which cuts false positives. The ' +
    'CIS Microsoft 365 Foundations Benchmark (Level 2) asks for at least one IP named location marked trusted with at ' +
    'least one range. Being trusted is not device trust: keep the ranges narrow (locations/broad-trusted-range) and do ' +
    'not exempt them from MFA (locations/mfa-excludes-trusted).',
  remediation:
    'Under Conditional Access > Named locations > IP ranges location, add the public IPv4/IPv6 ranges (CIDR) of the ' +
    'organisation\'s offices and internet egress, and tick "Mark as trusted location".',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
    'https://learn.microsoft.com/graph/api/resources/ipnamedlocation',
  ],
  messages: {
    missing: (d) =>
      `No IP named location is marked trusted with at least one range${d.untrustedText}, so "All trusted locations" ` +
      'matches nothing and ID Protection treats office sign-ins like any other.',
  },
  check({ snapshot, finding, notice }) {
    if (!exportHolds(snapshot, 'namedLocation')) {
      notice(
        'not-evaluated',
        'not evaluated: the export holds no named locations, so calint cannot tell whether a trusted IP location exists (add ' +
          'Graph /identity/conditionalAccess/namedLocations to the inputs; if the tenant really has none, there is no trusted IP location)',
      );
      return [];
    }
    const locations = (snapshot.namedLocations ?? []) as NamedLocation[];
    if (locations.some((l) => isIpLocation(l) && l.isTrusted === true && hasRanges(l))) return [];
    const ip = locations.filter(isIpLocation);
    const trustedEmpty = ip.filter((l) => l.isTrusted === true);
    const untrustedText =
      trustedEmpty.length > 0
        ? ` (${trustedEmpty.map((l) => `"${l.displayName ?? l.id}"`).join(', ')} ${trustedEmpty.length === 1 ? 'is' : 'are'} trusted but ${trustedEmpty.length === 1 ? 'has' : 'have'} no range)`
        : ip.length > 0
          ? ` (${ip.length === 1 ? 'the one IP location is' : `none of the ${ip.length} IP locations is`} marked trusted)`
          : '';
    return [
      finding(null, 'missing', {
        pointer: '',
        key: 'missing',
        evidence: {
          actual: ip.map((l) => ({ id: l.id ?? null, name: l.displayName ?? null, isTrusted: l.isTrusted ?? null, ranges: Array.isArray(l.ipRanges) ? l.ipRanges.length : 0 })),
          expected: { '@odata.type': '#microsoft.graph.ipNamedLocation', isTrusted: true, ipRanges: 'at least one range' },
        },
        data: { untrustedText },
      }),
    ];
  },
});
