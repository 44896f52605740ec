/** The what-if engine: scenarios, compiled policies, evaluation and the combined outcome. */
export * from './scenario.js';
export { NO, YES, UNKNOWN, prepareFacts, type Facts, type Tri } from './facts.js';
export type { AnalysisReason, Dimension, Check } from './conditions.js';
export * from './evaluate.js';
export type { SessionOutcome, SessionSettings } from './session.js';
