/** A rule may give some of its messages another severity than its own; a severity set in the config wins over both. */
import { describe, expect, it } from 'vitest';
import { activateRules, runRules } from '../../src/engine/run-rules.js';
import { ruleProblem } from '../../src/engine/registry.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { buildSnapshot } from '../../src/model/build-snapshot.js';
import { loadInputs } from '../../src/load/load-inputs.js';
import { NO_BREAK_GLASS } from '../../src/evaluate/break-glass.js';
import { REPO_ROOT } from '../rules/fixtures.js';

const rule = defineRule({
  id: 'demo/two-kinds',
  catalogue: 'CA-000',
  title: 'Demo',
  severity: 'high',
  rationale: 'r',
  remediation: 'm',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/overview'],
  messages: { defect: () => 'a defect', form: () => 'a note about form' },
  messageSeverity: { form: 'info' },
  check: ({ index, finding }) => index.policies.slice(0, 1).flatMap((p) => [finding(p, 'defect', { pointer: '/state' }), finding(p, 'form', { pointer: '/displayName' })]),
});

async function run(config: Parameters<typeof activateRules>[1]) {
  const load = await loadInputs(['examples/northwind/policies.json'], { cwd: REPO_ROOT, maxFileBytes: 25 * 1048576 });
  const built = buildSnapshot(load);
  const active = activateRules([{ rule, source: 'builtin', file: 'demo.ts' }], config);
  return runRules(active, built.index, { breakGlass: NO_BREAK_GLASS, asOf: '2026-01-01T00:00:00.000Z', scope: 'tenant' }, load.locate).findings;
}

describe('message severity', () => {
  it('gives each message its own severity', async () => {
    const findings = await run({});
    expect(findings.map((f) => [f.messageId, f.severity]).sort()).toEqual([
      ['defect', 'high'],
      ['form', 'info'],
    ]);
  });

  it('lets a severity from the config apply to every message', async () => {
    const findings = await run({ rules: { 'demo/two-kinds': 'low' } });
    expect(findings.map((f) => f.severity)).toEqual(['low', 'low']);
  });

  it('refuses a messageSeverity that names no message or no severity', () => {
    expect(ruleProblem({ ...rule, messageSeverity: { nope: 'info' } })).toMatch(/names message "nope"/);
    expect(ruleProblem({ ...rule, messageSeverity: { form: 'minor' } })).toMatch(/messageSeverity\.form/);
  });
});
