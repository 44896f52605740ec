/**
 * GitLab Code Quality report (`--format codequality`; a job's `artifacts:reports:codequality`), so findings show in
 * merge requests. GitLab reads a JSON array of issues with the Code Climate fields it documents: description,
 * check_name, fingerprint, severity (info, minor, major, critical, blocker) and location.path + location.lines.begin.
 * The fingerprint is the finding's own (rule id, policy id and pointer), so it stays the same when the export is
 * reformatted or its policies reordered, and GitLab tells new issues from old ones. Suppressed findings are accepted
 * risk and are left out; a tenant-wide finding is placed on the input it is about (finding-location.ts).
 */
import { createHash } from 'node:crypto';
import type { LintResult } from '../engine/result-types.js';
import type { Severity } from '../engine/severity.js';
import { findingLocator } from './finding-location.js';
import { clipResult } from './clip-values.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeQualitySeverity> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: CodeQualitySeverity;
  fingerprint: string;
  location: { path: string; lines: { begin: number } };
}

export function renderCodeQuality(whole: LintResult): string {
  const result = clipResult(whole);
  const locate = findingLocator(result);
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = [];
  for (const f of result.findings) {
    if (f.suppression) continue;
    const at = locate(f);
    if (!at) continue; // nothing was read: there is no file to show it on
    // GitLab keeps one issue per fingerprint; a second finding with the same one gets a derived, equally stable print.
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    const fingerprint = n === 1 ? f.fingerprint : createHash('sha256').update(`${f.fingerprint}\u0000${n}`).digest('hex').slice(0, 32);
    issues.push({
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      categories: ['Security'],
      severity: SEVERITY[f.severity],
      fingerprint,
      location: { path: at.file, lines: { begin: at.line } },
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
