/** The coverage analysis as the report reads it (computed by src/evaluate/coverage/coverage-summary.ts). */
export type { CoverageForReport, CoverageGapForReport } from '../../evaluate/coverage/summary-types.js';
