import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import { breakGlassMatcher, canCompensate, isUserKeyword, reaches, requiresMfaOrBlocks, targetsAnything } from '../../src/evaluate/exclusions.js';
import { isEnabled, usersCondition } from '../../src/model/policy.js';
import { BREAK_GLASS_NAME_PATTERN } from '../../src/model/well-known-exclusions.js';

interface Options {
  /** Used only when no break-glass accounts are configured: excluded objects whose name matches are treated as break-glass. */
  breakGlassNamePattern: string;
}

export default defineRule<Options>({
  id: 'exclusions/no-compensating-policy',
  catalogue: 'CA-008',
  title: 'Every object excluded from an MFA or block policy is covered by another one',
  risk: 'Some users or groups excluded from an MFA or block policy are not challenged or blocked by any other',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'An exclusion is an exception, and an exception without a compensating control is a gap: the excluded user or ' +
    'group signs in without the MFA or block the policy enforces. The usual pattern is a dedicated policy for the ' +
    'exception (a service account pinned to a trusted network, a travel group with MFA). A user or group excluded ' +
    'from an enabled policy that requires MFA or blocks is reported when no other enabled policy that requires MFA or ' +
    'blocks reaches it: by name, through All users without excluding it, or through an included group the export shows ' +
    'it in (nested groups followed). A compensating policy must target the same kind of resource (applications, the same ' +
    'user action or authentication context) and must not be limited to risky sign-ins, legacy clients or special ' +
    'authentication flows; location, platform and device conditions are fine (pinning an exception to a trusted network ' +
    'is the usual compensation), and which applications it targets is not compared. Policies that target no resource, ' +
    'user action or authentication context are skipped. Break-glass accounts (configured, or inferred when none are ' +
    'configured) and template placeholders are skipped, and so are ids the exported directory does not hold (deleted ' +
    'objects). Roles and guest types are not resolved.',
  remediation:
    'For each exception, create (or extend) a policy that includes the excluded user or group and requires MFA, or blocks ' +
    'outside the conditions the exception exists for (for example, block a service account outside its trusted named ' +
    'location). Remove exclusions that are no longer needed.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access'],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        breakGlassNamePattern: {
          type: 'string',
          description: 'Case-insensitive regular expression; when no break-glass accounts are configured, excluded objects whose name matches are skipped.',
        },
      },
    },
    defaults: { breakGlassNamePattern: BREAK_GLASS_NAME_PATTERN },
  },
  messages: {
    uncovered: (d) =>
      `"${d.policy}" ${d.controlText} but excludes ${d.kind} ${d.nameText}, and no other enabled policy that requires ` +
      `MFA or blocks includes it, so nothing else challenges or blocks its sign-ins.${d.hint}`,
  },
  check({ index, snapshot, settings, options, finding, notice }) {
    const bg = settings.breakGlass;
    const configured = bg.source === 'configured' || bg.source === 'given';
    const isBreakGlass = breakGlassMatcher(index, bg.accounts);
    const pattern = new RegExp(options.breakGlassNamePattern, 'i');
    const directory = snapshot.directory ?? {};
    const exported = { user: (directory.users ?? []).length > 0, group: (directory.groups ?? []).length > 0 };
    // A policy that applies to nothing (no resource, user action or authentication context) neither needs nor gives compensation.
    const enforcing = index.policies.filter((p) => isEnabled(p) && requiresMfaOrBlocks(p) && targetsAnything(p));
    const skippedByName = new Set<string>();

    const out = enforcing.flatMap((policy) => {
      const u = usersCondition(policy);
      const candidates: Array<{ kind: 'user' | 'group'; id: string; pointer: string }> = [
        ...u.excludeUsers.map((id, i) => ({ kind: 'user' as const, id, pointer: `/conditions/users/excludeUsers/${i}` })),
        ...u.excludeGroups.map((id, i) => ({ kind: 'group' as const, id, pointer: `/conditions/users/excludeGroups/${i}` })),
      ];
      return candidates.flatMap((c) => {
        if (c.kind === 'user' && isUserKeyword(c.id)) return [];
        const ref = index.resolve(c.kind, c.id);
        if (ref.status === 'placeholder') return [];
        if (ref.status === 'unresolved' && exported[c.kind]) return [];
        if (isBreakGlass(c)) return [];
        if (!configured && (pattern.test(ref.name) || pattern.test(c.id))) {
          skippedByName.add(`${c.kind} "${ref.name}"`);
          return [];
        }
        const covered = enforcing.some((q) => q !== policy && canCompensate(policy, q) && reaches(index, q, c));
        if (covered) return [];
        return [
          finding(policy, 'uncovered', {
            pointer: c.pointer,
            evidence: {
              actual: c.id,
              name: ref.name,
              kind: c.kind,
              expected: 'another enabled policy that requires MFA or blocks and includes this object',
              control: blocks(policy) ? 'block' : 'mfa',
            },
            data: {
              kind: c.kind,
              nameText: ref.name === c.id ? c.id : `"${ref.name}" (${c.id})`,
              controlText: blocks(policy) ? 'blocks sign-ins' : 'requires MFA',
              hint: configured ? '' : " If it is an emergency access account, list it as a break-glass account in calint's configuration.",
            },
          }),
        ];
      });
    });
    if (skippedByName.size > 0) {
      notice(
        'info',
        `Break-glass accounts are not configured; treated ${[...skippedByName].join(', ')} as break-glass by name and did not ` +
          "look for a compensating policy. List the emergency accounts as break-glass accounts in calint's configuration.",
      );
    }
    return out;
  },
});
