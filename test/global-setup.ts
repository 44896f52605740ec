import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI tests spawn bin/calint.cjs, which runs the compiled dist/: build once before any test. */
export default function setup(): void {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
