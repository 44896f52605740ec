/**
 * The fuzz driver: runs calint's command line in this process (src/cli/main.ts, the same code the binary bundles) on
 * one mutated input and checks what must hold for every input whatever its bytes:
 *
 * - the exit code is 0, 1 or 2, and nothing is printed as an internal error or a stack trace;
 * - every stderr line is one of calint's (`calint: error:`, `calint: warning:`, `calint: wrote`, a note);
 * - an input that could not be read gives exit 2 and one `calint: error:` line naming it (and a line:column when the
 *   problem has one);
 * - the input is byte-identical afterwards;
 * - JSON output parses.
 *
 * Not a test file: the unit suite (test/fuzz/fuzz.test.ts, examples and test fixtures) and the corpus suite
 * (test/corpus/fuzz-corpus.test.ts) use it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

export interface FuzzOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `calint <args>` in this process with stdout and stderr captured. */
export async function runInProcess(args: string[], cwd: string): Promise<FuzzOutcome> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const previous = process.cwd();
  process.chdir(cwd);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()), true)) as typeof process.stderr.write;
  try {
    const exitCode = await main(['node', 'calint', ...args]);
    return { exitCode, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.chdir(previous);
  }
}

export interface Violation {
  rule: string;
  detail: string;
}

const CALINT_LINE = /^calint: (error|warning|wrote|break-glass accounts not configured|stopped by)\b/;

/** What must hold for one run of `lint <file> --format json` (see the module comment). */
export function checkLintRun(run: FuzzOutcome, file: string): Violation[] {
  const v: Violation[] = [];
  if (![0, 1, 2].includes(run.exitCode)) v.push({ rule: 'exit code 0, 1 or 2', detail: String(run.exitCode) });
  if (/internal error/.test(run.stderr)) v.push({ rule: 'no internal error', detail: run.stderr.split('\n').find((l) => l.includes('internal error'))! });
  if (/^\s+at .+:\d+:\d+\)?$/m.test(run.stderr + run.stdout)) v.push({ rule: 'no stack trace', detail: run.stderr.slice(0, 500) });
  const lines = run.stderr.split('\n').filter(Boolean);
  for (const line of lines) if (!CALINT_LINE.test(line)) v.push({ rule: "every stderr line is calint's", detail: line.slice(0, 300) });
  let result: { inputs?: Array<{ path: string; status: string }>; errors?: Array<{ file: string | null; line: number | null; message: string }> } | null = null;
  if (run.stdout.trim() !== '') {
    try {
      result = JSON.parse(run.stdout);
    } catch (e) {
      v.push({ rule: 'JSON output parses', detail: (e as Error).message });
    }
  }
  const unreadable = result?.inputs?.some((i) => i.path === file && i.status === 'error');
  if (unreadable) {
    if (run.exitCode !== 2) v.push({ rule: 'an unreadable input exits 2', detail: String(run.exitCode) });
    const named = lines.filter((l) => l.startsWith(`calint: error: ${file}`));
    if (named.length !== 1) v.push({ rule: 'one located error line for an unreadable input', detail: lines.join(' | ').slice(0, 500) });
    const located = result?.errors?.filter((e) => e.file === file) ?? [];
    for (const e of located) {
      if (e.line != null && !named.some((l) => l.includes(`${file}:${e.line}:`))) v.push({ rule: 'the error line gives line:column', detail: named.join(' | ').slice(0, 300) });
    }
  }
  if (run.exitCode === 2 && !lines.some((l) => l.startsWith('calint: error: '))) v.push({ rule: 'exit 2 says why on stderr', detail: run.stderr.slice(0, 300) });
  return v;
}

/**
 * The files a run wrote besides stdout: each JSON one parses, each XML one is well-formed enough to have one root
 * element that is closed (the CI suite validates JUnit against its schema). A run that stopped with exit 2 before
 * writing wrote none, which is fine.
 */
export function checkFileOutputs(dir: string, jsonFiles: string[], xmlFiles: string[]): Violation[] {
  const v: Violation[] = [];
  for (const f of jsonFiles) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) continue;
    try {
      JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      v.push({ rule: `${f} parses`, detail: (e as Error).message });
    }
  }
  for (const f of xmlFiles) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) continue;
    const xml = fs.readFileSync(file, 'utf8');
    if (!/^<\?xml [^>]*\?>\n<testsuites\b[\s\S]*<\/testsuites>\n$/.test(xml)) v.push({ rule: `${f} is one <testsuites> document`, detail: xml.slice(0, 200) });
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) v.push({ rule: `${f} holds only characters XML allows`, detail: '' });
  }
  return v;
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** A fresh folder for one case, removed by the caller. */
export function caseDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'calint-fuzz-'));
}

/** Counts for the closing summary: runs, exit codes, mutation kinds, violations. */
export class Tally {
  runs = 0;
  /** Runs in which the mutated input could not be read at all (exit 2 with its located error line). */
  unreadable = 0;
  readonly exits = new Map<number, number>();
  readonly kinds = new Map<string, number>();
  readonly violations: Array<{ seed: string; mutation: string; violation: Violation }> = [];

  add(kind: string, exitCode: number): void {
    this.runs++;
    this.exits.set(exitCode, (this.exits.get(exitCode) ?? 0) + 1);
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
  }

  summary(): string {
    const exits = [...this.exits].sort((a, b) => a[0] - b[0]).map(([c, n]) => `exit ${c}: ${n}`).join(', ');
    const kinds = [...this.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    return `${this.runs} inputs (${exits}; ${this.unreadable} unreadable); mutations: ${kinds}; violations: ${this.violations.length}`;
  }
}
