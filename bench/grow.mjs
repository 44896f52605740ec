// Benchmark: grow one dimension of a tenant at a time and time `calint lint` on each size, so that linearity shows
// (issue 13: duplicate keys, builtInControls, includeRoles, includeLocations and the policy count each had quadratic
// time or memory). Targets: the largest size of the four list dimensions lints in <= 3 s and <= 500 MB; the policy
// count grows linearly (the last doubling at most x2.5 the time, where quadratic is x4) within 500 MB.
//
// Usage: npm run build && npm run bench:grow
//   BENCH_DIMENSIONS=roles,locations   only these dimensions
//   BENCH_SCALE=0.25                   every size times this (a quick look)
//   BENCH_TIMEOUT=120                  seconds before a run is stopped (the larger sizes of that dimension are skipped)
//   BENCH_RUNS=2                       runs per size: the shortest time and the largest peak RSS are printed
//
// Inputs are written to bench/out/grow/. Every tenant but the policy-count one is examples/northwind (38 policies,
// its directory, named locations and strengths; linted with examples/calint.config.json, so every rule runs) with one
// policy mutated the way a hostile or broken export would be:
//   dupKeys           the last policy object carries N extra keys, each written twice: N duplicate keys
//   builtInControls   CA101's grantControls.builtInControls holds N entries (the five real controls, repeated)
//   includeRoles      CA100's conditions.users.includeRoles holds N distinct role ids (unknown to the tenant)
//   includeLocations  CA012's conditions.locations.includeLocations holds N distinct named-location ids (unknown)
//   policies          a Graph list of N small, distinct policies (no directory), linted as a tenant
//   excludeGroups     one policy excluding N group ids the export does not hold, linted alone with --scope tenant and
//                     no config, so break-glass accounts are inferred: every one of the N is a candidate (found by the
//                     fuzz suite: 41 583 took minutes, each exclusion rule compared every candidate with every list)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'bench', 'out', 'grow');
const northwind = path.join(root, 'examples', 'northwind');
const config = path.join(root, 'examples', 'calint.config.json');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT ?? 120);
// The shortest of a few runs: other work on a shared machine only ever adds time.
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const TARGET_SECONDS = 3;
const TARGET_MB = 500;
const LINEAR_DOUBLING = 2.5;

const hex12 = (i) => i.toString(16).padStart(12, '0');
const uuid = (prefix, i) => `${prefix}-0000-4000-8000-${hex12(i)}`;

/** The examples tenant in `dir`, with `mutate(policies)` applied to its policies.json (as text: `write` gets the text). */
function northwindWith(dir, mutate) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(northwind, dir, { recursive: true });
  const file = path.join(dir, 'policies.json');
  const list = JSON.parse(readFileSync(file, 'utf8'));
  const text = mutate(list) ?? JSON.stringify(list, null, 2);
  writeFileSync(file, text);
}

const byName = (list, prefix) => list.value.find((p) => p.displayName.startsWith(prefix));

