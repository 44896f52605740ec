/** The shape of calint.config.json (schemas/config.schema.json), shared by the config reader and the suppressions. */
import type { Severity } from './severity.js';

export interface Suppression {
  rule: string;
  policy?: string;
  pointer?: string;
  justification: string;
  owner?: string;
  expires?: string;
}

export type RuleSetting = boolean | 'off' | 'on' | Severity | { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> };

export interface CalintConfig {
  failOn?: Severity;
  breakGlass?: { users?: string[]; groups?: string[]; namePattern?: string };
  rules?: Record<string, RuleSetting>;
  plugins?: string[];
  suppressions?: Suppression[];
}

