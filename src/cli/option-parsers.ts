/** Parsers for option values, shared by every command: a bad value is a usage error (one `calint: error:` line, exit 2). */
import { CommanderError } from 'commander';
import { EXIT_ERROR } from './exit-codes.js';

function invalid(message: string): CommanderError {
  return new CommanderError(EXIT_ERROR, 'calint.invalidArgument', message);
}

/** A repeatable option: every value, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A repeatable, comma-separated option: every item, trimmed, empty ones dropped. */
export const commaList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** A file or folder path: never empty (an empty path would silently mean "standard output" or "here"). */
export function nonEmptyPath(option: string): (value: string) => string {
  return (value) => {
    if (value === '') throw invalid(`${option}: the path is empty; name a file or folder`);
    return value;
  };
}

/** A text option that must say something (--classification "" would print a blank marking). */
export function nonEmptyText(option: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw invalid(`${option}: the text is empty`);
    return value;
  };
}

/** A repeatable path option (--rules): every value, none empty. */
export function collectPaths(option: string): (value: string, previous?: string[]) => string[] {
  const check = nonEmptyPath(option);
  return (value, previous = []) => [...previous, check(value)];
}

export function parseMegabytes(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw invalid(`--max-file-size: expected a positive number of MB, found "${value}"`);
  return Math.round(mb * 1024 * 1024);
}

export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw invalid(`--timeout: expected a positive number of seconds, found "${value}"`);
  return n;
}
