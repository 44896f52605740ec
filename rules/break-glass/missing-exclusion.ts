import { defineRule } from '../../src/engine/define-rule.js';
import type { RuleContext } from '../../src/engine/rule-types.js';
import {
  includesAnyUser,
  isAuthContextOnly,
  isBlockPolicy,
  isDisabled,
  sameKeyword,
  usersCondition,
} from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { BREAK_GLASS_NAME_PATTERN, breakGlassPolicyScope, inferBreakGlass } from '../../src/evaluate/break-glass-inference.js';

interface Options {
  /** Display names (or placeholder values) that mark an excluded object as a likely break-glass account. */
  namePattern: string;
}

type Principal = { kind: 'user' | 'group'; id: string };

const CONFIGURE =
  'Declare them in calint.config.json ("breakGlass": {"users": [...], "groups": [...]}) or with --break-glass <id,...>.';

export default defineRule<Options>({
  id: 'break-glass/missing-exclusion',
  catalogue: ['CA-001', 'CA-003'],
  title: 'Every user policy excludes the break-glass (emergency access) accounts',
  severity: 'high',
  rationale:
    'Emergency access accounts are the way back into a tenant when Conditional Access locks everyone out (a ' +
    'misconfigured policy, an MFA outage, a federation failure). Microsoft recommends excluding them from all ' +
    'Conditional Access policies and monitoring their use instead. Report-only policies are included because they ' +
    'are usually switched on later as they are. Disabled policies, policies that target only workload identities and ' +
    'policies that apply only to an authentication context are out of scope.',
  remediation:
    'Under Assignments > Users > Exclude, add the break-glass users (or the group that holds them, ideally ' +
    'role-assignable or in a restricted-management administrative unit).',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { namePattern: { type: 'string', description: 'Case-insensitive regular expression for break-glass names.' } },
    },
    defaults: { namePattern: BREAK_GLASS_NAME_PATTERN },
  },
  messages: {
    missing: (d) =>
      `"${d.policy}" does not exclude the break-glass account(s) ${d.missingText}; if this policy misfires, the emergency way in is locked too.`,
    missingInferred: (d) =>
      `"${d.policy}" does not exclude ${d.missingText}, inferred to be the break-glass account(s) (confidence ${d.confidence}: ${d.why}). ` +
      CONFIGURE,
    notConfigured: () =>
      'No break-glass accounts are configured and none could be inferred from the policies (no object is excluded from ' +
      'most policies or named like an emergency account), so calint cannot verify that any policy leaves an emergency way in. ' +
      CONFIGURE,
  },
  check(context) {
    const { index, settings } = context;
    const inScope = breakGlassPolicyScope(index);
    const configured: Principal[] = [
      ...settings.breakGlass.users.map((id) => ({ kind: 'user' as const, id })),
      ...settings.breakGlass.groups.map((id) => ({ kind: 'group' as const, id })),
    ];
    if (configured.length > 0) return checkConfigured(context, inScope, configured);
    return checkInferred(context, inScope);
  },
});

function checkConfigured(context: RuleContext<Options>, policies: ConditionalAccessPolicy[], principals: Principal[]) {
  const { index, finding } = context;
  const configuredGroups = principals.filter((p) => p.kind === 'group').map((p) => p.id.toLowerCase());
  return policies.flatMap((policy) => {
    if (principals.some((p) => targets(index, policy, p))) return [];
    const u = usersCondition(policy);
    const excludedUsers = new Set(u.excludeUsers.map((x) => x.toLowerCase()));
    const excludedGroups = u.excludeGroups.map((x) => x.toLowerCase());
    // An excluded group covers a user when the export shows the membership; a configured break-glass group is
    // trusted to hold the configured users only when the export has no membership for it.
    const userCovered = (id: string) =>
      excludedUsers.has(id.toLowerCase()) ||
      excludedGroups.some((g) => index.isMemberOf(id, g) || (configuredGroups.includes(g) && index.groupMembers(g) === null));
    const groupCovered = (id: string) => {
      if (excludedGroups.includes(id.toLowerCase())) return true;
      const members = index.groupMembers(id);
      return members !== null && members.length > 0 && members.every(userCovered);
    };
    const missing = principals.filter((p) => (p.kind === 'user' ? !userCovered(p.id) : !groupCovered(p.id)));
    if (missing.length === 0) return [];
    return [
      finding(policy, 'missing', {
        pointer: exclusionPointer(policy, missing),
        evidence: {
          missingPrincipals: missing.map((p) => ({ ...p, name: index.nameOf(p.kind, p.id) })),
          excludeUsers: u.excludeUsers,
          excludeGroups: u.excludeGroups,
          breakGlassSource: 'configured',
        },
        data: { missingText: describe(context, missing) },
      }),
    ];
  });
}

