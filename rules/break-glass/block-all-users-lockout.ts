import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import {
  breakGlassPrincipals,
  describePrincipals,
  describeTargets,
  exclusionListPointer,
  isExcluded,
  isUserKeyword,
  reachesModernSignIn,
  targetsAnything,
  usersPointer,
} from '../../src/evaluate/exclusions.js';
import { includesAllUsers, isDisabled, isReportOnly, usersCondition } from '../../src/model/policy.js';

export default defineRule({
  id: 'break-glass/block-all-users-lockout',
  catalogue: 'CA-002',
  title: 'A block policy for All users leaves the emergency accounts a way in',
  severity: 'critical',
  scope: 'tenant',
  rationale:
    'A policy that blocks All users is the one mistake that can shut every administrator out of the tenant: a wrong ' +
    'location, platform or client-app condition, and nobody can sign in to correct it. The emergency access accounts ' +
    'exist for exactly this case, so every such block must exclude them. Report-only policies are checked too, because ' +
    'they are switched on as they are; disabled policies are not. Blocks limited to legacy clients (Exchange ActiveSync, ' +
    'other) or to the device-code and authentication-transfer flows cannot lock out an administrator signing in to the ' +
    'portal and are left to break-glass/missing-exclusion. When no break-glass accounts are configured, a block for All ' +
    'users that excludes no user or group at all is reported.',
  remediation:
    'Open the policy, Assignments > Users > Exclude, and add the break-glass accounts (or the role-assignable group that ' +
    'holds them). If the tenant has none, create two cloud-only emergency accounts with a permanent Global Administrator ' +
    'assignment first, and declare them to calint ("breakGlass" in calint.config.json).',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
  ],
  messages: {
    lockout: (d) =>
      `"${d.policy}" ${d.stateText}blocks All users (${d.targetsText}) and excludes none of the break-glass accounts ` +
      `(${d.breakGlassText}); if its conditions misfire, nobody can sign in to undo it, the emergency accounts included.`,
    noExclusion: (d) =>
      `"${d.policy}" ${d.stateText}blocks All users (${d.targetsText}) and excludes no user or group at all, so if its ` +
      'conditions misfire there is no account left to sign in with and fix it. Exclude the emergency access accounts and ' +
      'declare them to calint ("breakGlass" in calint.config.json).',
  },
  check({ index, settings, finding }) {
    const principals = breakGlassPrincipals(settings.breakGlass);
    return index.policies
      .filter((p) => !isDisabled(p) && includesAllUsers(p) && blocks(p) && targetsAnything(p) && reachesModernSignIn(p))
      .flatMap((policy) => {
        const u = usersCondition(policy);
        const data = {
          stateText: isReportOnly(policy) ? '(report-only now, enforced once switched on) ' : '',
          targetsText: describeTargets(index, policy),
        };
        if (principals.length > 0) {
          if (principals.some((p) => isExcluded(index, policy, p, settings.breakGlass.groups))) return [];
          const pointer = exclusionListPointer(policy, principals);
          return [
            finding(policy, 'lockout', {
              pointer,
              evidence: {
                actual: { excludeUsers: u.excludeUsers, excludeGroups: u.excludeGroups },
                expected: principals.map((p) => ({ ...p, name: index.nameOf(p.kind, p.id) })),
                missing: !pointer.endsWith('/excludeUsers') && !pointer.endsWith('/excludeGroups'),
                breakGlassSource: 'configured',
              },
              data: { ...data, breakGlassText: describePrincipals(index, principals) },
            }),
          ];
        }
        const escapes = [...u.excludeUsers.filter((v) => !isUserKeyword(v)), ...u.excludeGroups];
        if (escapes.length > 0) return [];
        const pointer = usersPointer(policy, 'excludeUsers');
        return [
          finding(policy, 'noExclusion', {
            pointer,
            evidence: {
              actual: { excludeUsers: u.excludeUsers, excludeGroups: u.excludeGroups },
              expected: 'at least the emergency access accounts excluded',
              missing: !pointer.endsWith('/excludeUsers'),
              breakGlassSource: 'none',
            },
            data,
          }),
        ];
      });
  },
});
