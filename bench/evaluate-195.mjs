// Benchmarks of the evaluation engine (issue 5), on a generated 195-policy tenant using every condition kind
// (bench/generate-tenant.mjs generateRichTenant):
//  1. evaluator throughput: policy × scenario evaluations per second on one core (compiled policies, prepared
//     scenarios; target >= 1,000,000/s);
//  2. a full `calint coverage` run through the CLI (target <= 5 s and <= 500 MB peak RSS).
// Usage: npm run build && node bench/evaluate-195.mjs   (BENCH_SCENARIOS, BENCH_RUNS to change the sizes)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeRichTenant } from './generate-tenant.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;
const { loadTenant } = await import(dist('engine/load-tenant.js'));
const { compiledPolicies, conditionsMatch } = await import(dist('evaluate/whatif/evaluate.js'));
const { prepareFacts } = await import(dist('evaluate/whatif/facts.js'));

const tenantDir = path.join(root, 'bench', 'out', 'rich-195');
const t = writeRichTenant(tenantDir, 195);
const { index } = await loadTenant([tenantDir], { cwd: root });
const compiled = compiledPolicies(index);

// Random, fully described scenarios (seeded): users, groups, guests, roles, apps, platforms, IPs, risks, devices.
let seed = 99;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0), seed / 4294967296);
const pick = (list) => list[Math.floor(rand() * list.length)];
const apps = ['00000002-0000-0ff1-ce00-000000000000', '00000003-0000-0ff1-ce00-000000000000', '797f4846-ba00-4fd7-ba43-dac1f8f63013', 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', '00000009-0000-0000-c000-000000000000', '11111111-2222-3333-4444-555555555555'];
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 2000);
const scenarios = Array.from({ length: SCENARIOS }, () => {
  const guest = rand() < 0.2;
  return {
    identity: {
      kind: 'user',
      userId: pick(t.users).id,
      groupIds: rand() < 0.5 ? [pick(t.groups).id] : [],
      roleIds: rand() < 0.2 ? ['62e90394-69f5-4237-9190-012177145e10'] : [],
      guestType: guest ? pick(['internalGuest', 'b2bCollaborationGuest', 'b2bDirectConnectUser', 'serviceProvider']) : null,
      homeTenantId: '99999999-0000-4000-8000-000000000000',
    },
    target: { kind: 'application', appId: pick(apps) },
    platform: pick(['android', 'iOS', 'windows', 'macOS', 'linux', 'unknown']),
    clientApp: pick(['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other']),
    ip: rand() < 0.5 ? `203.0.${Math.floor(rand() * 40)}.${1 + Math.floor(rand() * 250)}` : `2001:db8:${Math.floor(rand() * 40).toString(16)}::${Math.floor(rand() * 999)}`,
    country: pick(['US', 'DE', 'FR', 'CN', 'KP', 'unknown']),
    signInRisk: pick(['none', 'low', 'medium', 'high']),
    userRisk: pick(['none', 'low', 'high']),
    insiderRisk: pick(['none', 'minor', 'elevated']),
    authenticationFlow: pick(['none', 'none', 'deviceCodeFlow']),
    device: rand() < 0.4 ? null : { trustType: pick(['AzureAD', 'ServerAD', 'Workplace']), isCompliant: rand() < 0.5, deviceOwnership: pick(['Company', 'Personal']), systemLabels: rand() < 0.2 ? ['CloudPC'] : [] },
  };
});
const facts = scenarios.map((s) => prepareFacts(index, s));

// Warm up, then time whole passes (every policy against every scenario) on this one thread.
let applies = 0;
const pass = () => {
  let n = 0;
  for (let j = 0; j < facts.length; j++) {
    const f = facts[j];
    for (let i = 0; i < compiled.length; i++) if (conditionsMatch(compiled[i], f) === 1) n++;
  }
  return n;
};
for (let w = 0; w < 3; w++) applies = pass();
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rates = [];
for (let r = 0; r < RUNS; r++) {
  const start = process.hrtime.bigint();
  pass();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rates.push((compiled.length * facts.length) / seconds);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)];

// Full coverage run through the CLI, cold, with peak RSS.
const hasTime = existsSync('/usr/bin/time');
const args = [path.join(root, 'bin/calint.cjs'), 'coverage', tenantDir, '--break-glass', t.breakGlass.join(','), '-f', 'json', '-o', path.join(root, 'bench', 'out', 'coverage-195.json')];
const times = [];
let rss = NaN;
for (let r = 0; r < 3; r++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(hasTime ? '/usr/bin/time' : process.execPath, hasTime ? ['-f', '%M', process.execPath, ...args] : args, { cwd: root, encoding: 'utf8' });
  times.push(Number(process.hrtime.bigint() - start) / 1e9);
  if (run.status !== 0) throw new Error(`calint coverage exited ${run.status}: ${run.stderr}`);
  if (hasTime) rss = Math.max(Number.isNaN(rss) ? 0 : rss, Number(run.stderr.trim().split('\n').at(-1)) / 1024);
}
times.sort((a, b) => a - b);
const { readFileSync } = await import('node:fs');
const cov = JSON.parse(readFileSync(path.join(root, 'bench', 'out', 'coverage-195.json'), 'utf8'));

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}`);
console.log(`tenant: 195 policies (${compiled.filter((c) => c.state === 'enabled').length} enabled), ${t.locations.length} named locations, ${t.users.length} users, ${t.groups.length} groups`);
console.log(`evaluator: ${compiled.length} policies x ${facts.length} scenarios, ${RUNS} timed passes: median ${fmt(median)} evaluations/s (min ${fmt(rates[0])}, max ${fmt(rates.at(-1))}); ${applies} applying pairs per pass`);
console.log(`  target >= 1,000,000/s: ${median >= 1e6 ? 'PASS' : 'FAIL'}`);
console.log(`coverage (CLI, cold): median ${times[1].toFixed(2)} s (min ${times[0].toFixed(2)}, max ${times[2].toFixed(2)}), peak RSS ${rss.toFixed(1)} MB; ${cov.gaps.length} gaps (${cov.expectedGaps} expected), ${cov.nodes} sub-spaces`);
console.log(`  target <= 5 s and <= 500 MB: ${times[1] <= 5 && !(rss > 500) ? 'PASS' : 'FAIL'}`);
