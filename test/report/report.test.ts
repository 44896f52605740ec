/**
 * `calint report` without a browser: the HTML's content, self-containment and CSP, escaping of tenant strings,
 * templates that never triple-stash tenant data, Markdown, determinism, exit codes and error lines, the coverage seam,
 * plain-language policy descriptions and the browser lookup order. The Chromium tests are in report-browser.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { DEFAULT_MAX_FILE_BYTES, loadInputs } from '../../src/load/load-inputs.js';
import { buildSnapshot } from '../../src/model/build-snapshot.js';
import type { LintResult } from '../../src/engine/result-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { describePolicy, joinWords } from '../../src/model/describe-policy.js';
import { buildReportModel } from '../../src/report/html/view-model.js';
import { cssString, renderHtml, templatesDir } from '../../src/report/html/render-html.js';
import { renderMarkdownReport } from '../../src/report/markdown-report.js';
import { mdText } from '../../src/report/markdown-escape.js';
import { tenantIdentity } from '../../src/model/tenant-identity.js';
import { findBrowser, NO_CHROME_MESSAGE } from '../../src/report/pdf/find-browser.js';
import { pinPdfDates } from '../../src/report/pdf/normalize-pdf.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { reportInput } from './report-input.js';
import { FRAMEWORKS } from '../../src/frameworks/definitions.js';
import { humaniseText } from '../../src/report/html/labels.js';
import { plainText } from '../../src/report/html/words.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-report-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const XSS = 'test/fixtures/report/xss';
const EPOCH = { SOURCE_DATE_EPOCH: '1790000000' };

/** The lint result and the TenantIndex of the same inputs (the index for the description and identity helpers). */
async function lintWithIndex(inputs: string[], configFile?: string): Promise<{ result: LintResult; index: TenantIndex }> {
  const result = await lint({ inputs, cwd: repoRoot, configFile, now: new Date(1_790_000_000_000) });
  const load = await loadInputs(inputs, { cwd: repoRoot, maxFileBytes: DEFAULT_MAX_FILE_BYTES, exclude: configFile ? [path.join(repoRoot, configFile)] : [] });
  return { result, index: buildSnapshot(load).index };
}

