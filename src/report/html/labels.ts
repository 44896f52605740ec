/**
 * Every label table of the report in one place: Graph enum values, evidence keys, rule metadata (priority, effort, user
 * impact), framework control statuses and input kinds, each as a reader says it. A value without a label is shown as
 * it is; a test scans the report for the raw values listed here.
 */
import type { RuleEffort, RulePriority, RuleUserImpact } from '../../engine/rule-types.js';
import type { ControlStatus } from '../../frameworks/types.js';
import { humanWords } from './words.js';
import { AUTHENTICATION_METHODS } from '../../model/well-known-methods.js';
import { GUEST_TYPE_NAMES, PLATFORM_NAMES, USER_ACTION_NAMES } from '../../model/value-names.js';

/** Graph enum values (compared case-insensitively) as a reader says them. */
const VALUE_LABELS: Record<string, string> = {
  ...GUEST_TYPE_NAMES,
  // policy states
  enabled: 'enabled',
  disabled: 'disabled',
  enabledforreportingbutnotenforced: 'report-only',
  // grant controls (builtInControls)
  mfa: 'Require MFA',
  block: 'Block access',
  compliantdevice: 'Require compliant device',
  domainjoineddevice: 'Require Microsoft Entra hybrid joined device',
  approvedapplication: 'Require approved client app',
  compliantapplication: 'Require app protection policy',
  passwordchange: 'Require password change',
  riskremediation: 'Require risk remediation',
  // client app types
  browser: 'browser',
  mobileappsanddesktopclients: 'mobile apps and desktop clients',
  exchangeactivesync: 'Exchange ActiveSync clients',
  eassupported: 'Exchange ActiveSync clients',
  other: 'other legacy-authentication clients',
  // platforms ("all" stays as it is: it stands for more than platforms)
  ...Object.fromEntries(Object.entries(PLATFORM_NAMES).filter(([k]) => k !== 'all')),
  // authentication flows
  devicecodeflow: 'device code flow',
  authenticationtransfer: 'authentication transfer',
  // device filter modes, operators
  include: 'include',
  exclude: 'exclude',
  // trust types (device witness)
  serverad: 'Microsoft Entra hybrid joined',
  azuread: 'Microsoft Entra joined',
  workplace: 'Microsoft Entra registered',
  everytime: 'every time',
  unknownfuturevalue: 'a value Graph added later',
};

/** Authentication methods, as an authentication strength's allowed combinations name them ("password,sms"): the model's labels, capitalised. */
const METHOD_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(AUTHENTICATION_METHODS).map(([name, m]) => [name.toLowerCase(), m.label.charAt(0).toUpperCase() + m.label.slice(1)]),
);

/** A Graph enum value, or a comma-joined list of them, for a reader; unknown values unchanged. */
export function valueLabel(value: string): string {
  const key = value.toLowerCase();
  if (VALUE_LABELS[key]) return VALUE_LABELS[key];
  if (METHOD_LABELS[key]) return METHOD_LABELS[key];
  // "password,sms": a combination of authentication methods.
  if (/^[a-z0-9]+(,[a-z0-9]+)+$/i.test(value)) {
    const parts = value.split(',');
    if (parts.every((p) => METHOD_LABELS[p.toLowerCase()])) return parts.map((p) => METHOD_LABELS[p.toLowerCase()]).join(' + ');
    if (parts.every((p) => VALUE_LABELS[p.toLowerCase()])) return parts.map((p) => VALUE_LABELS[p.toLowerCase()]).join(', ');
  }
  return value;
}

/** The raw values a reader must never see in the deliverable (the tool-speak test scans for them). */
export const RAW_VALUES_SHOWN_AS_LABELS = ['b2bCollaborationGuest', 'enabledForReportingButNotEnforced', 'password,sms', 'builtInControls', 'guestOrExternalUserTypes'];

/** Evidence and Graph property names as a reader says them. */
const KEY_LABELS: Record<string, string> = {
  actual: 'Seen',
  expected: 'Expected',
  missing: 'Missing',
  builtincontrols: 'Grant controls',
  guestorexternalusertypes: 'Guest and external user types',
  externaltenants: 'External tenants',
  membershipkind: 'Which tenants',
  includeusers: 'Included users',
  excludeusers: 'Excluded users',
  includegroups: 'Included groups',
  excludegroups: 'Excluded groups',
  includeroles: 'Included roles',
  excluderoles: 'Excluded roles',
  includeapplications: 'Included resources',
  excludeapplications: 'Excluded resources',
  includeplatforms: 'Included platforms',
  excludeplatforms: 'Excluded platforms',
  includeuseractions: 'User actions',
  clientapptypes: 'Client apps',
  signinrisklevels: 'Sign-in risk levels',
  userrisklevels: 'User risk levels',
  insiderrisklevels: 'Insider risk levels',
  agentidrisklevels: 'Agent risk levels',
  signinfrequency: 'Sign-in frequency',
  frequencyinterval: 'Interval',
  persistentbrowser: 'Persistent browser session',
  nearmisses: 'Closest policies',
  coveredby: 'Covered by',
  policyname: 'Policy',
  groupname: 'Group',
  isassignabletorole: 'Role-assignable group',
  ismanagementrestricted: 'Restricted management',
  cidraddress: 'IP range',
  normalisedoperator: 'Operator to use',
  userid: 'User',
  appid: 'Resource',
  agentid: 'Agent',
  namedlocationids: 'Named locations',
  mfatrustedip: 'MFA trusted IP',
  ip: 'IP address',
  clientapp: 'Client app',
  authenticationflow: 'Authentication flow',
  breakglasssource: 'Break-glass accounts',
  missingprincipals: 'Not excluded',
  openclientapptypes: 'Client apps not blocked',
  blockedclientapptypes: 'Client apps blocked',
  or: 'Or',
};

