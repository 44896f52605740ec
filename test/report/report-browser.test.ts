/**
 * `calint report` with a real Chromium (/usr/bin/chromium, installed by .ci/run): the PDF's text, page count, page
 * size, table of contents and byte-identical output; the HTML opened with JavaScript on, with XSS payloads in every
 * kind of tenant name: no dialog, no injected script, no network request, the payloads shown as text; the filters work;
 * and the print time limit. Chromium is started five times in all.
 */
// The functions given to page.evaluate run in the page: they see the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/result-types.js';
import { chromiumArgs, printPdf } from '../../src/report/pdf/print-pdf.js';
import { frameworkCompliance } from '../../src/frameworks/compliance.js';
import { buildReportModel, type ReportModel } from '../../src/report/html/view-model.js';
import { compileReportTemplates, renderHtml } from '../../src/report/html/render-html.js';
import { runCli } from '../helpers/cli.js';
import { NOW, reportInput } from './report-input.js';

const CHROMIUM = '/usr/bin/chromium';
const EPOCH = { SOURCE_DATE_EPOCH: '1790000000', CALINT_CHROME_PATH: CHROMIUM };
const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-pdf-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
/** pdftotext breaks long names where the table cell wrapped them: compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** Named with --organization, it is also the tenant name in the running header: a CSS string in the page's <style>. */
const ORGANIZATION = `</style><script>window.__pwned=11</script>"; } body { display: none } \\`;

const PAYLOADS = [
  ORGANIZATION,
  '<script>window.__pwned=1;alert(1)</script> Block all',
  `"><svg onload=window.__pwned=2> {{constructor.constructor('window.__pwned=3')()}} MFA`,
  '<img src=https://evil.example/loc.png onerror=window.__pwned=6> HQ',
  'javascript:window.__pwned=7// <body onload=window.__pwned=8> Pilot',
  '<iframe src="https://evil.example/"></iframe>{{#each this}}x{{/each}} Emergency',
];

