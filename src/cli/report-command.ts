/**
 * `calint report <inputs> [--format html,pdf,md] [--output <dir>]`: lint, then write the audit report. Exit 0 when
 * the report was written (findings are its content, not a failure), 2 on input, config or browser errors.
 * The report's modules (Handlebars, puppeteer-core, the view model) are imported only when this command runs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { InputError } from '../load/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { findConfigFile } from '../engine/config.js';
import { lint } from '../engine/lint.js';
import type { CliRuntime } from './runtime.js';
import type { ReferenceKind, TenantIndex } from '../model/tenant-index.js';
import type { BreakGlassAccounts } from '../model/break-glass-accounts.js';
import type { Evaluator } from '../evaluate/evaluator.js';
import type { CoverageForReport } from '../report/html/coverage-types.js';
import type { PageSize, ReportModel } from '../report/html/view-model.js';
import { writeFileAtomic } from '../report/write-output.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { reportDate } from './now.js';
import { inert } from '../report/inert.js';
import { clipResult, clipStrings } from '../report/clip-values.js';
import { refuseOverwritingReads } from './output-guard.js';
import { errorLine, note } from './say.js';
import { collectPaths, commaList, nonEmptyPath, parseMegabytes, positiveSeconds } from './option-parsers.js';

export const REPORT_FORMATS = ['html', 'pdf', 'md'] as const;
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

/**
 * The evaluation engine's coverage analysis, mapped to what the report shows (src/report/html/coverage-types.ts).
 * Break-glass accounts (configured, given with --break-glass, or inferred) are expected gaps. Loaded on demand.
 */
