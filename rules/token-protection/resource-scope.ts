import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, isDisabled, requiresTokenProtection } from '../../src/model/policy.js';
import {
  APP_ALL,
  APP_GROUP_ADMIN_PORTALS,
  APP_GROUP_OFFICE_365,
  APP_NONE,
  EXCHANGE_ONLINE,
  SHAREPOINT_ONLINE,
  TOKEN_PROTECTION_SUPPORTED_RESOURCES,
} from '../../src/model/well-known-apps.js';

const EXPECTED = [EXCHANGE_ONLINE, SHAREPOINT_ONLINE];
const supported = new Set(TOKEN_PROTECTION_SUPPORTED_RESOURCES.map((id) => id.toLowerCase()));

export default defineRule({
  id: 'token-protection/resource-scope',
  catalogue: 'CA-073',
  title: 'Token protection targets only supported resources',
  severity: 'high',
  rationale:
    'Token protection binds sign-in sessions to the device, and only some resources can accept bound tokens: ' +
    'Exchange Online and SharePoint Online (plus Teams Services and the Windows 365 / Azure Virtual Desktop sign-in ' +
    'resources). Microsoft warns that selecting the Office 365 app group, which the general rule recommends for other ' +
    'policies, causes unintended failures here; All resources or any other application blocks every app that cannot bind tokens.',
  remediation:
    'Under Target resources, select only "Office 365 Exchange Online" (00000002-0000-0ff1-ce00-000000000000) and ' +
    '"Office 365 SharePoint Online" (00000003-0000-0ff1-ce00-000000000000), plus other resources Microsoft lists as supported; ' +
    'remove the Office 365 app group, All resources and other applications from this policy.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
  ],
  messages: {
    appGroup: (d) =>
      `"${d.policy}" requires token protection for the whole Office 365 app group; apps in the group that cannot ` +
      'present bound tokens (Office web, Teams web, Planner, Forms, …) fail to sign in. Select only Exchange Online and SharePoint Online.',
    allResources: (d) =>
      `"${d.policy}" requires token protection for All resources; every app that cannot present a device-bound token ` +
      'is blocked. Select only Exchange Online and SharePoint Online.',
    adminPortals: (d) =>
      `"${d.policy}" requires token protection for Microsoft Admin Portals, which do not support it; admins are blocked from the portals.`,
    unsupportedApp: (d) =>
      `"${d.policy}" requires token protection for ${d.name}${d.viaDisplayName ? ' (written as a display name, not an app id)' : ''}, ` +
      'which is not a resource that supports token protection; its sign-ins fail.',
    unresolvedApp: (d) =>
      `"${d.policy}" requires token protection for "${d.actual}", which is neither an app id nor a known application; ` +
      'calint cannot confirm it supports token protection.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) =>
        applicationsCondition(policy).includeApplications.flatMap((value, i) => {
          const pointer = `/conditions/applications/includeApplications/${i}`;
          const app = index.resolve('application', value);
          const evidence = { actual: value, resolved: app.name, expected: EXPECTED };
          if (app.key === APP_NONE) return [];
          if (app.key === APP_GROUP_OFFICE_365) return [finding(policy, 'appGroup', { pointer, evidence })];
          if (app.key === APP_ALL) return [finding(policy, 'allResources', { pointer, evidence })];
          if (app.key === APP_GROUP_ADMIN_PORTALS) return [finding(policy, 'adminPortals', { pointer, evidence })];
          if (supported.has(app.key.toLowerCase())) return [];
          if (app.status === 'placeholder') {
            return [finding(policy, 'unresolvedApp', { pointer, evidence })];
          }
          return [
            finding(policy, 'unsupportedApp', {
              pointer,
              evidence,
              data: {
                name: app.status === 'unresolved' ? `application ${app.value}` : `${app.name} (${app.key})`,
                viaDisplayName: app.status === 'display-name',
              },
            }),
          ];
        }),
      );
  },
});
