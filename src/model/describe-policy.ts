/**
 * A policy in plain language for the report's appendix: "Applies to all users except Break Glass Admin 01; to Office 365
 * Exchange Online and Office 365 SharePoint Online; on Windows; requires token protection; report-only."
 * Names come from the TenantIndex; ids the export does not resolve are shown as ids and marked. Pure: no clock, no I/O.
 */
import type { ReferenceKind, TenantIndex } from './tenant-index.js';
import { list, policyLabel, stateLabel, usersCondition, applicationsCondition } from './policy.js';
import type { ConditionalAccessPolicy } from './snapshot-types.js';
import { CLIENT_APP_NAMES, GUEST_TYPE_NAMES, PLATFORM_NAMES, USER_ACTION_NAMES } from './value-names.js';

export interface PolicyDescription {
  /** "all users except Break Glass Admin 01 and Break Glass Admin 02" */
  who: string;
  /** "Office 365 Exchange Online and Office 365 SharePoint Online" */
  what: string;
  /** "on Windows", "from browsers", "at sign-in risk high or medium", … */
  conditions: string[];
  /** "blocks access", "requires multifactor authentication or a compliant device"; null without grant controls. */
  grant: string | null;
  /** "requires token protection", "sign-in frequency every 12 hours", … */
  session: string[];
  /** "enabled", "report-only", "disabled" */
  state: string;
  requiresTokenProtection: boolean;
  /** The whole description as one sentence. */
  sentence: string;
}

/** How many names a list shows before "and N more". */
const MAX_NAMES = 8;

const CONTROL_NAMES: Record<string, string> = {
  mfa: 'multifactor authentication',
  compliantdevice: 'a compliant device',
  domainjoineddevice: 'a Microsoft Entra hybrid joined device',
  approvedapplication: 'an approved client app',
  compliantapplication: 'an app protection policy',
  passwordchange: 'a password change',
  riskremediation: 'risk remediation',
};

const TRANSFER_NAMES: Record<string, string> = {
  devicecodeflow: 'the device code flow',
  authenticationtransfer: 'authentication transfer',
};

/** "a", "a and b", "a, b and c", "a, b, … and 4 more". */
export function joinWords(items: string[], conjunction = 'and', max = MAX_NAMES): string {
  if (items.length === 0) return '';
  if (items.length > max) {
    const shown = items.slice(0, max - 1);
    return `${shown.join(', ')} ${conjunction} ${items.length - shown.length} more`;
  }
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

function named(index: TenantIndex, kind: ReferenceKind, value: string): string {
  const r = index.resolve(kind, value);
  if (r.status === 'unresolved') return `${value} (not in the export)`;
  if (r.status === 'placeholder') return `${value} (placeholder)`;
  return r.name;
}

function guestTypes(value: unknown): string[] {
  const g = value as { guestOrExternalUserTypes?: unknown; externalTenants?: { membershipKind?: unknown; members?: unknown } | null } | null;
  if (!g || typeof g.guestOrExternalUserTypes !== 'string') return [];
  const types = g.guestOrExternalUserTypes
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && t.toLowerCase() !== 'none' && t.toLowerCase() !== 'unknownfuturevalue')
    .map((t) => GUEST_TYPE_NAMES[t.toLowerCase()] ?? t);
  if (types.length === 0) return [];
  const tenants = g.externalTenants;
  const members = list(tenants?.members);
  const from = tenants && tenants.membershipKind === 'enumerated' && members.length > 0 ? ` from ${members.length} named external tenant${members.length === 1 ? '' : 's'}` : '';
  return [`${types.length === 6 ? 'all guest and external user types' : joinWords(types)}${from}`];
}

