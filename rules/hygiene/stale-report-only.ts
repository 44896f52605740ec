import { defineRule } from '../../src/engine/define-rule.js';
import { formatCount } from '../../src/model/format-number.js';
import {
  MANAGED_POLICIES_ARTICLE,
  MANAGED_POLICY_MIN_DAYS_TO_ENFORCEMENT,
  MANAGED_POLICY_NOTICE_DAYS,
  earliestManagedEnforcement,
  microsoftManagedBy,
} from '../../src/model/managed-policies.js';
import { isReportOnly } from '../../src/model/policy.js';
import type { FindingDraft, RuleContext } from '../../src/engine/rule-types.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

interface Options {
  maxDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last change the export shows: modifiedDateTime, else createdDateTime (unparsable values count as absent). */
function lastChange(
  policy: ConditionalAccessPolicy,
): { field: 'modifiedDateTime' | 'createdDateTime'; value: string; time: number } | null {
  for (const field of ['modifiedDateTime', 'createdDateTime'] as const) {
    const value = policy[field];
    if (typeof value !== 'string') continue;
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return { field, value, time };
  }
  return null;
}

export default defineRule<Options>({
  id: 'hygiene/stale-report-only',
  catalogue: 'CA-026',
  title: 'Report-only policies do not stay in report-only for long',
  risk: 'A policy left in report-only mode enforces nothing while looking like part of the protection',
  priority: 3,
  effort: 'low',
  userImpact: 'medium',
  severity: 'low',
  rationale:
    "Report-only mode is for checking a policy's impact before enforcing it: a few weeks of sign-in data is usually enough. " +
    'A policy left in report-only for months protects nobody while looking like part of the design, and its sign-in ' +
    'results are no longer reviewed. The age is measured from the last modification (or creation) the export shows to the ' +
    'run date. Microsoft-managed policies are the exception: Microsoft creates them in report-only and switches them on by ' +
    `itself no less than ${MANAGED_POLICY_MIN_DAYS_TO_ENFORCEMENT} days after introducing them unless an administrator turns ` +
    'them on or off first, so instead of an age finding they get an informational note with the earliest date the export ' +
    'allows (creation date plus 45 days; Microsoft announces the actual date 28 days ahead and may enable some sooner).',
  remediation:
    "Review the policy's report-only results (Sign-in logs > Report-only, or the Conditional Access insights workbook), " +
    'then set the policy to On, or delete it if it is no longer wanted.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only',
    MANAGED_POLICIES_ARTICLE,
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxDays: { type: 'integer', minimum: 1, description: 'Days a policy may stay in report-only since its last change.' },
      },
    },
    defaults: { maxDays: 90 },
  },
  messages: {
    stale: (d) =>
      `"${d.policy}" has been in report-only for ${d.ageDays} days or more (${d.whenText}; the limit is ${d.maxDays} days); ` +
      'it enforces nothing, so enforce it or remove it.',
    managedPolicy: (d) =>
      `"${d.policy}" is a Microsoft-managed policy in report-only, which Microsoft switches on by itself unless an ` +
      `administrator turns it on or off first: ${d.enforceText}. Review its impact and exclude the break-glass accounts ` +
      `${d.whenAdvice}, or set it to Off to opt out.`,
  },
  messageSeverity: { managedPolicy: 'info' },
  check({ index, settings, options, finding, notice }) {
    const asOf = Date.parse(settings.asOf);
    const reportOnly = index.policies.filter((p) => isReportOnly(p) && !microsoftManagedBy(p));
    const managed = index.policies.filter((p) => isReportOnly(p) && microsoftManagedBy(p));
    const undated = reportOnly.filter((p) => lastChange(p) === null);
    if (undated.length > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${undated.length} report-only polic${undated.length === 1 ? 'y has' : 'ies have'} no createdDateTime or ` +
          `modifiedDateTime, so ${undated.length === 1 ? 'its' : 'their'} age is unknown (export policies from Graph, which returns both dates)`,
      );
    }
    const notes = managed.map((policy) => managedPolicyNote(policy, asOf, settings.asOf, finding));
    if (Number.isNaN(asOf)) return notes;
    const stale = reportOnly.flatMap((policy) => {
      const change = lastChange(policy);
      if (!change) return [];
      const ageDays = Math.floor((asOf - change.time) / DAY_MS);
      if (ageDays <= options.maxDays) return [];
      return [
        finding(policy, 'stale', {
          pointer: `/${change.field}`,
          evidence: { actual: change.value, asOf: settings.asOf, ageDays, expected: `at most ${options.maxDays} days in report-only` },
          data: {
            ageDays: formatCount(ageDays),
            maxDays: options.maxDays,
            whenText:
              change.field === 'modifiedDateTime'
                ? `last modified ${change.value.slice(0, 10)}`
                : `created ${change.value.slice(0, 10)}, no modification date exported`,
          },
        }),
      ];
    });
    return [...notes, ...stale];
  },
});

/**
 * The informational note on a report-only Microsoft-managed policy: when Microsoft may switch it on, as far as the export
 * tells (createdDateTime + 45 days), else "unknown".
 */
function managedPolicyNote(
  policy: ConditionalAccessPolicy,
  asOf: number,
  asOfText: string,
  finding: RuleContext<Options>['finding'],
): FindingDraft {
  const earliest = earliestManagedEnforcement(policy);
  const days = MANAGED_POLICY_MIN_DAYS_TO_ENFORCEMENT;
  const notice = `Microsoft announces the date ${MANAGED_POLICY_NOTICE_DAYS} days ahead by email and in the Message center`;
  const passed = !!earliest && !Number.isNaN(asOf) && Date.parse(earliest.date) <= asOf;
  const enforceText = !earliest
    ? `the date is unknown, because the export has no createdDateTime to count the ${days} days from (${notice})`
    : passed
      ? `the earliest documented date, ${earliest.date} (${days} days after it was created on ${earliest.created.slice(0, 10)}), ` +
        `has passed, so it may be switched on at any time (${notice})`
      : `not before ${earliest.date} (${days} days after it was created on ${earliest.created.slice(0, 10)}; ${notice}, and ` +
        'may enable it sooner in some tenants)';
  return finding(policy, 'managedPolicy', {
    pointer: earliest ? '/createdDateTime' : 'state' in policy ? '/state' : '',
    evidence: {
      actual: earliest ? earliest.created : (policy.createdDateTime ?? null),
      missing: !earliest,
      managedBy: microsoftManagedBy(policy),
      earliestEnforcement: earliest?.date ?? 'unknown',
      asOf: asOfText,
    },
    data: { enforceText, whenAdvice: earliest && !passed ? 'before then' : 'now', earliestEnforcement: earliest?.date ?? 'unknown' },
  });
}