const DIMENSIONS = {
  dupKeys: {
    sizes: [25_000, 50_000, 100_000, 200_000],
    unit: 'duplicate keys',
    write: (dir, n) =>
      northwindWith(dir, (list) => {
        // JSON.stringify cannot repeat a key: splice N copies into the text of the first policy.
        const text = JSON.stringify(list, null, 2);
        // The last policy: by then the parser has recorded the positions of the whole file (the old parser rescanned
        // them all for every duplicate).
        const marker = `"id": "${list.value.at(-1).id}",`;
        // N keys, each written twice: N duplicates, and N positions recorded before the first of them.
        const keys = Array.from({ length: n }, (_, i) => `"x-${i}": ${i},`).join('\n');
        const copies = `${keys}\n${keys}`;
        return text.replace(marker, `${marker}\n${copies}`);
      }),
  },
  builtInControls: {
    sizes: [6_250, 12_500, 25_000, 50_000],
    unit: 'grant controls',
    write: (dir, n) =>
      northwindWith(dir, (list) => {
        const controls = ['compliantDevice', 'domainJoinedDevice', 'mfa', 'compliantApplication', 'approvedApplication'];
        byName(list, 'CA101').grantControls.builtInControls = Array.from({ length: n }, (_, i) => controls[i % controls.length]);
      }),
  },
  includeRoles: {
    sizes: [3_125, 6_250, 12_500, 25_000],
    unit: 'role ids',
    write: (dir, n) =>
      northwindWith(dir, (list) => {
        const users = byName(list, 'CA100').conditions.users;
        users.includeRoles = [...users.includeRoles, ...Array.from({ length: n }, (_, i) => uuid('bbbbbbbb', i))];
      }),
  },
  includeLocations: {
    sizes: [1_562, 3_125, 6_250, 12_500],
    unit: 'location ids',
    write: (dir, n) =>
      northwindWith(dir, (list) => {
        const locations = byName(list, 'CA012').conditions.locations;
        locations.includeLocations = [...locations.includeLocations, ...Array.from({ length: n }, (_, i) => uuid('cccccccc', i))];
      }),
  },
  excludeGroups: {
    sizes: [3_125, 6_250, 12_500, 25_000],
    unit: 'group ids, break-glass inferred',
    args: ['--scope', 'tenant'],
    noConfig: true,
    write: (dir, n) => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const policy = {
        id: uuid('ffffffff', 0),
        displayName: 'Block legacy authentication',
        state: 'enabled',
        conditions: {
          users: { includeUsers: ['All'], excludeGroups: Array.from({ length: n }, (_, i) => uuid('abababab', i)) },
          applications: { includeApplications: ['All'] },
          clientAppTypes: ['exchangeActiveSync', 'other'],
        },
        grantControls: { operator: 'OR', builtInControls: ['block'] },
      };
      writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy, null, 2));
    },
  },
  policies: {
    sizes: [195, 3_125, 6_250, 12_500, 25_000],
    unit: 'policies',
    target: 'linear',
    write: (dir, n) => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const controls = [['mfa'], ['compliantDevice', 'domainJoinedDevice'], ['block']];
      const apps = ['All', 'Office365', '00000002-0000-0ff1-ce00-000000000000', '797f4846-ba00-4fd7-ba43-dac1f8f63013'];
      // Distinct (each excludes a user of its own), named by the examples' convention, excluding the break-glass group.
      const value = Array.from({ length: n }, (_, i) => ({
        id: uuid('dddddddd', i),
        displayName: `CA${String(i % 1000).padStart(3, '0')}-Global-Generated-${i}`,
        state: ['enabled', 'enabledForReportingButNotEnforced', 'disabled'][i % 3],
        conditions: {
          users: { includeUsers: ['All'], excludeUsers: [uuid('eeeeeeee', i)], excludeGroups: ['8bfbe870-2bde-498c-aefa-8022a77e5f84'] },
          applications: { includeApplications: [apps[i % apps.length]] },
          clientAppTypes: ['all'],
        },
        grantControls: { operator: i % 2 ? 'OR' : 'AND', builtInControls: controls[i % controls.length] },
      }));
      const odata = 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies';
      writeFileSync(path.join(dir, 'policies.json'), JSON.stringify({ '@odata.context': odata, value }, null, 2));
    },
  },
};

const hasTime = existsSync('/usr/bin/time');
// coreutils timeout inside /usr/bin/time: the run itself is killed when it takes too long (killing /usr/bin/time
// would leave it running), and time still reports its peak RSS.
const hasTimeout = existsSync('/usr/bin/timeout');

/** The shortest of `runs` cold CLI runs, with the largest peak RSS; null when one ran out of time. */
function lint(dir, dim = {}) {
  let best = null;
  for (let i = 0; i < runs; i++) {
    const r = lintOnce(dir, dim);
    if (!r) return null;
    best = !best ? r : { ...(r.seconds < best.seconds ? r : best), rss: Math.max(r.rss, best.rss) };
    if (r.seconds > timeoutSeconds / 2) break; // one slow run says enough
  }
  return best;
}

/** One cold CLI run: seconds, peak RSS (MB), exit code; null when it ran out of time. */
function lintOnce(dir, dim) {
  const args = [
    path.join(root, 'bin/calint.cjs'),
    'lint',
    dir,
    ...(dim.noConfig ? [] : ['--config', config]),
    ...(dim.args ?? []),
    '--format',
    'json',
    '--output',
    path.join(out, 'result.json'),
  ];
  const node = hasTimeout ? ['/usr/bin/timeout', '-s', 'KILL', String(timeoutSeconds), process.execPath] : [process.execPath];
  const [cmd, ...full] = hasTime ? ['/usr/bin/time', '-f', '%e %M', ...node, ...args] : [...node, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: root, encoding: 'utf8', timeout: (timeoutSeconds + 30) * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.signal || r.status === 137 || /terminated by signal 9/.test(r.stderr ?? '')) return null;
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const rss = hasTime ? Number(last.split(' ')[1]) / 1024 : NaN;
  const internal = /internal error|failed:/.test(r.stderr)
    ? r.stderr.split('\n').find((l) => /internal error|failed:/.test(l))
    : r.status !== 0 && r.status !== 1 && r.status !== 2
      ? `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-3, -1).join(' / ').slice(0, 200)}`
      : null;
  return { seconds, rss, exit: r.status, internal };
}

