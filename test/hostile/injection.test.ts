/**
 * Issue 13, "Injection": a tenant string cannot become a CI runner command, a terminal escape sequence, or a link,
 * image or HTML element in the GitHub job summary. The real CLI under GITHUB_ACTIONS=true; the step summary is
 * rendered with markdown-it (CommonMark, GFM tables, linkify and raw HTML on, as GitHub allows some HTML).
 */
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOOD_POLICY, repoRoot, tempDir, write } from './helpers.js';
import { inert, inertDocument, inertLines } from '../../src/report/inert.js';
import { mdCode, mdText } from '../../src/report/markdown-escape.js';

/** Every way a value has been seen to turn into a command, an escape sequence or markup. */
const HOSTILE = [
  'Evil\n::stop-commands::pwned',
  '\r\n  ::add-mask::secret',
  '\n::warning file=README.md,line=1::fake',
  'mid ##[stop-commands]token and ##[error]fake',
  '##vso[task.setvariable variable=x]1',
  '\u001b[2J\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\u001b[8mhidden',
  '\u202eevil\u2066 \u0085next \u2028line',
  '[link](https://evil.example) ![img](https://evil.example/x.png) <img src=x onerror=alert(1)> <a href="https://evil.example">a</a>',
  '@octocat #123 www.evil.example https://evil.example mail@evil.example',
  '| cell | break |\n# heading\n> quote\n- list\n1. item\n```\ncode',
].join(' ');

let dir: string;

beforeAll(() => {
  dir = tempDir('inject');
  // Names that reach every output: a policy (with findings), a group and a named location.
  const policy = {
    ...GOOD_POLICY,
    displayName: HOSTILE,
    conditions: { ...GOOD_POLICY.conditions, clientAppTypes: ['browser'], users: { includeUsers: ['All'], excludeGroups: ['5b1c4d3e-0000-4000-8000-00000000000a'] } },
  };
  write(dir, 'tenant/policies.json', { value: [policy] });
  write(dir, 'tenant/groups.json', { value: [{ id: '5b1c4d3e-0000-4000-8000-00000000000a', displayName: `Group ${HOSTILE}` }] });
});

function run(args: string[], env: Record<string, string> = {}) {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  for (const k of ['FORCE_COLOR', 'CALINT_DEBUG']) delete e[k];
  if (!env.GITHUB_ACTIONS) delete e.GITHUB_ACTIONS;
  if (!env.GITHUB_STEP_SUMMARY) delete e.GITHUB_STEP_SUMMARY;
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin/calint.cjs'), ...args], { cwd: dir, env: e, encoding: 'utf8', timeout: 60_000 });
}

