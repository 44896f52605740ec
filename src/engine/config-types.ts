/** The shape of calint.config.json (schemas/config.schema.json), shared by the config reader and the suppressions. */
import type { Severity } from './severity.js';
import type { LicenceId } from '../model/licences.js';

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
  /** The tenant's licences; when set, rules that need a licence not listed do not run (a notice says so). */
  licences?: LicenceId[];
  /** Document control for the audit report (schemas/config.schema.json#/properties/report). */
  report?: ReportConfig;
}

export interface ReportConfig {
  organization?: string;
  title?: string;
  preparedBy?: string;
  reviewedBy?: string;
  version?: string;
  classification?: string;
  scope?: string;
  objectives?: string;
  signOff?: Array<{ role: string; name?: string }>;
}

