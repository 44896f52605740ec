/** Expands command-line inputs (files, folders, globs) to a sorted list of files. */
import { importModule } from './import-module.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { readdirSync, realpathSync } from 'node:fs';
import { InputError } from './errors.js';

export interface DiscoveredFile {
  absolutePath: string;
  /** Named on the command line (true) or found by walking a folder or expanding a glob (false). */
  explicit: boolean;
}

const IGNORED_DIRS = ['**/.git/**', '**/node_modules/**'];

export async function discoverFiles(inputs: string[], cwd: string): Promise<DiscoveredFile[]> {
  if (inputs.length === 0) throw new InputError('no input given: name a file, folder or glob');
  const found = new Map<string, DiscoveredFile>();
  const add = (absolutePath: string, explicit: boolean) => {
    const existing = found.get(absolutePath);
    if (!existing || (explicit && !existing.explicit)) found.set(absolutePath, { absolutePath, explicit });
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      add(absolute, true);
    } else if (stat?.isDirectory()) {
      for (const f of walkFolder(absolute)) add(f, false);
    } else if (/[*?[\]{}]/.test(input)) {
      // The glob package is loaded only when a pattern is given: it costs start-up time otherwise.
      const { glob } = await importModule<typeof import('glob')>('glob');
      const files = await glob(input, { cwd, absolute: true, nodir: true, dot: true, ignore: IGNORED_DIRS });
      if (files.length === 0) throw new InputError(`no files match the pattern "${input}"`);
      for (const f of files) add(f, false);
    } else {
      throw new InputError('no such file or directory', { file: input });
    }
  }
  return [...found.values()].sort((a, b) => compareStrings(a.absolutePath, b.absolutePath));
}

/** Every file under a folder (dot files included), skipping .git and node_modules. */
export function walkFolder(dir: string, seen: Set<string> = new Set()): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return []; // a symlink cycle
  seen.add(real);
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isDirectory() === true);
    if (isDir) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') out.push(...walkFolder(full, seen));
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      out.push(full);
    }
  }
  return out;
}

/** Code-point order: stable on every platform and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function displayPath(absolutePath: string, cwd: string): string {
  const rel = path.relative(cwd, absolutePath) || path.basename(absolutePath);
  return rel.split(path.sep).join('/');
}

export function isJsonFileName(file: string): boolean {
  const base = path.basename(file).toLowerCase();
  return base === '.json' || base.endsWith('.json') || base.endsWith('.jsonc');
}