export async function coverageForReport(
  evaluator: Evaluator | null,
  breakGlass: BreakGlassAccounts | undefined,
): Promise<CoverageForReport> {
  if (!evaluator) return { ran: false, reason: 'no Conditional Access data could be read' };
  const index = evaluator.index;
  const [{ coverage }, { breakGlassIdSets, describeBreakGlass }, { witnessFields, gapSummary }] = await Promise.all([
    import('../evaluate/coverage/index.js'),
    import('../evaluate/break-glass.js'),
    import('../report/whatif-text.js'),
  ]);
  const result = coverage(evaluator, { breakGlass: breakGlass ? breakGlassIdSets(breakGlass) : undefined });
  const limits = [...result.limits];
  if (breakGlass?.source === 'inferred') limits.unshift(`Break-glass accounts were not configured; inferred: ${describeBreakGlass(breakGlass)}.`);
  return {
    ran: true,
    gaps: result.gaps.map((g) => {
      const cell = Object.fromEntries(Object.entries(g.cell).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return {
        id: `gap-${createHash('sha256').update(JSON.stringify(cell)).digest('hex').slice(0, 12)}`,
        summary: gapSummary(cell),
        cell,
        witness: witnessFields(index, g.witness),
        expected: g.expected !== null,
        ...(g.expected !== null ? { expectedReason: g.expected } : {}),
        nearMisses: g.nearMisses.map((n) => ({ policyId: n.policyId, policyName: n.policyName, reason: n.reasons.map((r) => r.text).join('; ') })),
      };
    }),
    limits,
  };
}

const NAME_KINDS: ReferenceKind[] = ['user', 'group', 'role', 'application', 'namedLocation', 'authenticationStrength', 'servicePrincipal'];

/** A display name for an id seen in evidence, from whatever kind of object the export resolves it to. */
function idNamer(index: TenantIndex | null): (id: string) => string | null {
  return (id) => {
    if (!index) return null;
    for (const kind of NAME_KINDS) {
      const r = index.resolve(kind, id);
      if (r.status === 'resolved' || r.status === 'well-known') return r.name;
    }
    return null;
  };
}


/** Adds `calint report` to the program; the action sets io.exitCode. */
export function addReportCommand(program: Command, io: CliRuntime): void {
  program
    .command('report')
    .description('write the audit report (self-contained HTML, PDF printed by Chromium, short Markdown)')
    .argument('<inputs...>', 'Graph JSON files, folders (recursive), globs, EntraExporter trees or calint snapshots')
    .option('-f, --format <formats>', `report formats, comma-separated: ${REPORT_FORMATS.join(', ')}`, 'html,pdf')
    .option('-o, --output <dir>', 'folder to write calint-report.<format> into', nonEmptyPath('--output'), DEFAULT_REPORT_DIR)
    .option('--title <text>', 'report title (default: "Conditional Access audit report")')
    .option('--organization <name>', 'the organisation the report is for (also names the tenant when the export does not)')
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

  let index: TenantIndex | null = null;
  let breakGlass: BreakGlassAccounts | undefined;
  let evaluator: (() => Evaluator) | null = null;
  const result = await lint({
    builtInRules: flags.builtInRules,
    inputs,
    cwd,
    configFile: flags.config,
    breakGlass: flags.breakGlass,
    scope: flags.scope,
    ruleDirs: flags.rules,
    maxFileBytes: flags.maxFileSize,
    now,
    onIndex: (i, bg, evaluatorOf) => {
      index = i;
      breakGlass = bg;
      evaluator = evaluatorOf;
    },
  });
  for (const e of result.errors) errorLine(e.message);
  if (!result.inputs.some((i) => i.status === 'loaded')) {
    errorLine('no report written: none of the inputs could be read');
    return EXIT_ERROR;
  }
  const configFile = findConfigFile(flags.config, inputs, cwd);
  const file = (format: ReportFormat) => path.join(flags.output, `${REPORT_BASENAME}.${format}`);
  refuseOverwritingReads(
    formats.map((f) => ({ path: file(f), what: `the ${f} report ${file(f)}` })),
    [...result.inputs.map((i) => ({ path: i.path, role: 'input' })), ...(configFile ? [{ path: configFile, role: 'config file' }] : [])],
    cwd,
  );

  const [{ buildReportModel }, { describePolicies }, { tenantIdentity }] = await Promise.all([
    import('../report/html/view-model.js'),
    import('../report/describe-policy.js'),
    import('../report/tenant-identity.js'),
  ]);
  // A person reads the report: a value longer than 2,000 characters (twice the longest message the corpus produces) is
  // cut there; the JSON output of `calint lint` keeps it whole. A 20,000-character name neither fills a hundred pages
  // nor stalls the print.
  const model: ReportModel = buildReportModel({
    result: clipResult(result, 2000),
    descriptions: index ? new Map([...describePolicies(index)].map(([id, d]) => [id, clipStrings(d, 2000)])) : null,
    tenant: tenantIdentity(result.tenant, index, flags.organization),
    coverage: clipStrings(await coverageForReport(evaluator ? (evaluator as () => Evaluator)() : null, breakGlass), 2000),
    title: flags.title,
    organization: flags.organization,
    pageSize: flags.pageSize,
    config: configFile ? { path: shown(configFile, cwd), sha256: createHash('sha256').update(readFileSync(configFile)).digest('hex') } : null,
    idName: idNamer(index),
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
  if (formats.includes('pdf')) {
    if (!printer) {
      summary(model, written, flags.output, started);
      throw browserError ?? new InputError('no browser to print the PDF');
    }
    const printed = await printer.print({
      html,
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

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function summary(model: ReportModel, written: string[], dir: string, started: number): void {
  const counts = model.counts.filter((c) => c.count > 0).map((c) => `${c.count} ${c.severity}`);
  const findings = model.totals.open === 0 ? 'no open findings' : `${model.totals.open} open finding(s) (${counts.join(', ')})`;
  note(
    `calint: report of ${model.totals.policies} policies: ${findings}, ${model.totals.accepted} accepted; posture ${model.posture.label}; ` +
      `${written.length ? `${written.join(', ')} in ${inert(dir)}` : 'nothing written'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