/** Evidence keys that are calint's own bookkeeping, never shown to a reader. */
export const INTERNAL_KEYS: readonly string[] = ['witness', 'span', 'truncated', 'condition', '@odata.type', 'fingerprint', 'messageid', 'file', 'policyid', 'roleid'];

export function keyLabel(key: string): string {
  return KEY_LABELS[key.toLowerCase()] ?? humanWords(key);
}

export const PRIORITY_LABELS: Record<RulePriority, string> = { 1: 'Now', 2: 'Next', 3: 'Later' };
export const PRIORITY_TEXT: Record<RulePriority, string> = {
  1: 'fix now: an attack path or a lock-out is open today',
  2: 'fix next: a real gap with a narrower reach, or a control weaker than it looks',
  3: 'fix later: hygiene and clarity',
};
export const EFFORT_LABELS: Record<RuleEffort, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const EFFORT_TEXT: Record<RuleEffort, string> = {
  low: 'one policy setting, minutes',
  medium: 'a new or reworked policy with a report-only period',
  high: 'a project: devices, methods or apps to roll out',
};
export const IMPACT_LABELS: Record<RuleUserImpact, string> = { none: 'None', low: 'Low', medium: 'Medium', high: 'High' };
export const IMPACT_TEXT: Record<RuleUserImpact, string> = {
  none: 'nobody notices',
  low: 'a few users, or a rare extra prompt',
  medium: 'many users see new prompts or shorter sessions',
  high: 'most users change how they sign in',
};

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  'accepted-risk': 'Accepted risk',
  'not-evaluated': 'Not evaluated',
  'not-checkable': 'Not checkable offline',
};

/** Graph object kinds as an input file's content is described. */
const KIND_LABELS: Record<string, [string, string]> = {
  policy: ['Conditional Access policy', 'Conditional Access policies'],
  namedLocation: ['named location', 'named locations'],
  authenticationStrength: ['authentication strength', 'authentication strengths'],
  authenticationContext: ['authentication context', 'authentication contexts'],
  role: ['directory role', 'directory roles'],
  group: ['group', 'groups'],
  user: ['user', 'users'],
  servicePrincipal: ['service principal', 'service principals'],
  subscribedSku: ['licence subscription', 'licence subscriptions'],
};

export function kindCount(kind: string, n: number): string {
  const [one, many] = KIND_LABELS[kind] ?? [humanWords(kind).toLowerCase(), `${humanWords(kind).toLowerCase()} objects`];
  return `${n} ${n === 1 ? one : many}`;
}

/** Policy state as shown on badges. */
export function stateLabel(state: string | null): string {
  return state ? valueLabel(state) : '';
}

const GUEST_TOKEN = /\b(internalGuest|b2bCollaborationGuest|b2bCollaborationMember|b2bDirectConnectUser|otherExternalUser|serviceProvider)( users?\b)?/g;
const COMBINATION = /\b[A-Za-z0-9]+(?:,[A-Za-z0-9]+)+\b/g;

/**
 * Free text from rules and the evaluator (messages, reasons, gap descriptions) with the Graph values it quotes worded
 * for a reader: guest types, method combinations ("password,sms" -> "Password + SMS"), the report-only state, user
 * actions. Policy names are quoted in that text too, so only tokens that are unmistakably Graph values are replaced.
 */
export function humaniseText(text: string): string {
  return text
    .replace(GUEST_TOKEN, (_m, token: string) => VALUE_LABELS[token.toLowerCase()] ?? token)
    .replace(COMBINATION, (m) => {
      const parts = m.split(',');
      return parts.every((p) => METHOD_LABELS[p.toLowerCase()]) ? parts.map((p) => METHOD_LABELS[p.toLowerCase()]).join(' + ') : m;
    })
    .replace(/\benabledForReportingButNotEnforced\b/g, 'report-only')
    .replace(/\b(mobileAppsAndDesktopClients|exchangeActiveSync)\b/g, (m) => VALUE_LABELS[m.toLowerCase()] ?? m)
    .replace(/(?:the user action )?urn:user:(registersecurityinfo|registerdevice)\b/gi, (m, a: string) => USER_ACTION_NAMES[`urn:user:${a.toLowerCase()}`] ?? m);
}

/** "android, iOS, linux" -> "Android, iOS, Linux" when every item is a known value; otherwise the text worded. */
export function listLabel(value: string): string {
  // "compliantDevice | domainJoinedDevice": alternatives.
  const either = value.split(/\s+\|\s+/);
  if (either.length > 1 && either.every((i) => VALUE_LABELS[i.toLowerCase()])) return either.map(valueLabel).join(' or ');
  const items = value.split(/,\s+/);
  if (items.length > 1 && items.every((i) => VALUE_LABELS[i.toLowerCase()] || METHOD_LABELS[i.toLowerCase()])) return items.map(valueLabel).join(', ');
  return humaniseText(valueLabel(value));
}
