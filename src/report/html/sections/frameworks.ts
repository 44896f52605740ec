/**
 * One section per framework report: every control with its status, what decided it (the findings, linked; the accepted
 * risk with owner, justification and expiry; or why there is no verdict) and the rules that implement it, with a count
 * per status. The statuses come from src/frameworks/compliance.ts; this only words them.
 */
import type { ControlStatus, FrameworkReport } from '../../../frameworks/types.js';
import { CONTROL_STATUSES } from '../../../frameworks/types.js';
import { CONTROL_STATUS_LABELS, humaniseText } from '../labels.js';
import { formatDate, plainText, plural, severityLabel, shortMessage, shortName } from '../words.js';
import type { Severity } from '../../../engine/severity.js';
import type { Core } from './core.js';
import { frameworkTitle, type SectionRef } from './index.js';

export interface ControlView {
  id: string;
  anchor: string;
  title: string;
  section: string;
  level: string;
  status: ControlStatus;
  statusLabel: string;
  findings: Array<{ anchor: string | null; number: string; severity: string; severityLabel: string; policyName: string; text: string }>;
  accepted: Array<{ anchor: string | null; number: string; policyName: string; owner: string; justification: string; expires: string }>;
  reason: string | null;
  note: string | null;
  rules: Array<{ id: string; anchor: string | null }>;
}

export interface FrameworkView {
  section: SectionRef;
  /** The first framework starts a page; the next ones follow on (a table's last rows need not fill a page alone). */
  pageBreak: boolean;
  title: string;
  name: string;
  version: string;
  published: string;
  source: { url: string | null; text: string; read: string };
  intro: string;
  counts: Array<{ status: ControlStatus; label: string; count: number }>;
  groups: Array<{ title: string; controls: ControlView[] }>;
}

const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low', 'info'];

export function buildFrameworks(core: Core, reports: readonly FrameworkReport[], sections: readonly SectionRef[]): FrameworkView[] {
  return reports.map((report, i) => {
    const section = sections[i]!;
    const groups = new Map<string, ControlView[]>();
    for (const c of report.controls) {
      const view: ControlView = {
        id: c.control.id,
        anchor: `${section.anchor}-${c.control.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        title: c.control.title,
        section: c.control.section,
        level: c.control.level,
        status: c.status,
        statusLabel: CONTROL_STATUS_LABELS[c.status] ?? c.status,
        findings: c.findings.map((f) => {
          const v = core.findingByFingerprint.get(f.fingerprint);
          const sev = SEVERITIES.includes(f.severity) ? (f.severity as Severity) : 'info';
          return { anchor: v?.anchor ?? null, number: v ? `#${v.number}` : '', severity: sev, severityLabel: severityLabel(sev), policyName: shortName(f.policyName ?? 'The policy set as a whole'), text: shortMessage(plainText(humaniseText(f.message))) };
        }),
        accepted: c.acceptedRisks.map((a) => {
          const v = core.findingByFingerprint.get(a.fingerprint);
          return {
            anchor: v?.anchor ?? null,
            number: v ? `#${v.number}` : '',
            policyName: shortName(a.policyName ?? 'The policy set as a whole'),
            owner: a.owner ?? 'not named',
            justification: a.justification,
            expires: a.expires ? formatDate(a.expires) : 'no expiry date',
          };
        }),
        reason: c.reason ?? c.control.notCheckable ?? null,
        note: c.control.note ?? null,
        rules: c.control.rules.map((id) => ({ id, anchor: core.ruleById.has(id) ? `appendix-${core.ruleById.get(id)!.anchor}` : null })),
      };
      const key = c.control.section || 'Controls';
      groups.set(key, [...(groups.get(key) ?? []), view]);
    }
    const counts = CONTROL_STATUSES.map((s) => ({ status: s, label: CONTROL_STATUS_LABELS[s], count: report.counts[s] ?? 0 }));
    const total = report.controls.length;
    const url = /^https:\/\/[^\s"'<>]+$/i.test(report.framework.source.url) ? report.framework.source.url : null;
    return {
      section,
      pageBreak: i === 0,
      title: frameworkTitle(report.framework),
      name: report.framework.name,
      version: report.framework.version,
      published: formatDate(report.framework.published),
      source: { url, text: report.framework.source.url, read: formatDate(report.framework.source.read) },
      intro:
        `${plural(total, 'control')} of the ${frameworkTitle(report.framework)} (${/^v?\d/.test(report.framework.version) ? '' : `version ${report.framework.version}, `}published ${formatDate(report.framework.published)}) ${total === 1 ? 'concerns' : 'concern'} Conditional Access or the sign-in settings around it. ` +
        'Each is passed only when every rule that implements it ran and found nothing; a control that needs data an export does not hold is marked as not checkable offline, with the reason.',
      counts,
      groups: [...groups].map(([title, controls]) => ({ title, controls })),
    };
  });
}
