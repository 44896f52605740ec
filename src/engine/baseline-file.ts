/**
 * Baselines: a file of the findings a team has accepted as the starting point. With --baseline, only findings
 * whose fingerprint is not in it fail the run; --update-baseline writes it. Fingerprints come from rule id, policy
 * id and the pointer relative to the policy, so reformatting or reordering the input does not change them.
 */
import { describeReadError, readRegularFile } from '../load/read-regular-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { InputError } from '../load/errors.js';
import { decodeText } from '../load/decode.js';
import { parseJson, JsonSyntaxError } from '../load/parse-json.js';
import type { Finding } from './result-types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  policyId: string | null;
  policyName: string | null;
  message: string;
}

export interface BaselineFile {
  calintBaseline: typeof BASELINE_VERSION;
  tool: string;
  findings: BaselineEntry[];
}

export function readBaseline(file: string): Set<string> {
  let value: unknown;
  try {
    value = parseJson(decodeText(readRegularFile(file, DEFAULT_MAX_FILE_BYTES)).text).value;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError('baseline file not found (create it with --update-baseline)', { file });
    if (e instanceof JsonSyntaxError) throw new InputError(`invalid JSON in baseline: ${e.reason}`, { file });
    throw new InputError(`cannot read baseline: ${describeReadError(e)}`, { file });
  }
  const v = value as Partial<BaselineFile> | null;
  if (!v || typeof v !== 'object' || v.calintBaseline !== BASELINE_VERSION || !Array.isArray(v.findings)) {
    throw new InputError(`not a calint baseline (expected {"calintBaseline": ${BASELINE_VERSION}, "findings": [...]})`, { file, pointer: '' });
  }
  const prints = new Set<string>();
  v.findings.forEach((f, i) => {
    if (!f || typeof f.fingerprint !== 'string') throw new InputError('each finding needs a "fingerprint" string', { file, pointer: `/findings/${i}` });
    prints.add(f.fingerprint);
  });
  return prints;
}

export function markBaseline(findings: Finding[], baseline: Set<string>): Finding[] {
  return findings.map((f) => ({ ...f, baselineState: baseline.has(f.fingerprint) ? 'unchanged' : 'new' }));
}

/** The baseline of a run: every finding not already suppressed, sorted by fingerprint, without positions. */
export function renderBaseline(findings: Finding[], toolVersion: string): string {
  const entries: BaselineEntry[] = findings
    .filter((f) => !f.suppression)
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, policyId: f.policyId, policyName: f.policyName, message: f.message }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const unique = entries.filter((e, i) => i === 0 || entries[i - 1]!.fingerprint !== e.fingerprint);
  const file: BaselineFile = { calintBaseline: BASELINE_VERSION, tool: toolVersion, findings: unique };
  return JSON.stringify(file, null, 2) + '\n';
}
