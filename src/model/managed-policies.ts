/**
 * Microsoft-managed Conditional Access policies, as of 2026-12-06.
 * Source: https://learn.microsoft.com/entra/identity/conditional-access/managed-policies ("How Microsoft-managed policies
 * work", "Policies"). Microsoft adds these policies to a tenant in report-only; an administrator may change their state
 * and their excluded identities, nothing else (they cannot be renamed or deleted; duplicate one to change more). Left in
 * report-only, Microsoft switches a policy on no less than 45 days after it was introduced (earlier versions of the
 * article said 90), announcing it by email and Message center 28 days ahead; in some tenants sooner, which the
 * announcement and the policy's details in the admin center say. Break-glass accounts are to be excluded from them as
 * from any other policy.
 *
 * How an export shows one (the article does not say; seen in Graph exports, v1.0 and beta alike): the display name
 * starts with "Microsoft-managed:" (as in the admin center and the sign-in logs), and `templateId` is one of Microsoft's
 * managed-policy template ids, 4200930c-0da2-4e33-ca01-0000000000nn (e.g. …0005 "Multifactor authentication for
 * Microsoft partners and vendors", which carries no name prefix; …0007 risky sign-ins). The same template family with a
 * 3 after "ca01-" names Baseline Security Mode policies, which this article does not cover: not matched here. No Graph
 * property says when the policy will be enabled; the only date an export gives is `createdDateTime`.
 */
import type { ConditionalAccessPolicy } from './snapshot-types.js';

export const MANAGED_POLICIES_ARTICLE = 'https://learn.microsoft.com/entra/identity/conditional-access/managed-policies';

/** Display-name prefix of Microsoft-managed policies (compared case-insensitively, leading spaces ignored). */
export const MANAGED_POLICY_NAME_PREFIX = 'Microsoft-managed:';

/** templateId of a Microsoft-managed policy: 4200930c-0da2-4e33-ca01-0 followed by eleven hex digits. */
export const MANAGED_POLICY_TEMPLATE_ID = /^4200930c-0da2-4e33-ca01-0[0-9a-f]{11}$/i;

/** Microsoft switches a report-only managed policy on no less than this many days after introducing it. */
export const MANAGED_POLICY_MIN_DAYS_TO_ENFORCEMENT = 45;

/** Microsoft announces the switch-on this many days ahead (email, Message center). */
export const MANAGED_POLICY_NOTICE_DAYS = 28;

export type ManagedPolicyEvidence = { field: 'templateId' | 'displayName'; value: string };

/** How the export shows that Microsoft manages this policy, or null when it does not. */
export function microsoftManagedBy(policy: ConditionalAccessPolicy): ManagedPolicyEvidence | null {
  const templateId = policy.templateId;
  if (typeof templateId === 'string' && MANAGED_POLICY_TEMPLATE_ID.test(templateId.trim())) return { field: 'templateId', value: templateId };
  const name = policy.displayName;
  if (typeof name === 'string' && name.trimStart().toLowerCase().startsWith(MANAGED_POLICY_NAME_PREFIX.toLowerCase())) {
    return { field: 'displayName', value: name };
  }
  return null;
}

export function isMicrosoftManaged(policy: ConditionalAccessPolicy): boolean {
  return microsoftManagedBy(policy) !== null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The earliest day (YYYY-MM-DD, UTC) Microsoft may switch on a report-only managed policy by the documented rule: its
 * createdDateTime plus 45 days. Null when the export has no usable createdDateTime (the date is then unknown). Microsoft
 * may enable a policy sooner in some tenants and says so in its announcement; the export cannot show that.
 */
export function earliestManagedEnforcement(policy: ConditionalAccessPolicy): { created: string; date: string } | null {
  const created = policy.createdDateTime;
  if (typeof created !== 'string') return null;
  const time = Date.parse(created);
  if (Number.isNaN(time)) return null;
  return { created, date: new Date(time + MANAGED_POLICY_MIN_DAYS_TO_ENFORCEMENT * DAY_MS).toISOString().slice(0, 10) };
}
