import { defineRule } from '../../src/engine/define-rule.js';
import { breakGlassMatcher, isUserKeyword, transitiveUserMembers } from '../../src/evaluate/exclusions.js';
import { isDisabled, usersCondition } from '../../src/model/policy.js';

interface Options {
  maxDirectUsers: number;
  maxGroupMembers: number;
}

export default defineRule<Options>({
  id: 'exclusions/excessive',
  catalogue: 'CA-013',
  title: 'Policies do not exclude many users',
  risk: 'Many users are excluded from a policy, each one an account it does not protect',
  priority: 3,
  effort: 'medium',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Exclusions are meant to be few, named and reviewed. A long list of individually excluded users, or an exclusion ' +
    'group with many members, usually means exceptions were granted ad hoc and never taken back, and each one is an ' +
    'account the policy does not protect. Break-glass accounts are not counted. Group sizes count the exported members, ' +
    'through nested groups; groups whose members the export does not hold are reported as not evaluated. Enabled and ' +
    'report-only policies are checked.',
  remediation:
    'Review the exclusions under Assignments > Users > Exclude: remove the ones no longer needed, move lasting exceptions ' +
    'into one exception group with an owner and an access review (Identity Governance > Access reviews), and cover them ' +
    'with a compensating policy.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access'],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxDirectUsers: { type: 'integer', minimum: 0, description: 'Most users a policy may exclude directly (break-glass accounts not counted).' },
        maxGroupMembers: { type: 'integer', minimum: 0, description: 'Most members an excluded group may have.' },
      },
    },
    defaults: { maxDirectUsers: 5, maxGroupMembers: 50 },
  },
  messages: {
    tooManyUsers: (d) =>
      `"${d.policy}" excludes ${d.count} users directly (more than ${d.max}, ${d.breakGlassText}); each is an ` +
      'account this policy does not protect, and long lists are rarely reviewed.',
    largeGroup: (d) =>
      `"${d.policy}" excludes group "${d.groupName}" with ${d.count} members (more than ${d.max}); that many exceptions ` +
      'take a large population out of this policy.',
  },
  check({ index, snapshot, settings, options, finding, notice }) {
    const isBreakGlass = breakGlassMatcher(index, settings.breakGlass.accounts);
    const configured = settings.breakGlass.accounts.length > 0;
    const groupsExported = (snapshot.directory?.groups ?? []).length > 0;
    const unknown = new Set<string>();
    const out = index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) => {
        const u = usersCondition(policy);
        const found = [];
        const direct = u.excludeUsers.filter((id) => !isUserKeyword(id) && !isBreakGlass({ kind: 'user', id }));
        if (direct.length > options.maxDirectUsers) {
          found.push(
            finding(policy, 'tooManyUsers', {
              pointer: '/conditions/users/excludeUsers',
              evidence: { actual: direct.length, expected: `at most ${options.maxDirectUsers}`, users: direct },
              data: {
                count: direct.length,
                max: options.maxDirectUsers,
                breakGlassText: configured ? 'break-glass accounts not counted' : 'no break-glass accounts configured, so all are counted',
              },
            }),
          );
        }
        for (const [i, id] of u.excludeGroups.entries()) {
          if (isBreakGlass({ kind: 'group', id })) continue;
          const status = index.resolve('group', id).status;
          // Template placeholders and (when groups are exported) deleted groups hold nobody to count.
          if (status === 'placeholder' || (status === 'unresolved' && groupsExported)) continue;
          const members = transitiveUserMembers(index, id);
          if (members === null) {
            unknown.add(id);
            continue;
          }
          if (members.length <= options.maxGroupMembers) continue;
          found.push(
            finding(policy, 'largeGroup', {
              pointer: `/conditions/users/excludeGroups/${i}`,
              evidence: { actual: members.length, expected: `at most ${options.maxGroupMembers}`, groupId: id },
              data: { groupName: index.nameOf('group', id), count: members.length, max: options.maxGroupMembers },
            }),
          );
        }
        return found;
      });
    if (unknown.size > 0) {
      notice(
        'not-evaluated',
        groupsExported
          ? `not evaluated: the size of ${unknown.size} excluded group(s) (${[...unknown].map((g) => index.nameOf('group', g)).join(', ')}) ` +
              'needs their members; export GET /groups/{id}/members into directory.groups[].members.'
          : 'not evaluated: the size of excluded groups needs the groups with their members; export GET /groups and ' +
              '/groups/{id}/members into the snapshot\'s directory.groups.',
      );
    }
    return out;
  },
});