function describeWho(policy: ConditionalAccessPolicy, index: TenantIndex): string {
  const u = usersCondition(policy);
  const include: string[] = [];
  for (const v of u.includeUsers) include.push(v.toLowerCase() === 'all' ? 'all users' : v.toLowerCase() === 'none' ? 'no users' : named(index, 'user', v));
  if (u.includeGroups.length) include.push(`members of ${joinWords(u.includeGroups.map((g) => named(index, 'group', g)))}`);
  if (u.includeRoles.length) {
    const roles = u.includeRoles.map((r) => named(index, 'role', r));
    include.push(roles.length > 3 ? `${roles.length} directory roles (${joinWords(roles, 'and', 4)})` : `the ${joinWords(roles)} role${roles.length === 1 ? '' : 's'}`);
  }
  include.push(...guestTypes(u.includeGuestsOrExternalUsers));

  const c = policy.conditions?.clientApplications as Record<string, unknown> | null | undefined;
  const sps = list(c?.includeServicePrincipals);
  const workload: string[] = [];
  for (const sp of sps) {
    workload.push(sp === 'ServicePrincipalsInMyTenant' ? "all of the tenant's own (single-tenant) service principals" : named(index, 'servicePrincipal', sp));
  }
  if (c?.servicePrincipalFilter) workload.push('service principals chosen by a filter');
  const agents = list(c?.includeAgentIdServicePrincipals);
  if (agents.length) workload.push(`${agents.length} agent identit${agents.length === 1 ? 'y' : 'ies'}`);

  const exclude: string[] = [];
  for (const v of u.excludeUsers) exclude.push(v.toLowerCase() === 'guestsorexternalusers' ? 'guest and external users' : named(index, 'user', v));
  if (u.excludeGroups.length) exclude.push(`members of ${joinWords(u.excludeGroups.map((g) => named(index, 'group', g)))}`);
  if (u.excludeRoles.length) exclude.push(`holders of ${joinWords(u.excludeRoles.map((r) => named(index, 'role', r)))}`);
  exclude.push(...guestTypes(u.excludeGuestsOrExternalUsers));
  const spExclude = list(c?.excludeServicePrincipals).map((sp) => named(index, 'servicePrincipal', sp));
  exclude.push(...spExclude);

  const onlyNone = include.length === 1 && include[0] === 'no users';
  const targets = workload.length > 0 ? (onlyNone || include.length === 0 ? [`workload identities: ${joinWords(workload)}`] : [...include, `workload identities: ${joinWords(workload)}`]) : include;
  const who = targets.length > 0 ? joinWords(targets, 'and', 12) : 'no users (no user or workload identity is included)';
  return exclude.length > 0 ? `${who} except ${joinWords(exclude)}` : who;
}

function describeWhat(policy: ConditionalAccessPolicy, index: TenantIndex): string {
  const a = applicationsCondition(policy);
  const parts: string[] = [];
  const apps = a.includeApplications.filter((v) => v.toLowerCase() !== 'none' || a.includeApplications.length === 1);
  if (apps.length) {
    parts.push(joinWords(apps.map((v) => (v.toLowerCase() === 'all' ? 'all resources' : v.toLowerCase() === 'none' ? 'no resources' : named(index, 'application', v)))));
  }
  if (a.includeUserActions.length) parts.push(joinWords(a.includeUserActions.map((v) => USER_ACTION_NAMES[v.toLowerCase()] ?? `the user action ${v}`)));
  if (a.includeAuthenticationContextClassReferences.length) {
    const ctx = a.includeAuthenticationContextClassReferences.map((v) => named(index, 'authenticationContext', v));
    parts.push(`the authentication context${ctx.length === 1 ? '' : 's'} ${joinWords(ctx)}`);
  }
  const filter = a.applicationFilter as { mode?: unknown; rule?: unknown } | null;
  if (filter && typeof filter.rule === 'string') {
    parts.push(filter.mode === 'exclude' ? `apps except those matching the filter ${filter.rule}` : `apps matching the filter ${filter.rule}`);
  }
  const raw = policy.conditions?.applications as Record<string, unknown> | null | undefined;
  if (raw?.globalSecureAccess != null || raw?.networkAccess != null) parts.push('Global Secure Access traffic');
  let what = parts.length ? joinWords(parts, 'and', 12) : 'no resources (none is targeted)';
  if (a.excludeApplications.length) what += ` except ${joinWords(a.excludeApplications.map((v) => named(index, 'application', v)))}`;
  return what;
}

