/** Decides what kind of Conditional Access (or directory) object a parsed JSON object is. */
export type ObjectKind =
  | 'policy'
  | 'policyTemplate'
  | 'namedLocation'
  | 'authenticationStrength'
  | 'authenticationContext'
  | 'user'
  | 'group'
  | 'role'
  | 'servicePrincipal'
  | 'subscribedSku';

export const KIND_LABELS: Record<ObjectKind, string> = {
  policy: 'conditionalAccessPolicy',
  policyTemplate: 'conditionalAccessTemplate',
  namedLocation: 'namedLocation',
  authenticationStrength: 'authenticationStrengthPolicy',
  authenticationContext: 'authenticationContextClassReference',
  user: 'user',
  group: 'group',
  role: 'directoryRole',
  servicePrincipal: 'servicePrincipal',
  subscribedSku: 'subscribedSku',
};

const ODATA_TYPES: Record<string, ObjectKind> = {
  '#microsoft.graph.conditionalaccesspolicy': 'policy',
  '#microsoft.graph.conditionalaccesstemplate': 'policyTemplate',
  '#microsoft.graph.namedlocation': 'namedLocation',
  '#microsoft.graph.ipnamedlocation': 'namedLocation',
  '#microsoft.graph.countrynamedlocation': 'namedLocation',
  '#microsoft.graph.compliantnetworknamedlocation': 'namedLocation',
  '#microsoft.graph.authenticationstrengthpolicy': 'authenticationStrength',
  '#microsoft.graph.authenticationcontextclassreference': 'authenticationContext',
  '#microsoft.graph.user': 'user',
  '#microsoft.graph.group': 'group',
  '#microsoft.graph.directoryrole': 'role',
  '#microsoft.graph.directoryroletemplate': 'role',
  '#microsoft.graph.unifiedroledefinition': 'role',
  '#microsoft.graph.serviceprincipal': 'servicePrincipal',
  '#microsoft.graph.subscribedsku': 'subscribedSku',
};

/** `@odata.context` collection suffixes (after `$metadata#`), lower-cased, for list responses and `$entity` objects. */
const CONTEXT_COLLECTIONS: Array<[RegExp, ObjectKind]> = [
  [/(^|\/)identity\/conditionalaccess\/policies\b/, 'policy'],
  [/(^|\/)identity\/conditionalaccess\/templates\b/, 'policyTemplate'],
  [/(^|\/)identity\/conditionalaccess\/namedlocations\b/, 'namedLocation'],
  [/(^|\/)identity\/conditionalaccess\/authenticationstrengths?\/policies\b/, 'authenticationStrength'],
  [/(^|\/)policies\/authenticationstrengthpolicies\b/, 'authenticationStrength'],
  [/(^|\/)identity\/conditionalaccess\/authenticationcontextclassreferences\b/, 'authenticationContext'],
  [/^users\b/, 'user'],
  [/^groups\b/, 'group'],
  [/^directoryroles\b/, 'role'],
  [/^directoryroletemplates\b/, 'role'],
  [/^rolemanagement\/directory\/roledefinitions\b/, 'role'],
  [/^serviceprincipals\b/, 'servicePrincipal'],
  // GET /subscribedSkus: the tenant's subscriptions, from which calint reads which licences it holds.
  [/^subscribedskus\b/, 'subscribedSku'],
];

export function kindFromOdataContext(context: unknown): ObjectKind | null {
  if (typeof context !== 'string') return null;
  const hash = context.indexOf('#');
  if (hash === -1) return null;
  const collection = context.slice(hash + 1).toLowerCase();
  for (const [pattern, kind] of CONTEXT_COLLECTIONS) if (pattern.test(collection)) return kind;
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The kind of a single object, from `@odata.type`, then `@odata.context`, then its properties. */
export function classifyObject(o: Record<string, unknown>): ObjectKind | null {
  const type = o['@odata.type'];
  if (typeof type === 'string') {
    const kind = ODATA_TYPES[type.toLowerCase()];
    if (kind) return kind;
  }
  const fromContext = kindFromOdataContext(o['@odata.context']);
  if (fromContext) return fromContext;
  if (isObject(o.details) && isObject(o.details.conditions)) return 'policyTemplate';
  // A policy even when `conditions` has the wrong type: validation then says what is wrong with it.
  if ('conditions' in o && (isObject(o.conditions) || 'grantControls' in o || 'sessionControls' in o || 'state' in o)) {
    if (isObject(o.conditions) ? 'grantControls' in o || 'sessionControls' in o || 'state' in o || 'displayName' in o : true) return 'policy';
  }
  if ('ipRanges' in o || 'countriesAndRegions' in o || 'includeUnknownCountriesAndRegions' in o) return 'namedLocation';
  if (Array.isArray(o.allowedCombinations)) return 'authenticationStrength';
  if (typeof o.id === 'string' && /^c\d{1,2}$/i.test(o.id) && ('isAvailable' in o || 'displayName' in o)) {
    return 'authenticationContext';
  }
  if (typeof o.skuPartNumber === 'string' && Array.isArray(o.servicePlans)) return 'subscribedSku';
  if (typeof o.userPrincipalName === 'string') return 'user';
  if ('securityEnabled' in o || 'mailNickname' in o || Array.isArray(o.groupTypes)) return 'group';
  if (typeof o.appId === 'string' && ('servicePrincipalType' in o || 'appOwnerOrganizationId' in o)) return 'servicePrincipal';
  if ('rolePermissions' in o || ('roleTemplateId' in o && 'displayName' in o)) return 'role';
  return null;
}

/** Why an object is not CA data, for the "skipped" message. */
export function describeUnknownObject(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return 'an empty JSON object';
  if ('resource' in o && 'provider' in o) return 'looks like Terraform JSON';
  if ('$schema' in o && typeof o.$schema === 'string' && /deploymentTemplate/i.test(o.$schema)) return 'an Azure Resource Manager template';
  if (/^(Configuration|Node|AllNodes)$/i.test(keys[0] ?? '') || 'AllNodes' in o) return 'looks like PowerShell DSC configuration data';
  const shown = keys.slice(0, 4).map((k) => JSON.stringify(k)).join(', ');
  return `an object with keys ${shown}${keys.length > 4 ? ', …' : ''}, none of them Conditional Access properties`;
}
