#!/usr/bin/env node
// calint command-line entry. `npm run build` (run by `npm ci`) compiles the TypeScript to dist/ and bundles the
// command line with its built-in rules into dist/calint.mjs, which starts faster than the ~150 separate modules.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/calint.mjs', import.meta.url);
const modules = new URL('../dist/src/cli/main.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : modules;
if (!existsSync(entry)) {
  process.stderr.write('calint: not built yet: run "npm run build" (npm ci and npm install do it for you)\n');
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
process.exitCode = code;