describe('calint report --format html,md (examples/)', () => {
  let dir: string;
  let html: string;
  let md: string;
  let stderr: string;
  let json: LintResult;

  beforeAll(() => {
    dir = tmp();
    const r = runCli(['report', 'examples/', '--format', 'html,md', '--output', dir], { env: EPOCH });
    expect(r.status, r.stderr).toBe(0);
    stderr = r.stderr;
    html = readFileSync(path.join(dir, 'calint-report.html'), 'utf8');
    md = readFileSync(path.join(dir, 'calint-report.md'), 'utf8');
    json = JSON.parse(runCli(['lint', 'examples/', '--format', 'json'], { env: EPOCH }).stdout);
  });

  it('prints one line per written file and a one-line summary, and nothing on stdout', () => {
    const lines = stderr.trim().split('\n');
    expect(lines).toEqual([
      `calint: wrote html report to ${path.join(dir, 'calint-report.html')}`,
      `calint: wrote md report to ${path.join(dir, 'calint-report.md')}`,
      expect.stringMatching(/^calint: report of 38 policies: \d+ open findings \(.*critical.*\), 0 accepted; posture Critical; html, md in .+ \(\d+\.\d s\)$/),
    ]);
  });

  it('holds every finding with its evidence: policy, file:line:column, JSON pointer, rule, remediation and Microsoft link', () => {
    const open = json.findings.filter((f) => !f.suppression);
    expect(open.length).toBeGreaterThan(10);
    // Messages as a reader sees them: Graph values worded, `code` spans set as code.
    const shown = readerText(html);
    for (const f of open) {
      expect(shown).toContain(plainText(humaniseText(f.message)));
      if (f.policyName) expect(html).toContain(escapeHtml(f.policyName));
      // Paths relative to the input folder, breakable after "/" only.
      if (f.file) expect(html).toContain(`${f.file.replace(/^examples\//, '').split('/').join('/<wbr>')}:${f.line}:${f.column}`);
      if (f.pointer) expect(html).toContain(escapeHtml(f.pointer));
    }
    for (const rule of json.rules.filter((r) => open.some((f) => f.ruleId === r.id))) {
      expect(shown).toContain(plainText(rule.remediation).replace(/\s+/g, ' '));
      for (const ref of rule.references) expect(html).toContain(`href="${escapeHtml(ref)}"`);
    }
  });

  it('has the cover, every section, the charts and an appendix entry for every policy', () => {
    expect(html).toContain('7d9a3c52-4f1e-4b8a-9c61-2e5f8a0b7d13'); // tenant id, inferred from the single-tenant service principals
    expect(html).toContain(json.tool.rulesetVersion);
    expect(html).toContain('21 September 2026'); // SOURCE_DATE_EPOCH
    for (const input of json.inputs.filter((i) => i.sha256)) expect(html).toContain(input.sha256!);
    for (const id of ['summary', 'framework-cis', 'framework-scuba', 'token-protection', 'findings-by-rule', 'findings-by-policy', 'accepted-risk', 'coverage', 'methodology', 'appendix-policies', 'appendix-rules', 'appendix-inputs']) {
      expect(html).toContain(`id="${id}"`);
    }
    for (const chart of ['chart-severity', 'chart-categories', 'chart-states']) expect(html).toMatch(new RegExp(`id="${chart}"[^]*?<svg`));
    for (const p of json.policies) expect(html).toContain(escapeHtml(p.name));
    expect(html).toContain('Applies to members of CA-Pilot-TokenProtection except Break Glass Admin 01 and Break Glass Admin 02; to Office 365 Exchange Online and Office 365 SharePoint Online; on Windows;');
    for (const rule of json.rules) expect(html).toContain(`<code>${escapeHtml(rule.id)}</code>`);
    // Coverage ran: the sample tenant's one gap (the directory synchronization account) with its witness.
    expect(html).not.toContain('Coverage analysis was not run');
    expect(html).toContain('<strong>Coverage:</strong> <a href="#coverage">1 kind of sign-in needs no MFA and is not blocked by any enabled policy</a>.');
    expect(html).toContain('Sign-ins by user On-Premises Directory Synchronization Service Account to Office 365 Exchange Online, Office 365 SharePoint Online, Microsoft Intune Enrollment, any other resource need no MFA and are not blocked under some conditions.');
    expect(html).toContain('the user is excluded (On-Premises Directory Synchronization Service Account)');
  });

  it('is self-contained: a strict CSP with the filter script hash, no external resource of any kind', () => {
    // The attribute is HTML-escaped like every printed value ("=" of the base64 hash is &#x3D;); the browser decodes it.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'");
    const script = readFileSync(path.join(repoRoot, 'templates/report-filter.js'), 'utf8');
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toBe(`default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
    expect(html).toContain(`<script>${script}</script>`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\(|src=/i);
    // The only absolute URLs are the rules' Microsoft documentation links (navigation, never loaded).
    // The only absolute URLs are the rules' Microsoft documentation links and the framework data's sources (navigation, never loaded).
    const sources = new Set(FRAMEWORKS.map((f) => f.source.url));
    for (const m of html.matchAll(/https?:\/\/[^"'<\s)]+/g)) {
      if (!sources.has(m[0])) expect(m[0]).toMatch(/^(https:\/\/learn\.microsoft\.com\/|http:\/\/www\.w3\.org\/2000\/svg$)/);
    }
  });

  it('is readable without JavaScript: the filter bar is hidden until the script shows it', () => {
    expect(html).toMatch(/<form class="filters" id="filters" hidden/);
    expect(html).toMatch(/@media print[^]*\.toc, \.section-page \{ break-before: page; \}/);
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
  });

  it('writes a short Markdown form for pull requests', () => {
    expect(md).toMatch(/^## Conditional Access audit report: Northwind Traders\n/);
    expect(md).toContain('**Posture: Critical.**');
    expect(md).toContain('| Critical | High | Medium | Low | Info | Accepted |');
    expect(md).toContain('### Remediation plan');
    expect(md).toContain('### Framework compliance');
    expect(md).toContain('1 kind of sign-in needs no MFA and is not blocked by any enabled policy.');
    expect(md).toContain('- Sign-ins by user On-Premises Directory Synchronization Service Account to Office 365 Exchange Online, Office 365 SharePoint Online, Microsoft Intune Enrollment, any other resource need no MFA and are not blocked under some conditions.');
    expect(md.length).toBeLessThan(60_000);
  });

  it('gives byte-identical HTML and Markdown for the same input with SOURCE_DATE_EPOCH', () => {
    const r = runCli(['report', 'examples/', '--format', 'html,md', '--output', dir], { env: EPOCH });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'calint-report.html'), 'utf8')).toBe(html);
    expect(readFileSync(path.join(dir, 'calint-report.md'), 'utf8')).toBe(md);
  });
});

describe('tenant strings are escaped', () => {
  it('HTML: no payload from policy, location, group, user or suppression becomes markup', async () => {
    const model = buildReportModel(await reportInput([XSS]));
    const html = await renderHtml(model);
    const body = html.slice(html.indexOf('>', html.indexOf('<body')) + 1);
    expect(body.match(/<script/g)).toHaveLength(1);
    expect(body).not.toMatch(/<(img|iframe|style|body|b)\b/i);
    expect(body).not.toMatch(/<svg\b[^>]*\son/i);
    expect(body).not.toMatch(/\son(load|error|mouseover)=/i);
    expect(body).not.toMatch(/href="javascript:/i);
    for (const payload of [
      '<script>window.__pwned=1;alert(1)</script> Block all', // policy
      `"><svg onload=window.__pwned=2> {{constructor.constructor('window.__pwned=3')()}} MFA`, // policy
      '<img src=https://evil.example/loc.png onerror=window.__pwned=6> HQ', // named location
      'javascript:window.__pwned=7// <body onload=window.__pwned=8> Pilot', // group
      '<iframe src="https://evil.example/"></iframe>{{#each this}}x{{/each}} Emergency', // user
      '<script>window.__pwned=9</script> Pilot keeps MFA', // suppression justification
    ]) {
      expect(body).toContain(escapeHtml(payload));
    }
    expect(body).toContain('id="accepted-risk"');
    expect(model.totals.accepted).toBe(1);

    const md = renderMarkdownReport(model);
    expect(md).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
    expect(md).not.toMatch(/[^\\]\]\(|https:\/\//);
    expect(md).toContain(`"&gt;&lt;svg onload=window.\\_\\_pwned=2&gt; {{constructor.constructor('window.\\_\\_pwned=3')()}} MFA`);
    expect(md).toContain('&lt;script&gt;window.\\_\\_pwned=9&lt;/script&gt; Pilot keeps MFA');
  });

  it('templates print tenant data only through {{ }}: the only triple-stashes are calint\'s own CSS and script', () => {
    const files = [path.join(templatesDir(), 'report.hbs'), ...readdirSync(path.join(templatesDir(), 'partials')).map((f) => path.join(templatesDir(), 'partials', f))];
    const triples = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\{\{\{\s*([^}]*?)\s*\}\}\}/g)].map((m) => `${path.basename(f)}:${m[1]}`));
    expect(triples.sort()).toEqual(['report.hbs:css', 'report.hbs:script']);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/\{\{&/);
  });

  it('a string in the page CSS (running header) cannot end the string, the rule or the <style> element', () => {
    const css = cssString('a"b\'c\\d</style><script>e\nf} g;');
    expect(css).toBe('"a\\22 b\\27 c\\5c d\\3c \\2f style\\3e \\3c script\\3e e\\a f\\7d  g;"');
    expect(css.slice(1, -1)).not.toMatch(/["'<>\n{}]/);
  });

  it('Markdown text cannot open links, images, mentions, HTML or table cells', () => {
    expect(mdText('[x](https://evil.example) ![i](y) @team <b>|a|</b> `c` *e* www.evil.example')).toBe(
      '\\[x\\](https:&#8203;//evil.example) \\!\\[i\\](y) @&#8203;team &lt;b&gt;\\|a\\|&lt;/b&gt; \\`c\\` \\*e\\* www&#8203;.evil.example',
    );
  });
});

