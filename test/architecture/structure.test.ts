/**
 * The code's structure, as STYLE.md asks for it: no import cycles in src/ and rules/ (type-only imports included, since
 * a cycle of types is still two modules that cannot be understood apart), and no module-level mutable state (caches
 * live on the per-run evaluator and index).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../rules/fixtures.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const FILES = [...sourceFiles('src'), ...sourceFiles('rules')].sort();

/** Relative imports of a file (static, type-only and dynamic), as repo paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** Every cycle of the import graph, each listed once from its smallest file. */
function cycles(graph: Map<string, string[]>): string[][] {
  const out = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        out.set(canonical.join(' → '), canonical);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return [...out.values()];
}

describe('the structure of src/ and rules/', () => {
  it('has no import cycle', () => {
    const graph = new Map(FILES.map((f) => [f, importsOf(f).filter((i) => FILES.includes(i))]));
    expect(cycles(graph).map((c) => [...c, c[0]].join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check is real)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('keeps no mutable state at module level (no top-level let or var, no top-level Map, Set or WeakMap)', () => {
    const offences = FILES.flatMap((file) =>
      readFileSync(path.join(REPO_ROOT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => /^(export\s+)?(let|var)\s/.test(line) || /^(export\s+)?const\s+\w+(:(?!\s*Readonly)[^=]+)?\s*=\s*new\s+(Weak)?(Map|Set)\b/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offences).toEqual([]);
  });
});
