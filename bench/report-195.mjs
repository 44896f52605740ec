// Benchmark: the audit report of a generated 195-policy tenant (the service maximum) and of examples/.
// Targets (issues 6 and 15): the HTML phase <= 300 ms and the PDF of the 195-policy tenant <= 3 s cold (browser start
// included); the HTML report of examples/ end to end (`calint report examples --format html`) <= 300 ms.
// Usage: npm run build && node bench/report-195.mjs   (BENCH_RUNS=5 by default; CALINT_CHROME_PATH picks the browser)
//
// Measured three ways, each in a fresh process so that every run is cold:
//  - phases: one `node` process per run lints in-process, then times (a) the HTML: view model, policy descriptions,
//    Handlebars import and compile, render; (b) the PDF: browser lookup, Chromium start, print (with the contents
//    page), close. These are the numbers the targets are about;
//  - end to end: `calint report --format html` and `--format pdf` through the CLI, next to `calint lint` on the same
//    input, so the report's own cost is the difference.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeTenant } from './generate-tenant.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'bench', 'out');
const tenant = path.join(out, 'tenant-195');
const config = path.join(out, 'calint-195.config.json');
const reportDir = path.join(out, 'report-195');

if (process.argv[2] === '--phases') {
  // Child: one cold run of the report phases, printed as JSON (of the 195-policy tenant, or of the one named after it).
  const [phaseTenant = tenant, phaseConfig = config, phaseOut = reportDir] = process.argv.slice(3);
  const dist = (p) => pathToFileURL(path.join(root, 'dist/src', p)).href;
  const { lintRun } = await import(dist('engine/lint.js'));
  const { buildReportModel } = await import(dist('report/html/view-model.js'));
  const { frameworkCompliance } = await import(dist('frameworks/compliance.js'));
  const { renderHtml, compileReportTemplates } = await import(dist('report/html/render-html.js'));
  const { findBrowser } = await import(dist('report/pdf/find-browser.js'));
  const { printPdf } = await import(dist('report/pdf/print-pdf.js'));
  const { writeFileAtomic } = await import(dist('report/write-output.js'));
  const now = new Date(1_790_000_000_000);
  const run = await lintRun({ inputs: [phaseTenant], cwd: root, configFile: phaseConfig, now });
  const t0 = performance.now();
  const model = buildReportModel({ result: run.result, coverage: await run.coverage(), frameworks: frameworkCompliance(run.result), pageSize: 'A4' });
  const t1 = performance.now();
  const templates = await compileReportTemplates();
  const html = await renderHtml(model, null, { templates });
  writeFileAtomic(path.join(phaseOut, 'calint-report.html'), html);
  const t2 = performance.now();
  const browser = await findBrowser();
  const printed = await printPdf(browser, 120_000, {
    html: await renderHtml(model, Object.fromEntries(model.toc.map((t) => [t.anchor, 0])), { templates }),
    tocHtml: (pages, pageLabel) => renderHtml(model, pages, { tocOnly: true, pageLabel, templates }),
    tocAnchor: 'contents',
    tocAnchors: model.toc.map((t) => t.anchor),
    pageSize: 'A4',
    date: now,
  });
  writeFileAtomic(path.join(phaseOut, 'calint-report.pdf'), printed.pdf);
  const t3 = performance.now();
  process.stdout.write(
    JSON.stringify({ precompiled: templates.precompiled, model: t1 - t0, html: t2 - t0, pdf: t3 - t2, htmlBytes: html.length, pdfBytes: printed.pdf.length, pages: printed.pages, findings: run.result.findings.length, browser: browser.path }),
  );
  process.exit(0);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
writeTenant(tenant, 195);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => n.toFixed(0);

function time(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

function phaseRuns(...args) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--phases', ...args], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`phases: exit ${r.status}: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout));
  }
  return runs;
}
mkdirSync(path.join(out, 'report-examples'), { recursive: true });
const examplePhases = phaseRuns(path.join(root, 'examples'), path.join(root, 'examples', 'calint.config.json'), path.join(out, 'report-examples'));
const phases = [];
for (let i = 0; i < RUNS; i++) {
  const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--phases'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`phases: exit ${r.status}: ${r.stderr}`);
  phases.push(JSON.parse(r.stdout));
}
const bin = path.join(root, 'bin/calint.cjs');
const common = [tenant, '--config', config];
const lintRun = time([bin, 'lint', ...common, '--format', 'json', '--output', path.join(out, 'result.json')]);
const htmlRun = time([bin, 'report', ...common, '--format', 'html', '--output', reportDir]);
const pdfRun = time([bin, 'report', ...common, '--format', 'pdf', '--output', reportDir]);
const examples = path.join(root, 'examples');
const examplesLint = time([bin, 'lint', examples, '--format', 'json', '--output', path.join(out, 'examples-result.json')]);
const examplesHtml = time([bin, 'report', examples, '--format', 'html', '--output', path.join(out, 'report-examples')]);
const examplesPdf = time([bin, 'report', examples, '--format', 'pdf', '--output', path.join(out, 'report-examples')]);

