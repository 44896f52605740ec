/** The engine: runs every enabled rule over the indexed snapshot, isolating a rule that throws. */
import { createHash } from 'node:crypto';
import type { TenantIndex } from '../model/tenant-index.js';
import { filePointer } from '../model/build-snapshot.js';
import { policyLabel, stateLabel } from '../model/policy.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import type { SourcePosition } from '../load/types.js';
import { compareStrings } from '../load/discover.js';
import { ConfigError, resolveRuleSetting, type CalintConfig } from './config.js';
import { optionsValidators } from './rule-options.js';

import type { LoadedRule } from './registry.js';
import type { Evidence, FindingDraft, FindingInput, Rule, RuleContext, RuleSettings } from './rule-types.js';
import type { Finding, Notice, RunError } from './result-types.js';
import { Evaluator } from '../evaluate/evaluator.js';

/** A deep copy of plain JSON data, frozen all the way down. */
function frozenCopy<T>(value: T): T {
  const freeze = (v: unknown): unknown => {
    if (v && typeof v === 'object' && !Object.isFrozen(v)) {
      for (const child of Object.values(v)) freeze(child);
      Object.freeze(v);
    }
    return v;
  };
  return freeze(JSON.parse(JSON.stringify(value))) as T;
}

/** One evaluator for the run, built when a rule first asks for it. */
function onceFor(index: TenantIndex): () => Evaluator {
  let evaluator: Evaluator | null = null;
  return () => (evaluator ??= new Evaluator(index));
}
import { severityRank, type Severity } from './severity.js';

export interface ActiveRule {
  rule: Rule;
  source: string;
  severity: Severity;
  /** The config set the severity: it then applies to every message of the rule. */
  severityOverridden: boolean;
  options: Record<string, unknown>;
}

/** The severity of a finding with this message: the config's, else the message's own, else the rule's. */
export function findingSeverity(active: ActiveRule, messageId: string): Severity {
  if (active.severityOverridden) return active.severity;
  const own = active.rule.messageSeverity;
  return (own && Object.hasOwn(own, messageId) ? own[messageId] : undefined) ?? active.severity;
}

/** Applies the config to the loaded rules: enable/disable, severity override, options merged over defaults. */
export function activateRules(loaded: LoadedRule[], config: CalintConfig): ActiveRule[] {
  const known = new Map<string, LoadedRule>();
  for (const l of loaded) {
    known.set(l.rule.id, l);
    for (const alias of l.rule.aliases ?? []) known.set(alias, l);
  }
  for (const id of Object.keys(config.rules ?? {})) {
    if (!known.has(id)) throw new ConfigError(`unknown rule id "${id}" in rules (run "calint rules" to list them)`, { pointer: `/rules/${id}` });
  }
  const settingFor = (l: LoadedRule) => {
    const ids = [l.rule.id, ...(l.rule.aliases ?? [])];
    const key = ids.find((id) => config.rules && id in config.rules);
    return resolveRuleSetting(key ? config.rules![key] : undefined);
  };
  const validatorFor = optionsValidators();
  const active: ActiveRule[] = [];
  for (const l of loaded) {
    const setting = settingFor(l);
    if (!setting.enabled) continue;
    const options = { ...(l.rule.options?.defaults ?? {}), ...setting.options } as Record<string, unknown>;
    if (l.rule.options && Object.keys(setting.options).length > 0) {
      // Defaults are the rule author's and trusted; only options from a config are validated (ajv loaded then only).
      const validate = validatorFor(l.rule.id, l.rule.options.schema, l.source === 'builtin');
      if (!validate(options)) {
        const e = validate.errors![0]!;
        throw new ConfigError(`rules.${l.rule.id}.options${e.instancePath.replace(/\//g, '.')} ${e.message}`, {
          pointer: `/rules/${l.rule.id}/options${e.instancePath}`,
        });
      }
    } else if (!l.rule.options && Object.keys(setting.options).length > 0) {
      throw new ConfigError(`rule "${l.rule.id}" has no options`, { pointer: `/rules/${l.rule.id}/options` });
    }
    active.push({ rule: l.rule, source: l.source, severity: setting.severity ?? l.rule.severity, severityOverridden: setting.severity !== null, options });
  }
  return active;
}

export interface RunOutput {
  findings: Finding[];
  notices: Notice[];
  errors: RunError[];
}

