/** A problem with the user's input: named file, JSON pointer, position and reason. Printed in one line; exit 2. */
export class InputError extends Error {
  readonly file: string | null;
  readonly pointer: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly reason: string;

  constructor(reason: string, where: { file?: string | null; pointer?: string | null; line?: number | null; column?: number | null } = {}) {
    super(formatInputError(reason, where));
    this.name = 'InputError';
    this.reason = reason;
    this.file = where.file ?? null;
    this.pointer = where.pointer ?? null;
    this.line = where.line ?? null;
    this.column = where.column ?? null;
  }
}

export function formatInputError(
  reason: string,
  where: { file?: string | null; pointer?: string | null; line?: number | null; column?: number | null },
): string {
  let place = where.file ?? '';
  if (where.file && where.line != null) place += `:${where.line}:${where.column ?? 1}`;
  const pointer = where.pointer != null ? ` at ${where.pointer === '' ? '/' : where.pointer}` : '';
  return place ? `${place}${pointer}: ${reason}` : `${reason}${pointer}`;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
