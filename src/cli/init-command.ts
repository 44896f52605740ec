/** `calint init`: a starter calint.config.json with its "$schema" and the break-glass section to fill in. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../load/errors.js';
import { CONFIG_FILE_NAME } from '../engine/config.js';
import { writeFileAtomic } from '../report/write-output.js';

export function starterConfig(): string {
  const config = {
    $schema: './node_modules/calint/schemas/config.schema.json',
    failOn: 'medium',
    breakGlass: {
      users: ['<object id of break-glass account 1>', '<object id of break-glass account 2>'],
      groups: [],
    },
    rules: {},
    plugins: [],
    suppressions: [],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

export function runInit(cwd: string, file: string | undefined, force: boolean): string {
  const target = path.resolve(cwd, file ?? CONFIG_FILE_NAME);
  if (existsSync(target) && !force) {
    throw new InputError(`${path.relative(cwd, target) || target} already exists; use --force to overwrite it`);
  }
  writeFileAtomic(target, starterConfig());
  return target;
}
