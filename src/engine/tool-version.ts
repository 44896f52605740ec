import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../model/package-root.js';

/** calint's version, from its package.json (read when asked: a run asks a handful of times). */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
