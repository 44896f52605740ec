/**
 * The PDF as an assistive tool or a reader's sidebar sees it (real Chromium, checked with poppler): tagged, with an
 * outline of the sections, and the contents page (printed a second time with page numbers and swapped in) still fitting
 * the structure tree: every row's number, title and page are in their own cells. And the templates the build
 * precompiles render exactly what the templates compiled at run time render.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/html/view-model.js';
import { compileReportTemplates, renderHtml } from '../../src/report/html/render-html.js';
import { frameworkCompliance } from '../../src/frameworks/compliance.js';
import { runCli } from '../helpers/cli.js';
import { reportInput } from './report-input.js';

const CHROMIUM = '/usr/bin/chromium';
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the PDF of examples/', () => {
  let pdf: string;
  beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-pdf-structure-'));
    made.push(dir);
    const r = runCli(['report', 'examples', '--format', 'pdf', '--output', dir], { env: { SOURCE_DATE_EPOCH: '1790000000', CALINT_CHROME_PATH: CHROMIUM } });
    expect(r.status, r.stderr).toBe(0);
    pdf = path.join(dir, 'calint-report.pdf');
  }, 120_000);

  it('is tagged', () => {
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
  });

  it('has an outline with an entry per section', () => {
    const text = readFileSync(pdf).toString('latin1');
    const outlines = /\/Type \/Outlines\s*\/First \d+ 0 R\s*\/Last \d+ 0 R\s*\/Count (\d+)/.exec(text);
    expect(outlines, 'no /Outlines dictionary').not.toBeNull();
    const titles = [...text.matchAll(/\/Title \(([^)]*)\)\s*\/Dest/g)].map((m) => m[1]);
    for (const heading of ['Executive summary', 'Findings by rule', 'Findings by policy', 'Appendix C: Inputs']) {
      expect(titles.some((t) => t!.includes(heading)), `${heading} in ${titles.slice(0, 20).join(' | ')}`).toBe(true);
    }
    expect(Number(outlines![1])).toBeGreaterThanOrEqual(10);
  });

  it('keeps the contents page in step with the structure tree after the page numbers are filled in', () => {
    const tree = execFileSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const contents = tree.slice(tree.indexOf('"Contents"'));
    // The first row: its number, its title (a link) and its page, each in a cell of the same row.
    const firstRow = contents.slice(contents.indexOf('TR'), contents.indexOf('TR', contents.indexOf('TR') + 2));
    const cells = [...firstRow.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    expect(cells).toEqual(['1', 'Executive summary', expect.stringMatching(/^\d+$/)]);
    // The page in the tree is the page the text shows.
    const page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-layout', pdf, '-'], { encoding: 'utf8' });
    expect(page2).toMatch(new RegExp(`Executive summary\\s+${cells[2]}\\b`));
  });
});

describe('precompiled templates', () => {
  it('render the same HTML as templates compiled at run time', async () => {
    const model = buildReportModel(await reportInput(['examples/'], { frameworks: (r) => frameworkCompliance(r) }));
    const precompiled = await compileReportTemplates();
    const compiled = await compileReportTemplates({ precompiled: false });
    // The unit suite builds first (test/global-setup.ts), so the build's precompiled file is current.
    expect(precompiled.precompiled).toBe(true);
    expect(compiled.precompiled).toBe(false);
    const a = await renderHtml(model, null, { templates: precompiled });
    const b = await renderHtml(model, null, { templates: compiled });
    expect(a).toBe(b);
    expect(await renderHtml(model, { contents: 2 }, { templates: precompiled, tocOnly: true, pageLabel: 'Page 2 of 9' })).toBe(
      await renderHtml(model, { contents: 2 }, { templates: compiled, tocOnly: true, pageLabel: 'Page 2 of 9' }),
    );
  }, 60_000);
});
