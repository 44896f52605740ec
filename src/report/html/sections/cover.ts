/**
 * The cover and document control: who the report is for and about, who prepared and reviewed it, its version and
 * classification, the report date and the date of the data, scope and objectives in a few sentences (written from the
 * inputs when the config gives none), and the sign-off block. Nothing here names a command-line option: a value
 * nobody gave is "not stated".
 */
import type { TenantFact, TenantIdentity } from '../../../model/tenant-identity.js';
import type { FrameworkReport } from '../../../frameworks/types.js';
import { frameworkTitle, type SectionPlan } from './index.js';
import type { Core } from './core.js';
import { formatDate, formatDateTime, joinAnd, plural, verb } from '../words.js';

export const DEFAULT_TITLE = 'Conditional Access audit report';
const NOT_STATED = 'not stated';

export interface CoverView {
  title: string;
  subtitle: string;
  organization: string;
  classification: string;
  tenantName: string;
  /** Document control, row by row. */
  rows: Array<{ label: string; value: string; note: string; mono: boolean }>;
  scope: string;
  scopeIsDefault: boolean;
  objectives: string;
  objectivesIsDefault: boolean;
  signOff: Array<{ role: string; name: string }>;
  /** A calm line about files that were not Conditional Access data; a plain one about files that could not be read. */
  notRead: string | null;
  unreadable: string | null;
}

export interface TenantView {
  name: string;
  nameSource: string;
  id: string;
  idSource: string;
  domain: string | null;
  domainSource: string | null;
}

function sourceText(fact: TenantFact | null): string {
  if (!fact) return '';
  // The identity says where a value came from; an option of the command is "given for this report", not a flag.
  return fact.source.startsWith('--') ? 'as given for this report' : fact.source;
}

export function tenantView(identity: TenantIdentity | undefined): TenantView {
  const i = identity ?? { name: null, id: null, domain: null, exportedAt: null, exportedBy: null, latestChange: null };
  const name = i.name?.value ?? i.domain?.value ?? i.id?.value ?? 'Tenant name not in the export';
  const nameSource = i.name ? sourceText(i.name) : i.domain ? 'the export holds no tenant name: its domain is shown' : i.id ? 'the export holds no tenant name: its id is shown' : '';
  return {
    name,
    nameSource,
    id: i.id?.value ?? 'not in the export',
    idSource: sourceText(i.id),
    domain: i.domain?.value ?? null,
    domainSource: i.domain ? sourceText(i.domain) : null,
  };
}


/** "21 September 2026, 14:13 UTC", or "unknown" with the latest change the data shows. */
export function dataDate(identity: TenantIdentity | undefined): { value: string; note: string } {
  if (identity?.exportedAt) return { value: formatDateTime(identity.exportedAt), note: identity.exportedBy ? `by ${identity.exportedBy}` : '' };
  return {
    value: 'unknown',
    note: identity?.latestChange
      ? `the export does not say when it was taken; the latest change in the data is dated ${formatDate(identity.latestChange)}`
      : 'the export does not say when it was taken, and the data carries no change dates',
  };
}

