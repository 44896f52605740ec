/**
 * The framework data files (frameworks/*.json), compiled in: tsc copies them into dist/ and the esbuild bundle inlines
 * them, so nothing is read from disk at run time and the bundled CLI carries the same mapping as the library.
 * The data files are the one place that says which rule implements which control; a built-in rule's own `frameworks`
 * metadata is no longer read (rule packs keep theirs).
 */
import cisData from '../../frameworks/cis-m365-v7.0.0.json' with { type: 'json' };
import scubaData from '../../frameworks/cisa-scuba-aad.json' with { type: 'json' };
import type { FrameworkMappings } from '../engine/rule-types.js';
import type { FrameworkControl, FrameworkDefinition } from './types.js';

/** The JSON as written: `rules` is absent on a control that is not checkable. */
interface FrameworkFile {
  id: string;
  name: string;
  version: string;
  published: string;
  source: { url: string; read: string };
  controls: Array<Omit<FrameworkControl, 'rules' | 'assessment'> & { rules?: string[]; assessment?: string }>;
}

function definition(file: FrameworkFile): FrameworkDefinition {
  const { id, name, version, published, source, controls } = file;
  return deepFreeze({
    id: id as FrameworkDefinition['id'],
    name,
    version,
    published,
    source: { ...source },
    controls: controls.map((c) => ({
      ...c,
      assessment: c.assessment as FrameworkControl['assessment'],
      rules: [...(c.rules ?? [])],
    })),
  });
}

// Frozen: every caller shares these objects, and a report that sorted or trimmed a list in place would change the next.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** CIS first, then SCuBA: the order reports list them in. */
export const FRAMEWORKS: readonly FrameworkDefinition[] = Object.freeze([definition(cisData as FrameworkFile), definition(scubaData as FrameworkFile)]);

/** The controls a built-in rule implements, per framework, in the data files' order (keys only where there are some). */
export function frameworkMappingsFor(ruleId: string): FrameworkMappings {
  const out: FrameworkMappings = {};
  for (const f of FRAMEWORKS) {
    const ids = f.controls.filter((c) => c.rules.includes(ruleId)).map((c) => c.id);
    if (ids.length > 0) out[f.id] = ids;
  }
  return out;
}
