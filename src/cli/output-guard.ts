/**
 * calint never writes over what it read. Before anything is written, every output path is compared with every file
 * the run read (inputs, the config file, the baseline, scenario files) by what the file is, not how it was spelt:
 * device and inode when the output exists (so `./x/../x/in.json`, a symbolic link and a hard link are caught), its
 * real folder and name when it does not. Two outputs naming the same file are refused too (the second would replace
 * the first). A refusal is an InputError naming both paths: exit 2, nothing written.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../load/errors.js';

export interface ReadFile {
  path: string;
  /** What the file was to the run: "input", "config file", "baseline", "scenario file". */
  role: string;
}

export interface OutputFile {
  path: string;
  /** How the command line named it, path included: "--output out.json", "--format sarif=x.sarif", "the html report reports/calint-report.html". */
  what: string;
}

interface Identity {
  inode: string | null;
  real: string;
}

function identify(file: string, cwd: string): Identity | null {
  const absolute = path.resolve(cwd, file);
  try {
    const st = statSync(absolute);
    return { inode: `${st.dev}:${st.ino}`, real: realpathOr(absolute) };
  } catch {
    // Not there (yet): its real folder and its name.
    const dir = realpathOr(path.dirname(absolute));
    return { inode: null, real: path.join(dir, path.basename(absolute)) };
  }
}

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function same(a: Identity, b: Identity): boolean {
  return a.inode !== null && b.inode !== null ? a.inode === b.inode : a.real === b.real;
}

/** Character devices and FIFOs (/dev/null, /dev/stdout) may be named by several outputs, and by an input. */
function isStream(file: string, cwd: string): boolean {
  try {
    const st = statSync(path.resolve(cwd, file));
    return st.isCharacterDevice() || st.isFIFO();
  } catch {
    return false;
  }
}

export function refuseOverwritingReads(outputs: readonly OutputFile[], reads: readonly ReadFile[], cwd: string): void {
  const readIds = reads.map((r) => ({ read: r, id: identify(r.path, cwd) })).filter((r): r is { read: ReadFile; id: Identity } => r.id !== null);
  const seen: Array<{ output: OutputFile; id: Identity }> = [];
  for (const output of outputs) {
    if (isStream(output.path, cwd)) continue;
    const id = identify(output.path, cwd);
    if (!id) continue;
    const hit = readIds.find((r) => same(r.id, id));
    if (hit) {
      const spelt = hit.read.path === output.path ? '' : ` (${hit.read.path})`;
      throw new InputError(
        `${output.what} is the ${hit.read.role}${spelt} this run reads: calint never writes over its inputs; choose another output file`,
      );
    }
    const twice = seen.find((s) => same(s.id, id));
    if (twice) {
      throw new InputError(`${output.what} and ${twice.output.what} are the same file: give each output its own file`);
    }
    seen.push({ output, id });
  }
}