export function buildCover(core: Core, tenant: TenantView, plan: SectionPlan, frameworks: readonly FrameworkReport[]): CoverView {
  const { result } = core;
  const doc = result.document;
  const states = { enabled: 0, reportOnly: 0, disabled: 0 };
  for (const p of result.policies) {
    if (p.state === 'enabled') states.enabled++;
    else if (p.state === 'disabled') states.disabled++;
    else states.reportOnly++;
  }
  const loaded = result.inputs.filter((i) => i.status === 'loaded');
  const skipped = result.inputs.filter((i) => i.status === 'skipped');
  const errors = result.inputs.filter((i) => i.status === 'error');
  const exported = dataDate(result.identity);
  const policiesText = `${plural(result.policies.length, 'policy', 'policies')} (${states.enabled} enabled, ${states.reportOnly} report-only, ${states.disabled} disabled)`;

  const rows: CoverView['rows'] = [
    { label: 'Organisation', value: doc.organization ?? NOT_STATED, note: '', mono: false },
    { label: 'Tenant', value: tenant.name, note: tenant.nameSource, mono: false },
    { label: 'Tenant id', value: tenant.id, note: tenant.idSource, mono: true },
    ...(tenant.domain && tenant.domain !== tenant.name ? [{ label: 'Domain', value: tenant.domain, note: tenant.domainSource ?? '', mono: true }] : []),
    { label: 'Prepared by', value: doc.preparedBy ?? NOT_STATED, note: '', mono: false },
    { label: 'Reviewed by', value: doc.reviewedBy ?? NOT_STATED, note: '', mono: false },
    { label: 'Report version', value: doc.version ?? NOT_STATED, note: '', mono: false },
    { label: 'Classification', value: doc.classification, note: '', mono: false },
    { label: 'Report date', value: formatDateTime(result.generatedAt), note: '', mono: false },
    { label: 'Data exported', value: exported.value, note: exported.note, mono: false },
    { label: 'Policies assessed', value: policiesText, note: '', mono: false },
    { label: 'Assessed with', value: `calint ${result.tool.version}, rule set ${result.tool.rulesetVersion} (${plural(result.rules.length, 'rule')})`, note: '', mono: false },
    {
      label: 'Configuration',
      value: result.config ? result.config.file : 'none: the built-in defaults',
      note: result.config ? `sha256 ${result.config.sha256}` : '',
      mono: Boolean(result.config),
    },
  ];

  const when = result.identity?.exportedAt ? `as exported on ${formatDate(result.identity.exportedAt)}` : 'as exported (the export does not say when)';
  const fw = frameworks.map((f) => frameworkTitle(f.framework));
  const defaultScope =
    `This review covers the Microsoft Entra Conditional Access configuration of ${tenant.name}, ${when}: ${policiesText}, ` +
    `read with the objects they refer to from ${plural(loaded.length, 'file')} (${plan.byKey.appendixInputs.ref} lists them with their sha256). ` +
    'Only the configuration is assessed: sign-in logs, Identity Protection detections, device compliance state and role assignments are outside its scope.';
  const defaultObjectives =
    'To find the settings that leave sign-ins without the protection Microsoft recommends or could lock administrators out, ' +
    `to rate them by severity${fw.length ? `, to show where the tenant stands against the ${joinAnd(fw)}` : ''}, ` +
    'and to give the changes that close them in the order they should be made.';

  const signOff =
    doc.signOff.length > 0
      ? doc.signOff.map((s) => ({ role: s.role, name: s.name ?? '' }))
      : [
          { role: 'Prepared by', name: doc.preparedBy ?? '' },
          { role: 'Reviewed by', name: doc.reviewedBy ?? '' },
          { role: 'Approved by', name: '' },
        ];

  const names = (list: typeof skipped) => (list.length <= 3 ? `: ${list.map((i) => i.path.split('/').pop()).join(', ')}` : '');
  return {
    title: doc.title?.trim() || DEFAULT_TITLE,
    subtitle: 'Microsoft Entra Conditional Access configuration review',
    organization: doc.organization ?? NOT_STATED,
    classification: doc.classification,
    tenantName: tenant.name,
    rows,
    scope: doc.scope ?? defaultScope,
    scopeIsDefault: doc.scope == null,
    objectives: doc.objectives ?? defaultObjectives,
    objectivesIsDefault: doc.objectives == null,
    signOff,
    notRead: skipped.length
      ? `${plural(skipped.length, 'other file')} in the input folder ${verb(skipped.length, 'is', 'are')} not Conditional Access data and ${verb(skipped.length, 'was', 'were')} not read${names(skipped)}.`
      : null,
    unreadable: errors.length
      ? `${plural(errors.length, 'file')} could not be read and ${verb(errors.length, 'is', 'are')} missing from the assessment: see ${plan.byKey.appendixInputs.ref}.`
      : null,
  };
}