export function runRules(
  rules: ActiveRule[],
  index: TenantIndex,
  settings: RuleSettings,
  locate: (file: string, pointer: string) => SourcePosition | null,
  evaluatorOf: () => Evaluator = onceFor(index),
): RunOutput {
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const errors: RunError[] = [];
  // One rule cannot change what another sees: every rule reads the same frozen copy of the settings (copied once, not
  // once per rule: with thousands of break-glass candidates the copies were most of the run) and its own options.
  const sharedSettings = frozenCopy(settings);

  for (const active of rules) {
    const { rule } = active;
    const ruleNotices: Notice[] = [];
    const noticeKeys = new Set<string>();
    const context: RuleContext<unknown> = {
      snapshot: index.snapshot,
      index,
      options: JSON.parse(JSON.stringify(active.options)),
      settings: sharedSettings,
      finding: (policy, messageId, input: FindingInput): FindingDraft => ({
        ruleId: rule.id,
        messageId,
        policy,
        pointer: input.pointer,
        evidence: input.evidence ?? {},
        data: input.data ?? {},
        ...(input.key !== undefined ? { key: input.key } : {}),
      }),
      notice: (kind, message) => {
        const key = `${kind}\u0000${message}`;
        if (noticeKeys.has(key)) return;
        noticeKeys.add(key);
        ruleNotices.push({ ruleId: rule.id, kind, message });
      },
      get evaluator(): Evaluator {
        if (!(rule.uses ?? []).includes('coverage')) throw new Error('reads context.evaluator without declaring uses: [\'coverage\']');
        return evaluatorOf();
      },
    };
    try {
      const drafts = rule.check(context);
      if (!Array.isArray(drafts)) throw new Error('check() must return an array of findings');
      // One at a time: spreading 100 000s of findings into push() overflows the stack.
      for (const d of drafts) findings.push(toFinding(d, active, index, locate));
      for (const n of ruleNotices) notices.push(n);
    } catch (e) {
      const err = e as Error;
      errors.push({
        kind: 'rule',
        ruleId: rule.id,
        file: null,
        pointer: null,
        line: null,
        column: null,
        message: `rule ${rule.id} (${active.source}) failed: ${err?.message ?? String(e)}; its findings are missing, so this result is incomplete`,
      });
    }
  }
  return { findings: sortFindings(findings), notices, errors };
}

function toFinding(
  draft: FindingDraft,
  active: ActiveRule,
  index: TenantIndex,
  locate: (file: string, pointer: string) => SourcePosition | null,
): Finding {
  const { rule } = active;
  const policy = draft.policy;
  const messageFn = rule.messages[draft.messageId];
  if (!messageFn) throw new Error(`finding uses unknown message id "${draft.messageId}"`);
  const policyName = policy ? policyLabel(policy) : null;
  const message = messageFn({ ...draft.evidence, ...draft.data, policy: policyName });
  let file: string | null = null;
  let pointer: string | null = null;
  let line: number | null = null;
  let column: number | null = null;
  if (policy) {
    const source = index.sourceOf(policy);
    if (source) {
      file = source.file;
      pointer = filePointer(source, draft.pointer);
      const pos = locate(file, pointer);
      line = pos?.line ?? null;
      column = pos?.column ?? null;
    }
  }
  const policyId = policy && typeof policy.id === 'string' ? policy.id : null;
  // Rule, policy and the pointer relative to the policy: stable when the file is reformatted or policies reordered.
  // Tenant-wide findings have no policy: their key (what they are about), else their message, tells them apart.
  const fingerprint = createHash('sha256')
    .update([rule.id, policyId ?? policyName ?? '', draft.pointer, policy ? '' : `${draft.messageId}\u0000${draft.key ?? message}`].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  return {
    ruleId: rule.id,
    severity: findingSeverity(active, draft.messageId),
    messageId: draft.messageId,
    message,
    policyId,
    policyName,
    policyState: policy ? stateLabel(policy as ConditionalAccessPolicy) : null,
    file,
    pointer,
    line,
    column,
    evidence: jsonSafe(draft.evidence) as Evidence,
    remediation: rule.remediation,
    docs: [...rule.references],
    fingerprint,
    suppression: null,
    baselineState: null,
  };
}

/**
 * Evidence is data for machines: what JSON.stringify would keep (undefined and functions dropped, non-finite numbers
 * null, toJSON honoured, a cycle an error), copied without serialising, so a 10 MB tenant string is shared, not copied.
 */
function jsonSafe(value: unknown): unknown {
  return toJsonValue(value ?? {}, new Set()) ?? {};
}

function toJsonValue(value: unknown, ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return undefined;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return toJsonValue(withToJson.toJSON(), ancestors);
  if (ancestors.has(value)) throw new TypeError('evidence holds a cycle');
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((v) => toJsonValue(v, ancestors) ?? null);
  else {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const j = toJsonValue(v, ancestors);
      if (j !== undefined) Object.defineProperty(copy, k, { value: j, enumerable: true, writable: true, configurable: true });
    }
    out = copy;
  }
  ancestors.delete(value);
  return out;
}

/**
 * Tenant-wide findings first, most severe first (then rule id, message); then the findings on policies by file, position
 * in the file, rule id, message.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const tenantWide = (f: Finding) => (f.file === null ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      tenantWide(a) - tenantWide(b) ||
      (a.file === null && b.file === null ? severityRank(a.severity) - severityRank(b.severity) : 0) ||
      compareStrings(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareStrings(a.pointer ?? '', b.pointer ?? '') ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.policyName ?? '', b.policyName ?? '') ||
      compareStrings(a.message, b.message),
  );
}
