import type { LintResult } from '../engine/result-types.js';

/** The versioned LintResult as JSON (schemas/lint-result.schema.json). Key order is fixed by construction. */
export function renderJson(result: LintResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
