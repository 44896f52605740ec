/** calint's own lines on stderr (errors and notes), with every value in them made inert for terminals and CI logs. */
import { inert, inertLines } from '../report/inert.js';

/** One `calint: error:` line; the message (which may quote a tenant value or a path) cannot break the line. */
export function errorLine(message: string): void {
  process.stderr.write(inertLines(`calint: error: ${inert(message)}\n`));
}

/** One line calint composed (its values already passed through inert()). */
export function note(line: string): void {
  process.stderr.write(inertLines(`${line}\n`));
}
