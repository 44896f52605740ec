// Benchmark: lint a generated 195-policy tenant (the service maximum) through the CLI, compared with bare
// `node -e 0` start-up. Target (issue 3): within 150 ms of bare node start, max RSS <= 150 MB.
// Usage: npm run bench   (builds nothing: run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTenant } from './generate-tenant.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'bench', 'out');
const tenant = path.join(out, 'tenant-195');
writeTenant(tenant, 195);
const config = path.join(out, 'calint-195.config.json');
const hasTime = existsSync('/usr/bin/time');

function once(args) {
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const full = hasTime ? ['-f', '%M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return { ms, rss: hasTime ? Number(r.stderr.trim().split('\n').at(-1)) / 1024 : NaN };
}

// Bare node and calint run alternately, so a noisy stretch of the machine (a shared VM) weighs on both alike; the
// overhead is the median of the paired differences.
const lintArgs = [path.join(root, 'bin/calint.cjs'), 'lint', tenant, '--config', config, '--format', 'json', '--output', path.join(out, 'result.json')];
once(lintArgs); // warm the file system cache
const pairs = [];
for (let i = 0; i < RUNS; i++) pairs.push({ bare: once(['-e', '0']), lint: once(lintArgs) });
const stats = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return { median: v[Math.floor(v.length / 2)], min: v[0], max: v.at(-1) };
};
const bare = { ...stats(pairs.map((p) => p.bare.ms)), rssMax: Math.max(...pairs.map((p) => p.bare.rss)) };
const lint = { ...stats(pairs.map((p) => p.lint.ms)), rssMax: Math.max(...pairs.map((p) => p.lint.rss)) };
const over = stats(pairs.map((p) => p.lint.ms - p.bare.ms)).median;
const size = statSync(path.join(tenant, 'policies.json')).size;
const fmt = (n) => n.toFixed(1);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}, ${RUNS} runs each`);
console.log(`input: 195 policies, policies.json ${(size / 1024).toFixed(0)} KiB`);
console.log(`node -e 0        median ${fmt(bare.median)} ms (min ${fmt(bare.min)}, max ${fmt(bare.max)}), max RSS ${fmt(bare.rssMax)} MB`);
console.log(`calint lint 195  median ${fmt(lint.median)} ms (min ${fmt(lint.min)}, max ${fmt(lint.max)}), max RSS ${fmt(lint.rssMax)} MB`);
console.log(`overhead over bare node (median of ${RUNS} paired differences): ${fmt(over)} ms (target <= 150 ms): ${over <= 150 ? 'PASS' : 'FAIL'}`);
console.log(`max RSS: ${fmt(lint.rssMax)} MB (target <= 150 MB): ${lint.rssMax <= 150 ? 'PASS' : Number.isNaN(lint.rssMax) ? 'n/a (no /usr/bin/time)' : 'FAIL'}`);
