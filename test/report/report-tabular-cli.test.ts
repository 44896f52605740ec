/**
 * `calint report --format csv,xlsx` through the CLI: the two CSV files and the workbook are written next to each
 * other, agree with the lint result row for row, and an output that would replace an input is refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-tabular-cli-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const EPOCH = { SOURCE_DATE_EPOCH: '1790000000' };

describe('calint report --format csv,xlsx', () => {
  it('writes calint-findings.csv, calint-policies.csv and calint-report.xlsx with one row per finding and per policy', async () => {
    const dir = tmp();
    const r = runCli(['report', 'examples', '--format', 'csv,xlsx', '--output', dir], { env: EPOCH });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote csv report to ${path.join(dir, 'calint-findings.csv')} and ${path.join(dir, 'calint-policies.csv')}`);
    const json = runCli(['lint', 'examples', '--format', 'json'], { env: EPOCH });
    const result = JSON.parse(json.stdout) as { findings: Array<{ fingerprint: string }>; policies: unknown[] };

    const findings = readFileSync(path.join(dir, 'calint-findings.csv'), 'utf8');
    expect(findings.startsWith('\ufeffFinding id,Rule id,Risk,')).toBe(true);
    for (const f of result.findings) expect(findings).toContain(`\r\n${f.fingerprint},`);
    const policies = readFileSync(path.join(dir, 'calint-policies.csv'), 'utf8');
    expect(policies.split('\r\n').filter(Boolean)).toHaveLength(result.policies.length + 1);

    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path.join(dir, 'calint-report.xlsx')) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Findings', 'Policies', 'About']);
    expect(book.getWorksheet('Findings')!.rowCount).toBe(result.findings.length + 1);
    expect(book.getWorksheet('Policies')!.rowCount).toBe(result.policies.length + 1);

    // Same input, same bytes.
    const again = tmp();
    expect(runCli(['report', 'examples', '--format', 'csv,xlsx', '--output', again], { env: EPOCH }).status).toBe(0);
    for (const f of ['calint-findings.csv', 'calint-policies.csv', 'calint-report.xlsx']) {
      expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(dir, f))), f).toBe(true);
    }
  }, 60_000);

  it('refuses to write a CSV over an input', () => {
    const dir = tmp();
    cpSync('examples/northwind', dir, { recursive: true });
    // A file named like the CSV output, given as an input: the report must not replace it.
    const input = path.join(dir, 'calint-findings.csv');
    writeFileSync(input, 'not a Conditional Access export\n');
    const r = runCli(['report', dir, input, '--format', 'csv', '--output', dir], { env: EPOCH });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/calint-findings\.csv/);
    expect(readFileSync(input, 'utf8')).toBe('not a Conditional Access export\n');
  });
});