function checkInferred(context: RuleContext<Options>, policies: ConditionalAccessPolicy[]) {
  const { index, finding, notice, options } = context;
  const { candidates, chosen } = inferBreakGlass(index, policies, options.namePattern);

  if (chosen.length === 0) {
    if (policies.length === 0) return [];
    const weak = candidates.map((c) => `${c.kind} ${c.name} (low: ${c.why})`).join('; ');
    if (weak) notice('info', `Break-glass accounts: not configured; weak candidates only: ${weak}.`);
    return [
      finding(null, 'notConfigured', {
        pointer: '',
        evidence: { breakGlassSource: 'none', policiesInScope: policies.length, weakCandidates: candidates.map(({ kind, id, name, confidence, why }) => ({ kind, id, name, confidence, why })) },
      }),
    ];
  }

  notice(
    'info',
    `Break-glass accounts are not configured; inferred ${chosen
      .map((c) => `${c.kind} "${c.name}"${c.name !== c.id ? ` (${c.id})` : ''} with ${c.confidence} confidence (${c.why})`)
      .join('; ')}. ${CONFIGURE}`,
  );
  return policies.flatMap((policy) => {
    if (chosen.some((c) => targets(index, policy, c))) return [];
    const u = usersCondition(policy);
    const excluded = new Set([...u.excludeUsers, ...u.excludeGroups].map((x) => x.toLowerCase()));
    const missing = chosen.filter(
      (c) => !excluded.has(c.id.toLowerCase()) && !(c.kind === 'user' && u.excludeGroups.some((g) => index.isMemberOf(c.id, g))),
    );
    if (missing.length === 0) return [];
    const confidence = missing.some((c) => c.confidence === 'high') ? 'high' : missing.some((c) => c.confidence === 'medium') ? 'medium' : 'low';
    return [
      finding(policy, 'missingInferred', {
        pointer: exclusionPointer(policy, missing),
        evidence: {
          missingPrincipals: missing.map(({ kind, id, name, confidence: c, why }) => ({ kind, id, name, confidence: c, why })),
          excludeUsers: u.excludeUsers,
          excludeGroups: u.excludeGroups,
          breakGlassSource: 'inferred',
        },
        data: {
          missingText: missing.map((c) => `${c.kind} "${c.name}"`).join(', '),
          confidence,
          why: missing.map((c) => c.why).join('; '),
        },
      }),
    ];
  });
}

/**
 * The policy includes the principal itself (a policy for the break-glass accounts, e.g. phishing-resistant MFA),
 * directly or, for a user, through an included group the export shows it in.
 */
function targets(index: TenantIndex, policy: ConditionalAccessPolicy, p: Principal): boolean {
  const u = usersCondition(policy);
  const id = p.id.toLowerCase();
  if (p.kind === 'group') return u.includeGroups.some((x) => x.toLowerCase() === id);
  return u.includeUsers.some((x) => x.toLowerCase() === id) || u.includeGroups.some((g) => index.isMemberOf(p.id, g));
}

/** Only guests or external users are included: member break-glass accounts are never in scope. */
function exclusionPointer(policy: ConditionalAccessPolicy, missing: Principal[]): string {
  const users = policy.conditions?.users;
  if (!users) return policy.conditions ? '/conditions' : '';
  const field = missing.some((m) => m.kind === 'user') ? 'excludeUsers' : 'excludeGroups';
  return field in users ? `/conditions/users/${field}` : '/conditions/users';
}

function describe(context: RuleContext<Options>, missing: Principal[]): string {
  return missing
    .map((p) => {
      const name = context.index.nameOf(p.kind, p.id);
      return name === p.id ? `${p.kind} ${p.id}` : `${p.kind} "${name}" (${p.id})`;
    })
    .join(', ');
}
