/**
 * The validate and snapshot stages: every loaded object is checked against its JSON Schema (ajv), enum values
 * that differ only in case are accepted with a warning, and the objects become one TenantSnapshot.
 */
import type { ErrorObject } from 'ajv';
import { InputError } from '../load/errors.js';
import { getAtPointer, splitPointer, joinPointer } from '../load/pointer.js';
import type { LoadResult } from '../load/load-inputs.js';
import type { LoadedObject, LoadWarning, SnapshotKind } from '../load/types.js';
import type { TenantSnapshot } from './snapshot-types.js';
import { TenantIndex, type ObjectSource } from './tenant-index.js';
import {
  validateAuthenticationContext,
  validateAuthenticationStrength,
  validateGroup,
  validateNamedLocation,
  validatePolicy,
  validateRole,
  validateServicePrincipal,
  validateSubscribedSku,
  validateUser,
  type StandaloneValidator,
} from './generated/validators.js';

export interface SnapshotResult {
  snapshot: TenantSnapshot;
  index: TenantIndex;
  warnings: LoadWarning[];
  errors: InputError[];
}

const SECTION: Record<SnapshotKind, (s: Required<Pick<TenantSnapshot, 'policies'>> & TenantSnapshot) => unknown[]> = {
  policy: (s) => s.policies,
  namedLocation: (s) => (s.namedLocations ??= []),
  authenticationStrength: (s) => (s.authenticationStrengths ??= []),
  authenticationContext: (s) => (s.authenticationContexts ??= []),
  user: (s) => ((s.directory ??= {}).users ??= []),
  group: (s) => ((s.directory ??= {}).groups ??= []),
  role: (s) => ((s.directory ??= {}).roles ??= []),
  servicePrincipal: (s) => ((s.directory ??= {}).servicePrincipals ??= []),
  subscribedSku: (s) => (s.subscribedSkus ??= []),
};

/** Precompiled by `npm run generate` (scripts/generate-validators.mjs) from schemas/. */
const VALIDATORS: Record<SnapshotKind, StandaloneValidator> = {
  policy: validatePolicy,
  namedLocation: validateNamedLocation,
  authenticationStrength: validateAuthenticationStrength,
  authenticationContext: validateAuthenticationContext,
  user: validateUser,
  group: validateGroup,
  role: validateRole,
  servicePrincipal: validateServicePrincipal,
  subscribedSku: validateSubscribedSku,
};

/** The pointer in the file of a pointer relative to a loaded object. */
export function filePointer(source: Pick<ObjectSource, 'bodyPointer' | 'fieldPointers'>, relative: string): string {
  const first = splitPointer(relative)[0];
  if (first !== undefined && source.fieldPointers[first]) {
    return joinPointer(source.fieldPointers[first]!, ...splitPointer(relative).slice(1));
  }
  return source.bodyPointer + relative;
}

export function buildSnapshot(load: LoadResult): SnapshotResult {
  const snapshot: TenantSnapshot & { policies: NonNullable<TenantSnapshot['policies']> } = {
    snapshotVersion: 1,
    tenant: load.tenant ?? {},
    policies: [],
  } as TenantSnapshot & { policies: NonNullable<TenantSnapshot['policies']> };
  const sources = new Map<object, ObjectSource>();
  const warnings: LoadWarning[] = [];
  const errors: InputError[] = [];
  const seenPolicyIds = new Map<string, string>();

  const warn = (object: LoadedObject, code: string, message: string, relative: string | null) => {
    const pointer = relative == null ? object.pointer : filePointer(object, relative);
    const pos = load.locate(object.file, pointer);
    warnings.push({ code, message, file: object.file, pointer, line: pos?.line ?? null, column: pos?.column ?? null });
  };

  for (const object of load.objects) {
    const validate = VALIDATORS[object.kind];
    const tolerated = new Set<string>();
    const remaining = () => (validate(object.value) ? [] : (validate.errors ?? []).filter((e) => !isTolerated(e, tolerated)));
    let failures = remaining();
    // Up to three passes: each repair can reveal the next error (ajv stops descending at a failed type).
    for (let pass = 0; failures.length > 0 && pass < 3 && repairTolerated(object, failures, warn, tolerated); pass++) {
      failures = remaining();
    }
    if (failures.length > 0) {
      for (const error of summarizeErrors(failures)) {
        const pointer = filePointer(object, error.pointer);
        const pos = load.locate(object.file, pointer);
        errors.push(new InputError(error.reason, { file: object.file, pointer, line: pos?.line, column: pos?.column }));
      }
      continue;
    }
    if (object.kind === 'policy') checkPolicyShape(object, warn, seenPolicyIds);
    SECTION[object.kind](snapshot).push(object.value);
    sources.set(object.value, {
      file: object.file,
      pointer: object.pointer,
      bodyPointer: object.bodyPointer,
      fieldPointers: object.fieldPointers,
      fromTemplate: object.fromTemplate,
    });
  }
  return { snapshot, index: new TenantIndex(snapshot, sources), warnings, errors };
}

