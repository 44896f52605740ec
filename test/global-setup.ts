import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI tests spawn bin/calint.js, which runs the compiled dist/: compile once before any test. */
export default function setup(): void {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
