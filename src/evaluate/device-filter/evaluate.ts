/**
 * Evaluates a parsed device filter against a device. Unregistered devices have every property null:
 * positive operators never match null, their negations always do.
 */
import type { FilterNode } from './parse.js';
import { POSITIVE_OPERATORS, type FilterOperator } from './properties.js';

/** Device attributes by canonical property name; absent or null = unknown/unregistered. */
export type DeviceAttributes = Partial<Record<string, string | string[] | boolean | null>>;

export function matchesDevice(node: FilterNode, device: DeviceAttributes): boolean {
  if (node.type !== 'clause') {
    return node.type === 'or' ? node.children.some((c) => matchesDevice(c, device)) : node.children.every((c) => matchesDevice(c, device));
  }
  const raw = lookup(device, node.property);
  const op = node.operator as FilterOperator;
  if (raw === null || raw === undefined) return !POSITIVE_OPERATORS.has(op);
  const expected = Array.isArray(node.value) ? node.value.map(lower) : lower(node.value);
  if (Array.isArray(raw)) {
    // Collections (systemLabels, physicalIds): whole-element match. `-eq` is read as contains (Microsoft's
    // token-protection examples write `systemLabels -eq "CloudPC"`).
    const has = raw.map(lower).some((v) => (Array.isArray(expected) ? expected.includes(v) : v === expected));
    return op === 'contains' || op === 'eq' || op === 'in' ? has : op === 'notContains' || op === 'ne' || op === 'notIn' ? !has : false;
  }
  const value = lower(raw);
  const one = Array.isArray(expected) ? expected[0] ?? '' : expected;
  switch (op) {
    case 'eq': return value === one;
    case 'ne': return value !== one;
    case 'startsWith': return value.startsWith(one);
    case 'notStartsWith': return !value.startsWith(one);
    case 'endsWith': return value.endsWith(one);
    case 'notEndsWith': return !value.endsWith(one);
    case 'contains': return value.includes(one);
    case 'notContains': return !value.includes(one);
    case 'in': return (Array.isArray(expected) ? expected : [expected]).includes(value);
    case 'notIn': return !(Array.isArray(expected) ? expected : [expected]).includes(value);
    default: return false;
  }
}

function lookup(device: DeviceAttributes, property: string): string | string[] | boolean | null | undefined {
  const key = Object.keys(device).find((k) => k.toLowerCase() === property.toLowerCase());
  return key === undefined ? undefined : device[key];
}

function lower(v: string | boolean): string {
  return String(v).toLowerCase();
}

/**
 * Whether a policy with this device filter applies to the device:
 * include mode -> only to matching devices; exclude mode -> to all but matching devices.
 */
export function filterAppliesToDevice(mode: 'include' | 'exclude', tree: FilterNode, device: DeviceAttributes): boolean {
  const matches = matchesDevice(tree, device);
  return mode === 'include' ? matches : !matches;
}
