/**
 * A finding's evidence for a reader: each key labelled, enum values worded (labels.ts), ids named from the result's
 * name table, nested values as an indented list instead of JSON, and calint's bookkeeping (character spans, flags,
 * witness internals) left out. The JSON output keeps the raw evidence; the report shows what a person can check.
 */
import { humaniseText, INTERNAL_KEYS, keyLabel, listLabel, stateLabel, valueLabel } from './labels.js';
import { compare, shortName } from './words.js';

export interface EvidenceLine {
  depth: number;
  label: string;
  value: string;
}

export interface EvidenceRow {
  label: string;
  /** text: one line; tree: an indented list; nearMisses: the policies that almost satisfied the rule. */
  kind: 'text' | 'tree' | 'nearMisses';
  text: string;
  lines: EvidenceLine[];
  nearMisses: Array<{ policyName: string; state: string; reasons: Array<{ reason: string; pointer: string }> }>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A name or value in evidence longer than this is shortened: the finding's header and the appendix show it whole. */
const MAX_VALUE = 160;
/** How many lines a nested value shows before "… and N more". */
const MAX_LINES = 40;
const MAX_LIST = 30;

type Names = Readonly<Record<string, string>>;

const isPrimitive = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function word(v: string | number | boolean | null, names: Names): string {
  return typeof v === 'string' ? shortName(wordOf(v, names), MAX_VALUE) : wordOf(v, names);
}

function wordOf(v: string | number | boolean | null, names: Names): string {
  if (v === null) return 'not set';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (GUID.test(v)) {
    const name = names[v] ?? names[v.toLowerCase()];
    return name && name !== v ? `${name} (${v})` : v;
  }
  return listLabel(v);
}

/** A list or value on one line; null when it is nested. */
function flat(v: unknown, names: Names): string | null {
  if (v === null || isPrimitive(v)) return word(v as string | number | boolean | null, names);
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none';
    if (v.every(isPrimitive)) {
      const shown = v.slice(0, MAX_LIST).map((x) => word(x, names));
      return v.length > MAX_LIST ? `${shown.join(', ')} and ${v.length - MAX_LIST} more` : shown.join(', ');
    }
    // A list of things that name themselves: the names.
    if (v.every((x) => x && typeof x === 'object' && typeof (x as Record<string, unknown>).policyName === 'string' && Object.keys(x).every((k) => ['policyId', 'policyName', 'state'].includes(k)))) {
      return v.map((x) => shortName(String((x as Record<string, unknown>).policyName), MAX_VALUE)).join('; ');
    }
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    // An object that names itself: { id, name, kind } -> "Break Glass Admin 01 (user)".
    if (typeof o.name === 'string' && Object.keys(o).every((k) => ['id', 'name', 'kind', 'role'].includes(k))) {
      return typeof o.kind === 'string' ? `${shortName(o.name, MAX_VALUE)} (${valueLabel(o.kind)})` : shortName(o.name, MAX_VALUE);
    }
    if (typeof o.role === 'string' && Object.keys(o).every((k) => ['roleId', 'role'].includes(k))) return o.role;
    // { kind: "all" }: the kind is the value.
    if (typeof o.kind === 'string' && Object.keys(o).length === 1) return valueLabel(o.kind);
  }
  return null;
}

function visibleEntries(o: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(o).filter(([k]) => !INTERNAL_KEYS.includes(k.toLowerCase()));
}

function tree(value: unknown, names: Names): EvidenceLine[] {
  const lines: EvidenceLine[] = [];
  const walk = (v: unknown, depth: number) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const one = flat(item, names);
        if (one !== null) lines.push({ depth, label: '', value: one });
        else {
          lines.push({ depth, label: `${i + 1}.`, value: '' });
          walk(item, depth + 1);
        }
      });
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of visibleEntries(v as Record<string, unknown>)) {
        if (k === 'state' && typeof x === 'string') {
          lines.push({ depth, label: 'State', value: stateLabel(x) });
          continue;
        }
        const one = flat(x, names);
        if (one !== null) lines.push({ depth, label: keyLabel(k), value: one });
        else {
          lines.push({ depth, label: keyLabel(k), value: '' });
          walk(x, depth + 1);
        }
      }
      return;
    }
    lines.push({ depth, label: '', value: flat(v, names) ?? String(v) });
  };
  walk(value, 0);
  if (lines.length > MAX_LINES) {
    const more = lines.length - MAX_LINES;
    lines.length = MAX_LINES;
    lines.push({ depth: 0, label: '', value: `… and ${more} more line${more === 1 ? '' : 's'} (the JSON output holds all of it)` });
  }
  return lines;
}

const ORDER: Record<string, number> = { actual: 0, expected: 1, missing: 2, nearMisses: 4 };

export function evidenceRows(evidence: Record<string, unknown>, names: Names): EvidenceRow[] {
  const keys = Object.keys(evidence)
    .filter((k) => !INTERNAL_KEYS.includes(k.toLowerCase()))
    .sort((a, b) => (ORDER[a] ?? 3) - (ORDER[b] ?? 3) || compare(a, b));
  const rows: EvidenceRow[] = [];
  for (const key of keys) {
    const value = evidence[key];
    const base = { label: keyLabel(key), text: '', lines: [] as EvidenceLine[], nearMisses: [] as EvidenceRow['nearMisses'] };
    if (key === 'missing') {
      if (value === true) rows.push({ ...base, kind: 'text', text: 'the value is absent from the export' });
      continue;
    }
    if (key === 'nearMisses' && Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'policyName' in v)) {
      if (value.length === 0) continue;
      rows.push({
        ...base,
        kind: 'nearMisses',
        nearMisses: value.map((v: any) => ({
          policyName: shortName(String(v.policyName ?? v.policyId ?? ''), MAX_VALUE),
          state: typeof v.state === 'string' ? stateLabel(v.state) : '',
          reasons: Array.isArray(v.reasons)
            ? v.reasons.map((r: any) => ({ reason: humaniseText(String(r?.reason ?? '')), pointer: typeof r?.pointer === 'string' ? r.pointer : '' }))
            : [],
        })),
      });
      continue;
    }
    const one = flat(value, names);
    if (one !== null) rows.push({ ...base, kind: 'text', text: one });
    else rows.push({ ...base, kind: 'tree', lines: tree(value, names) });
  }
  return rows;
}
