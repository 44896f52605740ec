/**
 * Writes an output file so that a reader never sees half of it and nothing else is harmed:
 *
 * - a regular file (or a new one) is written to a temp file beside it, then renamed over it; a symbolic link is
 *   written through (the file it points to is replaced, the link stays);
 * - a character device or a FIFO (`/dev/null`, a named pipe a reader waits on) is written to, as a shell redirection
 *   would, never renamed over; so are paths under /dev and /proc; `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are
 *   written to the descriptor itself (a pipe, a terminal, a socket, or the file the shell redirected it to);
 * - a folder, a block device or a socket is refused; a missing folder is created; a path through a file, a folder
 *   calint may not write to, a full or read-only disk is one InputError naming the path and the fix.
 *
 * Temp files are named `.calint-tmp-<pid>-<random>-<name>`. From the first write on, SIGINT and SIGTERM are handled
 * (exit 130 / 143); the write is synchronous, so the handler runs between writes, never during one, and no temp file
 * is left. Before the first write the signals keep their default effect, so a long lint stops at once. A run killed
 * outright (SIGKILL, power loss) may leave a temp file; the next write into that folder removes the temp files of
 * processes that no longer run.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../load/errors.js';

const TEMP_PREFIX = '.calint-tmp-';
const TEMP_NAME = /^\.calint-tmp-(\d+)-[0-9a-f]+-/;

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  if (file === '') throw new InputError('the output path is empty: name a file');
  holdSignalsWhileWriting();
  const target = path.resolve(file);
  const fd = standardStream(target);
  if (fd !== null) {
    withErrors(file, () => writeAll(fd, typeof content === 'string' ? Buffer.from(content) : content));
    return;
  }
  const existing = statOrNull(file, target);
  if (existing) {
    if (existing.isDirectory()) throw new InputError(`${file}: is a folder: name a file to write (for example ${path.join(file, 'calint-output')})`);
    if (existing.isBlockDevice() || existing.isSocket()) {
      throw new InputError(`${file}: is a ${existing.isSocket() ? 'socket' : 'block device'}: calint writes only to files, FIFOs and character devices`);
    }
  }
  if ((existing && (existing.isFIFO() || existing.isCharacterDevice())) || isSpecialTree(target)) {
    withErrors(file, () => writeFileSync(target, content));
    return;
  }
  // Through a symbolic link to the file it names; a new file where the path says.
  const real = existing ? withErrors(file, () => realpathSync(target)) : target;
  const dir = path.dirname(real);
  withErrors(file, () => mkdirSync(dir, { recursive: true }), dir);
  removeStaleTempFiles(dir);
  const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(real).slice(0, 120)}`);
  try {
    withErrors(file, () => {
      writeFileSync(temp, content, { flag: 'wx', mode: existing ? existing.mode & 0o777 : 0o666 });
      if (existing) chmodSync(temp, existing.mode & 0o777);
      renameSync(temp, real);
    });
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Exit as a shell reports a signal (128 + its number), after the write in progress. */
function exitOnSignal(signal: NodeJS.Signals): void {
  process.stderr.write(`calint: stopped by ${signal}\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function holdSignalsWhileWriting(): void {
  if (process.listeners('SIGTERM').includes(exitOnSignal)) return;
  process.on('SIGINT', exitOnSignal);
  process.on('SIGTERM', exitOnSignal);
}

/** The signals' default effect again (the CLI calls it when a command is done; tests run it in one process). */
export function releaseSignals(): void {
  process.off('SIGINT', exitOnSignal);
  process.off('SIGTERM', exitOnSignal);
}

/**
 * `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the descriptor itself, written as it is (a pipe, a
 * terminal, a socket, which cannot be opened again by name, or the file a shell redirected to).
 */
function standardStream(target: string): number | null {
  if (process.platform === 'win32') return null;
  const m = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/self\/fd\/(\d+))$/.exec(target);
  if (!m) return null;
  return m[1] === 'stdout' ? 1 : m[1] === 'stderr' ? 2 : Number(m[2] ?? m[3]);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader, then go on.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function isSpecialTree(target: string): boolean {
  return process.platform !== 'win32' && /^\/(dev|proc)\//.test(target);
}

function statOrNull(file: string, target: string): Stats | null {
  try {
    return statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A dangling symbolic link: writing would create the file it names somewhere else; refuse.
      if (isSymlink(target)) throw new InputError(`${file}: is a symbolic link to a file that does not exist: remove the link or name another file`);
      return null;
    }
    throw outputError(file, e);
  }
}

function isSymlink(target: string): boolean {
  try {
    return lstatSync(target).isSymbolicLink();
  } catch {
    return false;
  }
}

function withErrors<T>(file: string, fn: () => T, dir?: string): T {
  try {
    return fn();
  } catch (e) {
    throw outputError(file, e, dir);
  }
}

/** An fs error while writing `file`, as one line that says what to do. */
export function outputError(file: string, e: unknown, dir?: string): Error {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dir ?? path.dirname(file);
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new InputError(`${file}: cannot write there: a part of the path ${folder} is a file, not a folder`);
    case 'EISDIR':
      return new InputError(`${file}: is a folder: name a file to write`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${file}: permission denied: choose a folder you can write to`);
    case 'EROFS':
      return new InputError(`${file}: the file system is read-only: choose a writable folder`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new InputError(`${file}: no space left on the device (or quota exceeded): free some space or write elsewhere`);
    case 'ELOOP':
      return new InputError(`${file}: a symbolic link loop: fix or remove the link`);
    case 'ENAMETOOLONG':
      return new InputError(`${file}: the path is too long: choose a shorter one`);
    case 'ENXIO':
      return new InputError(`${file}: no process reads this FIFO or device`);
    default:
      return e instanceof Error ? new InputError(`${file}: cannot write: ${e.message}`) : new InputError(`${file}: cannot write`);
  }
}

/** Removes `.calint-tmp-<pid>-…` files in `dir` whose process no longer runs (left by a killed run). */
export function removeStaleTempFiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    try {
      const stale = path.join(dir, name);
      if (lstatSync(stale).isFile()) rmSync(stale, { force: true });
    } catch {
      // Another run removed it first, or it is not ours to remove: leave it.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
