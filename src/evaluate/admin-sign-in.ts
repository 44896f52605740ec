/**
 * Whether a policy's resource condition reaches an administrator signing in to fix Conditional Access: the Azure
 * portal (which also serves the Microsoft Entra admin center) or the Windows Azure Service Management API. Answered by
 * the what-if target check, so app groups (Office 365, Microsoft Admin Portals, Azure management) mean what they mean
 * everywhere else.
 */
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import { AZURE_PORTAL, AZURE_SERVICE_MANAGEMENT } from '../model/well-known-apps.js';
import type { Evaluator } from './evaluator.js';
import { NO } from './whatif/facts.js';

const ADMIN_TARGETS = [AZURE_PORTAL, AZURE_SERVICE_MANAGEMENT];

export function reachesAdminSignIn(evaluator: Evaluator, policy: ConditionalAccessPolicy): boolean {
  const target = evaluator.compiledOf(policy)?.checks.find((c) => c.dimension === 'target');
  if (!target) return false;
  return ADMIN_TARGETS.some((appId) => target.test(evaluator.facts({ identity: { kind: 'user' }, target: { kind: 'application', appId } })) !== NO);
}
