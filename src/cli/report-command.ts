/**
 * `calint report <inputs> [--format html,pdf,md] [--output <dir>]`: lint, then write the audit report. Exit 0 when
 * the report was written (findings are its content, not a failure), 2 on input, config or browser errors.
 * The report's modules (Handlebars, puppeteer-core, the view model) are imported only when this command runs.
 */
import path from 'node:path';
import { type Command, Option } from 'commander';
import { InputError } from '../load/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { findConfigFile } from '../engine/config.js';
import { lintRun } from '../engine/lint.js';
import type { DocumentControl, LintResult } from '../engine/result-types.js';
import type { CliRuntime } from './runtime.js';
import type { PageSize, ReportModel } from '../report/html/view-model.js';
import { writeFileAtomic } from '../report/write-output.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { reportDate } from './now.js';
import { inert } from '../report/inert.js';
import { clipResult, clipStrings } from '../report/clip-values.js';
import { refuseOverwritingReads } from './output-guard.js';
import { errorLine, note } from './say.js';
import { collectPaths, commaList, nonEmptyPath, nonEmptyText, parseMegabytes, positiveSeconds } from './option-parsers.js';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const DEFAULT_REPORT_DIR = 'reports';
export const REPORT_BASENAME = 'calint-report';

interface ReportFlags {
  /** The built-in rules the bundled CLI passes in (not a command-line flag). */
  builtInRules?: readonly import('../engine/registry.js').RuleModule[];
  format: string;
  output: string;
  title?: string;
  organization?: string;
  preparedBy?: string;
  reviewedBy?: string;
  reportVersion?: string;
  classification?: string;
  pageSize: PageSize;
  config?: string;
  breakGlass?: string[];
  scope?: 'policy' | 'tenant';
  rules?: string[];
  maxFileSize?: number;
  chromePath?: string;
  timeout: number;
}

export function parseReportFormats(spec: string): ReportFormat[] {
  const items = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (items.length === 0) throw new InputError(`--format: name at least one of ${REPORT_FORMATS.join(', ')}`);
  for (const item of items) {
    if (!(REPORT_FORMATS as readonly string[]).includes(item)) {
      throw new InputError(`--format: unknown report format "${item}" (choose from ${REPORT_FORMATS.join(', ')}; markdown is "md")`);
    }
  }
  return REPORT_FORMATS.filter((f) => items.includes(f));
}

/** Adds `calint report` to the program; the action sets io.exitCode. */
export function addReportCommand(program: Command, io: CliRuntime): void {
  program
    .command('report')
    .description('write the audit report (self-contained HTML, PDF printed by Chromium, short Markdown, CSV and XLSX for tracking)')
    .argument('<inputs...>', 'Graph JSON files, folders (recursive), globs, EntraExporter trees or calint snapshots')
    .option('-f, --format <formats>', `report formats, comma-separated: ${REPORT_FORMATS.join(', ')}`, 'html,pdf')
    .option('-o, --output <dir>', 'folder to write calint-report.<format> (csv: calint-findings.csv and calint-policies.csv) into', nonEmptyPath('--output'), DEFAULT_REPORT_DIR)
    .option('--title <text>', 'report title (default: "Conditional Access audit report")')
    .option('--organization <name>', 'the organisation the report is for (also names the tenant when the export does not)')
    .option('--prepared-by <name>', 'who prepared the report (default: the config\'s report.preparedBy)', nonEmptyText('--prepared-by'))
    .option('--reviewed-by <name>', 'who reviewed the report (default: the config\'s report.reviewedBy)', nonEmptyText('--reviewed-by'))
    .option('--report-version <text>', 'the report\'s own version, e.g. 1.0 (default: the config\'s report.version)', nonEmptyText('--report-version'))
    .option('--classification <text>', 'the marking on the cover and every page (default: the config\'s report.classification, else Confidential)', nonEmptyText('--classification'))
    .addOption(new Option('--page-size <size>', 'PDF and print page size').choices(['A4', 'Letter']).default('A4'))
    .option('-c, --config <file>', 'config file (default: nearest calint.config.json)', nonEmptyPath('--config'))
    .option('--break-glass <ids>', 'break-glass users or groups (object ids, UPNs or names), comma-separated (adds to the config)', commaList)
    .addOption(new Option('--scope <scope>', 'policy: only rules that judge each policy on its own; tenant: every rule').choices(['policy', 'tenant']))
    .option('--rules <dir>', 'load an external rule pack folder (repeatable)', collectPaths('--rules'))
    .option('--max-file-size <MB>', `refuse input files larger than this (default: ${DEFAULT_MAX_FILE_BYTES / 1048576})`, parseMegabytes)
    .option('--chrome-path <file>', 'Chrome or Chromium to print the PDF with (default: CALINT_CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, then a search)', nonEmptyPath('--chrome-path'))
    .option('--timeout <seconds>', 'give up printing the PDF after this long', positiveSeconds, 60)
    .action(async (inputs: string[], flags: ReportFlags) => {
      io.exitCode = await runReport(inputs, { ...flags, builtInRules: io.builtInRules });
    });
}

