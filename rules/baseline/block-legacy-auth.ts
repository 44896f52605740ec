import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { YES } from '../../src/evaluate/whatif/facts.js';

const LEGACY_CLIENT_TYPES = [
  { type: 'exchangeActiveSync', name: 'Exchange ActiveSync clients' },
  { type: 'other', name: 'other legacy clients (IMAP, POP, SMTP AUTH, older Office)' },
] as const;

export default requirementRule({
  id: 'baseline/block-legacy-auth',
  catalogue: 'CA-042',
  title: 'Legacy authentication is blocked for all users',
  risk: 'Old mail and Office protocols that cannot do MFA still accept a password alone, which is where password-spray attacks land',
  priority: 1,
  effort: 'medium',
  userImpact: 'low',
  severity: 'critical',
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
  messages: {
    missing: (d) =>
      `${d.headText} for all users on all resources: ${d.openText} can still sign in ` +
      `with a password alone, which is where password-spray attacks land.${d.coveredText} ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, clientApps: ['exchangeActiveSync', 'other'], control: { kind: 'block' } },
  details: (verdict, { evaluator }) => {
    // The walk splits client apps: a legacy type is open when some gap holds it (or spans every client app).
    const open = LEGACY_CLIENT_TYPES.filter((t) => verdict.gaps.some((g) => !g.classes.clientApp || g.classes.clientApp.includes(t.type)));
    const covered = LEGACY_CLIENT_TYPES.filter((t) => !open.includes(t)).map((t) => {
      const facts = evaluator.facts({ identity: { kind: 'user' }, target: { kind: 'application', appId: 'any' }, clientApp: t.type });
      const by = verdict.coveredBy.filter((cp) => cp.checks.every((c) => c.dimension !== 'clientApp' || c.test(facts) === YES)).map((cp) => cp.name);
      return { ...t, by };
    });
    return {
      data: {
        headText: covered.length ? 'Legacy authentication is only partly blocked' : 'No enabled policy blocks legacy authentication',
        openText: open.map((c) => c.name).join(' and '),
        coveredText: covered
          .map((c) => {
            const by = c.by.map((n) => `"${n}"`);
            return ` ${by.join(', ')} ${by.length === 1 ? 'blocks' : 'block'} only ${c.name.replace(/ \(.*\)$/, '')}.`;
          })
          .join(''),
      },
      evidence: {
        actual: { blockedClientAppTypes: covered.map((c) => ({ clientAppType: c.type, policies: c.by })) },
        expected: { clientAppTypes: LEGACY_CLIENT_TYPES.map((t) => t.type), grant: 'block', users: 'All', resources: 'All' },
        openClientAppTypes: open.map((c) => c.type),
      },
    };
  },
});
