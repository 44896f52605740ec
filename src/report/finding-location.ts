/**
 * Where a CI system should show a finding. A finding on a policy is at its own file, line and column. A tenant-wide
 * finding (no policy) is placed on the input it is about: the closest policy it names in its evidence (a coverage gap's
 * near misses, the policies that scope an unprotected group), else the file that holds the policies — never on an
 * unrelated input such as the first file read.
 */
import type { Finding, LintResult, PolicySummary } from '../engine/result-types.js';

export interface FindingLocation {
  file: string;
  line: number;
  column: number;
}

/** Evidence lists that name policies, most telling first: a coverage gap's closest policies, then the policies involved. */
const POLICY_LISTS = ['nearMisses', 'policies'];

interface PolicyRef {
  policyId?: unknown;
  policyName?: unknown;
  file?: unknown;
}

function policyRefs(evidence: Finding['evidence']): PolicyRef[] {
  const named = POLICY_LISTS.map((key) => evidence[key]);
  const others = Object.entries(evidence)
    .filter(([key]) => !POLICY_LISTS.includes(key))
    .map(([, value]) => value);
  return [...named, ...others]
    .filter((value): value is unknown[] => Array.isArray(value))
    .flat()
    .filter((item): item is PolicyRef => typeof item === 'object' && item !== null && ('policyId' in item || 'file' in item));
}

/** Locates findings of one result; build it once per result (it indexes the policies). */
export function findingLocator(result: LintResult): (f: Finding) => FindingLocation | null {
  const byId = new Map<string, PolicySummary>();
  for (const p of result.policies) if (p.id && !byId.has(p.id)) byId.set(p.id, p);
  const loaded = result.inputs.filter((i) => i.status === 'loaded');
  const policiesFile = loaded.find((i) => i.counts.policy)?.path ?? result.policies[0]?.file ?? loaded[0]?.path ?? null;
  const fallback: FindingLocation | null = policiesFile ? { file: policiesFile, line: 1, column: 1 } : null;

  return (f) => {
    if (f.file) return { file: f.file, line: f.line ?? 1, column: f.column ?? 1 };
    if (f.policyId) {
      const own = byId.get(f.policyId);
      if (own) return { file: own.file, line: own.line ?? 1, column: 1 };
    }
    for (const ref of policyRefs(f.evidence)) {
      const policy = typeof ref.policyId === 'string' ? byId.get(ref.policyId) : undefined;
      if (policy && (typeof ref.file !== 'string' || ref.file === policy.file)) {
        return { file: policy.file, line: policy.line ?? 1, column: 1 };
      }
      if (typeof ref.file === 'string' && ref.file) return { file: ref.file, line: 1, column: 1 };
    }
    return fallback;
  };
}