async function runReport(inputs: string[], flags: ReportFlags): Promise<number> {
  const formats = parseReportFormats(flags.format);
  const now = reportDate();
  const started = Date.now();

  // Look for the browser first and start it now, so that its start-up overlaps the lint; a missing browser is
  // reported only after the other formats are written.
  let browserError: InputError | null = null;
  let printer: import('../report/pdf/print-pdf.js').PdfPrinter | null = null;
  if (formats.includes('pdf')) {
    const [{ findBrowser }, { PdfPrinter }] = await Promise.all([import('../report/pdf/find-browser.js'), import('../report/pdf/print-pdf.js')]);
    try {
      printer = new PdfPrinter(await findBrowser({ chromePath: flags.chromePath }), Math.round(flags.timeout * 1000));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      browserError = e;
    }
  }
  try {
    return await writeReports(inputs, flags, formats, now, started, printer, browserError);
  } finally {
    await printer?.close();
  }
}

async function writeReports(
  inputs: string[],
  flags: ReportFlags,
  formats: ReportFormat[],
  now: Date,
  started: number,
  printer: import('../report/pdf/print-pdf.js').PdfPrinter | null,
  browserError: InputError | null,
): Promise<number> {
  const cwd = process.cwd();
  const run = await lintRun({
    builtInRules: flags.builtInRules,
    inputs,
    cwd,
    configFile: flags.config,
    breakGlass: flags.breakGlass,
    scope: flags.scope,
    ruleDirs: flags.rules,
    maxFileBytes: flags.maxFileSize,
    now,
  });
  const result = withOptions(run.result, flags);
  for (const e of result.errors) errorLine(e.message);
  if (!result.inputs.some((i) => i.status === 'loaded')) {
    errorLine('no report written: none of the inputs could be read');
    return EXIT_ERROR;
  }
  const configFile = findConfigFile(flags.config, inputs, cwd);
  const targets = formats.flatMap((f) => reportFiles(flags.output, f).map((file) => ({ path: file, what: `the ${f} report ${file}` })));
  refuseOverwritingReads(
    targets,
    [...result.inputs.map((i) => ({ path: i.path, role: 'input' })), ...(configFile ? [{ path: configFile, role: 'config file' }] : [])],
    cwd,
  );
  const file = (format: ReportFormat) => reportFiles(flags.output, format)[0]!;

  const [{ buildReportModel }, { frameworkCompliance }] = await Promise.all([import('../report/html/view-model.js'), import('../frameworks/compliance.js')]);
  // A person reads the report: a value longer than 2,000 characters (twice the longest message the corpus produces) is
  // cut there; the JSON output of `calint lint` keeps it whole. A 20,000-character name neither fills a hundred pages
  // nor stalls the print.
  const clipped = clipResult(result, 2000);
  const model: ReportModel = buildReportModel({
    result: clipped,
    coverage: clipStrings(await run.coverage(), 2000),
    frameworks: frameworkCompliance(clipped),
    pageSize: flags.pageSize,
  });

  const written: string[] = [];
  const wrote = (format: ReportFormat, target: string, detail = '') => {
    written.push(format);
    note(`calint: wrote ${format} report to ${inert(target)}${detail}`);
  };

  const needsHtml = formats.includes('html') || printer !== null;
  const render = needsHtml ? await import('../report/html/render-html.js') : null;
  const templates = render ? await render.compileReportTemplates() : undefined;
  const html = render ? await render.renderHtml(model, null, { templates }) : '';
  if (formats.includes('html')) {
    writeFileAtomic(file('html'), html);
    wrote('html', file('html'));
  }
  if (formats.includes('md')) {
    const { renderMarkdownReport } = await import('../report/markdown-report.js');
    const md = renderMarkdownReport(model, {
      html: formats.includes('html') ? file('html') : undefined,
      pdf: printer ? file('pdf') : undefined,
    });
    writeFileAtomic(file('md'), md);
    wrote('md', file('md'));
  }
  if (formats.includes('csv')) {
    const { renderCsv } = await import('../report/tabular/csv.js');
    const csv = renderCsv(result);
    const [findingsFile, policiesFile] = reportFiles(flags.output, 'csv') as [string, string];
    writeFileAtomic(findingsFile, csv.findings);
    writeFileAtomic(policiesFile, csv.policies);
    wrote('csv', `${findingsFile} and ${policiesFile}`);
  }
  if (formats.includes('xlsx')) {
    const { renderXlsx } = await import('../report/tabular/xlsx.js');
    writeFileAtomic(file('xlsx'), await renderXlsx(result));
    wrote('xlsx', file('xlsx'));
  }
  if (formats.includes('pdf')) {
    if (!printer) {
      summary(model, written, flags.output, started);
      throw browserError ?? new InputError('no browser to print the PDF');
    }
    const printed = await printer.print({
      // The first print carries a placeholder in every page-number cell of the contents, so that its structure tree (the
      // tagged PDF) has an element for each number that the contents page printed later fills in.
      html: await render!.renderHtml(model, Object.fromEntries(model.toc.map((t) => [t.anchor, 0])), { templates }),
      tocHtml: (pages, pageLabel) => render!.renderHtml(model, pages, { tocOnly: true, pageLabel, templates }),
      tocAnchor: 'contents',
      tocAnchors: model.toc.map((t) => t.anchor),
      pageSize: flags.pageSize,
      date: now,
    });
    writeFileAtomic(file('pdf'), printed.pdf);
    wrote('pdf', file('pdf'), ` (${printed.pages} pages)`);
    if (printed.blocked.length) {
      note(`calint: warning: the PDF's page asked for ${printed.blocked.length} network resource(s), all refused (first: ${inert(printed.blocked[0]!)})`);
    }
  }
  summary(model, written, flags.output, started);
  return result.summary.exitCode === EXIT_ERROR ? EXIT_ERROR : EXIT_OK;
}

