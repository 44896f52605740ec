#!/usr/bin/env node
// calint command-line entry (CommonJS: a CommonJS entry starts without Node's ES module loader).
// `npm run build` (run by `npm ci`) compiles the TypeScript to dist/, bundles the command line with its built-in rules
// into dist/calint.cjs, and records V8's code cache for it (dist/calint.cjs.cache) from one warm run. Running the bundle
// through vm.Script with that cache skips most parsing and compiling at start-up. Without the bundle, the compiled
// modules in dist/src run directly.
'use strict';
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'calint.cjs');
const modules = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');

async function loadMain() {
  if (!existsSync(bundle)) {
    if (!existsSync(modules)) {
      process.stderr.write('calint: not built yet: run "npm run build" (npm ci and npm install do it for you)\n');
      process.exit(2);
    }
    return { main: (await import(pathToFileURL(modules).href)).main, script: null, cacheFile: null };
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
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle), pathToFileURL(bundle).href);
  return { main: mod.exports.main, script, cacheFile };
}

async function run() {
  // A reader that goes away (`calint lint … | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const { main, script, cacheFile } = await loadMain();
  const code = await main(process.argv);
  if (script && process.env.CALINT_WRITE_CODE_CACHE) {
    // Written by the build after a representative run, so the functions that ran are in the cache compiled.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  }
  // Everything is written; exiting now skips tearing the heap down. The empty writes resolve once what was written
  // before them is flushed (pipes are asynchronous on some platforms).
  const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

run();
