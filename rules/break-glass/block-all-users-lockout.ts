import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import {
  breakGlassGroupIds,
  describePrincipals,
  describeTargets,
  exclusionListPointer,
  exclusionTest,
  isUserKeyword,
  reachesModernSignIn,
  roleHolders,
  targetsAnything,
  transitiveUserMembers,
  usersPointer,
} from '../../src/evaluate/exclusions.js';
import { reachesAdminSignIn } from '../../src/evaluate/admin-sign-in.js';
import { includesAllUsers, isDisabled, isEnabled, isReportOnly, policyLabel, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';

const CONFIGURE = "List the emergency accounts as break-glass accounts in calint's configuration so that every run checks them.";

/** The ways past a block: the accounts its exclusions let through, as the export shows them. */
interface WaysIn {
  /** `user:<id>`, `group:<id>`, `role:<id>` (a role someone holds). */
  tokens: Set<string>;
  /** Excluded groups whose members the export does not hold: they may hide an account another block also excludes. */
  opaqueGroups: string[];
  /** What the exclusions are, for a person. */
  text: string;
}

function waysIn(index: TenantIndex, policy: ConditionalAccessPolicy): WaysIn {
  const u = usersCondition(policy);
  const tokens = new Set<string>();
  const opaqueGroups: string[] = [];
  const parts: string[] = [];
  const users = u.excludeUsers.filter((v) => !isUserKeyword(v));
  for (const id of users) tokens.add(`user:${id.toLowerCase()}`);
  if (users.length) parts.push(`user${users.length === 1 ? '' : 's'} ${users.map((id) => index.nameOf('user', id)).join(', ')}`);
  for (const g of u.excludeGroups) {
    tokens.add(`group:${g.toLowerCase()}`);
    const members = transitiveUserMembers(index, g);
    if (members === null) opaqueGroups.push(g);
    else for (const m of members) tokens.add(`user:${m}`);
  }
  if (u.excludeGroups.length) parts.push(`group${u.excludeGroups.length === 1 ? '' : 's'} ${u.excludeGroups.map((g) => index.nameOf('group', g)).join(', ')}`);
  const unheld: string[] = [];
  for (const r of u.excludeRoles) {
    const holders = roleHolders(index, r);
    if (!holders || holders.length === 0) {
      unheld.push(index.nameOf('role', r));
      continue;
    }
    tokens.add(`role:${index.resolve('role', r).key.toLowerCase()}`);
    for (const h of holders) tokens.add(`user:${h}`);
    parts.push(`role ${index.nameOf('role', r)} (held by ${holders.length} exported account${holders.length === 1 ? '' : 's'})`);
  }
  if (unheld.length) parts.push(`role${unheld.length === 1 ? '' : 's'} ${unheld.join(', ')} (the export does not show anyone holding ${unheld.length === 1 ? 'it' : 'them'})`);
  const guests = u.excludeGuestsOrExternalUsers != null || u.excludeUsers.some((v) => v.toLowerCase() === 'guestsorexternalusers');
  if (guests) parts.push('guest and external users');
  return { tokens, opaqueGroups, text: parts.length ? parts.join('; ') : 'no user, group or role' };
}

export default defineRule({
  id: 'break-glass/block-all-users-lockout',
  catalogue: 'CA-002',
  title: 'A block policy for All users leaves the emergency accounts a way in',
  risk: 'A block on all users can lock every administrator out of the tenant',
  priority: 1,
  effort: 'low',
  userImpact: 'none',
  severity: 'critical',
  uses: ['coverage'],
  rationale:
    'A policy that blocks All users is the one mistake that can shut every administrator out of the tenant: a wrong ' +
    'location, platform or client-app condition, and nobody can sign in to correct it. The emergency access accounts ' +
    'exist for exactly this case, so every such block must exclude them: the configured ones, or, with none configured, ' +
    'the ones calint infers from the exclusions. Lockout is judged on the tenant too: when several enforced blocks for ' +
    'All users stand between an administrator and the admin portals and no account is excluded from all of them (two ' +
    'blocks that each exclude a different user), every account is locked out once they misfire together. An excluded ' +
    'directory role counts as a way in only when the export shows someone holding it. Report-only policies are checked ' +
    'one by one, because they are switched on as they are; disabled policies are not. Blocks limited to legacy clients ' +
    '(Exchange ActiveSync, other) or to the device-code and authentication-transfer flows cannot lock out an administrator ' +
    'signing in to the portal and are left to break-glass/missing-exclusion.',
  remediation:
    'Open the policy, Assignments > Users > Exclude, and add the break-glass accounts (or the role-assignable group that ' +
    'holds them), the same ones in every block. If the tenant has none, create two cloud-only emergency accounts with a ' +
    'permanent Global Administrator assignment first, and list them as break-glass accounts in calint\'s configuration.',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
  ],
  messages: {
    lockout: (d) =>
      `"${d.policy}" ${d.stateText}blocks All users (${d.targetsText}) and excludes none of the break-glass accounts ` +
      `(${d.breakGlassText}); if its conditions misfire, nobody can sign in to undo it, the emergency accounts included.`,
    lockoutInferred: (d) =>
      `"${d.policy}" ${d.stateText}blocks All users (${d.targetsText}) and excludes none of the accounts calint inferred to be ` +
      `the emergency accounts (${d.breakGlassText}); if its conditions misfire, nobody can sign in to undo it. ${CONFIGURE}`,
    noExclusion: (d) =>
      `"${d.policy}" ${d.stateText}blocks All users (${d.targetsText}) and excludes ${d.excludedText}, so if its conditions ` +
      'misfire there is no account left to sign in with and fix it. Exclude the emergency access accounts. ' +
      CONFIGURE,
    noSharedWayIn: (d) =>
      `No account is excluded from every enforced block for All users that stands between an administrator and the admin ` +
      `portals (${d.blocksText}); if they misfire together, everyone is locked out, the accounts each one excludes included.`,
  },
  check({ index, settings, finding, notice, evaluator }) {
    const bg = settings.breakGlass;
    const trusted = breakGlassGroupIds(bg.accounts);
    const candidates = index.policies.filter((p) => !isDisabled(p) && includesAllUsers(p) && blocks(p) && targetsAnything(p) && reachesModernSignIn(p));
    const out = candidates.flatMap((policy) => {
      const u = usersCondition(policy);
      const data = {
        stateText: isReportOnly(policy) ? '(report-only now, enforced once switched on) ' : '',
        targetsText: describeTargets(index, policy),
      };
      const actual = { excludeUsers: u.excludeUsers, excludeGroups: u.excludeGroups, excludeRoles: u.excludeRoles };
      if (bg.accounts.length > 0) {
        const excluded = exclusionTest(index, policy, trusted);
        if (bg.accounts.some(excluded)) return [];
        const pointer = exclusionListPointer(policy, bg.accounts);
        return [
          finding(policy, bg.source === 'inferred' ? 'lockoutInferred' : 'lockout', {
            pointer,
            evidence: {
              actual,
              expected: bg.accounts.map(({ kind, id, name, confidence }) => ({ kind, id, name, ...(confidence ? { confidence } : {}) })),
              missing: !pointer.endsWith('/excludeUsers') && !pointer.endsWith('/excludeGroups'),
              breakGlassSource: bg.source,
            },
            data: {
              ...data,
              breakGlassText: bg.source === 'inferred' ? bg.accounts.map((a) => `${a.kind} "${a.name}", ${a.confidence} confidence`).join('; ') : describePrincipals(index, bg.accounts),
            },
          }),
        ];
      }
      const ways = waysIn(index, policy);
      if (ways.tokens.size > 0) return [];
      const pointer = usersPointer(policy, 'excludeUsers');
      return [
        finding(policy, 'noExclusion', {
          pointer,
          evidence: { actual, expected: 'at least the emergency access accounts excluded', missing: !pointer.endsWith('/excludeUsers'), breakGlassSource: 'none' },
          data: { ...data, excludedText: ways.text === 'no user, group or role' ? 'no user, group or role at all' : `only ${ways.text}` },
        }),
      ];
    });
    // The tenant-wide judgement finds what no single policy shows. A block already reported on its own has the same fix
    // (exclude the emergency accounts from it), so the tenant-wide finding would only repeat it.
    if (settings.scope === 'tenant' && out.length === 0) out.push(...sharedWayIn());
    return out;

    function sharedWayIn() {
      const enforced = candidates.filter((p) => isEnabled(p) && reachesAdminSignIn(evaluator, p));
      if (enforced.length < 2) return [];
      const all = enforced.map((p) => ({ policy: p, ways: waysIn(index, p) }));
      // Each block must let someone through on its own before they are compared (the per-policy messages say so).
      if (all.some((b) => b.ways.tokens.size === 0)) return [];
      const shared = [...all[0]!.ways.tokens].filter((t) => all.every((b) => b.ways.tokens.has(t)));
      if (shared.length > 0) return [];
      const opaque = all.filter((b) => b.ways.opaqueGroups.length > 0);
      if (opaque.length > 0) {
        notice(
          'not-evaluated',
          'not evaluated: whether one account is excluded from every enforced block for All users needs the members of ' +
            `${[...new Set(opaque.flatMap((b) => b.ways.opaqueGroups))].map((g) => index.nameOf('group', g)).join(', ')}, which the export does not hold.`,
        );
        return [];
      }
      return [
        finding(null, 'noSharedWayIn', {
          pointer: '',
          evidence: {
            blocks: all.map((b) => ({ policyId: typeof b.policy.id === 'string' ? b.policy.id : null, policyName: policyLabel(b.policy), excludes: b.ways.text })),
            expected: 'one emergency account (or group) excluded from every block',
          },
          data: { blocksText: all.map((b) => `"${policyLabel(b.policy)}" lets through ${b.ways.text}`).join('; ') },
        }),
      ];
    }
  },
});