/** The files a format writes: calint-report.<format>, except CSV (one file per table). */
export function reportFiles(dir: string, format: ReportFormat): string[] {
  if (format === 'csv') return [path.join(dir, 'calint-findings.csv'), path.join(dir, 'calint-policies.csv')];
  return [path.join(dir, `${REPORT_BASENAME}.${format}`)];
}

/** The command's options over the config's report settings (document control), and --organization naming the tenant. */
function withOptions(result: LintResult, flags: ReportFlags): LintResult {
  const given: Partial<DocumentControl> = {
    ...(flags.organization !== undefined ? { organization: flags.organization } : {}),
    ...(flags.title !== undefined ? { title: flags.title } : {}),
    ...(flags.preparedBy !== undefined ? { preparedBy: flags.preparedBy } : {}),
    ...(flags.reviewedBy !== undefined ? { reviewedBy: flags.reviewedBy } : {}),
    ...(flags.reportVersion !== undefined ? { version: flags.reportVersion } : {}),
    ...(flags.classification !== undefined ? { classification: flags.classification } : {}),
  };
  if (Object.keys(given).length === 0) return result;
  const document = { ...result.document, ...given };
  const identity =
    flags.organization !== undefined && (result.identity.name === null || result.identity.name.source !== 'the export')
      ? { ...result.identity, name: { value: flags.organization, source: 'not in the export: the organisation this report is for' } }
      : result.identity;
  return { ...result, document, identity };
}

function summary(model: ReportModel, written: string[], dir: string, started: number): void {
  const counts = model.counts.filter((c) => c.count > 0).map((c) => `${c.count} ${c.severity}`);
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const findings = model.totals.open === 0 ? 'no open findings' : `${n(model.totals.open, 'open finding', 'open findings')} (${counts.join(', ')})`;
  const posture = `${model.posture.label}${model.posture.provisional ? ' (provisional)' : ''}`;
  note(
    `calint: report of ${n(model.totals.policies, 'policy', 'policies')}: ${findings}, ${model.totals.accepted} accepted; posture ${posture}; ` +
      `${written.length ? `${written.join(', ')} in ${inert(dir)}` : 'nothing written'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
