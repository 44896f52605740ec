import { defineRule } from '../../src/engine/define-rule.js';
import { isDisabled, list, policyLabel, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy, NamedLocation } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';

export default defineRule({
  id: 'locations/unused',
  catalogue: 'CA-093',
  title: 'Every named location is used by a policy',
  risk: 'Named locations that no policy uses go unreviewed while still looking authoritative',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'low',
  scope: 'tenant',
  rationale:
    'Named locations that no policy references are leftovers: nobody reviews them, yet they still look authoritative ' +
    'when someone later picks "All trusted locations" or reuses the list. A trusted IP location is never fully idle, ' +
    'because Identity Protection lowers the risk of sign-ins from it, which is a reason to keep it accurate or remove it. ' +
    'A location counts as used when any policy includes or excludes it, or when it is trusted and a policy uses All ' +
    'trusted locations; one used only by disabled policies is reported as such. Locations without an id (templates, ' +
    'POST bodies) cannot be referenced, and the Global Secure Access compliant network is managed by Microsoft; both are skipped.',
  remediation:
    'Delete the location under Conditional Access > Named locations (for a trusted IP location, first clear "Mark as ' +
    'trusted location"), or reference it from the policy it was created for.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network'],
  messages: {
    unused: (d) => `Named location "${d.location}" (${d.kindText}) is not used by any Conditional Access policy.`,
    unusedTrusted: (d) =>
      `Trusted location "${d.location}" is not used by any Conditional Access policy; its only effect is that Identity ` +
      'Protection treats sign-ins from its ranges as less risky.',
    onlyDisabled: (d) => `Named location "${d.location}" (${d.kindText}) is used only by disabled policies (${d.policiesText}).`,
  },
  check({ index, finding, notice }) {
    const locations = namedLocations(index);
    if (locations.length === 0) return [];
    if (index.policies.length === 0) {
      notice('not-evaluated', 'needs the Conditional Access policies (lint the policies together with the named locations) to tell which locations are used');
      return [];
    }
    const users = new Map<string, ConditionalAccessPolicy[]>();
    const allTrustedUsers: ConditionalAccessPolicy[] = [];
    for (const policy of index.policies) {
      const l = policy.conditions?.locations;
      for (const value of [...list(l?.includeLocations), ...list(l?.excludeLocations)]) {
        if (sameKeyword(value, 'AllTrusted')) {
          if (!allTrustedUsers.includes(policy)) allTrustedUsers.push(policy);
          continue;
        }
        const key = index.resolve('namedLocation', value).key.toLowerCase();
        const current = users.get(key) ?? [];
        if (!current.includes(policy)) current.push(policy);
        users.set(key, current);
      }
    }
    return locations.flatMap((location) => {
      const id = location.id as string;
      const trusted = location.isTrusted === true && isIpLocation(location);
      const referencing = [...(users.get(id.toLowerCase()) ?? []), ...(trusted ? allTrustedUsers : [])];
      const name = location.displayName ?? id;
      const evidence = { location: locationEvidence(index, location), referencedBy: referencing.map((p) => ({ id: p.id ?? null, name: policyLabel(p), disabled: isDisabled(p) })) };
      const kindText = kindOf(location);
      if (referencing.length === 0) {
        return [finding(null, trusted ? 'unusedTrusted' : 'unused', { pointer: '', evidence, data: { location: name, kindText } })];
      }
      if (referencing.every(isDisabled)) {
        return [
          finding(null, 'onlyDisabled', {
            pointer: '',
            evidence,
            data: { location: name, kindText, policiesText: referencing.map((p) => `"${policyLabel(p)}"`).join(', ') },
          }),
        ];
      }
      return [];
    });
  },
});

/** Locations with an id, one per id; the system-managed Global Secure Access compliant network is left out. */
function namedLocations(index: TenantIndex): NamedLocation[] {
  const seen = new Set<string>();
  return ((index.snapshot.namedLocations ?? []) as NamedLocation[]).filter((l) => {
    if (typeof l.id !== 'string' || l.id === '') return false;
    if (l['@odata.type'] === '#microsoft.graph.compliantNetworkNamedLocation' || l.compliantNetworkType != null) return false;
    const key = l.id.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isIpLocation(l: NamedLocation): boolean {
  return l['@odata.type'] === '#microsoft.graph.ipNamedLocation' || Array.isArray(l.ipRanges);
}

function kindOf(l: NamedLocation): string {
  if (isIpLocation(l)) return l.isTrusted === true ? 'trusted IP ranges' : 'IP ranges';
  if (l['@odata.type'] === '#microsoft.graph.countryNamedLocation' || Array.isArray(l.countriesAndRegions)) return 'countries/regions';
  return (l['@odata.type'] ?? 'location').replace(/^#microsoft\.graph\./, '');
}

function locationEvidence(index: TenantIndex, location: NamedLocation) {
  const source = index.sourceOf(location);
  return {
    id: location.id ?? null,
    name: location.displayName ?? null,
    type: location['@odata.type'] ?? null,
    isTrusted: location.isTrusted ?? null,
    file: source?.file ?? null,
    pointer: source?.bodyPointer ?? null,
  };
}