type Warn = (object: LoadedObject, code: string, message: string, relative: string | null) => void;

/**
 * What real exports do that Graph would not, accepted in memory (the file is never changed) with a warning:
 * - an enum value that differs only in case ("All" for "all") is read in Graph's casing;
 * - `[]` where a condition object belongs (`"platforms": []`) is read as null (not configured);
 * - an unknown value inside an enum list (`builtInControls: ["MfaAndChangePassword"]`) is kept but flagged,
 *   since Microsoft keeps adding values; rules ignore values they do not know.
 * Returns true when something was repaired, so the object is validated again.
 */
function repairTolerated(object: LoadedObject, errors: ErrorObject[], warn: Warn, tolerated: Set<string>): boolean {
  let repaired = false;
  const setAt = (pointer: string, value: unknown) => {
    const tokens = splitPointer(pointer);
    const parent = getAtPointer(object.value, joinPointer('', ...tokens.slice(0, -1))) as Record<string, unknown> | unknown[];
    (parent as Record<string, unknown>)[tokens.at(-1)!] = value;
  };
  const done = new Set<string>();
  for (const error of errors) {
    if (done.has(error.instancePath)) continue;
    const current = getAtPointer(object.value, error.instancePath);
    if (error.keyword === 'enum' && typeof current === 'string') {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      const match = allowed.find((a): a is string => typeof a === 'string' && a.toLowerCase() === current.toLowerCase());
      if (match && match !== current) {
        setAt(error.instancePath, match);
        warn(object, 'enum-casing', `${JSON.stringify(current)} read as ${JSON.stringify(match)} (Graph's casing)`, error.instancePath);
        done.add(error.instancePath);
        repaired = true;
      } else if (!match && /\/\d+$/.test(error.instancePath) && Array.isArray(getAtPointer(object.value, error.instancePath.replace(/\/\d+$/, '')))) {
        warn(object, 'unknown-value', `${JSON.stringify(current)} is not a Graph value here (expected one of ${allowed.filter((a) => a !== 'unknownFutureValue').join(', ')}); calint ignores it`, error.instancePath);
        done.add(error.instancePath);
        tolerated.add(error.instancePath);
        repaired = true;
      }
    } else if (error.keyword === 'type' && Array.isArray(current) && current.length === 0 && String((error.params as { type: unknown }).type).includes('object')) {
      setAt(error.instancePath, null);
      warn(object, 'empty-array-as-object', '[] where an object belongs: read as null (not configured)', error.instancePath);
      done.add(error.instancePath);
      repaired = true;
    }
  }
  return repaired;
}

/** An error at a tolerated path, or the anyOf/null-branch noise ajv reports for its ancestors. */
function isTolerated(error: ErrorObject, tolerated: Set<string>): boolean {
  if (tolerated.has(error.instancePath)) return true;
  const noise =
    error.keyword === 'anyOf' || error.keyword === 'oneOf' || (error.keyword === 'type' && String((error.params as { type: unknown }).type) === 'null');
  if (!noise) return false;
  for (const path of tolerated) if (path.startsWith(error.instancePath + '/')) return true;
  return false;
}

