#!/usr/bin/env node
// npm run build:
// 1. compile TypeScript to dist/ (the library, the rule files, what tests and rule packs import), and remove what an
//    earlier build left there for a source that is gone (a deleted or renamed rule would otherwise still be bundled,
//    loaded and packed);
// 2. copy the generated standalone validators beside it;
// 3. bundle the command line with every built-in rule into one CommonJS file, dist/calint.cjs, so that start-up loads
//    one script instead of ~150 modules (the rule files are found by walking rules/ now, exactly as the registry would);
// 4. run it once on examples/ and keep V8's code cache of that warm run (dist/calint.cjs.cache): bin/calint.cjs runs
//    the bundle through vm.Script with it, so start-up skips most parsing and compiling.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
cpSync(path.join(root, 'src/model/generated/validators.js'), path.join(root, 'dist/src/model/generated/validators.js'));
execFileSync(process.execPath, [path.join(root, 'scripts/precompile-templates.mjs')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'scripts/precompile-rule-options.mjs')], { cwd: root, stdio: 'inherit' });

/** Deletes outputs under dist/<dir> whose source (<dir>/….ts, or a .js copied as it is) no longer exists. */
function pruneStale(dir) {
  const walk = (rel) => {
    for (const e of readdirSync(path.join(root, 'dist', rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        walk(r);
        if (readdirSync(path.join(root, 'dist', r)).length === 0) rmdirSync(path.join(root, 'dist', r));
        continue;
      }
      const base = r.replace(/\.d\.ts$|\.js$/, '');
      if (base === r) continue;
      if (!existsSync(path.join(root, `${base}.ts`)) && !(r.endsWith('.js') && existsSync(path.join(root, r)))) {
        rmSync(path.join(root, 'dist', r));
      }
    }
  };
  if (existsSync(path.join(root, 'dist', dir))) walk(dir);
}
pruneStale('src');
pruneStale('rules');

function ruleFiles(dir, rel = '') {
  return readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return ruleFiles(dir, r);
      return e.name.endsWith('.js') ? [r] : [];
    });
}

const rules = ruleFiles(path.join(root, 'dist/rules'));
const entry = path.join(root, 'dist/.calint-entry.mjs');
writeFileSync(
  entry,
  [
    "import { main as runCli } from './src/cli/main.js';",
    ...rules.map((f, i) => `import * as rule${i} from './rules/${f}';`),
    `const builtInRules = [${rules.map((f, i) => `{ file: ${JSON.stringify(f)}, exports: rule${i} }`).join(', ')}];`,
    'export function main(argv) { return runCli(argv, { builtInRules }); }',
    '',
  ].join('\n'),
);
const { build } = await import('esbuild');
await build({
  entryPoints: [entry],
  outfile: path.join(root, 'dist/calint.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Loaded only when needed (glob patterns, rule options from a config, the report's templates, the PDF browser): keep them
  // out of start-up.
  external: ['glob', 'ajv', 'handlebars', 'puppeteer', 'puppeteer-core'],
  // import.meta.url (built-in rules and package files are found from it) is the bundle's URL, passed in by bin/calint.cjs.
  define: { 'import.meta.url': '__calintMetaUrl' },
  legalComments: 'none',
  // Less to read and hash at start-up; identifiers are kept, so stack traces (CALINT_DEBUG) stay readable.
  minifyWhitespace: !process.env.CALINT_BUILD_READABLE,
  logLevel: 'warning',
});
rmSync(entry);
rmSync(path.join(root, 'dist/calint.mjs'), { force: true });

// The code cache comes from a run that lints the sample tenant: what that run compiled is cached too.
const cache = path.join(root, 'dist/calint.cjs.cache');
rmSync(cache, { force: true });
const out = path.join(os.tmpdir(), `calint-build-${process.pid}.json`);
const warm = spawnSync(process.execPath, [path.join(root, 'bin/calint.cjs'), 'lint', path.join(root, 'examples'), '--format', 'json', '--output', out], {
  cwd: root,
  env: { ...process.env, CALINT_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
});
rmSync(out, { force: true });
if (!existsSync(cache)) {
  // Not fatal: without the cache calint starts slower, nothing else changes.
  process.stderr.write(`build: warning: no code cache written (calint exited ${warm.status}): ${warm.stderr.trim().split('\n')[0] ?? ''}\n`);
}
