/**
 * The findings and the policy inventory as an Excel workbook (`calint-report.xlsx`), written with exceljs: sheets
 * Findings, Policies and About (tool version, generated-at date, tenant, inputs with sha256, how status is decided).
 * Each sheet's header row is bold and frozen, with an autofilter; columns are as wide as their values, within limits,
 * and prose columns wrap.
 *
 * Every value is a text or number cell, never a formula: a policy name `=HYPERLINK(…)` is a string cell that Excel
 * shows and never evaluates. Cells hold at most 32,767 characters (rows.ts). The same result gives the same bytes: the
 * workbook's created and modified dates are the result's date (SOURCE_DATE_EPOCH pins it), and so are the zip
 * entries' dates (zip-dates.ts). exceljs is loaded only when this format is asked for, so `calint lint` never reads it.
 */
import type { LintResult } from '../../engine/result-types.js';
import { importModule } from '../../load/import-module.js';
import { type Cell, type Table, aboutTable, findingsTable, policiesTable } from './rows.js';
import { pinZipDates } from './zip-dates.js';

type ExcelJs = typeof import('exceljs');
type Workbook = import('exceljs').Workbook;

/**
 * OOXML text reads `_xHHHH_` as the character U+HHHH, so a tenant value `_x202E_` would reach the reader as a
 * right-to-left override after all. The format's own escape for the underscore, `_x005F_`, keeps it literal.
 */
export function xlsxText(value: string): string {
  return value.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
}

function xlsxCell(cell: Cell): Cell {
  return typeof cell === 'string' ? xlsxText(cell) : cell;
}

/** The workbook's bytes: the same result gives the same bytes. */
export async function renderXlsx(result: LintResult): Promise<Buffer> {
  const mod = await importModule<ExcelJs & { default?: ExcelJs }>('exceljs');
  const ExcelJS = mod.default ?? mod;
  // A result always has a valid date; a hand-made one without gets 1980-01-01, the first date a zip entry can hold.
  const parsed = Date.parse(result.generatedAt);
  const date = new Date(Number.isNaN(parsed) ? Date.UTC(1980, 0, 1) : parsed);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${result.tool.name} ${result.tool.version}`;
  workbook.lastModifiedBy = `${result.tool.name} ${result.tool.version}`;
  workbook.created = date;
  workbook.modified = date;
  workbook.title = 'Conditional Access findings';
  for (const table of [findingsTable(result), policiesTable(result), aboutTable(result)]) addSheet(workbook, table);
  const buffer = await workbook.xlsx.writeBuffer();
  const pinned = pinZipDates(new Uint8Array(buffer as ArrayBuffer), date);
  return Buffer.from(pinned.buffer, pinned.byteOffset, pinned.byteLength);
}

function columnWidth(table: Table, index: number): number {
  const c = table.columns[index]!;
  let longest = c.header.length;
  for (const row of table.rows) {
    const v = row[index];
    // Prose soon reaches its column's maximum and wraps there; ids, states and numbers get the width of the longest.
    const length = v === null || v === undefined ? 0 : String(v).length;
    if (length > longest) longest = length;
    if (longest >= c.max) break;
  }
  return Math.min(Math.max(longest + 2, c.min), c.max);
}

function addSheet(workbook: Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  sheet.columns = table.columns.map((c, i) => ({ header: c.header, width: columnWidth(table, i) }));
  for (const row of table.rows) {
    // Every value goes in as a string or a number: exceljs makes a formula only of an object with `formula`.
    const added = sheet.addRow(row.map(xlsxCell));
    added.alignment = { vertical: 'top' };
  }
  table.columns.forEach((c, i) => {
    if (!c.wrap) return;
    sheet.getColumn(i + 1).eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber > 1) cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top' };
  // Over the whole table, as Excel writes it itself: a header-only range leaves Excel to guess where the data ends.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.columns.length } };
}
