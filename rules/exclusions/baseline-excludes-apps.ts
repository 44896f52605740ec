import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import { requiresMfaOrBlocks } from '../../src/evaluate/exclusions.js';
import { applicationsCondition, hasKeyword, isDisabled, isReportOnly, sameKeyword } from '../../src/model/policy.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';
import { HIGH_VALUE_APPS } from '../../src/model/well-known-exclusions.js';

export default defineRule({
  id: 'exclusions/baseline-excludes-apps',
  catalogue: 'CA-012',
  title: 'All-resources MFA and block policies do not exclude applications',
  risk: 'Some apps are left out of an MFA or block policy meant to cover everything',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A policy on All resources is the safety net for every app, including ones added later; each excluded application ' +
    'is a hole in it, and some holes matter more than others: Azure management (the Windows Azure Service Management ' +
    'API behind the portal, CLI and PowerShell), Exchange Online and SharePoint Online hold the control plane and the ' +
    'data. Enabled and report-only policies that require MFA or block are checked.',
  remediation:
    'Remove the applications under Target resources > Exclude. If an app truly cannot meet the control, cover it with ' +
    'its own policy (for example MFA from trusted locations only) instead of leaving it out of the baseline.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
  ],
  messages: {
    highValue: (d) =>
      `"${d.policy}" ${d.stateText}${d.controlText} on All resources but excludes ${d.appsText}, including the high-value ` +
      `${d.highValueText}: sign-ins to them ${d.effectText}.`,
    excludesApps: (d) =>
      `"${d.policy}" ${d.stateText}${d.controlText} on All resources but excludes ${d.appsText}: sign-ins to them ${d.effectText}.`,
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresMfaOrBlocks(p) && hasKeyword(applicationsCondition(p).includeApplications, APP_ALL))
      .flatMap((policy) => {
        const excluded = applicationsCondition(policy).excludeApplications;
        if (excluded.length === 0) return [];
        const resolved = excluded.map((v) => index.resolve('application', v));
        const highValue = resolved.filter((r) => HIGH_VALUE_APPS.some((h) => sameKeyword(h, r.key)));
        const name = (r: (typeof resolved)[number]) => (r.name === r.value ? r.value : `${r.name} (${r.value})`);
        return [
          finding(policy, highValue.length > 0 ? 'highValue' : 'excludesApps', {
            pointer: '/conditions/applications/excludeApplications',
            evidence: {
              actual: resolved.map((r) => ({ id: r.value, name: r.name })),
              highValue: highValue.map((r) => r.key),
              expected: [],
            },
            data: {
              stateText: isReportOnly(policy) ? '(report-only) ' : '',
              controlText: blocks(policy) ? 'blocks sign-ins' : 'requires MFA',
              effectText: blocks(policy) ? 'are not blocked by it' : 'get no MFA from it',
              appsText: resolved.map(name).join(', '),
              highValueText: highValue.map((r) => r.name).join(', '),
            },
          }),
        ];
      });
  },
});