describe('PDF of examples/', () => {
  let first: Buffer;
  let text: string;
  let result: LintResult;
  let dir: string;

  beforeAll(() => {
    dir = tmp();
    const r = runCli(['report', 'examples/', '--format', 'pdf', '--output', dir], { env: EPOCH });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^calint: wrote pdf report to .+calint-report\.pdf \(\d+ pages\)$/m);
    expect(r.stderr).not.toContain('network resource');
    first = readFileSync(path.join(dir, 'calint-report.pdf'));
    text = pdftotext(path.join(dir, 'calint-report.pdf'), '-raw'); // content order: a wrapped table cell stays together
    result = JSON.parse(runCli(['lint', 'examples/', '--format', 'json'], { env: EPOCH }).stdout);
  }, 60_000);

  it('holds the findings, the policy names and the rules', () => {
    const flat = squash(text);
    const open = result.findings.filter((f) => !f.suppression);
    for (const f of open) {
      if (f.policyName) expect(flat).toContain(squash(f.policyName));
      expect(flat).toContain(squash(f.ruleId));
      if (f.pointer) expect(flat).toContain(squash(f.pointer));
    }
    for (const p of result.policies) expect(flat, p.name).toContain(squash(p.name));
    for (const r of result.rules) expect(flat).toContain(squash(r.id));
    expect(text).toContain('Overall posture: Critical');
    expect(text).toContain('7d9a3c52-4f1e-4b8a-9c61-2e5f8a0b7d13');
  });

  it('has a sane page count, A4 pages, page numbers and a table of contents with page numbers', async () => {
    const info = pdfinfo(path.join(dir, 'calint-report.pdf'));
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(15);
    expect(pages).toBeLessThanOrEqual(80);
    expect(info).toMatch(/Page size:\s+59[45]\.9\d* x 841\.9\d* pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+Mon Sep 21 14:13:20 2026 UTC/);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    const contents = pdftotext(path.join(dir, 'calint-report.pdf'), '-layout', '-f', '2', '-l', '2');
    expect(contents).toContain('Page 2 of');
    const listed = [...contents.matchAll(/^\s*([1-9A-D])\s{2,}(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => [m[1], m[2]!.trim(), Number(m[3])] as const);
    // The same list, from the same section plan, as the model built in-process has it.
    const model = buildReportModel(await reportInput(['examples/'], { frameworks: (r) => frameworkCompliance(r) }));
    // A long title wraps in the contents table: its first line is what the regex sees.
    expect(listed.length).toBe(model.toc.length);
    listed.forEach((l, i) => expect(squash(model.toc[i]!.title).startsWith(squash(l[1])), l[1]).toBe(true));
    expect(listed.map((l) => l[0])).toEqual(model.toc.map((t) => t.number));
    const numbers = listed.map((l) => l[2]);
    expect(numbers[0]).toBe(3);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    // Each listed page really starts that section.
    for (const [, title, page] of listed) {
      const pageText = pdftotext(path.join(dir, 'calint-report.pdf'), '-f', String(page), '-l', String(page));
      expect(squash(pageText), title).toContain(squash(title.replace(/^Appendix [A-D]: /, '')));
    }
  });

  it('is byte-identical when printed again from the same input with SOURCE_DATE_EPOCH', () => {
    const r = runCli(['report', 'examples/', '--format', 'pdf', '--output', dir], { env: EPOCH });
    expect(r.status, r.stderr).toBe(0);
    const second = readFileSync(path.join(dir, 'calint-report.pdf'));
    expect(second.length).toBe(first.length);
    expect(second.equals(first)).toBe(true);
  }, 60_000);
});

describe('XSS payloads in tenant names', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmp();
    const r = runCli(['report', 'test/fixtures/report/xss', '--format', 'html,pdf', '--page-size', 'Letter', '--organization', ORGANIZATION, '--output', dir], { env: EPOCH });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('network resource');
  }, 60_000);

  it('the PDF prints them as text, on Letter pages', () => {
    const text = squash(pdftotext(path.join(dir, 'calint-report.pdf'), '-raw'));
    for (const p of PAYLOADS) expect(text).toContain(squash(p));
    // the running header (an @page margin box) prints the organisation literally on every page
    const page3 = pdftotext(path.join(dir, 'calint-report.pdf'), '-f', '3', '-l', '3');
    expect(page3).toContain('Conditional Access audit report · </style><script>window.__pwned=11</script>"; } body { display: no…');
    expect(pdfinfo(path.join(dir, 'calint-report.pdf'))).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it('the HTML opened with JavaScript on: no dialog, no injected script, no request, payloads shown literally, filters work', async () => {
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, args: chromiumArgs(process.getuid?.() === 0) });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      const violations: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const url = `file://${path.join(dir, 'calint-report.html')}`;
      await page.goto(url, { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 300));
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([url]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      const text = await page.evaluate(() => document.body.textContent ?? '');
      for (const p of PAYLOADS) expect(text).toContain(p);
      // Only calint's own script ran (it reveals the filter bar); the page holds no other script element or handler.
      expect(await page.evaluate(() => document.getElementById('filters')!.hidden)).toBe(false);
      expect(await page.evaluate(() => document.scripts.length)).toBe(1);
      expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(1);
      expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
      expect(await page.evaluate(() => [...document.querySelectorAll('*')].some((el) => [...el.attributes].some((a) => a.name.startsWith('on'))))).toBe(false);
      expect(violations).toEqual([]);

      const count = () => page.evaluate(() => document.getElementById('filter-count')!.textContent);
      const total = Number(/^(\d+) open findings$/.exec((await count())!)?.[1]);
      expect(total).toBeGreaterThan(5);
      await page.type('#filter-q', 'token protection');
      const narrowed = Number(/^(\d+) of \d+ open findings shown$/.exec((await count())!)?.[1]);
      expect(narrowed).toBeGreaterThan(0);
      expect(narrowed).toBeLessThan(total);
      await page.evaluate(() => {
        (document.getElementById('filter-q') as HTMLInputElement).value = '';
      });
      await page.select('#filter-rule', 'token-protection/resource-scope');
      expect(await count()).toBe(`1 of ${total} open findings shown`);
      await page.select('#filter-rule', '');
      await page.click('input[name="severity"][value="high"]');
      const withoutHigh = await page.evaluate(() => [...document.querySelectorAll('[data-finding="card"]:not([hidden])')].map((e) => e.getAttribute('data-severity')));
      expect(withoutHigh).not.toContain('high');
      expect(requests).toEqual([url]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('a 20,000-character unbroken tenant string', () => {
  it('wraps inside the page, is cut at 2,000 characters with a note, and the PDF prints (time: bench/README.md)', () => {
    const dir = tmp();
    const write = (name: string, file: string) => {
      const policy = {
        id: '11111111-0000-4000-8000-000000000001',
        displayName: name,
        state: 'enabled',
        conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['browser'] },
        grantControls: { operator: 'OR', builtInControls: ['mfa'] },
      };
      writeFileSync(file, JSON.stringify({ value: [policy] }));
    };
    const pagesOf = (input: string, out: string) => {
      const r = runCli(['report', input, '--scope', 'tenant', '--format', 'pdf,html', '--output', out, '--timeout', '60'], { env: EPOCH });
      expect(r.status, r.stderr).toBe(0);
      return Number(/Pages:\s+(\d+)/.exec(pdfinfo(path.join(out, 'calint-report.pdf')))![1]);
    };
    write('W'.repeat(20_000), path.join(dir, 'long.json'));
    const shortDir = tmp();
    write('Require MFA', path.join(shortDir, 'short.json'));
    const pdf = path.join(dir, 'calint-report.pdf');
    const pages = pagesOf(path.join(dir, 'long.json'), dir);
    // The same policy with a short name: every rule that fires on it is a page or so either way; the long name (cut at
    // 2,000 characters where it is shown whole, shortened where a message or evidence quotes it) adds a few pages.
    expect(pages - pagesOf(path.join(shortDir, 'short.json'), shortDir)).toBeLessThan(15);
    const text = pdftotext(pdf, '-layout');
    expect(text).toContain('18,000 more characters');
    // Wrapped: no printed line is wider than an A4 page holds (about 130 characters of body text).
    expect(Math.max(...text.split('\n').map((l) => l.trim().length))).toBeLessThan(200);
    // The HTML keeps no run longer than the cut either: the whole value is in the JSON output.
    expect(readFileSync(path.join(dir, 'calint-report.html'), 'utf8')).not.toContain('W'.repeat(2001));
  }, 120_000);
});

describe('print time limit', () => {
  it('stops with a clear error and exit 2 when printing takes longer than --timeout', () => {
    const r = runCli(['report', 'examples/', '--format', 'pdf', '--output', tmp(), '--timeout', '0.05'], { env: EPOCH });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^calint: error: PDF printing did not finish within 0\.05 s with \/usr\/bin\/chromium \(found via CALINT_CHROME_PATH\); retry with a longer --timeout/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

/**
 * The report built in-process (lint, model, templates, print), as `calint report` does: the filters in Chromium with
 * JavaScript on, and the printed PDF's headings.
 */
describe('the report of examples/ in Chromium (built in-process)', () => {
  let model: ReportModel;
  let html: string;
  let dir: string;
  beforeAll(async () => {
    dir = tmp();
    model = buildReportModel(await reportInput(['examples/'], { frameworks: (r) => frameworkCompliance(r) }));
    html = await renderHtml(model);
    writeFileSync(path.join(dir, 'report.html'), html);
  }, 60_000);

  it('a text search keeps the "Findings by policy" rows of the findings it matches', async () => {
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, args: chromiumArgs(process.getuid?.() === 0) });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(dir, 'report.html')}`, { waitUntil: 'load' });
      // A finding about one policy, searched by words of its message that its row in the policy table does not show.
      const target = model.findingsByPolicy.policies[0]!;
      const finding = target.findings[0]!;
      const query = finding.message.split(/\s+/).slice(3, 7).join(' ');
      const visibleRows = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('#findings-by-policy tr[data-group="policy"]')]
            .filter((tr) => !(tr as HTMLElement).hidden)
            .map((tr) => (tr.querySelector('a') as HTMLAnchorElement | null)?.getAttribute('href') ?? 'tenant'),
        );
      const before = await visibleRows();
      expect(before).toContain(`#${target.anchor}`);
      await page.type('#filter-q', query);
      const after = await visibleRows();
      expect(after, `query "${query}"`).toContain(`#${target.anchor}`);
      expect(after.length).toBeGreaterThan(0);
      const items = await page.evaluate(
        (anchor) => [...document.querySelectorAll(`#findings-by-policy li[data-finding="item"] a[href="#${anchor}"]`)].map((a) => (a.closest('li') as HTMLElement).hidden),
        finding.anchor,
      );
      expect(items).toEqual([false]);
      // The card itself is shown too, and a query that matches nothing empties both, with the note.
      expect(await page.evaluate((a) => (document.getElementById(a) as HTMLElement).hidden, finding.anchor)).toBe(false);
      await page.evaluate(() => {
        (document.getElementById('filter-q') as HTMLInputElement).value = '';
      });
      await page.type('#filter-q', 'zzzz-no-such-text');
      expect(await visibleRows()).toEqual([]);
      expect(await page.evaluate(() => document.getElementById('filter-empty')!.hidden)).toBe(false);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints a PDF whose finding headings are risk statements, with no command-line flag outside the methodology appendix', async () => {
    const templates = await compileReportTemplates();
    const printed = await printPdf({ path: CHROMIUM, source: 'test' }, 60_000, {
      html,
      tocHtml: (pages, pageLabel) => renderHtml(model, pages, { tocOnly: true, pageLabel, templates }),
      tocAnchor: 'contents',
      tocAnchors: model.toc.map((t) => t.anchor),
      pageSize: 'A4',
      date: NOW,
    });
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, printed.pdf);
    const text = pdftotext(file, '-raw');
    const lines = text.split('\n').map((l) => l.trim());
    const titles = new Set(model.appendixRules.rules.map((r) => r.title));
    for (const r of model.findingsByRule.rules) {
      expect(squash(text)).toContain(squash(`${r.severityLabel} ${r.risk}`));
      // No line of the PDF heads a finding with the rule's desired-state title.
      expect(lines).not.toContain(`${r.severityLabel} ${r.title}`);
    }
    for (const l of lines) expect(titles.has(l.replace(/^(Critical|High|Medium|Low|Info) /, '')) && /^(Critical|High|Medium|Low|Info) /.test(l), l).toBe(false);
    // Everything before the methodology appendix is free of command-line syntax.
    const methodology = text.lastIndexOf('Appendix D: Methodology and limits');
    expect(methodology).toBeGreaterThan(0);
    expect(text.slice(0, methodology)).not.toMatch(/(^|\s)--[a-z][a-z-]+/m);
    expect(text).toContain('Confidential');
    // The contents page lists every section at the page it starts on.
    const info = pdfinfo(file);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBe(printed.pages);
  }, 90_000);
});
