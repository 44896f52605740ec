/**
 * Finding a Chromium for the PDF, in this order:
 * 1. --chrome-path, CALINT_CHROME_PATH, PUPPETEER_EXECUTABLE_PATH (one that is set but missing is an error);
 * 2. the browser puppeteer downloaded (only when the optional `puppeteer` package is installed);
 * 3. fixed install paths; 4. the same names on PATH; 5. an error naming the fixes (CALINT_NO_CHROME, exit 2).
 */
import { importModule } from '../../load/import-module.js';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../load/errors.js';

export class BrowserNotFoundError extends InputError {
  readonly code = 'CALINT_NO_CHROME';
}

export interface FoundBrowser {
  path: string;
  /** Where it was found: "--chrome-path", "CALINT_CHROME_PATH", "puppeteer", "/usr/bin/chromium", "PATH". */
  source: string;
}

const FIXES =
  'install one: "npx puppeteer browsers install chrome-headless-shell" (then set PUPPETEER_EXECUTABLE_PATH to the path it prints), ' +
  'or "apt-get install chromium" (Debian/Ubuntu), or point calint at an installed Chrome/Chromium/Edge with --chrome-path <file> ' +
  'or PUPPETEER_EXECUTABLE_PATH=<file>';

export const NO_CHROME_MESSAGE = `CALINT_NO_CHROME: no Chrome or Chromium found to print the PDF; ${FIXES}. The html and md formats need no browser.`;

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'msedge'];

function fixedPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.flatMap((r) => [
      path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
  ];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const name of NAMES) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, name + ext);
        if (isFile(candidate)) return candidate;
      }
    }
  }
  return null;
}

/** The browser puppeteer installed in its cache, when the optional `puppeteer` package is there. */
async function fromPuppeteer(): Promise<string | null> {
  type PuppeteerModule = { default?: { executablePath?: (arg?: unknown) => string } };
  let mod: PuppeteerModule;
  try {
    mod = await importModule<PuppeteerModule>('puppeteer');
  } catch {
    return null;
  }
  const executablePath = mod.default?.executablePath;
  if (typeof executablePath !== 'function') return null;
  for (const arg of [undefined, { headless: 'shell' }]) {
    try {
      // executablePath() returns the cache path even when nothing was downloaded: check the file.
      const candidate = arg === undefined ? executablePath() : executablePath(arg);
      if (candidate && isFile(candidate)) return candidate;
    } catch {
      // not downloaded, or an unsupported platform
    }
  }
  return null;
}

export interface BrowserLookupOptions {
  chromePath?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** For tests: skip the optional puppeteer package. */
  skipPuppeteer?: boolean;
}

export async function findBrowser(options: BrowserLookupOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const explicit: Array<[string, string | undefined]> = [
    ['--chrome-path', options.chromePath],
    ['CALINT_CHROME_PATH', env.CALINT_CHROME_PATH],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH],
  ];
  for (const [source, value] of explicit) {
    if (!value) continue;
    if (!isFile(value)) {
      throw new BrowserNotFoundError(
        `CALINT_NO_CHROME: ${source} names ${JSON.stringify(value)}, which ${existsSync(value) ? 'is not a file' : 'does not exist'}; ` +
          `fix the path, or unset it to let calint search; ${FIXES}.`,
      );
    }
    return { path: value, source };
  }
  if (!options.skipPuppeteer) {
    const cached = await fromPuppeteer();
    if (cached) return { path: cached, source: 'puppeteer' };
  }
  for (const candidate of fixedPaths(platform, env)) {
    if (isFile(candidate)) return { path: candidate, source: candidate };
  }
  const found = onPath(env, platform);
  if (found) return { path: found, source: 'PATH' };
  throw new BrowserNotFoundError(NO_CHROME_MESSAGE);
}