describe('exit codes and errors', () => {
  it('--chrome-path to a missing file: exit 2, one clear line naming the fixes, no stack; the other formats are still written', () => {
    const dir = tmp();
    const r = runCli(['report', 'examples/', '--format', 'html,pdf', '--output', dir, '--chrome-path', '/nonexistent/chrome']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('calint: error: CALINT_NO_CHROME: --chrome-path names "/nonexistent/chrome", which does not exist');
    expect(r.stderr).toContain('npx puppeteer browsers install chrome-headless-shell');
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'calint-report.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'calint-report.pdf'))).toBe(false);
  });

  it('PUPPETEER_EXECUTABLE_PATH set to a missing file is an error too (it is never ignored)', () => {
    const r = runCli(['report', 'examples/', '--format', 'pdf', '--output', tmp()], { env: { PUPPETEER_EXECUTABLE_PATH: '/nope/chromium', CALINT_CHROME_PATH: undefined } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^calint: error: CALINT_NO_CHROME: PUPPETEER_EXECUTABLE_PATH names "\/nope\/chromium"/m);
  });

  it('an unknown format, an unknown page size, unreadable inputs: exit 2 with one line', () => {
    let r = runCli(['report', 'examples/', '--format', 'html,docx', '--output', tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('calint: error: --format: unknown report format "docx" (choose from html, pdf, md, csv, xlsx; markdown is "md")');
    r = runCli(['report', 'examples/', '--page-size', 'A3', '--output', tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("option '--page-size <size>' argument 'A3' is invalid");
    const dir = tmp();
    r = runCli(['report', 'test/fixtures/report/does-not-exist.json', '--format', 'html', '--output', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^calint: error: .*does-not-exist\.json/)]);
    expect(existsSync(path.join(dir, 'calint-report.html'))).toBe(false);
  });

  it('calint lint never loads the report\'s dependencies: the bundle imports Handlebars and puppeteer only on demand', () => {
    const bundle = readFileSync(path.join(repoRoot, 'dist/calint.cjs'), 'utf8');
    for (const dep of ['handlebars', 'puppeteer-core', 'puppeteer']) {
      // Loaded through src/load/import-module.ts at the point of use, never required when the bundle starts.
      expect(bundle).toContain(`importModule("${dep}")`);
      expect(bundle).not.toMatch(new RegExp(`require\\(["']${dep}["']\\)|from ["']${dep}["']`));
    }
    expect(bundle).not.toContain('COMPILER_REVISION'); // Handlebars' own code is not in the bundle
  });

  it('help lists the report command and its options', () => {
    const r = runCli(['report', '--help']);
    expect(r.status).toBe(0);
    for (const o of ['--format', '--output', '--title', '--organization', '--page-size', '--chrome-path', '--timeout']) expect(r.stdout).toContain(o);
  });
});

describe('report model', () => {
  let examples: { result: LintResult; index: TenantIndex };
  beforeAll(async () => {
    examples = await lintWithIndex(['examples/northwind'], 'examples/calint.config.json');
  });

  it('renders coverage gaps with their witness and near misses when the evaluation engine supplies them', async () => {
    const input = await reportInput(['examples/northwind'], { configFile: 'examples/calint.config.json', document: { organization: 'Northwind <Traders>' } });
    const policy = input.result.policies[2]!;
    const model = buildReportModel({
      ...input,
      pageSize: 'Letter',
      coverage: {
        ran: true,
        gaps: [
          {
            id: 'gap-b',
            summary: 'Guests on Linux reach Azure DevOps without MFA',
            cell: { users: 'guests', platform: 'Linux' },
            witness: { user: 'ext-jane@partner.example', app: 'Azure DevOps' },
            expected: false,
            nearMisses: [{ policyId: policy.id!, policyName: policy.name, reason: 'it applies only on Windows' }],
          },
          { id: 'gap-a', summary: 'Break-glass accounts are excluded from every policy', cell: { users: 'break-glass' }, witness: { user: 'bg-admin-01' }, expected: true, expectedReason: 'emergency access by design', nearMisses: [] },
        ],
        limits: ['Dynamic group membership is not evaluated.'],
      },
    });
    expect(model.coverage.unexpected).toBe(1);
    expect(model.coverage.gaps.map((g) => g.id)).toEqual(['gap-b', 'gap-a']);
    const html = await renderHtml(model);
    expect(html).toContain('Guests on Linux reach Azure DevOps without MFA');
    expect(html).toContain('ext-jane@partner.example');
    expect(html).toContain(`<a href="#policy-3">${escapeHtml(policy.name)}</a>: it applies only on Windows`);
    expect(html).toContain('emergency access by design');
    expect(html).toContain('Dynamic group membership is not evaluated.');
    expect(html).toContain('Organisation: Northwind &lt;Traders&gt;');
    expect(html).toContain('@page {\n  size: letter;');
    expect(renderMarkdownReport(model)).toContain('1 kind of sign-in needs no MFA and is not blocked by any enabled policy (1 more by design: break-glass accounts).');
  });

  it('ranks the top risks by severity, then by how widespread they are', async () => {
    const model = buildReportModel(await reportInput(['examples/northwind'], { configFile: 'examples/calint.config.json' }));
    const top = model.summary.topRisks;
    expect(top[0]!.severity).toBe('critical');
    expect(top.length).toBe(5);
    const ranks = top.map((r) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(r.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(model.posture.level).toBe('critical');
    expect(model.tokenProtection!.policies.map((p) => p.name)).toEqual([
      'CA210-Internals-TokenProtection-ExoSpo-Windows-Pilot',
      'CA211-Internals-TokenProtection-Office365-Windows',
      'CA107-Admins-TokenProtection-ExoSpo-AnyPlatform',
      'CA213-Internals-TokenProtection-ExoSpo-Windows-NoFilter',
    ]);
  });

  it('describes policies in plain language with names from the tenant index', () => {
    const { index } = examples;
    const byName = new Map(index.policies.map((p) => [p.displayName, describePolicy(p, index)]));
    expect(byName.get('CA213-Internals-TokenProtection-ExoSpo-Windows-NoFilter')!.sentence).toBe(
      'Applies to members of NW-Finance except Break Glass Admin 01 and Break Glass Admin 02; to Office 365 Exchange Online and Office 365 SharePoint Online; on Windows; from mobile apps and desktop clients; requires token protection; report-only.',
    );
    expect(byName.get('CA001-Global-BaseProtection-AllApps-AnyPlatform-Block-LegacyAuth')!.sentence).toBe(
      'Applies to all users except Break Glass Admin 01, Break Glass Admin 02 and members of a9e15bf3-515b-470f-a055-1b0504e82540 (not in the export); to all resources; from Exchange ActiveSync clients or other legacy-authentication clients; blocks access; enabled.',
    );
    expect(byName.get('CA090-Global-BaseProtection-AllApps-AnyPlatform-RequireMFA-UntrustedLocations-Legacy')!.sentence).toBe(
      'Applies to all users; to all resources; from any location except All trusted locations; requires multifactor authentication; disabled.',
    );
    const admins = [...byName.values()].find((d) => d.who.startsWith('14 directory roles'))!;
    expect(admins.who).toMatch(/^14 directory roles \(Global Administrator, .+ and 11 more\)/);
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(joinWords(['a', 'b'], 'or')).toBe('a or b');
  });

  it('infers the tenant id and domain when the export does not carry them, and says so', () => {
    const { result, index } = examples;
    const t = tenantIdentity(result.tenant, index);
    expect(t.id).toEqual({ value: '7d9a3c52-4f1e-4b8a-9c61-2e5f8a0b7d13', source: "inferred: owner of the tenant's single-tenant service principals" });
    expect(t.domain?.value).toBe('northwindtraders.onmicrosoft.com');
    expect(t.name).toBeNull();
    expect(tenantIdentity({ id: 'x', displayName: 'Contoso', defaultDomain: 'contoso.example', exportedAt: null, exportedBy: null, source: null }, index, 'Org').name).toEqual({
      value: 'Contoso',
      source: 'the export',
    });
  });
});

describe('PDF helpers and browser lookup', () => {
  it('pins both PDF dates in place without changing the length', () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<</Creator (x)\n/CreationDate (D:20261123131302+00'00')\n/ModDate (D:20261123131302+00'00')>>\nendobj\n", 'latin1');
    const out = Buffer.from(pinPdfDates(pdf, new Date(1_790_000_000_000))).toString('latin1');
    expect(out.length).toBe(pdf.length);
    expect(out).toContain("/CreationDate (D:20260921141320+00'00')");
    expect(out).toContain("/ModDate (D:20260921141320+00'00')");
    expect(() => pinPdfDates(Buffer.from('%PDF-1.4\n', 'latin1'), new Date())).toThrow(/found 0 date/);
  });

  it('looks for a browser in the documented order, and names the fixes when there is none', async () => {
    const chromium = '/usr/bin/chromium';
    expect(await findBrowser({ chromePath: chromium, env: { CALINT_CHROME_PATH: '/missing' } })).toEqual({ path: chromium, source: '--chrome-path' });
    expect(await findBrowser({ env: { CALINT_CHROME_PATH: chromium, PUPPETEER_EXECUTABLE_PATH: '/missing' } })).toEqual({ path: chromium, source: 'CALINT_CHROME_PATH' });
    await expect(findBrowser({ env: { CALINT_CHROME_PATH: '/missing' } })).rejects.toThrow(/CALINT_NO_CHROME: CALINT_CHROME_PATH names "\/missing", which does not exist/);
    expect(await findBrowser({ env: { PATH: '' }, skipPuppeteer: true, platform: 'linux' })).toEqual({ path: chromium, source: chromium });
    await expect(findBrowser({ env: { PATH: '' }, skipPuppeteer: true, platform: 'darwin' })).rejects.toThrow(NO_CHROME_MESSAGE);
    expect(NO_CHROME_MESSAGE).toMatch(/npx puppeteer browsers install chrome-headless-shell.*apt-get install chromium.*PUPPETEER_EXECUTABLE_PATH/);
  });
});

/** The HTML's text with tags dropped and entities decoded, spaces collapsed. */
function readerText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;');
}
