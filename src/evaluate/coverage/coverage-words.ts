/**
 * Coverage gaps in words: a gap's witness sign-in as label → value pairs a reader can replay, and a one-line summary.
 * Names come from the index (or calint's synthetic names for the made-up users of a gap class).
 */
import type { TenantIndex, ReferenceKind } from '../../model/tenant-index.js';
import type { Scenario } from '../whatif/scenario.js';
import { syntheticName } from './synthetic.js';

const nameFn = (index: TenantIndex) => (kind: ReferenceKind, id: string): string => syntheticName(id) ?? index.nameOf(kind, id);

/** A scenario as label → value pairs a reader can replay (the report's witness table). */
export function witnessFields(index: TenantIndex, s: Scenario): Record<string, string> {
  const name = nameFn(index);
  const out: Record<string, string> = {};
  const id = s.identity;
  if (id.kind === 'user') {
    out.user = id.userId ? name('user', id.userId) : 'a user';
    if (id.groupIds?.length) out.groups = id.groupIds.map((g) => name('group', g)).join(', ');
    if (id.roleIds?.length) out.roles = id.roleIds.map((r) => name('role', r)).join(', ');
    out['guest type'] = id.guestType ?? 'member (not a guest)';
    if (id.guestType && id.homeTenantId) out['home tenant'] = id.homeTenantId;
  } else if (id.kind === 'agent') out['agent identity'] = name('servicePrincipal', id.agentId);
  else out['service principal'] = name('servicePrincipal', id.servicePrincipalId);
  const t = s.target;
  out.resource = t.kind === 'application' ? name('application', t.appId) : t.kind === 'userAction' ? `user action ${t.action}` : `authentication context ${t.id}`;
  if (s.platform) out.platform = s.platform;
  if (s.clientApp) out['client app'] = s.clientApp;
  if (s.ip) out['IP address'] = s.ip;
  if (s.country) out.country = s.country;
  if (s.mfaTrustedIp) out['MFA trusted IP'] = 'yes';
  if (s.signInRisk) out['sign-in risk'] = s.signInRisk;
  if (s.userRisk) out['user risk'] = s.userRisk;
  if (s.insiderRisk) out['insider risk'] = s.insiderRisk;
  if (s.servicePrincipalRisk) out['service principal risk'] = s.servicePrincipalRisk;
  if (s.agentIdRisk) out['agent risk'] = s.agentIdRisk;
  if (s.authenticationFlow) out['authentication flow'] = s.authenticationFlow;
  if (s.device !== undefined) out.device = s.device === null ? 'unregistered' : JSON.stringify(s.device);
  return out;
}

/** "Sign-ins by <who> to <what> need no MFA and are not blocked" (the other classes are in the gap's table). */
export function gapSummary(cell: Partial<Record<string, string>>): string {
  const who = cell.identity && cell.identity !== 'any' ? cell.identity : 'any user';
  const what = cell.target && cell.target !== 'any' ? cell.target : 'any resource';
  const narrowed = Object.entries(cell).some(([d, v]) => d !== 'identity' && d !== 'target' && v && v !== 'any');
  return `Sign-ins by ${who} to ${what} need no MFA and are not blocked${narrowed ? ' under some conditions' : ''}.`;
}
