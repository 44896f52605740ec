/**
 * The audit report as a deliverable (issue 15): section numbers and cross-references from one list, findings headed by
 * their risk (never the rule's desired-state title), no tool-speak outside the methodology appendix, the inputs
 * appendix, document control and sign-off, the posture formula and remediation plan, licence marks, framework
 * compliance sections, token protection only when it matters, layout rules, and the Markdown form. Built in-process
 * from lint() and the report model, as `calint report` does; Chromium checks are in report-browser.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/result-types.js';
import { frameworkCompliance } from '../../src/frameworks/compliance.js';
import { buildReportModel, type ReportModel } from '../../src/report/html/view-model.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { planSections } from '../../src/report/html/sections/index.js';
import { posture, remediationOrder } from '../../src/report/html/sections/summary.js';
import { humaniseText, valueLabel } from '../../src/report/html/labels.js';
import { commonRoot, pathView, plural, textParts } from '../../src/report/html/words.js';
import { evidenceRows } from '../../src/report/html/evidence.js';
import { renderMarkdownReport } from '../../src/report/markdown-report.js';
import { fixtureFramework, reportInput } from './report-input.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-wording-'));
  made.push(dir);
  return dir;
};

/** The body's text as a reader sees it (tags dropped, entities decoded), split by section anchor. */
function sectionsText(html: string): Map<string, string> {
  const body = html.slice(html.indexOf('<body'), html.lastIndexOf('<script>'));
  const out = new Map<string, string>();
  const parts = body.split(/(?=<section class="(?:section|cover)[^"]*" id=")/);
  for (const part of parts) {
    const id = /^<section class="[^"]*" id="([^"]+)"/.exec(part)?.[1] ?? 'preamble';
    out.set(id, text(part));
  }
  return out;
}