const selected = (process.env.BENCH_DIMENSIONS ?? Object.keys(DIMENSIONS).join(',')).split(',').map((d) => d.trim());
mkdirSync(out, { recursive: true });
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.log(`each size: the shortest of ${runs} cold run(s) of calint lint <tenant> --config examples/calint.config.json --format json --output …`);

// The unchanged tenant: what every northwind size costs before its dimension adds anything.
const baseDir = path.join(out, 'northwind');
northwindWith(baseDir, () => undefined);
lint(baseDir); // warm the file system cache and the code cache
const base = lint(baseDir);
if (!base) throw new Error('the unchanged examples tenant did not lint in time');
console.log(`baseline (examples/northwind unchanged): ${base.seconds.toFixed(2)} s, ${base.rss.toFixed(0)} MB\n`);

let failed = false;
for (const name of selected) {
  const dim = DIMENSIONS[name];
  if (!dim) throw new Error(`unknown dimension ${name}; known: ${Object.keys(DIMENSIONS).join(', ')}`);
  console.log(`${name} (${dim.unit})`);
  console.log('      size   time (s)   peak RSS (MB)   exit   time above baseline, vs half the size');
  let previous = null;
  for (const size of dim.sizes.map((s) => Math.round(s * scale))) {
    const dir = path.join(out, name);
    dim.write(dir, size);
    const r = lint(dir, dim);
    if (!r) {
      console.log(`${String(size).padStart(10)}   > ${timeoutSeconds} s: stopped; larger sizes skipped`);
      failed = true;
      break;
    }
    // Policy-count tenants have no northwind in them: their growth is measured from zero. Below 0.1 s above the
    // baseline a ratio says nothing (start-up noise).
    const above = (x) => x.seconds - (name === 'policies' || name === 'excludeGroups' ? 0 : base.seconds);
    const growth = !previous ? '' : above(previous) < 0.1 ? '(too close to the baseline to compare)' : `x${(above(r) / above(previous)).toFixed(2)} for x${(size / previous.size).toFixed(1)} the size`;
    r.growth = previous && above(previous) >= 0.1 ? above(r) / above(previous) : null;
    console.log(
      `${String(size).padStart(10)}   ${r.seconds.toFixed(2).padStart(8)}   ${r.rss.toFixed(0).padStart(13)}   ${String(r.exit).padStart(4)}   ${growth}` +
        (r.internal ? `\n            ! ${r.internal}` : ''),
    );
    if (r.internal) failed = true;
    previous = { ...r, size };
  }
  if (previous && previous.size === Math.round(dim.sizes.at(-1) * scale)) {
    const rssOk = Number.isNaN(previous.rss) || previous.rss <= TARGET_MB;
    if (dim.target === 'linear') {
      const pass = previous.growth !== null && previous.growth <= LINEAR_DOUBLING && rssOk;
      if (!pass) failed = true;
      const g = previous.growth === null ? 'n/a' : `x${previous.growth.toFixed(2)}`;
      console.log(`  last doubling: ${g} the time (target <= x${LINEAR_DOUBLING}; quadratic is x4), ${previous.seconds.toFixed(2)} s, ${previous.rss.toFixed(0)} MB (target <= ${TARGET_MB} MB): ${pass ? 'PASS' : 'FAIL'}\n`);
    } else {
      const pass = previous.seconds <= TARGET_SECONDS && rssOk;
      if (!pass) failed = true;
      console.log(`  largest size: ${previous.seconds.toFixed(2)} s (target <= ${TARGET_SECONDS} s), ${previous.rss.toFixed(0)} MB (target <= ${TARGET_MB} MB): ${pass ? 'PASS' : 'FAIL'}\n`);
    }
  } else {
    console.log('  largest size not reached: FAIL\n');
  }
}
console.log(failed ? 'verdict: FAIL (see above)' : 'verdict: PASS');
