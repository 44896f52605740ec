#!/usr/bin/env node
// calint command-line entry. The TypeScript sources are compiled to dist/ by `npm run build` (run by `npm ci`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('calint: not built yet: run "npm run build" (npm ci and npm install do it for you)\n');
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
process.exitCode = code;
