/**
 * Whether a policy's resource condition reaches an administrator signing in to fix Conditional Access: the Azure
 * portal (which also serves the Microsoft Entra admin center) or the Windows Azure Service Management API. Answered by
 * the what-if target check, so app groups (Office 365, Microsoft Admin Portals, Azure management) mean what they mean
 * everywhere else.
 */
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import { AZURE_PORTAL, AZURE_SERVICE_MANAGEMENT } from '../model/well-known-apps.js';
import { compiledPolicies } from './whatif/evaluate.js';
import { NO, prepareFacts } from './whatif/facts.js';

const ADMIN_TARGETS = [AZURE_PORTAL, AZURE_SERVICE_MANAGEMENT];

export function reachesAdminSignIn(index: TenantIndex, policy: ConditionalAccessPolicy): boolean {
  const cp = compiledPolicies(index).find((c) => c.policy === policy);
  const target = cp?.checks.find((c) => c.dimension === 'target');
  if (!target) return false;
  return ADMIN_TARGETS.some((appId) => target.test(prepareFacts(index, { identity: { kind: 'user' }, target: { kind: 'application', appId } })) !== NO);
}
