/** Expands command-line inputs (files, folders, globs) to a sorted list of files. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { glob, hasMagic } from 'glob';
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
      const files = await glob('**/*', { cwd: absolute, absolute: true, nodir: true, dot: true, ignore: IGNORED_DIRS });
      for (const f of files) add(f, false);
    } else if (hasMagic(input, { windowsPathsNoEscape: process.platform === 'win32' })) {
      const files = await glob(input, { cwd, absolute: true, nodir: true, dot: true, ignore: IGNORED_DIRS });
      if (files.length === 0) throw new InputError(`no files match the pattern "${input}"`);
      for (const f of files) add(f, false);
    } else {
      throw new InputError('no such file or directory', { file: input });
    }
  }
  return [...found.values()].sort((a, b) => compareStrings(a.absolutePath, b.absolutePath));
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
