/**
 * Helpers for the tests of the CI recipes and the GitHub Action: the README's YAML blocks, a shell runner that does
 * not block the event loop (a test may serve HTTP meanwhile), a "remote" to clone calint from, and a small runner for
 * composite actions that evaluates the `${{ }}` expressions action.yml uses and runs its steps as GitHub's runner does
 * (`bash --noprofile --norc -eo pipefail <file>`, GITHUB_OUTPUT per step).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../..');

const created: string[] = [];

/** A temporary folder, removed by removeTempDirs() (clones with node_modules weigh some 200 MB each). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The first ```yaml block after the Markdown heading `heading` (e.g. "### GitLab CI"). */
export function readmeYaml(heading: string, file = path.join(REPO_ROOT, 'README.md')): { text: string; doc: any } {
  const md = readFileSync(file, 'utf8');
  const at = md.indexOf(`\n${heading}\n`);
  if (at === -1) throw new Error(`README.md has no heading "${heading}"`);
  const m = /```yaml\n([\s\S]*?)```/.exec(md.slice(at));
  if (!m) throw new Error(`no yaml block after "${heading}"`);
  return { text: m[1]!, doc: parse(m[1]!) };
}

export interface ShellRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a bash script file or `-c` text asynchronously. */
export function runBash(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** The environment for a CI-like shell: this process's, minus what would make calint behave differently. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...extra };
  for (const k of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'FORCE_COLOR']) if (!(k in extra)) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('npm_lifecycle') || k === 'npm_package_json') delete env[k];
  return env;
}

/**
 * A bare repository cloned from this one (committed HEAD), with the release tag `v<version>` the recipes pin to:
 * what a user's CI clones from calint's repository.
 */