const p = phases[0];
const html = median(phases.map((x) => x.html));
const pdf = median(phases.map((x) => x.pdf));
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}, ${RUNS} cold runs each, browser ${p.browser}`);
console.log(`input: 195 policies, policies.json ${(statSync(path.join(tenant, 'policies.json')).size / 1024).toFixed(0)} KiB, ${p.findings} findings`);
console.log(`report: HTML ${(p.htmlBytes / 1024).toFixed(0)} KiB; PDF ${p.pages} pages, ${(p.pdfBytes / 1024).toFixed(0)} KiB`);
console.log(`phase  HTML (model ${fmt(median(phases.map((x) => x.model)))} ms + Handlebars + render + write)  median ${fmt(html)} ms (min ${fmt(Math.min(...phases.map((x) => x.html)))}, max ${fmt(Math.max(...phases.map((x) => x.html)))}) target <= 300 ms: ${html <= 300 ? 'PASS' : 'FAIL'}`);
console.log(`phase  PDF (browser start + print + contents page + close)  median ${fmt(pdf)} ms (min ${fmt(Math.min(...phases.map((x) => x.pdf)))}, max ${fmt(Math.max(...phases.map((x) => x.pdf)))}) target <= 3000 ms: ${pdf <= 3000 ? 'PASS' : 'FAIL'}`);
console.log(`CLI    calint lint (json)            median ${fmt(lintRun.median)} ms (min ${fmt(lintRun.min)}, max ${fmt(lintRun.max)})`);
console.log(`CLI    calint report --format html   median ${fmt(htmlRun.median)} ms (+${fmt(htmlRun.median - lintRun.median)} ms over lint)`);
console.log(`CLI    calint report --format pdf    median ${fmt(pdfRun.median)} ms (+${fmt(pdfRun.median - lintRun.median)} ms over lint)`);
console.log(`templates: ${p.precompiled ? 'precompiled at build time' : 'compiled at run time (dist/report-templates.cjs missing or stale)'}`);
const exHtml = median(examplePhases.map((x) => x.html));
const exPdf = median(examplePhases.map((x) => x.pdf));
console.log(`examples/ phase HTML median ${fmt(exHtml)} ms (min ${fmt(Math.min(...examplePhases.map((x) => x.html)))}) target <= 300 ms: ${exHtml <= 300 ? 'PASS' : 'FAIL'}; phase PDF median ${fmt(exPdf)} ms, ${examplePhases[0].pages} pages`);
console.log(`examples/ calint lint (json)          median ${fmt(examplesLint.median)} ms`);
console.log(`examples/ calint report --format html median ${fmt(examplesHtml.median)} ms (min ${fmt(examplesHtml.min)}), lint included`);
console.log(`examples/ calint report --format pdf  median ${fmt(examplesPdf.median)} ms (min ${fmt(examplesPdf.min)})`);
