import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, evaluateBaseline, nearMissEvidence, type BaselineRequirement } from '../../src/evaluate/baseline.js';
import { blocks } from '../../src/evaluate/controls.js';
import { hasKeyword, list, policyLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

/** The two client-app types that are legacy authentication, and how a person reads them. */
const LEGACY_CLIENT_TYPES = [
  { type: 'exchangeActiveSync', name: 'Exchange ActiveSync clients' },
  { type: 'other', name: 'other legacy clients (IMAP, POP, SMTP AUTH, older Office)' },
] as const;

/** Client app types as configured; [] and ["all"] mean every client. */
function clientAppTypes(policy: ConditionalAccessPolicy): string[] {
  return list(policy.conditions?.clientAppTypes);
}

/** Names at least one legacy client type (an explicit legacy-auth policy, not a block that happens to cover it). */
function namesLegacyClients(policy: ConditionalAccessPolicy): boolean {
  const types = clientAppTypes(policy);
  return LEGACY_CLIENT_TYPES.some((t) => hasKeyword(types, t.type));
}

export default defineRule({
  id: 'baseline/block-legacy-auth',
  catalogue: 'CA-042',
  title: 'Legacy authentication is blocked for all users',
  severity: 'critical',
  scope: 'tenant',
  rationale:
    'Legacy protocols (Exchange ActiveSync with basic authentication, IMAP, POP, SMTP AUTH, older Office clients) ' +
    'cannot perform MFA, so they are where password-spray and credential-stuffing attacks land: one guessed password ' +
    'is a mailbox. Microsoft recommends one enabled policy that blocks both legacy client types (Exchange ActiveSync ' +
    'clients and Other clients) for All users on All resources. A policy that lists only one type, or is limited to some ' +
    'platforms or locations, leaves the other door open.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts and, temporarily, named ' +
    'service accounts that still need legacy authentication), Target resources = All resources, Conditions > Client ' +
    'apps = Exchange ActiveSync clients and Other clients, no other conditions, Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication',
    'https://learn.microsoft.com/entra/identity/conditional-access/block-legacy-authentication',
  ],
  frameworks: { cis: ['5.2.2.3'], scuba: ['MS.AAD.1.1v1'] },
  messages: {
    missing: (d) =>
      `${d.headText} for all users on all resources: ${d.openText} can still sign in ` +
      `with a password alone, which is where password-spray attacks land.${d.coveredText} ${d.nearText}`,
  },
  check({ index, finding }) {
    const base = { users: { kind: 'all' }, resources: { kind: 'all' } } as const;
    // A block for every client (clientAppTypes all or unset) also blocks legacy authentication.
    const blocksLegacy = (policy: ConditionalAccessPolicy) => blocks(policy);
    const coverage = LEGACY_CLIENT_TYPES.map((t) => {
      const verdict = evaluateBaseline(index, {
        ...base,
        clientAppTypes: [t.type],
        control: { label: 'block access', test: blocksLegacy },
      });
      return { ...t, verdict };
    });
    const open = coverage.filter((c) => !c.verdict.satisfied);
    if (open.length === 0) return [];
    const covered = coverage.filter((c) => c.verdict.satisfied);

    // Near misses: block policies that name a legacy client type (not every block with a platform or location condition).
    const nearRequirement: BaselineRequirement = {
      ...base,
      clientAppTypes: open.map((c) => c.type),
      control: { label: 'block access', test: (p) => blocks(p) && namesLegacyClients(p) },
    };
    const near = evaluateBaseline(index, nearRequirement);
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: {
          actual: { blockedClientAppTypes: covered.map((c) => ({ clientAppType: c.type, policies: c.verdict.satisfiedBy.map(policyLabel) })) },
          expected: { clientAppTypes: LEGACY_CLIENT_TYPES.map((t) => t.type), grant: 'block', users: 'All', resources: 'All' },
          openClientAppTypes: open.map((c) => c.type),
          nearMisses: nearMissEvidence(index, near),
        },
        data: {
          headText: covered.length ? 'Legacy authentication is only partly blocked' : 'No enabled policy blocks legacy authentication',
          openText: open.map((c) => c.name).join(' and '),
          coveredText: covered
            .map((c) => {
              const by = c.verdict.satisfiedBy.map((p) => `"${policyLabel(p)}"`);
              return ` ${by.join(', ')} ${by.length === 1 ? 'blocks' : 'block'} only ${c.name.replace(/ \(.*\)$/, '')}.`;
            })
            .join(''),
          nearText: describeNearMisses(near),
        },
      }),
    ];
  },
});
