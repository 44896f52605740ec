/**
 * The rule fixtures under test/rules/<category>/<name>/{pass,fail}/, shared by rule-fixtures.test.ts and
 * rule-registry.test.ts. Layout (../../STYLE.md "Fixtures"):
 *   <case>.json            a file calint can load (Graph list response, one policy, template or calint snapshot)
 *   <case>.expected.json   fail/ only: [{ messageId, policyId, pointer }] in the engine's order
 *   <case>.config.json     optional: the calint config for this case (e.g. break-glass ids); else empty.config.json
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test/rules');
/** Used when a case has no <case>.config.json, so nothing is inherited from a calint.config.json nearby. */
export const EMPTY_CONFIG = 'test/rules/empty.config.json';

export type FixtureKind = 'pass' | 'fail';

export interface ExpectedFinding {
  messageId: string;
  policyId: string | null;
  pointer: string | null;
  /**
   * Tenant-wide findings of a requirement: the uncovered cells (each dimension's class, or "any"), and the policies that
   * came closest with the conditions that keep each from covering the first gap.
   */
  gaps?: Array<Record<string, string>>;
  nearMisses?: Array<{ policyId: string | null; reasons: string[] }>;
}

export interface RuleFixture {
  /** `<category>/<name>`, from the folder. */
  ruleId: string;
  kind: FixtureKind;
  /** The case name (file name without .json). */
  name: string;
  /** Repo-relative, forward slashes: the input passed to lint(). */
  file: string;
  /** Repo-relative config file passed to lint() (the case's own, or EMPTY_CONFIG). */
  configFile: string;
  /** Repo-relative expected file (fail fixtures), or null when it does not exist. */
  expectedFile: string | null;
}

const SIDE_FILE = /\.(expected|config)\.json$/;

const toRepoPath = (absolute: string) => path.relative(REPO_ROOT, absolute).split(path.sep).join('/');

/** Every file below test/rules whose parent folder is pass/ or fail/, sorted (repo-relative paths). */
export function listCaseFolderFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (['pass', 'fail'].includes(path.basename(dir))) out.push(toRepoPath(full));
    }
  };
  walk(FIXTURES_DIR);
  return out.sort();
}

/** The fixtures: `test/rules/**\/{pass,fail}/*.json` without `*.expected.json` and `*.config.json`. */
export function listFixtures(): RuleFixture[] {
  return listCaseFolderFiles()
    .filter((file) => file.endsWith('.json') && !SIDE_FILE.test(file))
    .map((file) => {
      const folder = path.posix.dirname(file);
      const kind = path.posix.basename(folder) as FixtureKind;
      const ruleId = path.posix.relative('test/rules', path.posix.dirname(folder));
      const base = file.slice(0, -'.json'.length);
      const config = `${base}.config.json`;
      const expected = `${base}.expected.json`;
      return {
        ruleId,
        kind,
        name: path.posix.basename(base),
        file,
        configFile: existsSync(path.join(REPO_ROOT, config)) ? config : EMPTY_CONFIG,
        expectedFile: existsSync(path.join(REPO_ROOT, expected)) ? expected : null,
      };
    });
}

export function readJson(repoPath: string): unknown {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, repoPath), 'utf8'));
}

export function readExpected(fixture: RuleFixture): ExpectedFinding[] {
  if (!fixture.expectedFile) throw new Error(`${fixture.file}: fail fixture without ${fixture.name}.expected.json`);
  return readJson(fixture.expectedFile) as ExpectedFinding[];
}
