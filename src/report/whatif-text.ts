/** Terminal output of `calint whatif` and `calint coverage`, and their JSON forms. */
import type { TenantIndex } from '../model/tenant-index.js';
import type { Colors } from './colors.js';
import { describeScenario, type Scenario } from '../evaluate/whatif/scenario.js';
import type { GrantControl, WhatIfResult } from '../evaluate/whatif/evaluate.js';
import type { SessionOutcome } from '../evaluate/whatif/session.js';
import type { CoverageResult } from '../evaluate/coverage/index.js';
import { syntheticName } from '../evaluate/coverage/synthetic.js';
import { inert } from './inert.js';

const nameFn = (index: TenantIndex) => (kind: 'user' | 'application' | 'servicePrincipal' | 'role' | 'group', id: string) =>
  syntheticName(id) ?? index.nameOf(kind, id);

function control(c: GrantControl): string {
  switch (c.kind) {
    case 'builtIn':
      return c.control;
    case 'authenticationStrength':
      return `authentication strength "${inert(c.name)}"`;
    case 'termsOfUse':
      return `terms of use (${inert(c.ids.join(', '))})`;
    case 'customControl':
      return `custom control (${inert(c.ids.join(', '))})`;
  }
}

export function describeSession(s: SessionOutcome, policyName: (id: string) => string): string[] {
  const by = (ids: string[]) => ` (${ids.map(policyName).join(', ')})`;
  const out: string[] = [];
  if (s.signInFrequencyHours) out.push(`sign-in frequency ${s.signInFrequencyHours.value === 0 ? 'every time' : `${s.signInFrequencyHours.value} h`}${by(s.signInFrequencyHours.policyIds)}`);
  if (s.persistentBrowser) out.push(`persistent browser session ${s.persistentBrowser.value}${by(s.persistentBrowser.policyIds)}`);
  if (s.tokenProtection) out.push(`token protection${by(s.tokenProtection.policyIds)}`);
  if (s.applicationEnforcedRestrictions) out.push(`app enforced restrictions${by(s.applicationEnforcedRestrictions.policyIds)}`);
  if (s.cloudAppSecurity) out.push(`Defender for Cloud Apps: ${s.cloudAppSecurity.value}${by(s.cloudAppSecurity.policyIds)}`);
  if (s.continuousAccessEvaluation) out.push(`continuous access evaluation: ${s.continuousAccessEvaluation.value}${by(s.continuousAccessEvaluation.policyIds)}`);
  if (s.disableResilienceDefaults) out.push(`resilience defaults disabled${by(s.disableResilienceDefaults.policyIds)}`);
  return out;
}

export function renderWhatIf(index: TenantIndex, r: WhatIfResult, c: Colors, verbose: boolean): string {
  const lines: string[] = [];
  const o = r.outcome;
  const names = new Map(r.policies.map((p) => [p.policyId, p.policyName]));
  const policyName = (id: string) => inert(names.get(id) ?? id);
  const listNames = (ps: ReadonlyArray<{ policyName: string }>) => ps.map((p) => inert(p.policyName)).join(', ');
  lines.push(c.bold(`What if: ${inert(describeScenario(r.scenario, nameFn(index)))}`), '');
  if (o.decision === 'blocked') lines.push(`${c.red(c.bold('BLOCKED'))} by ${listNames(o.blockedBy)}`);
  else if (o.decision === 'allowed') lines.push(`${c.yellow(c.bold('ALLOWED'))} with no grant control: no enforced policy applies`);
  else if (o.requirements.length === 0) {
    lines.push(`${c.green(c.bold('GRANT'))} with no grant control to satisfy: ${listNames(o.applying)} ${o.applying.length === 1 ? 'applies' : 'apply'} with session controls only`);
  } else {
    lines.push(`${c.green(c.bold('GRANT'))} if every one of these is satisfied:`);
    for (const req of o.requirements) lines.push(`  • ${inert(req.policyName)}: ${req.controls.map(control).join(` ${req.operator} `)}`);
    const sessionOnly = o.applying.filter((p) => !o.requirements.some((r) => r.policyId === p.policyId));
    if (sessionOnly.length) lines.push(`  (also applying, with session controls only: ${listNames(sessionOnly)})`);
  }
  if (!o.certain) lines.push(c.yellow(`  (not certain: ${o.undetermined.length} enforced polic${o.undetermined.length === 1 ? 'y' : 'ies'} might also apply — see below)`));
  const session = describeSession(o.session, policyName);
  if (session.length) lines.push('', 'Session:', ...session.map((s) => `  • ${s}`));
  if (o.reportOnly.length) {
    lines.push('', 'Report-only (evaluated, not enforced):');
    for (const p of o.reportOnly) lines.push(`  • ${inert(p.policyName)}${p.applies === 'cannotTell' ? ' (might apply)' : ' (would apply)'}`);
  }
  if (o.undetermined.length) {
    lines.push('', 'Cannot tell (enforced):');
    for (const p of o.undetermined) lines.push(`  • ${inert(p.policyName)} (${inert(p.conditions.join(', '))}): ${inert(p.needs.join('; '))}`);
  }
  const counts = { applies: 0, doesNotApply: 0, cannotTell: 0 };
  for (const p of r.policies) counts[p.applies]++;
  lines.push('', `Policies: ${r.policies.length} (${counts.applies} apply, ${counts.doesNotApply} do not, ${counts.cannotTell} cannot tell)`);
  for (const p of r.policies) {
    if (!verbose && p.applies === 'doesNotApply') continue;
    const tag = p.applies === 'applies' ? c.green('applies    ') : p.applies === 'cannotTell' ? c.yellow('cannot tell') : c.dim('not        ');
    const state = p.state === 'enabled' ? '' : c.dim(` [${p.state === 'disabled' ? 'disabled' : 'report-only'}]`);
    lines.push(`  ${tag} ${inert(p.policyName)}${state}${p.reasons.length ? c.dim(` — ${inert(p.reasons.map((x) => x.text).join('; '))}`) : ''}`);
  }
  if (!verbose && counts.doesNotApply) lines.push(c.dim(`  (${counts.doesNotApply} that do not apply hidden; --verbose lists them with the reason)`));
  return lines.join('\n') + '\n';
}

