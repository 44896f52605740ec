#!/usr/bin/env node
// npm run build:
// 1. compile TypeScript to dist/ (the library, the rule files, what tests and rule packs import);
// 2. copy the generated standalone validators beside it;
// 3. bundle the command line with every built-in rule into one file, dist/calint.mjs, so that start-up loads one
//    module instead of ~150 (the rule files are found by walking rules/ now, exactly as the registry would).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
cpSync(path.join(root, 'src/model/generated/validators.js'), path.join(root, 'dist/src/model/generated/validators.js'));

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
    "import { useBundledBuiltInRules } from './src/engine/registry.js';",
    ...rules.map((f, i) => `import * as rule${i} from './rules/${f}';`),
    `useBundledBuiltInRules([${rules.map((f, i) => `{ file: ${JSON.stringify(f)}, exports: rule${i} }`).join(', ')}]);`,
    "export { main } from './src/cli/main.js';",
    '',
  ].join('\n'),
);
const { build } = await import('esbuild');
await build({
  entryPoints: [entry],
  outfile: path.join(root, 'dist/calint.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded only when needed (glob patterns, rule options from a config, the report's templates, the PDF browser): keep them
  // out of start-up.
  external: ['glob', 'ajv', 'handlebars', 'puppeteer', 'puppeteer-core'],
  // Built-in rules resolve their folder from import.meta.url: the bundle lives in dist/, the rules in dist/rules.
  define: {},
  banner: { js: "import { createRequire as __calintCreateRequire } from 'node:module'; const require = __calintCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
rmSync(entry);
