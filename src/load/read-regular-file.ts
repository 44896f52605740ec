/**
 * Reads one input file safely: only a regular file (never a FIFO, a device or a directory, which could block forever or
 * never end), refused before reading when it is larger than the limit. Opened non-blocking, so a FIFO is seen for
 * what it is instead of waiting for a writer.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export class NotRegularFileError extends Error {
  constructor(readonly what: string) {
    super(`not a regular file (${what})`);
  }
}

export class TooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`larger than ${formatMiB(limit)} (${formatMiB(size)})`);
  }
}

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describeKind(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/** The bytes of a regular file no larger than `limit`; throws NotRegularFileError, TooLargeError or the fs error. */
export function readRegularFile(file: string, limit: number): Buffer {
  const nonBlock = typeof constants.O_NONBLOCK === 'number' ? constants.O_NONBLOCK : 0;
  const fd = openSync(file, constants.O_RDONLY | nonBlock);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError(describeKind(stat));
    if (stat.size > limit) throw new TooLargeError(stat.size, limit);
    const size = stat.size;
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A person-readable reason for an error of readRegularFile. */
export function describeReadError(e: unknown): string {
  if (e instanceof NotRegularFileError || e instanceof TooLargeError) return e.message;
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'not a regular file (a directory)';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return err.code ? `cannot read (${err.code})` : `cannot read (${err.message})`;
  }
}
