/** calint's public API for rule packs and programmatic use. */
export { defineRule } from './engine/define-rule.js';
export { requirementRule, type RequirementRuleSpec } from './evaluate/coverage/requirement-rule.js';
export type { Requirement, RequiredControl, UserScope, ResourceScope, SignInConditions } from './evaluate/coverage/requirement.js';
export type { RequirementVerdict } from './evaluate/coverage/verdict.js';
export type { Evaluator } from './evaluate/evaluator.js';
export type {
  Rule,
  RuleMeta,
  RuleContext,
  RuleSettings,
  BreakGlassAccounts,
  BreakGlassAccount,
  FindingDraft,
  FindingInput,
  Evidence,
  FrameworkMappings,
  MessageFn,
  JsonSchema,
} from './engine/rule-types.js';
export type { Severity } from './engine/severity.js';
export { SEVERITIES } from './engine/severity.js';
export type { LintResult, Finding, Notice, RunError, RuleSummary } from './engine/result-types.js';
export { lint, lintRun, type LintOptions, type LintRun } from './engine/lint.js';
export type { DocumentControl, PolicySummary } from './engine/result-types.js';
export { frameworkCompliance } from './frameworks/compliance.js';
export { FRAMEWORKS, frameworkMappingsFor } from './frameworks/definitions.js';
export type * from './frameworks/types.js';
export { LICENCES, type LicenceId, type TenantLicences } from './model/licences.js';
export type { TenantIndex, ResolvedReference, ReferenceKind } from './model/tenant-index.js';
export * as policy from './model/policy.js';
export * as wellKnownApps from './model/well-known-apps.js';
export * as wellKnownRoles from './model/well-known-roles.js';
export * as deviceFilter from './evaluate/device-filter/index.js';
export type * from './model/snapshot-types.js';