/** One readable reason per failing location; ajv's anyOf/oneOf noise collapsed. */
function summarizeErrors(errors: ErrorObject[]): Array<{ pointer: string; reason: string }> {
  const byPointer = new Map<string, ErrorObject[]>();
  const isNullBranch = (e: ErrorObject) => e.keyword === 'type' && String((e.params as { type: unknown }).type) === 'null';
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    // "expected null" of a nullable object is noise when the real error is inside the object.
    if (isNullBranch(e) && errors.some((o) => o !== e && !isNullBranch(o) && o.instancePath.startsWith(e.instancePath + '/'))) continue;
    const pointer = e.keyword === 'required' ? joinPointer(e.instancePath, (e.params as { missingProperty: string }).missingProperty) : e.instancePath;
    const list = byPointer.get(pointer) ?? [];
    list.push(e);
    byPointer.set(pointer, list);
  }
  const out: Array<{ pointer: string; reason: string }> = [];
  for (const [pointer, list] of byPointer) {
    const reasons = [...new Set(list.map(describeError))];
    out.push({ pointer, reason: `schema: ${reasons.join('; or ')}` });
  }
  return out;
}

function describeError(e: ErrorObject): string {
  const found = (value: unknown) => {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
    if (typeof value === 'object') return 'an object';
    return String(value);
  };
  const params = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'type': {
      const types = String(params.type).split(',').map((t) => (t === 'null' ? 'null' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`));
      return `expected ${types.join(' or ')}, found ${found(e.data)}`;
    }
    case 'enum':
      return `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${found(e.data)}`;
    case 'required':
      return `required property "${params.missingProperty}" is missing`;
    case 'pattern':
      return `${found(e.data)} is not a valid value here`;
    case 'const':
      return `expected ${JSON.stringify(params.allowedValue)}, found ${found(e.data)}`;
    default:
      return `${e.message ?? e.keyword}${e.data !== undefined ? `, found ${found(e.data)}` : ''}`;
  }
}

const POLICY_KEYS = ['id', 'displayName', 'description', 'state', 'conditions', 'grantControls', 'sessionControls', 'templateId', 'createdDateTime', 'modifiedDateTime'];
const CONDITION_KEYS = [
  'users', 'applications', 'clientApplications', 'clientAppTypes', 'platforms', 'locations', 'devices', 'signInRiskLevels',
  'userRiskLevels', 'servicePrincipalRiskLevels', 'insiderRiskLevels', 'authenticationFlows', 'agentIdRiskLevels', 'deviceStates', 'times', 'clients',
];

function checkPolicyShape(object: LoadedObject, warn: Warn, seenIds: Map<string, string>): void {
  const p = object.value;
  if (object.fromTemplate) {
    warn(object, 'template', 'Microsoft template: no state, evaluated as report-only (policies created from templates start in report-only)', null);
  } else {
    if (typeof p.displayName !== 'string' || p.displayName === '') warn(object, 'no-name', 'policy has no displayName; its id or file names it in findings', null);
    if (p.state == null) warn(object, 'no-state', 'policy has no state; evaluated as report-only', null);
  }
  const caseMismatch = (keys: string[], obj: unknown, base: string) => {
    if (!obj || typeof obj !== 'object') return;
    for (const key of Object.keys(obj)) {
      if (keys.includes(key)) continue;
      const meant = keys.find((k) => k.toLowerCase() === key.toLowerCase());
      if (meant) {
        warn(object, 'key-casing', `key "${key}" is ignored: Graph's property is "${meant}" (property names are case-sensitive)`, `${base}/${key}`);
      }
    }
  };
  caseMismatch(POLICY_KEYS, p, '');
  caseMismatch(CONDITION_KEYS, p.conditions, '/conditions');
  if (typeof p.id === 'string' && p.id !== '') {
    const key = p.id.toLowerCase();
    const first = seenIds.get(key);
    if (first) warn(object, 'duplicate-policy-id', `policy id ${p.id} also appears in ${first}; both copies are linted`, '/id');
    else seenIds.set(key, object.file);
  }
}
