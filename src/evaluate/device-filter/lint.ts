/**
 * Lints a parsed device filter against the filter reference (docs/graph-semantics.md, "Device filters"): unknown properties and
 * operators, operators a property does not allow, list/single value mismatches, values outside a closed set, and the
 * `systemLabels -eq "X"` form (Microsoft's token-protection article writes it; the reference allows only -contains /
 * -notContains on collections; the evaluator reads -eq as -contains and -ne as -notContains).
 * Also the tree walks the device-filter rules share: the clauses in source order, and one-based spans for messages.
 */
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import { FilterSyntaxError, parseDeviceFilter, type FilterNode, type Span } from './parse.js';
import { DEVICE_PROPERTIES, OPERATORS, POSITIVE_OPERATORS, type FilterOperator } from './properties.js';

export type FilterClause = Extract<FilterNode, { type: 'clause' }>;

export type FilterIssueCode =
  /** `device.<name>` is not a filter property. */
  | 'unknownProperty'
  /** `-<word>` is not a filter operator (e.g. -match, -like, -any). */
  | 'unknownOperator'
  /** The operator exists but the property does not allow it (e.g. trustType -contains). */
  | 'operatorNotAllowed'
  /** `-eq` / `-ne` on a collection (systemLabels, physicalIds): accepted and read as -contains / -notContains. */
  | 'collectionEquals'
  /** A [list] given to an operator that compares one value (-eq, -startsWith, -contains, …). */
  | 'unexpectedList'
  /** -in / -notIn given a single value instead of a [list]. */
  | 'missingList'
  /** A value outside the property's closed set (trustType, deviceOwnership, isCompliant, profileType). */
  | 'unknownValue';

export interface FilterIssue {
  code: FilterIssueCode;
  clause: FilterClause;
  /** The clause as written in the rule. */
  text: string;
  /** Zero-based, end-exclusive offsets of the clause in the rule (the parser's spans). */
  span: Span;
  /** Allowed operators (operator issues) or values (unknownValue). */
  allowed?: readonly string[];
  /** The closest known property name (unknownProperty), when one is close. */
  suggestion?: string;
  /** The operator the evaluator applies instead (collectionEquals). */
  normalisedOperator?: FilterOperator;
  /** The values outside the property's closed set, as written (unknownValue). */
  unknownValues?: readonly string[];
}

/** Closed value sets from the filter reference; values compare case-insensitively. */
export const DEVICE_PROPERTY_VALUES: Readonly<Record<string, readonly string[]>> = {
  trustType: ['AzureAD', 'ServerAD', 'Workplace'],
  deviceOwnership: ['Personal', 'Company'],
  isCompliant: ['True', 'False'],
  profileType: ['RegisteredDevice', 'SecureVM', 'Printer', 'Shared', 'IoT'],
};

const LIST_OPERATORS: ReadonlySet<string> = new Set(['in', 'notIn']);

/** Every clause of the tree, in source order. */
export function clausesOf(node: FilterNode): FilterClause[] {
  return node.type === 'clause' ? [node] : node.children.flatMap(clausesOf);
}

/** The clause is a positive test (eq, startsWith, endsWith, contains, in): it never matches a null (unregistered) property. */
export function isPositiveClause(clause: FilterClause): boolean {
  return POSITIVE_OPERATORS.has(clause.operator as FilterOperator);
}

/** One-based, end-inclusive span for messages and evidence: `rule.slice(start - 1, end)` is the clause. */
export function oneBasedSpan(span: Span): { start: number; end: number } {
  return { start: span.start + 1, end: span.end };
}

export function lintDeviceFilter(tree: FilterNode, rule: string): FilterIssue[] {
  return clausesOf(tree).flatMap((clause) => lintClause(clause, rule));
}

function lintClause(clause: FilterClause, rule: string): FilterIssue[] {
  const base = { clause, text: rule.slice(clause.start, clause.end), span: { start: clause.start, end: clause.end } };
  const issues: FilterIssue[] = [];
  const property = DEVICE_PROPERTIES.get(clause.property.toLowerCase());
  if (!clause.knownProperty || !property) {
    issues.push({ ...base, code: 'unknownProperty', suggestion: closestProperty(clause.property) });
  }
  if (!clause.knownOperator) {
    issues.push({ ...base, code: 'unknownOperator', allowed: property ? property.operators : OPERATORS });
    return issues;
  }
  const op = clause.operator as FilterOperator;
  if (property && !property.operators.includes(op)) {
    if (property.collection && (op === 'eq' || op === 'ne')) {
      issues.push({ ...base, code: 'collectionEquals', allowed: property.operators, normalisedOperator: op === 'eq' ? 'contains' : 'notContains' });
    } else {
      issues.push({ ...base, code: 'operatorNotAllowed', allowed: property.operators });
    }
  }
  const isList = Array.isArray(clause.value);
  if (isList && !LIST_OPERATORS.has(op)) issues.push({ ...base, code: 'unexpectedList' });
  if (!isList && LIST_OPERATORS.has(op)) issues.push({ ...base, code: 'missingList' });
  const closed = property ? DEVICE_PROPERTY_VALUES[property.name] : undefined;
  if (closed) {
    const values = Array.isArray(clause.value) ? clause.value : [clause.value];
    const unknownValues = values.filter((v) => !closed.some((c) => c.toLowerCase() === v.toLowerCase()));
    if (unknownValues.length > 0) issues.push({ ...base, code: 'unknownValue', allowed: closed, unknownValues });
  }
  return issues;
}

/** The known property nearest to a misspelt name (edit distance ≤ 3, or a case/prefix variant), if any. */
function closestProperty(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const p of DEVICE_PROPERTIES.values()) {
    const d = distance(lower, p.name.toLowerCase());
    if (!best || d < best.distance) best = { name: p.name, distance: d };
  }
  return best && best.distance <= Math.min(3, Math.floor(lower.length / 3)) ? best.name : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** A policy's device filter as the device-filter rules read it. */
export type PolicyDeviceFilter =
  | { status: 'none' }
  | { status: 'empty'; mode: 'include' | 'exclude'; rule: string }
  | { status: 'unparsable'; mode: 'include' | 'exclude'; rule: string; error: string; offset: number }
  | { status: 'parsed'; mode: 'include' | 'exclude'; rule: string; tree: FilterNode };

/**
 * conditions.devices.deviceFilter of a policy: none (absent, null, or no rule string), empty (a blank rule), unparsable
 * (with the parser's message and zero-based offset) or parsed. A mode other than "include" is read as "exclude", as the
 * evaluator does. applicationFilter and servicePrincipalFilter use another grammar and are not read here.
 */
export function deviceFilterOf(policy: ConditionalAccessPolicy): PolicyDeviceFilter {
  const filter = policy.conditions?.devices?.deviceFilter ?? null;
  if (!filter || typeof filter.rule !== 'string') return { status: 'none' };
  const mode = typeof filter.mode === 'string' && filter.mode.toLowerCase() === 'include' ? 'include' : 'exclude';
  const rule = filter.rule;
  if (rule.trim() === '') return { status: 'empty', mode, rule };
  try {
    return { status: 'parsed', mode, rule, tree: parseDeviceFilter(rule) };
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return { status: 'unparsable', mode, rule, error: e.message, offset: e.offset };
  }
}
