/** Output is written atomically: a temp file beside the target, then rename. A reader never sees half a file. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.calint-tmp-${process.pid}-${Date.now().toString(36)}-${path.basename(file)}`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
