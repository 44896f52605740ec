#!/usr/bin/env node
// calint command-line entry. `npm run build` (run by `npm ci`) compiles the TypeScript to dist/, bundles the command
// line with its built-in rules into dist/calint.cjs, and records V8's code cache for it (dist/calint.cjs.cache) from
// one warm run. Running the bundle through vm.Script with that cache skips most parsing and compiling at start-up.
// Without the bundle, the compiled modules in dist/src run directly.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/calint.cjs', import.meta.url));
const modules = new URL('../dist/src/cli/main.js', import.meta.url);

async function loadMain() {
  if (!existsSync(bundle)) {
    if (!existsSync(modules)) {
      process.stderr.write('calint: not built yet: run "npm run build" (npm ci and npm install do it for you)\n');
      process.exit(2);
    }
    return { main: (await import(modules.href)).main, script: null };
  }
  // The bundle's dynamic imports (glob patterns, rule packs, the report's templates and browser) go through this.
  globalThis.__calintImport = (specifier) => import(specifier);
  const cacheFile = `${bundle}.cache`;
  let cachedData;
  try {
    cachedData = process.env.CALINT_WRITE_CODE_CACHE ? undefined : readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // no cache (or unreadable): V8 compiles as usual
  }
  const source = readFileSync(bundle, 'utf8');
  const wrapper = `(function (exports, require, module, __filename, __dirname, __calintMetaUrl) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle), pathToFileURL(bundle).href);
  return { main: module.exports.main, script, cacheFile };
}

const { main, script, cacheFile } = await loadMain();
const code = await main(process.argv);
if (script && process.env.CALINT_WRITE_CODE_CACHE) {
  // Written by the build after a representative run, so the functions that run compiled are in the cache too.
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, cacheFile);
}
process.exitCode = code;