function levels(value: unknown): string[] {
  const items = Array.isArray(value) ? list(value) : typeof value === 'string' ? value.split(',') : [];
  return items.map((s) => s.trim()).filter((s) => s && s !== 'unknownFutureValue' && s !== 'none');
}

function describeConditions(policy: ConditionalAccessPolicy, index: TenantIndex): string[] {
  const c = policy.conditions ?? ({} as ConditionalAccessPolicy['conditions']);
  const out: string[] = [];
  const platforms = c.platforms;
  const incP = list(platforms?.includePlatforms);
  const excP = list(platforms?.excludePlatforms);
  const pName = (p: string) => PLATFORM_NAMES[p.toLowerCase()] ?? p;
  if (incP.length && !(incP.length === 1 && incP[0]!.toLowerCase() === 'all' && excP.length === 0)) {
    out.push(`on ${joinWords(incP.map(pName), 'or')}${excP.length ? ` except ${joinWords(excP.map(pName))}` : ''}`);
  } else if (excP.length) {
    out.push(`on any platform except ${joinWords(excP.map(pName))}`);
  }

  const loc = c.locations;
  const incL = list(loc?.includeLocations);
  const excL = list(loc?.excludeLocations);
  const lName = (l: string) => named(index, 'namedLocation', l);
  const anyLocation = incL.length === 0 || (incL.length === 1 && incL[0]!.toLowerCase() === 'all');
  if (!anyLocation) out.push(`from ${joinWords(incL.map(lName), 'or')}${excL.length ? ` except ${joinWords(excL.map(lName))}` : ''}`);
  else if (excL.length) out.push(`from any location except ${joinWords(excL.map(lName))}`);

  const apps = list(c.clientAppTypes).filter((t) => t.toLowerCase() !== 'all');
  if (apps.length) out.push(`from ${joinWords(apps.map((t) => CLIENT_APP_NAMES[t.toLowerCase()] ?? t), 'or')}`);

  const signIn = levels(c.signInRiskLevels);
  if (signIn.length) out.push(`at sign-in risk ${joinWords(signIn, 'or')}`);
  const user = levels(c.userRiskLevels);
  if (user.length) out.push(`at user risk ${joinWords(user, 'or')}`);
  const sp = levels(c.servicePrincipalRiskLevels);
  if (sp.length) out.push(`at service principal risk ${joinWords(sp, 'or')}`);
  const insider = levels(c.insiderRiskLevels);
  if (insider.length) out.push(`at insider risk ${joinWords(insider, 'or')}`);
  const agent = levels(c.agentIdRiskLevels);
  if (agent.length) out.push(`at agent risk ${joinWords(agent, 'or')}`);

  const flows = levels((c.authenticationFlows as { transferMethods?: unknown } | null | undefined)?.transferMethods);
  if (flows.length) out.push(`for ${joinWords(flows.map((f) => TRANSFER_NAMES[f.toLowerCase()] ?? f), 'or')}`);

  const filter = c.devices?.deviceFilter;
  if (filter && typeof filter.rule === 'string') {
    out.push(filter.mode === 'exclude' ? `except on devices matching ${filter.rule}` : `only on devices matching ${filter.rule}`);
  }
  const states = c.deviceStates as { includeStates?: unknown; excludeStates?: unknown } | null | undefined;
  const excS = list(states?.excludeStates);
  if (excS.length) out.push(`except on devices that are ${joinWords(excS, 'or')} (legacy device state condition)`);
  return out;
}

