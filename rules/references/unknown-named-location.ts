import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { classifyReference, exportHolds, policyReferences, sameId } from '../../src/evaluate/references.js';
import { COMPLIANT_NETWORK_KEYWORD, COMPLIANT_NETWORK_LOCATION, MFA_TRUSTED_IPS_LOCATION } from '../../src/model/well-known-limits.js';

export default defineRule({
  id: 'references/unknown-named-location',
  catalogue: 'CA-018',
  title: 'Named locations used in a policy exist',
  risk: 'A policy names a location that does not exist, so it no longer applies where it was meant to',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'A location condition refers to named locations by id. When the id matches no named location, the condition no longer ' +
    'describes a network: an excluded location that is gone exempts nobody (users on the office or VPN network are suddenly ' +
    'in scope), and an included one matches no sign-in, so the policy stops applying where it was meant to. Nothing in the ' +
    'portal flags this. Placeholders and display names are wrong in every tenant because Graph accepts only ids. ' +
    'The legacy MFA trusted IPs id and the Global Secure Access compliant-network location are Microsoft-provided and not reported here.',
  remediation:
    'Under Conditions > Network (Locations), remove the unknown entry and select the named location you meant, creating it ' +
    'again under Protected > Conditional Access > Named locations if it was deleted. Replace template placeholders with real location ids.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
    'https://learn.microsoft.com/graph/api/resources/namedlocation',
  ],
  messages: {
    malformedId: (d) =>
      `"${d.policy}" holds "${d.actual}" in ${d.field}, which looks like a named-location id but is not a valid GUID (typed or anonymised by hand); ` +
      'Graph refuses it, so the policy cannot be deployed as written.',
    unresolved: (d) =>
      `"${d.policy}" ${d.verb} named location ${d.actual}, which is not among the exported named locations (deleted, or the export is incomplete). ${d.consequence}`,
    placeholder: (d) =>
      `"${d.policy}" ${d.verb} the named-location placeholder "${d.actual}", a template value that was never replaced with a location id; ` +
      'Graph refuses it, so the policy cannot be deployed as written.',
    displayName: (d) =>
      `"${d.policy}" holds "${d.actual}" in ${d.field} where a named-location id belongs${d.suggestion}; Graph accepts only ids, All and AllTrusted there.`,
  },
  check({ index, snapshot, finding, notice }) {
    const findings: FindingDraft[] = [];
    const unchecked = new Set<string>();
    for (const policy of index.policies) {
      for (const ref of policyReferences(policy, ['namedLocation'])) {
        if (sameId(ref.value, MFA_TRUSTED_IPS_LOCATION) || sameId(ref.value, COMPLIANT_NETWORK_KEYWORD)) continue;
        const verdict = classifyReference(index, 'namedLocation', ref.value);
        if (verdict.status === 'keyword' || verdict.status === 'known') continue;
        if (verdict.status === 'unresolved' && sameId(ref.value, COMPLIANT_NETWORK_LOCATION)) continue;
        const data = { verb: ref.side === 'exclude' ? 'excludes' : 'includes', field: ref.field };
        const evidence = { actual: ref.value, expected: 'the id of an exported named location, All or AllTrusted', field: ref.field };
        if (verdict.status === 'placeholder') {
          findings.push(finding(policy, 'placeholder', { pointer: ref.pointer, evidence, data }));
        } else if (verdict.status === 'malformed') {
          findings.push(finding(policy, 'malformedId', { pointer: ref.pointer, evidence, data }));
        } else if (verdict.status === 'display-name') {
          const r = verdict.resolved;
          findings.push(
            finding(policy, 'displayName', {
              pointer: ref.pointer,
              evidence: { ...evidence, resolvedId: r?.key ?? null, resolvedName: r?.name ?? null },
              data: { ...data, suggestion: r ? ` (it names "${r.name}", id ${r.key})` : '' },
            }),
          );
        } else if (exportHolds(snapshot, 'namedLocation')) {
          const consequence =
            ref.side === 'exclude'
              ? 'A location that no longer exists exempts no sign-in, so users on the network it stood for are now in scope.'
              : 'A location that no longer exists matches no sign-in, so the policy no longer applies where it was meant to.';
          findings.push(finding(policy, 'unresolved', { pointer: ref.pointer, evidence, data: { ...data, consequence } }));
        } else {
          unchecked.add(ref.value.toLowerCase());
        }
      }
    }
    if (unchecked.size > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${unchecked.size} named-location id(s) referenced by policies cannot be checked because the export holds no named locations ` +
          '(add Graph /identity/conditionalAccess/namedLocations to the inputs, or namedLocations to a calint snapshot)',
      );
    }
    return findings;
  },
});
