/**
 * The report's template sources as one unit: the page template, the partials (sorted by name), the stylesheet and the
 * filter script, with one hash over all of them. The build precompiles the templates (scripts/precompile-templates.mjs)
 * and records the hash; at run time a precompiled file with another hash is stale and the templates are compiled anew.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The options every compile uses, precompiled or not. */
export const COMPILE_OPTIONS = { strict: false, preventIndent: true } as const;

export interface TemplateSources {
  main: string;
  /** [name, source] in name order. */
  partials: Array<[string, string]>;
  css: string;
  script: string;
  hash: string;
}

export function readTemplateSources(dir: string): TemplateSources {
  const partialsDir = path.join(dir, 'partials');
  const partials = readdirSync(partialsDir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((f): [string, string] => [f.slice(0, -'.hbs'.length), readFileSync(path.join(partialsDir, f), 'utf8')]);
  const main = readFileSync(path.join(dir, 'report.hbs'), 'utf8');
  const css = readFileSync(path.join(dir, 'report.css'), 'utf8');
  const script = readFileSync(path.join(dir, 'report-filter.js'), 'utf8');
  const hash = createHash('sha256');
  // Only what is compiled counts (the stylesheet and script are read at run time either way); the options are part of it.
  hash.update(JSON.stringify(COMPILE_OPTIONS)).update('\0main\0').update(main);
  for (const [name, text] of partials) hash.update(`\0partial\0${name}\0`).update(text);
  return { main, partials, css, script, hash: hash.digest('hex') };
}
