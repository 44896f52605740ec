/**
 * `--format stylish,sarif=out/calint.sarif,junit=out/junit.xml,codequality=gl-code-quality.json`: which formats to
 * write, and where.
 */
import { InputError } from '../load/errors.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'codequality'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputTarget {
  format: Format;
  /** null: standard output. */
  file: string | null;
}

export function parseOutputSpec(spec: string, output: string | undefined): OutputTarget[] {
  const items = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InputError(`--format: name at least one format (${FORMATS.join(', ')})`);
  const targets = items.map((item): OutputTarget => {
    const eq = item.indexOf('=');
    const name = (eq === -1 ? item : item.slice(0, eq)).trim();
    const file = eq === -1 ? null : item.slice(eq + 1).trim();
    if (!(FORMATS as readonly string[]).includes(name)) {
      throw new InputError(`--format: unknown format "${name}" (choose from ${FORMATS.join(', ')}; add =<file> to write one to a file)`);
    }
    if (file === '') throw new InputError(`--format: "${item}" names no file after "="`);
    return { format: name as Format, file };
  });
  const toStdout = targets.filter((t) => t.file === null);
  if (toStdout.length > 1) {
    throw new InputError(`--format: only one format can go to standard output (${toStdout.map((t) => t.format).join(', ')}); give the others a file with <format>=<file>`);
  }
  if (output) {
    if (toStdout.length === 0) throw new InputError('--output: every format already names its file');
    toStdout[0]!.file = output;
  }
  const files = targets.map((t) => t.file).filter((f): f is string => f !== null);
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup) throw new InputError(`--format: two formats write to the same file ${dup}`);
  return targets;
}