function text(html: string): string {
  return html
    .replace(/<(br|li|tr|p|h\d|td|th)\b[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
}

function headings(html: string): string[] {
  return [...html.matchAll(/<h([1-4])\b[^>]*>([^]*?)<\/h\1>/g)].map((m) => text(m[2]!).replace(/\s+/g, ' ').trim());
}

/** What the deliverable must not say outside the methodology appendix. */
const TOOL_SPEAK: Array<[string, RegExp]> = [
  ['a command-line flag', /(^|\s)--[a-z][a-z-]+/m],
  ['a "(s)" plural', /\w\(s\)/],
  ['"Unnamed tenant"', /Unnamed tenant/i],
  ['a literal Markdown backtick', /`/],
  ['evidence internals', /\bspan\b|\bStart: \d/],
  ['"skipped:"', /skipped:/i],
  ['a size for a file not read', /\b0 B\b/],
  ['a raw guest type', /\b(b2bCollaborationGuest|b2bCollaborationMember|b2bDirectConnectUser|internalGuest|otherExternalUser)\b/],
  ['a raw method combination', /\bpassword,sms\b/],
  ['a raw policy state', /enabledForReportingButNotEnforced/],
  ['a raw Graph property', /\b(builtInControls|guestOrExternalUserTypes)\b/],
];

function scanToolSpeak(html: string): string[] {
  const problems: string[] = [];
  for (const [id, t] of sectionsText(html)) {
    if (id === 'methodology') continue;
    for (const [what, re] of TOOL_SPEAK) {
      const m = re.exec(t);
      if (m) problems.push(`${id}: ${what}: …${t.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\s+/g, ' ')}…`);
    }
  }
  return problems;
}

describe('the report of examples/ (a config with document control, the real framework reports)', () => {
  let result: LintResult;
  let model: ReportModel;
  let html: string;
  let byId: Map<string, string>;

  beforeAll(async () => {
    const input = await reportInput(['examples/'], { frameworks: (r) => frameworkCompliance(r) });
    result = input.result;
    model = buildReportModel(input);
    html = await renderHtml(model);
    byId = sectionsText(html);
  });

  it('numbers its sections from one list: contents, headings and cross-references agree', () => {
    const list = model.sections.list;
    expect(model.toc.map((t) => t.anchor)).toEqual(list.map((s) => s.anchor));
    const numbered = list.filter((s) => /^\d+$/.test(s.number)).map((s) => Number(s.number));
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
    expect(list.filter((s) => /^[A-Z]$/.test(s.number)).map((s) => s.heading)).toEqual([
      'Appendix A: Rules run',
      'Appendix B: Policies in plain language',
      'Appendix C: Inputs',
      'Appendix D: Methodology and limits',
    ]);
    for (const s of list) {
      expect(html).toContain(`id="${s.anchor}"`);
      expect(html).toContain(`<h2><span class="num">${s.number}</span> ${s.heading.replace(/&/g, '&amp;')}</h2>`);
    }
    // One section per framework report, after the summary.
    expect(list.filter((s) => s.key === 'frameworks').map((s) => s.anchor)).toEqual(['framework-cis', 'framework-scuba']);
    const byRule = list.find((s) => s.key === 'findingsByRule')!;
    const accepted = list.find((s) => s.key === 'acceptedRisk')!;
    expect(byId.get('findings-by-policy')).toContain(`in ${byRule.ref};`);
    expect(byId.get('findings-by-rule')).toContain(`Accepted findings are in ${accepted.ref};`);
  });

  it('heads every open finding with its risk statement, never the rule title (HTML headings)', () => {
    const titles = new Set(result.rules.map((r) => r.title.trim()));
    const open = model.findingsByRule.rules;
    expect(open.length).toBeGreaterThan(5);
    const hs = headings(html);
    for (const r of open) {
      expect(r.risk).not.toBe(r.title);
      expect(hs).toContain(`${r.severityLabel} ${r.risk}`);
    }
    for (const h of hs) {
      expect(titles.has(h), h).toBe(false);
      expect(titles.has(h.replace(/^(Critical|High|Medium|Low|Info) /, '')), h).toBe(false);
    }
    // Top risks and the plan too; the titles stay in the rules appendix as the desired state.
    for (const r of model.summary.topRisks) expect(titles.has(r.risk)).toBe(false);
    for (const p of model.summary.plan) expect(titles.has(p.risk)).toBe(false);
    for (const r of open) expect(byId.get('appendix-rules')).toContain(r.title);
  });

  it('says nothing in tool-speak outside the methodology appendix', () => {
    expect(scanToolSpeak(html)).toEqual([]);
  });

  it('has the filter bar with every severity, rule and policy that has a finding', () => {
    for (const s of ['critical', 'high', 'medium', 'low', 'info']) expect(html).toContain(`<input type="checkbox" name="severity" value="${s}" checked>`);
    for (const r of model.filters.rules) expect(html).toContain(`<option value="${r.value}">`);
    expect(model.filters.policies.length).toBeGreaterThan(0);
  });

  it('lists a README in the input folder once and calmly, with no size or hash, and the cover does not alarm', () => {
    const appendix = byId.get('appendix-inputs')!;
    expect(appendix).toContain('Not Conditional Access data, not read: README.md.');
    expect(appendix.match(/README\.md/g)).toHaveLength(1);
    expect(appendix).not.toMatch(/skipped|not a JSON file/);
    expect(appendix).toContain('Paths are relative to the input folder examples/.');
    expect(appendix).toContain('38 Conditional Access policies');
    for (const i of result.inputs.filter((x) => x.sha256)) expect(appendix).toContain(i.sha256!);
    const cover = byId.get('cover')!;
    expect(cover).toContain('1 other file in the input folder is not Conditional Access data and was not read: README.md.');
    expect(cover).not.toMatch(/could not be read|error|skipped/i);
  });

  it('shows paths relative to the input root, breakable only after "/"', () => {
    expect(html).toContain('<code class="path">northwind/<wbr>policies.json:');
    expect(html).not.toContain('examples/<wbr>northwind');
    for (const m of html.matchAll(/<code class="path">([^]*?)<\/code>/g)) {
      for (const piece of m[1]!.split('<wbr>').slice(0, -1)) expect(piece.endsWith('/'), m[1]).toBe(true);
    }
    expect(html).toMatch(/code\.path \{ overflow-wrap: normal; word-break: normal; \}/);
    expect(commonRoot(['a/b/c.json', 'a/b/d/e.json', 'a/README.md'])).toBe('a/');
    expect(pathView('a/b/c.json', 'a/', ':3:4')).toEqual({ text: 'b/c.json:3:4', parts: ['b/', 'c.json:3:4'] });
  });

  it('has the cover and document control: organisation, people, version, classification, both dates, scope, objectives, sign-off', () => {
    const cover = byId.get('cover')!;
    const doc = result.document;
    for (const label of ['Organisation', 'Prepared by', 'Reviewed by', 'Report version', 'Classification', 'Report date', 'Data exported']) expect(cover).toContain(label);
    expect(cover).toContain(doc.classification);
    expect(cover).toContain(doc.organization ?? 'not stated');
    expect(cover).toContain(doc.preparedBy ?? 'not stated');
    expect(cover).toContain('21 September 2026, 14:13 UTC');
    if (result.identity.exportedAt == null) {
      expect(cover).toMatch(/Data exported\s*unknown\s*the export does not say when it was taken/);
    }
    expect(cover).toMatch(/Scope\s+\S/);
    expect(cover).toMatch(/Objectives\s+\S/);
    expect(html).toMatch(/<th>Role<\/th><th>Name<\/th><th>Signature<\/th><th>Date<\/th>/);
    expect(html.match(/class="sign-line"/g)!.length).toBe(2 * model.cover.signOff.length);
    // The marking on every page: the running header and footer.
    expect(html).toMatch(/@top-right \{ content: "Confidential"/);
    expect(html).toMatch(/@bottom-left \{ content: "Confidential /);
  });

  it('shows the posture with its formula, a severity legend and the remediation plan in order', () => {
    const summary = byId.get('summary')!;
    expect(summary).toContain(`Overall posture: ${model.posture.label}`);
    expect(summary).toContain('How the rating is set: The rating follows the most severe open finding');
    expect(html).toContain('id="severity-legend"');
    for (const l of ['can lock administrators out', 'hygiene']) expect(summary).toContain(l);
    const plan = model.summary.plan;
    expect(plan.length).toBe(model.findingsByRule.rules.length);
    const ordered = remediationOrder(model.findingsByRule.rules).map((r) => r.risk);
    expect(plan.map((p) => p.risk)).toEqual(ordered);
    const key = (p: (typeof plan)[number]) => [p.priority, ['critical', 'high', 'medium', 'low', 'info'].indexOf(p.severity)];
    for (let i = 1; i < plan.length; i++) {
      const [a, b] = [key(plan[i - 1]!), key(plan[i]!)];
      expect(a[0]! < b[0]! || (a[0] === b[0] && a[1]! <= b[1]!)).toBe(true);
    }
    expect(summary).toMatch(/Risk and fix\s*Priority\s*Severity\s*Effort\s*User impact/);
  });

  it('marks rules whose fix needs a licence the tenant may not hold', () => {
    const needing = model.findingsByRule.rules.filter((r) => r.licences.length > 0);
    if (result.licences.source === 'unknown') {
      for (const r of needing) for (const l of r.licences) expect(l.text).toMatch(/^Requires /);
    }
    for (const r of needing) expect(byId.get('findings-by-rule')).toContain(r.licences[0]!.text);
  });

  it('keeps the token protection section: policies require it', () => {
    expect(model.tokenProtection).not.toBeNull();
    expect(html).toContain('id="token-protection"');
  });

  it('renders evidence for a reader: no character spans, labelled keys, worded values', () => {
    const deviceFilter = result.findings.find((f) => f.evidence && 'span' in (f.evidence as object));
    if (deviceFilter) {
      const rows = evidenceRows(deviceFilter.evidence as Record<string, unknown>, result.names);
      expect(rows.map((r) => r.label)).not.toContain('Span');
      expect(JSON.stringify(rows)).not.toMatch(/"(span|start|end)"/i);
    }
    const rows = evidenceRows({ actual: { builtInControls: ['mfa', 'compliantDevice'], guestOrExternalUserTypes: 'b2bCollaborationGuest,internalGuest' }, span: { start: 2, end: 4 } }, {});
    expect(rows).toEqual([
      {
        label: 'Seen',
        kind: 'tree',
        text: '',
        nearMisses: [],
        lines: [
          { depth: 0, label: 'Grant controls', value: 'Require MFA, Require compliant device' },
          { depth: 0, label: 'Guest and external user types', value: 'B2B collaboration guests, local guest users' },
        ],
      },
    ]);
    expect(valueLabel('password,sms')).toBe('Password + SMS');
    expect(humaniseText('accepts password,sms; b2bDirectConnectUser user and enabledForReportingButNotEnforced')).toBe(
      'accepts Password + SMS; B2B direct connect users and report-only',
    );
    expect(textParts('use `a -eq b` here')).toEqual([
      { text: 'use ', code: false },
      { text: 'a -eq b', code: true },
      { text: ' here', code: false },
    ]);
    expect(plural(1, 'kind of sign-in', 'kinds of sign-in')).toBe('1 kind of sign-in');
  });

  it('prints long values wrapped, and starts a page only for sections that fill one', () => {
    expect(html).toMatch(/th, td \{[^}]*overflow-wrap: anywhere/);
    expect(html).toMatch(/\.toc, \.section-page \{ break-before: page; \}/);
    expect(html).not.toMatch(/\.rule \{[^}]*break-before: page/);
    expect(html).not.toMatch(/\.section \{[^}]*break-before/);
    // An empty "Accepted risk" follows the section before it on the same page.
    if (model.acceptedRisk.findings.length === 0) expect(html).toContain('<section class="section" id="accepted-risk">');
  });

  it('writes a Markdown form from the same model: risk wording, framework summary, plan', () => {
    const md = renderMarkdownReport(model);
    expect(md).toContain('### Framework compliance');
    expect(md).toContain('| CIS Microsoft 365 Foundations Benchmark');
    expect(md).toContain('### Remediation plan');
    for (const r of model.findingsByRule.rules.slice(0, 5)) expect(md).toContain(r.risk.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '').slice(0, 10));
    const titles = result.rules.filter((r) => model.findingsByRule.rules.some((o) => o.id === r.id)).map((r) => r.title);
    for (const t of titles) expect(md).not.toContain(`| ${t} |`);
    expect(md).not.toMatch(/\w\(s\)/);
    expect(md.length).toBeLessThan(60_000);
  });
});

describe('framework compliance sections (fixture framework report)', () => {
  it('lists every control with its status, findings linked, accepted risk with owner and expiry, reasons, rules and counts', async () => {
    const input = await reportInput(['examples/']);
    const model = buildReportModel(input);
    const html = await renderHtml(model);
    const fw = model.frameworks[0]!;
    const controls = fw.groups.flatMap((g) => g.controls);
    expect(controls.map((c) => [c.id, c.statusLabel])).toEqual([
      ['5.2.2.1', 'Failed'],
      ['5.2.2.2', 'Passed'],
      ['5.2.2.9', 'Accepted risk'],
      ['5.2.2.10', 'Not evaluated'],
      ['5.2.3.1', 'Not checkable offline'],
    ]);
    const section = sectionsText(html).get('framework-cis')!;
    for (const c of controls) {
      expect(html).toContain(`id="${c.anchor}"`);
      expect(section).toContain(c.id);
    }
    // Failed: its findings link to the finding cards.
    const failed = controls[0]!;
    expect(failed.findings.length).toBeGreaterThan(0);
    for (const f of failed.findings) {
      expect(f.anchor).not.toBeNull();
      expect(html).toContain(`<a href="#${f.anchor}">${f.number}</a>`);
      expect(html).toContain(`id="${f.anchor}"`);
    }
    expect(section).toContain('Fixture policy: accepted by Identity team until 31 March 2027. Pilot until March.');
    expect(section).toContain('requires Microsoft Entra ID P2');
    expect(section).toContain('needs the authentication methods policy, which a Conditional Access export does not hold');
    expect(section).toMatch(/Rules: [a-z-]+\/[a-z-]+/);
    expect(section).toMatch(/1\s*Failed\s*1\s*Accepted risk\s*1\s*Not evaluated\s*1\s*Passed\s*1\s*Not checkable offline/);
    expect(sectionsText(html).get('summary')).toMatch(/Framework compliance[^]*CIS Microsoft 365 Foundations Benchmark v7\.0\.0/);
    expect(fixtureFramework(input.result).counts.failed).toBe(1);
  });
});

describe('a bare policy file: no identity, no config, no token protection', () => {
  let model: ReportModel;
  let html: string;
  beforeAll(async () => {
    const dir = tmp();
    const policy = {
      id: '11111111-0000-4000-8000-000000000001',
      displayName: 'Require MFA for guests',
      state: 'enabledForReportingButNotEnforced',
      conditions: {
        users: { includeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'b2bCollaborationGuest,internalGuest', externalTenants: { membershipKind: 'all' } } },
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
      },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    };
    writeFileSync(path.join(dir, 'policies.json'), JSON.stringify({ value: [policy] }));
    writeFileSync(path.join(dir, 'notes.txt'), 'not data');
    const input = await reportInput([dir], { frameworks: () => [] });
    model = buildReportModel(input);
    html = await renderHtml(model);
  });

  it('says what is known of the tenant instead of "Unnamed tenant", and "not stated" for what nobody gave', () => {
    expect(model.tenant.name).toBe('Tenant name not in the export');
    const cover = sectionsText(html).get('cover')!;
    expect(cover).toMatch(/Organisation\s*not stated/);
    expect(cover).toMatch(/Prepared by\s*not stated/);
    expect(cover).toMatch(/Data exported\s*unknown/);
    expect(cover).toMatch(/Classification\s*Confidential/);
    // Default scope and objectives, written from the inputs.
    expect(model.cover.scopeIsDefault).toBe(true);
    expect(model.cover.scope).toContain('1 policy (0 enabled, 1 report-only, 0 disabled)');
    expect(cover).toContain('Approved by');
  });

  it('leaves the token protection section out and closes up the numbers', () => {
    expect(model.tokenProtection).toBeNull();
    expect(html).not.toContain('id="token-protection"');
    expect(model.toc.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5', 'A', 'B', 'C', 'D']);
  });

  it('has no tool-speak and words the policy for a reader', () => {
    expect(scanToolSpeak(html)).toEqual([]);
    expect(html).toContain('Not Conditional Access data, not read: notes.txt.');
    expect(html).toContain('B2B collaboration guests');
  });
});

describe('the posture scale', () => {
  const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  it('follows the documented formula', () => {
    expect(posture({ ...zero, critical: 1, low: 40 }, 10, 0).label).toBe('Critical');
    expect(posture({ ...zero, high: 1 }, 10, 0).label).toBe('Weak');
    expect(posture({ ...zero, medium: 4 }, 10, 0).label).toBe('Fair');
    expect(posture({ ...zero, medium: 5 }, 10, 0).label).toBe('Weak');
    expect(posture({ ...zero, low: 9, info: 3 }, 10, 0).label).toBe('Good');
    expect(posture({ ...zero, low: 10 }, 10, 0).label).toBe('Fair');
    expect(posture(zero, 10, 0).label).toBe('Strong');
    expect(posture(zero, 10, 2).provisional).toMatch(/^Provisional: 2 errors/);
  });

  it('leaves sections out of the plan without reusing numbers', () => {
    const plan = planSections({ tokenProtection: false, frameworks: [] });
    expect(plan.list.map((s) => `${s.number} ${s.heading}`)).toEqual([
      '1 Executive summary',
      '2 Findings by rule',
      '3 Findings by policy',
      '4 Coverage gaps',
      '5 Accepted risk',
      'A Appendix A: Rules run',
      'B Appendix B: Policies in plain language',
      'C Appendix C: Inputs',
      'D Appendix D: Methodology and limits',
    ]);
    expect(plan.byKey.tokenProtection.number).toBe('');
  });
});

describe('licences', () => {
  it('a rule that needs a licence the tenant does not hold is shown as not run, not recommended', async () => {
    const input = await reportInput(['examples/'], { frameworks: () => [] });
    const rule = input.result.rules.find((r) => r.licences.includes('entra-id-p2'));
    expect(rule, 'a built-in rule needs Microsoft Entra ID P2').toBeDefined();
    input.result.licences = { source: 'config', held: ['entra-id-p1'], undetermined: [] };
    input.result.findings = input.result.findings.filter((f) => f.ruleId !== rule!.id);
    const model = buildReportModel(input);
    const view = model.appendixRules.rules.find((r) => r.id === rule!.id)!;
    expect(view.status).toBe('not run: licence');
    expect(view.notRunForLicence).toMatch(/^Not run: requires (.+ and )?Microsoft Entra ID P2( and .+)?, which the tenant does not hold$/);
    expect(model.summary.plan.map((p) => p.risk)).not.toContain(view.risk);
    const html = await renderHtml(model);
    expect(html).toContain(view.notRunForLicence!);
  });
});
