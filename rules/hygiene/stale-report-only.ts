import { defineRule } from '../../src/engine/define-rule.js';
import { formatCount } from '../../src/model/format-number.js';
import { isReportOnly } from '../../src/model/policy.js';
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
  severity: 'low',
  rationale:
    "Report-only mode is for checking a policy's impact before enforcing it: a few weeks of sign-in data is usually enough. " +
    'A policy left in report-only for months protects nobody while looking like part of the design, and its sign-in ' +
    'results are no longer reviewed. The age is measured from the last modification (or creation) the export shows to the ' +
    'run date.',
  remediation:
    "Review the policy's report-only results (Sign-in logs > Report-only, or the Conditional Access insights workbook), " +
    'then set the policy to On, or delete it if it is no longer wanted.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only'],
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
  },
  check({ index, settings, options, finding, notice }) {
    const asOf = Date.parse(settings.asOf);
    const reportOnly = index.policies.filter(isReportOnly);
    const undated = reportOnly.filter((p) => lastChange(p) === null);
    if (undated.length > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${undated.length} report-only polic${undated.length === 1 ? 'y has' : 'ies have'} no createdDateTime or ` +
          `modifiedDateTime, so ${undated.length === 1 ? 'its' : 'their'} age is unknown (export policies from Graph, which returns both dates)`,
      );
    }
    if (Number.isNaN(asOf)) return [];
    return reportOnly.flatMap((policy) => {
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
  },
});