export function calintRemote(): { url: string; ref: string; sha: string } {
  const dir = tempDir('calint-remote-');
  const url = path.join(dir, 'calint.git');
  execFileSync('git', ['clone', '--quiet', '--bare', '--no-local', REPO_ROOT, url]);
  const version = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
  const ref = `v${version}`;
  const sha = execFileSync('git', ['-C', url, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  execFileSync('git', ['-C', url, 'tag', '--force', ref, sha]);
  return { url, ref, sha };
}

// ---- GitHub Actions expressions: the subset action.yml and the example workflows use ----

type Value = string | number | boolean | null | Record<string, unknown> | unknown[];

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||[()!,])|([A-Za-z_][\w.\-*]*)|(\d+(?:\.\d+)?))/y;
  let at = 0;
  while (src.slice(at).trim()) {
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) throw new Error(`cannot read expression "${src}" at ${at}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    at = re.lastIndex;
  }
  return tokens;
}

function lookup(context: Record<string, unknown>, name: string): Value {
  let v: unknown = context;
  for (const part of name.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v === undefined ? null : (v as Value);
}

function truthy(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === '');
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a).toLowerCase() === String(b).toLowerCase();
  return a === b || (a === null && b === '') || (a === '' && b === null);
}

export function evaluate(expr: string, context: Record<string, unknown>): Value {
  const tokens = tokenize(expr);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++]!;
  const primary = (): Value => {
    const t = next();
    if (t === '(') {
      const v = or();
      next();
      return v;
    }
    if (t === '!') return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (peek() === '(') {
      next();
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') next();
      }
      next();
      if (['always', 'success'].includes(t)) return true;
      if (['failure', 'cancelled'].includes(t)) return false;
      throw new Error(`function ${t}() is not supported here`);
    }
    return lookup(context, t);
  };
  const comparison = (): Value => {
    let v = primary();
    while (peek() === '==' || peek() === '!=') {
      const op = next();
      const r = primary();
      v = op === '==' ? equal(v, r) : !equal(v, r);
    }
    return v;
  };
  const and = (): Value => {
    let v = comparison();
    while (peek() === '&&') {
      next();
      const r = comparison();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const v = or();
  if (i !== tokens.length) throw new Error(`unexpected "${tokens[i]}" in "${expr}"`);
  return v;
}

/** Replaces every `${{ … }}` in a string with its value. */
export function interpolate(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => {
    const v = evaluate(e, context);
    return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** An `if:` condition: with or without `${{ }}`. */
export function condition(text: string | undefined, context: Record<string, unknown>): boolean {
  if (text === undefined) return true;
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return truthy(evaluate(m ? m[1]! : text, context));
}

export interface StepRecord {
  id: string | undefined;
  ran: boolean;
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** For `uses:` steps (not run here): the action and its evaluated `with:`. */
  uses?: { action: string; with: Record<string, string>; continueOnError: boolean };
}

export interface ActionRun {
  steps: StepRecord[];
  outputs: Record<string, string>;
  /** Non-zero when a step failed (what would fail the caller's job). */
  status: number;
  summary: string;
}

function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/**
 * Runs a composite action's steps: `run` steps in bash as the runner does; `uses` steps are recorded, not run (with
 * the outputs given in `fakeUses`). Stops at the first failing step, as a job would.
 */
export async function runCompositeAction(options: {
  actionFile: string;
  actionPath: string;
  workspace: string;
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  env?: Record<string, string>;
}): Promise<ActionRun> {
  const action = parse(readFileSync(options.actionFile, 'utf8'));
  const temp = tempDir('calint-runner-');
  const summary = path.join(temp, 'step-summary.md');
  writeFileSync(summary, '');
  const context: Record<string, any> = { github: options.github, inputs: {}, steps: {}, env: {}, runner: { temp } };
  for (const [name, spec] of Object.entries<any>(action.inputs ?? {})) {
    context.inputs[name] = name in options.inputs ? options.inputs[name] : interpolate(String(spec.default ?? ''), context);
  }
  const steps: StepRecord[] = [];
  let status = 0;
  for (const [n, step] of (action.runs.steps as any[]).entries()) {
    if (!condition(step.if, context)) {
      steps.push({ id: step.id, ran: false, status: 0, stdout: '', stderr: '', outputs: {} });
      if (step.id) context.steps[step.id] = { outputs: {}, outcome: 'skipped' };
      continue;
    }
    if (step.uses) {
      const withs = Object.fromEntries(Object.entries<string>(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), context)]));
      const coe = step['continue-on-error'];
      const continueOnError = typeof coe === 'string' ? condition(coe, context) : Boolean(coe);
      steps.push({ id: step.id, ran: true, status: 0, stdout: '', stderr: '', outputs: {}, uses: { action: step.uses, with: withs, continueOnError } });
      continue;
    }
    const script = path.join(temp, `step-${n}.sh`);
    writeFileSync(script, step.run);
    const outputFile = path.join(temp, `output-${n}`);
    writeFileSync(outputFile, '');
    const stepEnv = Object.fromEntries(Object.entries<string>(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), context)]));
    const env = cleanEnv({
      ...options.env,
      ...stepEnv,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: temp,
      GITHUB_API_URL: String(options.github.api_url ?? 'https://api.github.invalid'),
      GITHUB_REPOSITORY: String(options.github.repository ?? 'contoso/tenant'),
    });
    const r = await runBash(['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: options.workspace, env });
    const outputs = readOutputs(outputFile);
    steps.push({ id: step.id, ran: true, status: r.status, stdout: r.stdout, stderr: r.stderr, outputs });
    if (step.id) context.steps[step.id] = { outputs, outcome: r.status === 0 ? 'success' : 'failure' };
    if (r.status !== 0) {
      status = r.status;
      break;
    }
  }
  const outputs = Object.fromEntries(
    Object.entries<any>(action.outputs ?? {}).map(([k, spec]) => [k, interpolate(String(spec.value ?? ''), context)]),
  );
  return { steps, outputs, status, summary: readFileSync(summary, 'utf8') };
}
