/**
 * The README's GitLab CI and Azure DevOps recipes, run as their CI systems would run them: every script line in a
 * shell, in a project folder holding a Conditional Access export, with this repository standing in for calint's
 * ("clone" from a bare copy of its committed HEAD, tagged with the release the recipes pin). Only the clone URL, the
 * ref and the commit SHA are filled in, as a user fills in the recipe's variables. npm is told to prefer its cache.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, calintRemote, cleanEnv, readmeYaml, removeTempDirs, runBash, tempDir } from '../helpers/ci-docs.js';

const junitXsd = readFileSync(path.join(REPO_ROOT, 'test/schemas/junit.xsd'), 'utf8');
const validateCodeQuality = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/schemas/gitlab-codequality.schema.json'), 'utf8')),
);
let remote: ReturnType<typeof calintRemote>;

beforeAll(() => {
  remote = calintRemote();
});
afterAll(removeTempDirs);

/** A user's repository: the sample tenant under conditional-access/ and its config at the root. */
function project(): string {
  const dir = tempDir('calint-project-');
  cpSync(path.join(REPO_ROOT, 'examples/northwind'), path.join(dir, 'conditional-access'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'examples/calint.config.json'), path.join(dir, 'calint.config.json'));
  return dir;
}

function variables(doc: Record<string, unknown>): Record<string, string> {
  const vars = Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, String(v ?? '')]));
  expect(Object.keys(vars)).toEqual(['CALINT_REPO', 'CALINT_REF', 'CALINT_SHA']);
  expect(vars.CALINT_REF).toMatch(/^v\d+\.\d+\.\d+$/);
  // What a user fills in: where calint's repository is, the release and its commit.
  return { ...vars, CALINT_REPO: `file://${remote.url}`, CALINT_REF: remote.ref, CALINT_SHA: remote.sha };
}

describe('the GitLab CI recipe', () => {
  it('clones calint at the pinned release, builds it and writes the JUnit and Code Quality reports it declares', async () => {
    const { doc } = readmeYaml('### GitLab CI');
    const job = doc.calint;
    expect(job.image).toMatch(/^node:(2[0-9]|[3-9][0-9])$/);
    const dir = project();
    // GitLab runs the script lines in one shell that stops at the first failing line.
    const script = (job.script as string[]).join('\n');
    expect(script).not.toMatch(/\bnpx\b|npm (i|install) .*calint/);
    const r = await runBash(['-eo', 'pipefail', '-c', script], {
      cwd: dir,
      env: cleanEnv({ ...variables(job.variables), CI: 'true', GITLAB_CI: 'true', npm_config_prefer_offline: 'true' }),
    });
    // The gate: the sample tenant has findings at or above medium, so the job fails with calint's exit code 1.
    expect(r.status, r.stderr.slice(-2000)).toBe(1);
    expect(r.stdout).toContain('CA211-Internals-TokenProtection-Office365-Windows');
    const junit = readFileSync(path.join(dir, job.artifacts.reports.junit), 'utf8');
    const check = await validateXML({ xml: [{ fileName: 'calint-junit.xml', contents: junit }], schema: [{ fileName: 'junit.xsd', contents: junitXsd }] });
    expect(check.valid).toBe(true);
    expect(junit).toMatch(/<testsuites name="calint" tests="\d+" failures="[1-9]\d*"/);
    const issues = JSON.parse(readFileSync(path.join(dir, job.artifacts.reports.codequality), 'utf8'));
    expect(validateCodeQuality(issues)).toBe(true);
    expect(issues.every((i: { location: { path: string } }) => i.location.path.startsWith('conditional-access/'))).toBe(true);
    expect(job.artifacts.when).toBe('always');
  }, 180_000);

  it('stops before running calint when the tag does not point at the pinned commit', async () => {
    const { doc } = readmeYaml('### GitLab CI');
    const install = (doc.calint.script as string[]).slice(0, 2).join('\n');
    const r = await runBash(['-eo', 'pipefail', '-c', install], {
      cwd: project(),
      env: cleanEnv({ ...variables(doc.calint.variables), CALINT_SHA: '0'.repeat(40) }),
    });
    expect(r.status).not.toBe(0);
  }, 60_000);
});

describe('the Azure DevOps recipe', () => {
  it('installs calint at the pinned release, runs it and writes the JUnit file PublishTestResults reads', async () => {
    const { doc } = readmeYaml('### Azure DevOps');
    const steps = doc.steps as Array<Record<string, any>>;
    expect(steps[0]).toMatchObject({ task: 'UseNode@1' });
    const publish = steps.find((s) => s.task === 'PublishTestResults@2')!;
    expect(publish).toMatchObject({ condition: 'always()', inputs: { testResultsFormat: 'JUnit' } });
    const dir = project();
    const staging = path.join(dir, 'staging');
    mkdirSync(staging);
    // Azure Pipelines gives variables to scripts as environment variables (Build.ArtifactStagingDirectory as
    // BUILD_ARTIFACTSTAGINGDIRECTORY) and fails a step on its script's exit code.
    const env = cleanEnv({ ...variables(doc.variables), BUILD_ARTIFACTSTAGINGDIRECTORY: staging, TF_BUILD: 'True', npm_config_prefer_offline: 'true' });
    const scripts = steps.filter((s) => 'script' in s);
    expect(scripts.map((s) => s.displayName)).toEqual(['Install calint', 'calint']);
    const install = await runBash(['--noprofile', '--norc', '-c', scripts[0]!.script], { cwd: dir, env });
    expect(install.status, install.stderr.slice(-2000)).toBe(0);
    const lint = await runBash(['--noprofile', '--norc', '-c', scripts[1]!.script], { cwd: dir, env });
    expect(lint.status, lint.stderr).toBe(1);
    const file = publish.inputs.testResultsFiles.replace('$(Build.ArtifactStagingDirectory)', staging);
    const junit = readFileSync(file, 'utf8');
    expect((await validateXML({ xml: [{ fileName: 'j.xml', contents: junit }], schema: [{ fileName: 'junit.xsd', contents: junitXsd }] })).valid).toBe(true);
  }, 180_000);
});
