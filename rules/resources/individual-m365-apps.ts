import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, hasKeyword, isDisabled, requiresTokenProtection } from '../../src/model/policy.js';
import { APP_ALL, APP_GROUP_OFFICE_365 } from '../../src/model/well-known-apps.js';
import { OFFICE_365_MEMBER_APPS, office365MemberApp } from '../../src/model/well-known-app-groups.js';

export default defineRule({
  id: 'resources/individual-m365-apps',
  catalogue: 'CA-089',
  title: 'Microsoft 365 services are targeted through the Office 365 app group, not one by one',
  risk: 'Microsoft 365 data that one app protects can be reached through another without the same control',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Microsoft 365 services call each other: Teams reads files from SharePoint and mail and calendars from Exchange, ' +
    'Office.com, Outlook groups, Forms and To Do depend on Exchange and SharePoint, and search exposes metadata of both. ' +
    'A policy that targets only some of them (Exchange Online alone, Teams alone) is enforced early for some dependent ' +
    'calls, late for others and not at all for the services left out, so the same data is protected in one app and ' +
    'reachable without the control through another, with unexpected prompts on top. Microsoft recommends targeting the ' +
    'Office 365 app group instead. Token protection policies are the documented exception (they must list Exchange ' +
    'Online and SharePoint Online individually) and are skipped; disabled policies are skipped too.',
  remediation:
    'Under Target resources > Resources > Include > Select resources, replace the individual Microsoft 365 apps with ' +
    '"Office 365". If a service really needs a different control, target the Office 365 group with the stricter control ' +
    'rather than one member app.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/service-dependencies',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
    'https://learn.microsoft.com/entra/identity/conditional-access/reference-office-365-application-contents',
  ],
  messages: {
    individualApps: (d) =>
      `"${d.policy}" targets ${d.appsText} individually instead of the Office 365 app group; services that depend on ` +
      'them or share their data (Teams, SharePoint, Exchange, Office.com, …) are not held to the same control, so it is ' +
      'enforced inconsistently.',
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy) || requiresTokenProtection(policy)) return [];
      const include = applicationsCondition(policy).includeApplications;
      if (hasKeyword(include, APP_ALL) || hasKeyword(include, APP_GROUP_OFFICE_365)) return [];
      const members = include.flatMap((value, i) => {
        const resolved = index.resolve('application', value);
        if (resolved.status === 'keyword') return [];
        const id = office365MemberApp(resolved.key) ?? office365MemberApp(value);
        return id ? [{ i, value, id, name: OFFICE_365_MEMBER_APPS[id]! }] : [];
      });
      if (members.length === 0) return [];
      return [
        finding(policy, 'individualApps', {
          pointer: `/conditions/applications/includeApplications/${members[0]!.i}`,
          evidence: {
            actual: members.map((m) => m.value),
            office365Members: members.map((m) => ({ appId: m.id, name: m.name })),
            expected: APP_GROUP_OFFICE_365,
          },
          data: { appsText: members.map((m) => m.name).join(', ') },
        }),
      ];
    });
  },
});
