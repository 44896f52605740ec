import { defineRule } from '../../src/engine/define-rule.js';
import { isDynamicGroup, membershipRuleAttributes } from '../../src/evaluate/exclusions.js';
import { isDisabled, policyLabel, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { OWNER_CONTROLLED_DEVICE_ATTRIBUTES, SELF_SERVICE_USER_ATTRIBUTES } from '../../src/model/well-known-exclusions.js';

interface Options {
  /** `user.<attribute>` names users can set on their own account. */
  userAttributes: string[];
  /** `device.<attribute>` names a device's owner controls. */
  deviceAttributes: string[];
}

interface Use {
  groupId: string;
  policy: ConditionalAccessPolicy;
  pointer: string;
  policies: ConditionalAccessPolicy[];
}

export default defineRule<Options>({
  id: 'exclusions/dynamic-group-modifiable-rule',
  catalogue: 'CA-016',
  title: 'Exclusion groups are not dynamic groups on attributes users control',
  risk: 'Users can put themselves into an exclusion group by changing their own details, and so escape the policies that exclude it',
  priority: 1,
  effort: 'medium',
  userImpact: 'none',
  severity: 'high',
  rationale:
    'A dynamic group recomputes its members from their attributes; if the rule reads an attribute the user can set, ' +
    'the user can put themselves into the group and so out of every policy that excludes it. With default permissions ' +
    'a member user can change only their own mobile phone number (user.mobile) among the attributes rules can read, so ' +
    'that is the default list; add others your tenant lets users write (an HR self-service portal, or on-premises AD ' +
    'where users may edit their own phone and address attributes, which then sync up). On devices, the owner can rename ' +
    'the device and a device reports its own model, manufacturer and OS when it registers, and the user picks the ' +
    'enrollment category, so rules on those are reported too; note that device members in a users exclusion exclude ' +
    'nobody. Rules that read other groups (memberOf) are not followed. A group is reported once, at the first policy that ' +
    'excludes it; the check needs the group objects (groupTypes, membershipRule) in the export.',
  remediation:
    'Use an assigned (static) group for exclusions, ideally role-assignable and reviewed with access reviews, or rewrite ' +
    'the membership rule to use only attributes administrators set (employeeId, department from HR provisioning, ' +
    'extensionAttributes on devices).',
  references: [
    'https://learn.microsoft.com/entra/identity/users/groups-dynamic-membership',
    'https://learn.microsoft.com/entra/fundamentals/users-default-permissions',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        userAttributes: { type: 'array', items: { type: 'string' }, description: 'user.<attribute> names that users can change on their own account.' },
        deviceAttributes: { type: 'array', items: { type: 'string' }, description: 'device.<attribute> names the device owner controls.' },
      },
    },
    defaults: { userAttributes: [...SELF_SERVICE_USER_ATTRIBUTES], deviceAttributes: [...OWNER_CONTROLLED_DEVICE_ATTRIBUTES] },
  },
  messages: {
    userRule: (d) =>
      `Group "${d.groupName}" is excluded from ${d.policiesText} and is dynamic with a rule on ${d.attributesText}, which ` +
      'users can set on their own account: anyone can join it and so escape these policies.',
    deviceRule: (d) =>
      `Group "${d.groupName}" is excluded from ${d.policiesText} and is a dynamic device group with a rule on ` +
      `${d.attributesText}, which a device's owner controls; devices in a users exclusion exclude nobody, so the exclusion ` +
      'does not do what it seems to, and anyone can bring a device into the group.',
  },
  check({ index, snapshot, options, finding, notice }) {
    const uses = new Map<string, Use>();
    for (const policy of index.policies) {
      if (isDisabled(policy)) continue;
      for (const [i, groupId] of usersCondition(policy).excludeGroups.entries()) {
        if (index.resolve('group', groupId).status === 'placeholder') continue;
        const key = groupId.toLowerCase();
        const use = uses.get(key);
        if (use) {
          if (!use.policies.includes(policy)) use.policies.push(policy);
        } else {
          uses.set(key, { groupId, policy, pointer: `/conditions/users/excludeGroups/${i}`, policies: [policy] });
        }
      }
    }
    if (uses.size === 0) return [];
    if ((snapshot.directory?.groups ?? []).length === 0) {
      notice(
        'not-evaluated',
        'not evaluated: needs the excluded groups (groupTypes, membershipRule); export GET /groups into the snapshot\'s directory.groups.',
      );
      return [];
    }
    const userAttrs = new Set(options.userAttributes.map((a) => a.toLowerCase()));
    const deviceAttrs = new Set(options.deviceAttributes.map((a) => a.toLowerCase()));
    const missing: string[] = [];
    const out = [...uses.values()].flatMap((use) => {
      const group = index.group(use.groupId);
      if (!group) {
        missing.push(use.groupId);
        return [];
      }
      if (!isDynamicGroup(group)) return [];
      const rule = typeof group.membershipRule === 'string' ? group.membershipRule : '';
      if (rule.trim() === '') {
        notice('not-evaluated', `not evaluated for dynamic group "${group.displayName ?? group.id}": the export has no membershipRule for it.`);
        return [];
      }
      const attributes = membershipRuleAttributes(rule);
      const risky = attributes.filter((a) => (a.object === 'user' ? userAttrs : deviceAttrs).has(a.name.toLowerCase()));
      if (risky.length === 0) return [];
      const device = attributes.some((a) => a.object === 'device');
      const n = use.policies.length;
      return [
        finding(use.policy, device ? 'deviceRule' : 'userRule', {
          pointer: use.pointer,
          evidence: {
            actual: rule,
            groupId: group.id,
            groupName: group.displayName ?? group.id,
            modifiableAttributes: risky.map((a) => `${a.object}.${a.name}`),
            excludedFrom: use.policies.map(policyLabel),
            expected: 'an assigned group, or a rule on attributes only administrators set',
          },
          data: {
            groupName: group.displayName ?? group.id,
            policiesText: n === 1 ? `"${policyLabel(use.policy)}"` : `${n} policies (first "${policyLabel(use.policy)}")`,
            attributesText: risky.map((a) => `${a.object}.${a.name}`).join(', '),
          },
        }),
      ];
    });
    if (missing.length > 0) {
      notice(
        'not-evaluated',
        `not evaluated for excluded group(s) ${missing.join(', ')}: not in the exported groups (deleted, or not exported).`,
      );
    }
    return out;
  },
});
