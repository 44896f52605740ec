#!/usr/bin/env node
// npm run build: compile TypeScript to dist/ and copy the generated standalone validators beside it.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
cpSync(path.join(root, 'src/model/generated/validators.js'), path.join(root, 'dist/src/model/generated/validators.js'));