function formatCount(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : 'too many';
}

export function renderCoverage(index: TenantIndex, r: CoverageResult, c: Colors): string {
  const lines: string[] = [];
  const open = r.gaps.filter((g) => !g.expected);
  lines.push(c.bold(`Coverage: ${r.protectingPolicies.length} ${r.reportOnlyAsEnabled ? 'enabled or report-only' : 'enabled'} polic${r.protectingPolicies.length === 1 ? 'y protects' : 'ies protect'} sign-ins (${r.protection}).`));
  const incomplete = r.unexploredCells > 0;
  if (incomplete) {
    lines.push(
      c.yellow(
        `coverage incomplete: ${formatCount(r.unexploredCells)} cells not explored (the walk stopped at its budget of distinct sub-spaces); ` +
          'the gaps below are some of the gaps, and "no gap" cannot be concluded.',
      ),
    );
  }
  lines.push(
    open.length === 0 && !incomplete
      ? c.green(`No gaps${r.expectedGaps ? ` (${r.expectedGaps} expected: break-glass)` : ''}: every sign-in the policies distinguish is protected.`)
      : c.red(
          `${open.length}${r.truncated ? '+' : ''} gap${open.length === 1 ? '' : 's'} where a sign-in needs no MFA and is not blocked${r.expectedGaps ? `, plus ${r.expectedGaps} expected (break-glass)` : ''}` +
            `${r.truncated ? ' (the listing stops here; more exist)' : ''}:`,
        ),
  );
  r.gaps.forEach((g, i) => {
    lines.push('');
    const head = `${i + 1}. ${g.expected ? c.dim(`[expected: ${inert(g.expected)}] `) : ''}`;
    const cell = Object.entries(g.cell)
      .filter(([, v]) => v !== 'any')
      .map(([d, v]) => `${d}: ${inert(String(v))}`);
    lines.push(head + (cell.length ? cell.join(' · ') : 'every sign-in'));
    lines.push(`   witness: ${inert(describeScenario(g.witness, nameFn(index)))}`);
    for (const n of g.nearMisses) lines.push(c.dim(`   nearly: "${inert(n.policyName)}" — ${inert(n.reasons.map((x) => x.text).join('; ')) || 'applies'}`));
    if (g.nearMisses.length === 0) lines.push(c.dim('   nearly: no policy that requires MFA or blocks comes close'));
  });
  lines.push('', c.dim(`Walked the sign-in space in ${r.nodes} distinct sub-spaces. Limits: ${r.limits.length} (see --format json).`));
  return lines.join('\n') + '\n';
}

export function renderCoverageJson(r: CoverageResult, generatedAt: string): string {
  return JSON.stringify({ schemaVersion: 1, kind: 'calint-coverage', generatedAt, ...r }, null, 2) + '\n';
}

export function renderWhatIfJson(r: WhatIfResult, generatedAt: string, name: string | null = null): string {
  return JSON.stringify({ schemaVersion: 1, kind: 'calint-whatif', generatedAt, ...(name !== null ? { name } : {}), ...r }, null, 2) + '\n';
}

/** Many sign-ins (`whatif --scenarios`): one document, one result per line of the scenarios file, in order. */
export function renderWhatIfBatchJson(results: Array<{ line: number; name: string | null; result: WhatIfResult }>, generatedAt: string): string {
  const entries = results.map(({ line, name, result }) => ({ line, ...(name !== null ? { name } : {}), ...result }));
  return JSON.stringify({ schemaVersion: 1, kind: 'calint-whatif-batch', generatedAt, results: entries }, null, 2) + '\n';
}

export type { Scenario };
export { witnessFields, gapSummary } from '../evaluate/coverage/coverage-words.js';

