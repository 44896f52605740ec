/**
 * Suppressions from the config: accepted risks with a justification, an owner and an expiry date. A matching
 * finding stays in the result (json, SARIF, the report's accepted-risk register) but does not fail the run.
 * An expired suppression stops applying and becomes a finding of its own; one that matches nothing is reported.
 */
import { createHash } from 'node:crypto';
import type { CalintConfig, Suppression } from './config-types.js';
import type { Finding, RuleSummary } from './result-types.js';

export type { Suppression } from './config-types.js';

export const EXPIRED_SUPPRESSION_RULE: RuleSummary = {
  id: 'calint/expired-suppression',
  title: 'Suppressions are renewed or removed before they expire',
  risk: 'An accepted risk has passed its review date and is still in the configuration',
  priority: 2,
  effort: 'low',
  userImpact: 'none',
  licences: [],
  severity: 'medium',
  category: 'calint',
  catalogue: [],
  rationale: 'An accepted risk has an expiry date so that it is reviewed. Once it has passed, the finding it covered fails the run again.',
  remediation: 'Fix the finding, or review the risk and extend the suppression\'s "expires" date with a fresh justification.',
  references: [],
  frameworks: {},
  source: 'engine',
};

export const UNUSED_SUPPRESSION_RULE: RuleSummary = {
  id: 'calint/unused-suppression',
  title: 'Every suppression still matches a finding',
  risk: 'A suppression matches no finding: it is dead configuration or a mistyped rule, policy or pointer',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  licences: [],
  severity: 'low',
  category: 'calint',
  catalogue: [],
  rationale: 'A suppression that matches nothing is dead configuration: the finding was fixed, or the rule id, policy or pointer is mistyped.',
  remediation: 'Remove the suppression, or correct its rule, policy or pointer.',
  references: [],
  frameworks: {},
  source: 'engine',
};

export interface SuppressionOutcome {
  findings: Finding[];
  /** Findings about the suppressions themselves (expired, unused). */
  metaFindings: Finding[];
  metaRules: RuleSummary[];
}

/** `*` matches one pointer segment, `**` any number of segments. */
function pointerPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function applySuppressions(
  findings: Finding[],
  config: CalintConfig,
  configFile: string | null,
  asOf: string,
  locateInConfig: (pointer: string) => { line: number; column: number } | undefined,
  aliases: Map<string, string>,
): SuppressionOutcome {
  const list = config.suppressions ?? [];
  if (list.length === 0) return { findings, metaFindings: [], metaRules: [] };
  const today = asOf.slice(0, 10);
  const used = new Set<number>();
  const meta: Finding[] = [];

  const matches = (s: Suppression, f: Finding) => {
    const rule = aliases.get(s.rule) ?? s.rule;
    if (rule !== f.ruleId) return false;
    if (s.policy !== undefined && s.policy !== '*') {
      const p = s.policy.toLowerCase();
      if (f.policyId?.toLowerCase() !== p && f.policyName?.toLowerCase() !== p) return false;
    }
    if (s.pointer !== undefined && !(f.pointer !== null && pointerPattern(s.pointer).test(f.pointer))) return false;
    return true;
  };

  const out = findings.map((f) => {
    const index = list.findIndex((s, i) => {
      if (s.expires !== undefined && s.expires < today) return false;
      const hit = matches(s, f);
      if (hit) used.add(i);
      return hit;
    });
    if (index === -1) return f;
    const s = list[index]!;
    return { ...f, suppression: { justification: s.justification, owner: s.owner ?? null, expires: s.expires ?? null, configPointer: `/suppressions/${index}` } };
  });

  list.forEach((s, i) => {
    const pointer = `/suppressions/${i}`;
    const pos = locateInConfig(pointer);
    const base: Omit<Finding, 'ruleId' | 'severity' | 'messageId' | 'message' | 'evidence' | 'remediation' | 'fingerprint'> = {
      policyId: null,
      policyName: null,
      policyState: null,
      file: configFile,
      pointer: configFile ? pointer : null,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      docs: [],
      suppression: null,
      baselineState: null,
    };
    const describe = `${s.rule}${s.policy ? ` on ${s.policy}` : ''}${s.pointer ? ` at ${s.pointer}` : ''}`;
    if (s.expires !== undefined && s.expires < today) {
      const covered = findings.filter((f) => matches(s, f)).length;
      const message =
        `The suppression of ${describe} (owner ${s.owner ?? 'not named'}) expired on ${s.expires}; ` +
        `${covered} finding(s) it covered fail the run again.`;
      meta.push({
        ...base,
        ruleId: EXPIRED_SUPPRESSION_RULE.id,
        severity: EXPIRED_SUPPRESSION_RULE.severity,
        messageId: 'expired',
        message,
        evidence: { suppression: s, expired: s.expires, asOf: today, findingsCovered: covered },
        remediation: EXPIRED_SUPPRESSION_RULE.remediation,
        fingerprint: fingerprint(EXPIRED_SUPPRESSION_RULE.id, s),
      });
    } else if (!used.has(i)) {
      meta.push({
        ...base,
        ruleId: UNUSED_SUPPRESSION_RULE.id,
        severity: UNUSED_SUPPRESSION_RULE.severity,
        messageId: 'unused',
        message: `The suppression of ${describe} matches no finding: remove it, or correct its rule, policy or pointer.`,
        evidence: { suppression: s },
        remediation: UNUSED_SUPPRESSION_RULE.remediation,
        fingerprint: fingerprint(UNUSED_SUPPRESSION_RULE.id, s),
      });
    }
  });

  const metaRules = [EXPIRED_SUPPRESSION_RULE, UNUSED_SUPPRESSION_RULE].filter((r) => meta.some((f) => f.ruleId === r.id));
  return { findings: out, metaFindings: meta, metaRules };
}

function fingerprint(ruleId: string, s: Suppression): string {
  return createHash('sha256')
    .update([ruleId, s.rule, s.policy ?? '', s.pointer ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
