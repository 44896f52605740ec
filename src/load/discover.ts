/**
 * Expands command-line inputs (files, folders, globs) to a sorted list of files. Whatever is found is listed, FIFOs,
 * devices, sockets and broken links included: the loader reads only regular files and refuses the rest with a reason,
 * so nothing is dropped without a word and nothing can block. A path that cannot be looked at (a symbolic link loop,
 * a folder without read permission, an empty string) is listed with its problem, so the other inputs are still read.
 */
import { importModule } from './import-module.js';
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

export interface DiscoveredFile {
  absolutePath: string;
  /** Named on the command line (true) or found by walking a folder or expanding a glob (false). */
  explicit: boolean;
  /** Why this path cannot be read at all (it is reported as an input error, and the rest is read). */
  problem?: PathProblem;
}

export interface PathProblem {
  /** What is wrong and how to fix it, for one `calint: error:` line. */
  reason: string;
  /** The path as shown; by default the path relative to the working directory. */
  shown?: string;
}

const IGNORED_DIRS = ['**/.git/**', '**/node_modules/**'];

export async function discoverFiles(inputs: string[], cwd: string): Promise<DiscoveredFile[]> {
  if (inputs.length === 0) throw new InputError('no input given: name a file, folder or glob');
  const found = new Map<string, DiscoveredFile>();
  const add = (file: DiscoveredFile) => {
    const existing = found.get(file.absolutePath);
    if (!existing || (file.explicit && !existing.explicit)) found.set(file.absolutePath, file);
  };

  for (const [n, input] of inputs.entries()) {
    if (input.trim() === '') {
      // path.resolve(cwd, '') is the working directory: linting all of it is never what an empty argument meant.
      add({
        absolutePath: `\0empty-input-${n}`,
        explicit: true,
        problem: {
          shown: JSON.stringify(input),
          reason:
            'an input is an empty string: name a file, folder or glob (is a variable in the command empty or unset?)',
        },
      });
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stat: Stats | undefined;
    try {
      stat = statSync(absolute);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        add({ absolutePath: absolute, explicit: true, problem: { reason: describePathError(e, 'input') } });
        continue;
      }
    }
    if (stat?.isDirectory()) {
      for (const f of walkInputFolder(absolute)) add(f);
    } else if (stat) {
      // A regular file, or a FIFO, device or socket: the loader reads the first and refuses the rest by name.
      add({ absolutePath: absolute, explicit: true });
    } else if (/[*?[\]{}]/.test(input)) {
      // The glob package is loaded only when a pattern is given: it costs start-up time otherwise.
      const { glob } = await importModule<typeof import('glob')>('glob');
      const files = await glob(input, { cwd, absolute: true, nodir: true, dot: true, ignore: IGNORED_DIRS });
      if (files.length === 0) throw new InputError(`no files match the pattern "${input}"`);
      for (const f of files) add({ absolutePath: f, explicit: false });
    } else {
      throw new InputError('no such file or directory', { file: input });
    }
  }
  return [...found.values()].sort((a, b) => compareStrings(a.absolutePath, b.absolutePath));
}

/**
 * Every entry under a folder that is not a folder (dot files included; .git and node_modules skipped), each with the
 * problem that stops it being read, if any; a sub-folder that cannot be listed is one entry with its problem.
 */
export function walkInputFolder(dir: string, seen: Set<string> = new Set()): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const visit = (folder: string) => {
    let entries: Dirent[];
    try {
      const real = realpathSync(folder);
      if (seen.has(real)) return; // a symlink cycle through folders: each folder is read once
      seen.add(real);
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      out.push({ absolutePath: folder, explicit: false, problem: { reason: describePathError(e, 'folder') } });
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== 'node_modules') visit(full);
        continue;
      }
      if (entry.isSymbolicLink()) {
        let target: Stats | undefined;
        try {
          target = statSync(full);
        } catch (e) {
          // A loop or a link into a folder calint may not enter: say so, unless the name says it is no input anyway.
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'ENOENT' && code !== 'ENOTDIR') {
            out.push({ absolutePath: full, explicit: false, problem: { reason: describePathError(e, 'input') } });
            continue;
          }
        }
        if (target?.isDirectory()) {
          if (entry.name !== '.git' && entry.name !== 'node_modules') visit(full);
          continue;
        }
      }
      out.push({ absolutePath: full, explicit: false });
    }
  };
  visit(dir);
  return out;
}

/**
 * Every regular file under a folder (dot files included, links followed), skipping .git and node_modules; throws an
 * InputError when a folder cannot be read. For rule packs and tests; inputs go through walkInputFolder.
 */
export function walkFolder(dir: string, seen: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const f of walkInputFolder(dir, seen)) {
    if (f.problem) throw new InputError(f.problem.reason, { file: f.absolutePath });
    if (statSync(f.absolutePath, { throwIfNoEntry: false })?.isFile()) out.push(f.absolutePath);
  }
  return out;
}

/** One line: what is wrong with a path and what to do about it (the path itself is printed before it). */
export function describePathError(e: unknown, what: 'input' | 'folder' | 'file'): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ELOOP':
      return 'a symbolic link loop (the link points, through other links, back at itself): fix or remove the link';
    case 'EACCES':
    case 'EPERM':
      return what === 'folder'
        ? 'cannot list the folder: permission denied (give the user running calint read and search permission, e.g. chmod a+rx, or leave the folder out)'
        : 'cannot read it: permission denied (make it readable for the user running calint, e.g. chmod a+r, or leave it out)';
    case 'ENAMETOOLONG':
      return 'the path is too long: shorten it or name a folder above it';
    case 'ENOENT':
      return 'no such file (a broken symbolic link?): fix or remove the link';
    case 'ENOTDIR':
      return 'no such file: a part of the path is a file, not a folder';
    case 'EIO':
      return 'cannot read it: an I/O error (a damaged disk or a network share that went away?)';
    default:
      return `cannot read it (${err.code ?? err.message})`;
  }
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