function describeGrant(policy: ConditionalAccessPolicy, index: TenantIndex): string | null {
  const g = policy.grantControls;
  if (!g) return null;
  const builtIn = list(g.builtInControls).filter((c) => c !== 'unknownFutureValue');
  if (builtIn.some((c) => c.toLowerCase() === 'block')) return 'blocks access';
  const controls = builtIn.map((c) => CONTROL_NAMES[c.toLowerCase()] ?? c);
  const strength = g.authenticationStrength as { id?: unknown; displayName?: unknown } | null | undefined;
  if (strength && typeof strength.id === 'string') {
    const name = typeof strength.displayName === 'string' ? strength.displayName : named(index, 'authenticationStrength', strength.id);
    controls.push(`the authentication strength "${name}"`);
  }
  const tou = list(g.termsOfUse);
  if (tou.length) controls.push(`acceptance of ${tou.length === 1 ? 'a terms of use' : `${tou.length} terms of use`}`);
  const custom = list(g.customAuthenticationFactors);
  if (custom.length) controls.push(`the custom control${custom.length === 1 ? '' : 's'} ${joinWords(custom)}`);
  if (controls.length === 0) return null;
  const and = typeof g.operator === 'string' && g.operator.toUpperCase() === 'AND';
  return `requires ${joinWords(controls, and ? 'and' : 'or', 12)}`;
}

function describeSession(policy: ConditionalAccessPolicy): string[] {
  const s = policy.sessionControls as Record<string, any> | null | undefined;
  if (!s) return [];
  const out: string[] = [];
  if (s.secureSignInSession?.isEnabled === true) out.push('requires token protection');
  const f = s.signInFrequency;
  if (f && f.isEnabled !== false) {
    if (f.frequencyInterval === 'everyTime') out.push('asks for sign-in every time');
    else if (typeof f.value === 'number' && typeof f.type === 'string') out.push(`asks for sign-in every ${f.value} ${f.value === 1 ? f.type.replace(/s$/, '') : f.type}`);
  }
  const pb = s.persistentBrowser;
  if (pb && pb.isEnabled !== false && typeof pb.mode === 'string') out.push(pb.mode === 'never' ? 'never keeps the browser session' : 'keeps the browser session (persistent)');
  if (s.applicationEnforcedRestrictions?.isEnabled === true) out.push('uses app-enforced restrictions');
  const cas = s.cloudAppSecurity;
  if (cas?.isEnabled === true) out.push(`routes sessions through Conditional Access App Control${typeof cas.cloudAppSecurityType === 'string' ? ` (${cas.cloudAppSecurityType})` : ''}`);
  if (s.disableResilienceDefaults === true) out.push('disables resilience defaults');
  const cae = s.continuousAccessEvaluation;
  if (cae && typeof cae.mode === 'string') out.push(cae.mode === 'disabled' ? 'turns continuous access evaluation off' : `sets continuous access evaluation to ${cae.mode}`);
  if (s.globalSecureAccessFilteringProfile != null) out.push('applies a Global Secure Access filtering profile');
  return out;
}

const STATE_WORDS: Record<string, string> = { enabled: 'enabled', 'report-only': 'report-only', disabled: 'disabled' };

export function describePolicy(policy: ConditionalAccessPolicy, index: TenantIndex): PolicyDescription {
  const who = describeWho(policy, index);
  const what = describeWhat(policy, index);
  const conditions = describeConditions(policy, index);
  const grant = describeGrant(policy, index);
  const session = describeSession(policy);
  const state = STATE_WORDS[stateLabel(policy)] ?? stateLabel(policy);
  const effects = [grant, ...session].filter((e): e is string => e !== null);
  const parts = [`Applies to ${who}`, `to ${what}`, ...conditions, ...(effects.length ? effects : ['has no grant or session control']), state];
  return {
    who,
    what,
    conditions,
    grant,
    session,
    state,
    requiresTokenProtection: session.includes('requires token protection'),
    sentence: `${parts.join('; ')}.`,
  };
}

/** Descriptions of every policy, keyed like the LintResult's PolicySummary: `<file>#<pointer>`. */
export function describePolicies(index: TenantIndex): Map<string, PolicyDescription> {
  const out = new Map<string, PolicyDescription>();
  for (const p of index.policies) {
    const source = index.sourceOf(p);
    out.set(policyKey(source?.file ?? '', source?.pointer ?? '', policyLabel(p)), describePolicy(p, index));
  }
  return out;
}

/** The key that ties a PolicySummary (file, pointer) to its description. */
export function policyKey(file: string, pointer: string, name: string): string {
  return file || pointer ? `${file}#${pointer}` : `name:${name}`;
}