/** The GitHub runner's two parsers (actions/runner ActionCommand.cs): `::` after leading spaces, `##[` anywhere. */
function runnerCommands(log: string): string[] {
  return log.split(/\r?\n|\r/).filter((line) => line.trimStart().startsWith('::') || /##(vso)?\[/i.test(line));
}

/** What a terminal would act on: any ESC, BEL, CR, C1 control or bidirectional override. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminal and CI log output', () => {
  it('lint under GITHUB_ACTIONS: the only workflow commands are the annotations calint writes; nothing else starts with ::', () => {
    const r = run(['lint', 'tenant', '--scope', 'tenant'], { GITHUB_ACTIONS: 'true' });
    expect(r.status).toBe(1);
    const commands = runnerCommands(r.stdout + r.stderr);
    expect(commands.length).toBeGreaterThan(5);
    for (const c of commands) expect(c).toMatch(/^::(error|warning|notice) [^:\n]*::[^\n]*$/);
    expect(commands.join('\n')).not.toMatch(/##\[|##vso\[/i);
    expect(r.stdout + r.stderr).not.toMatch(TERMINAL_CONTROL);
    // The value is still there to read, its controls shown as escapes.
    expect(r.stdout).toContain('Evil\\n::stop-commands::pwned');
    expect(r.stdout).toContain('#\\x23[stop-commands]token');
    expect(r.stdout).toContain('\\x1b[2J');
  });

  for (const format of ['json', 'sarif', 'codequality', 'junit']) {
    it(`lint --format ${format} on stdout: no runner command, no terminal control, and the document still parses to the same values`, () => {
      const r = run(['lint', 'tenant', '--scope', 'tenant', '-f', format]);
      expect(r.status).toBe(1);
      expect(runnerCommands(r.stdout)).toEqual([]);
      expect(r.stdout).not.toMatch(TERMINAL_CONTROL);
      if (format === 'junit') {
        expect(r.stdout).toMatch(/^<\?xml/);
        const x = spawnSync('xmllint', ['--noout', '-'], { input: r.stdout, encoding: 'utf8' });
        expect(x.status, x.stderr).toBe(0);
      } else {
        const doc = JSON.stringify(JSON.parse(r.stdout));
        expect(doc).toContain(JSON.stringify(HOSTILE).slice(1, 40));
      }
    });
  }

  it('whatif and coverage print names inert', () => {
    for (const args of [
      ['whatif', 'tenant', '--user', '0f6e2b1a-0000-4000-8000-0000000000ff', '--app', 'Office 365 Exchange Online', '--client-app', 'browser', '--verbose'],
      ['coverage', 'tenant'],
    ]) {
      const r = run(args, { GITHUB_ACTIONS: 'true' });
      expect(r.stderr).not.toMatch(/internal error/);
      expect(runnerCommands(r.stdout + r.stderr)).toEqual([]);
      expect(r.stdout + r.stderr).not.toMatch(TERMINAL_CONTROL);
      expect(r.stdout).toContain('Evil\\n::stop-commands::pwned');
    }
  });

  it('an error quoting a hostile value is one inert line', () => {
    const r = run(['whatif', 'tenant', '--user', 'nobody\n::add-mask::x\u001b[2J', '--app', 'All'], { GITHUB_ACTIONS: 'true' });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^calint: error: /);
    expect(runnerCommands(r.stderr)).toEqual([]);
    expect(r.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('inert() and inertLines() cover every control character, and keep calint\'s own colours', () => {
    for (let code = 0; code < 0x100; code++) {
      const ch = String.fromCharCode(code);
      if (TERMINAL_CONTROL.test(ch) || ch === '\n') expect(inert(`a${ch}b`)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    const coloured = '\u001b[31mred\u001b[39m value\n  ::not-a-command::x\n\u001b[1m::bold::\u001b[22m';
    expect(inertLines(coloured)).toBe('\u001b[31mred\u001b[39m value\n  \\x3a:not-a-command::x\n\u001b[1m\\x3a:bold::\u001b[22m');
    expect(inertDocument('{\n  "a": "##[error]x \u0085"\n}', 'json')).toBe('{\n  "a": "#\\u0023[error]x \\u0085"\n}');
    expect(inertDocument('<a>\n::x::y ##[warning]</a>', 'xml')).toBe('<a>\n&#58;:x::y #&#35;[warning]</a>');
  });
});

describe('GitHub job summary ($GITHUB_STEP_SUMMARY), rendered as GitHub renders Markdown', () => {
  // GitHub's GFM links only www., http(s):// and e-mail addresses (no bare domains): fuzzyLink off.
  const md = new MarkdownIt({ html: true, linkify: true });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

  function rendered(): { markdown: string; html: string } {
    const summary = path.join(dir, 'summary.md');
    fs.rmSync(summary, { force: true });
    const r = run(['lint', 'tenant', '--scope', 'tenant'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.status).toBe(1);
    const markdown = fs.readFileSync(summary, 'utf8');
    return { markdown, html: md.render(markdown) };
  }

  it('no link, image or HTML element comes from a tenant string; the tags are the table calint writes', () => {
    const { markdown, html } = rendered();
    expect(markdown).toContain('Evil');
    const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['code', 'h2', 'p', 'table', 'tbody', 'td', 'th', 'thead', 'tr'].filter((t) => tags.has(t)).sort());
    expect(html).not.toMatch(/<(a|img|script|blockquote|h1|ol|ul|pre)\b/i);
    // Every table row has the six cells calint wrote: no value broke a cell or a row.
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh]\b/g) ?? []).length);
    expect(new Set(rows)).toEqual(new Set([6]));
    // What GitHub turns into mentions and issue links after rendering is broken by a zero-width space.
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(/@octocat|#123|www\.evil|https:\/\/evil|mail@evil/);
  });

  it('mdText and mdCode hold for every ASCII punctuation run and line-start marker', () => {
    const probes = ['# h', '> q', '- l', '+ l', '1. o', '2) o', '===', '---', '***', '<div>', '&lt;', '&#60;', '`x`', '[a]: https://x.example', '<https://x.example>', 'a\nb', 'x|y'];
    for (const p of probes) {
      const html = md.render(`| a |\n|---|\n| ${mdText(p)} |\n\n${mdText(p)} and ${mdCode(p)}`);
      expect(html, p).not.toMatch(/<(a|img|h1|h2|blockquote|ul|ol|hr|div|pre)\b/i);
      expect(html.replace(/<[^>]+>/g, ''), p).not.toMatch(/&lt;div&gt;.*<|<div/);
    }
  });
});
