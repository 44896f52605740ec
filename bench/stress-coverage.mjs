// Benchmark: the coverage walk on adversarial tenants. N policies (20, then 195), each excluding a random half of 100
// groups, 100 apps and 100 named locations, with mixed platforms, client apps, risks and device filters: every policy
// cuts the sign-in space differently, which is what makes coverage expensive. `calint coverage` and `calint lint` run
// through the CLI; time and peak RSS come from /usr/bin/time. Targets (issue 12): 20 policies ≤ 10 s and ≤ 1 GB for
// each command; 195 policies within 60 s, or a stop at the walk's budget with an explicit
// "coverage incomplete: N cells not explored" notice (never an out-of-memory crash, never a silent "no gaps").
// Usage: npm run build && node bench/stress-coverage.mjs [count ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'bench', 'out');

function stressTenant(count, seed = 7) {
  let s = seed >>> 0;
  const rand = () => ((s = (s + 0x6d2b79f5) >>> 0), ((t) => ((t = Math.imul(t ^ (t >>> 15), t | 1)), (t ^= t + Math.imul(t ^ (t >>> 7), t | 61)), ((t ^ (t >>> 14)) >>> 0) / 4294967296))(s));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const half = (list) => list.filter(() => rand() < 0.5);
  const guid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(rand() * 16).toString(16));
  const groups = Array.from({ length: 100 }, (_, i) => ({ id: guid(), displayName: `Stress-Group-${i}`, securityEnabled: true, mailEnabled: false, groupTypes: [] }));
  const apps = Array.from({ length: 100 }, () => guid());
  const locations = Array.from({ length: 100 }, (_, i) => ({
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: guid(),
    displayName: `Site ${i}`,
    isTrusted: i % 3 === 0,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: `10.${i}.0.0/16` }],
  }));
  const platforms = ['android', 'iOS', 'windows', 'macOS', 'linux'];
  const policies = Array.from({ length: count }, (_, i) => ({
    id: guid(),
    displayName: `Stress-${String(i).padStart(3, '0')}`,
    state: 'enabled',
    conditions: {
      users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: half(groups).map((g) => g.id), includeRoles: [], excludeRoles: [] },
      applications: { includeApplications: ['All'], excludeApplications: half(apps), includeUserActions: [] },
      locations: { includeLocations: ['All'], excludeLocations: half(locations).map((l) => l.id) },
      platforms: rand() < 0.5 ? { includePlatforms: ['all'], excludePlatforms: [pick(platforms)] } : null,
      clientAppTypes: pick([['all'], ['browser', 'mobileAppsAndDesktopClients'], ['browser']]),
      signInRiskLevels: rand() < 0.3 ? [pick(['low', 'medium', 'high'])] : [],
      userRiskLevels: rand() < 0.2 ? ['high'] : [],
      devices: rand() < 0.3 ? { deviceFilter: { mode: 'exclude', rule: `device.displayName -startsWith "STRESS-${i}"` } } : null,
    },
    grantControls: { operator: 'OR', builtInControls: [pick(['mfa', 'block', 'mfa'])] },
  }));
  return { policies, groups, locations };
}

function write(count) {
  const dir = path.join(out, `stress-${count}`);
  mkdirSync(path.join(dir, 'directory'), { recursive: true });
  const t = stressTenant(count);
  writeFileSync(path.join(dir, 'policies.json'), JSON.stringify({ value: t.policies }));
  writeFileSync(path.join(dir, 'namedLocations.json'), JSON.stringify({ value: t.locations }));
  writeFileSync(path.join(dir, 'directory', 'groups.json'), JSON.stringify({ value: t.groups }));
  writeFileSync(path.join(out, `stress-${count}.config.json`), '{}');
  return dir;
}

function timed(args) {
  const hasTime = existsSync('/usr/bin/time');
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const full = hasTime ? ['-f', '%e %M', process.execPath, ...args] : args;
  const r = spawnSync(cmd, full, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const [secs, kb] = hasTime ? r.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, NaN];
  return { status: r.status, secs, mb: kb / 1024, stdout: r.stdout, stderr: r.stderr };
}

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}`);
for (const count of counts.length ? counts : [20, 195]) {
  const dir = write(count);
  const config = path.join(out, `stress-${count}.config.json`);
  const cov = timed([path.join(root, 'bin/calint.cjs'), 'coverage', dir, '--config', config, '--format', 'json', '--output', path.join(out, `stress-${count}.coverage.json`)]);
  let covSummary = `exit ${cov.status}`;
  try {
    const r = JSON.parse(require_(path.join(out, `stress-${count}.coverage.json`)));
    covSummary += `, ${r.gaps.length} gaps listed${r.truncated ? ' (more not listed)' : ''}, ${r.nodes} sub-spaces${r.unexploredCells ? `, INCOMPLETE: ${r.unexploredCells} cells not explored` : ''}`;
  } catch {
    covSummary += `: ${cov.stderr.trim().split('\n').slice(-2).join(' | ')}`;
  }
  console.log(`${count} policies: coverage ${cov.secs.toFixed(2)} s, ${cov.mb.toFixed(0)} MB (${covSummary})`);
  const lint = timed([path.join(root, 'bin/calint.cjs'), 'lint', dir, '--config', config, '--format', 'json', '--output', path.join(out, `stress-${count}.lint.json`)]);
  let lintSummary = `exit ${lint.status}`;
  try {
    const r = JSON.parse(require_(path.join(out, `stress-${count}.lint.json`)));
    const incomplete = r.notices.filter((n) => /coverage incomplete/.test(n.message)).length;
    lintSummary += `, ${r.findings.length} findings${incomplete ? `, ${incomplete} rules with "coverage incomplete" notices` : ''}`;
  } catch {
    lintSummary += `: ${lint.stderr.trim().split('\n').slice(-2).join(' | ')}`;
  }
  console.log(`${count} policies: lint     ${lint.secs.toFixed(2)} s, ${lint.mb.toFixed(0)} MB (${lintSummary})`);
}

function require_(file) {
  return spawnSync('cat', [file], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
}
