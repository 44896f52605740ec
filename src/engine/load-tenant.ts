/** Load inputs and build the indexed snapshot, for commands that evaluate a tenant without running rules. */
import { loadInputs } from '../load/load-inputs.js';
import { buildSnapshot } from '../model/build-snapshot.js';
import type { TenantIndex } from '../model/tenant-index.js';

export { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';

export interface LoadedTenant {
  index: TenantIndex;
  load: Awaited<ReturnType<typeof loadInputs>>;
  built: ReturnType<typeof buildSnapshot>;
}

export async function loadTenant(inputs: string[], options: { cwd: string; maxFileBytes?: number; exclude?: string[] }): Promise<LoadedTenant> {
  const load = await loadInputs(inputs, { cwd: options.cwd, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, exclude: options.exclude ?? [] });
  const built = buildSnapshot(load);
  return { index: built.index, load, built };
}
