import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, isDisabled, list, requiresTokenProtection, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import {
  TOKEN_PROTECTION_ARTICLES,
  TOKEN_PROTECTION_CHECKED,
  coveredPlatforms,
  platformLabel,
  platformStatus,
  policyClients,
  resourceRow,
  resourcesOnEveryPlatform,
  supportedResources,
  type TokenProtectionResourceRow,
} from '../../src/model/token-protection.js';
import { APP_ALL, APP_GROUP_ADMIN_PORTALS, APP_GROUP_OFFICE_365, APP_NONE } from '../../src/model/well-known-apps.js';

const names = (rows: readonly TokenProtectionResourceRow[]) => rows.map((r) => r.name).join(', ');
const CORE = resourcesOnEveryPlatform('native');
const WINDOWS_ONLY = supportedResources(['windows'], ['native']).filter((r) => !CORE.includes(r));
const BROWSER = supportedResources(null, ['browser']);
const BROWSER_PLATFORMS = [...new Set(BROWSER.flatMap((r) => r.platforms))].map(platformLabel).join(' and ');

/** "A, B, C (and, where Windows App is deployed, D, E)": the native resources to select on these platforms. */
function describeExpected(platforms: readonly string[] | null): string {
  const native = supportedResources(platforms, ['native']);
  const core = native.filter((r) => CORE.includes(r));
  const extra = native.filter((r) => !CORE.includes(r));
  return `${names(core.length ? core : CORE)}${extra.length ? ` (and, where Windows App is deployed, ${names(extra)})` : ''}`;
}

/** The policy's client apps condition is exactly Browser: the browser preview's configuration. */
function isBrowserOnly(policy: ConditionalAccessPolicy): boolean {
  const values = list(policy.conditions?.clientAppTypes);
  return values.length > 0 && values.every((v) => sameKeyword(v, 'browser'));
}

/** Every included resource is served only to browsers (Windows Azure Service Management API alone): client-app-types judges its clients. */
function targetsOnlyBrowserResources(index: TenantIndex, policy: ConditionalAccessPolicy): boolean {
  const apps = applicationsCondition(policy).includeApplications.map((v) => resourceRow(index.resolve('application', v).key));
  return apps.length > 0 && apps.every((r) => r?.client === 'browser');
}

export default defineRule({
  id: 'token-protection/resource-scope',
  catalogue: 'CA-073',
  title: 'Token protection targets only supported resources',
  risk: 'Token protection is required for apps that cannot support it, so their sign-ins fail',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'Token protection binds sign-in sessions to the device, and only some resources accept bound tokens. For mobile apps and ' +
    `desktop clients these are ${names(CORE)} on every supported platform, and on Windows also ${names(WINDOWS_ONLY)}; for ` +
    `browser sign-ins, in preview, only ${names(BROWSER)} (Azure Resource Manager) on ${BROWSER_PLATFORMS}. Microsoft warns that ` +
    'selecting the Office 365 app group, which the general rule recommends for other policies, causes unintended failures ' +
    'here; All resources or any other application blocks every app that cannot bind tokens. A resource supported only on ' +
    'platforms the policy does not cover fails in the same way; a preview resource is noted for information. Facts as ' +
    `Microsoft Learn stated them when checked on ${TOKEN_PROTECTION_CHECKED}.`,
  remediation:
    `Under Target resources, select only the supported resources: ${names(CORE)}, plus ${names(WINDOWS_ONLY)} in a policy ` +
    'that covers Windows where Windows App is deployed. Remove the Office 365 app group, All resources and other applications ' +
    'from this policy. Require token protection for the Windows Azure Service Management API only in a policy of its own ' +
    'that selects Browser as its only client app.',
  references: [
    TOKEN_PROTECTION_ARTICLES.overview,
    TOKEN_PROTECTION_ARTICLES.windows,
    TOKEN_PROTECTION_ARTICLES.apple,
    TOKEN_PROTECTION_ARTICLES.webApps,
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
  ],
  messages: {
    appGroup: (d) =>
      `"${d.policy}" requires token protection for the whole Office 365 app group; apps in the group that cannot ` +
      `present bound tokens (Office web, Teams web, Planner, Forms, …) fail to sign in. Select only ${d.expectedText}.`,
    allResources: (d) =>
      `"${d.policy}" requires token protection for All resources; every app that cannot present a device-bound token ` +
      `is blocked. Select only ${d.expectedText}.`,
    adminPortals: (d) =>
      `"${d.policy}" requires token protection for Microsoft Admin Portals, which do not support it; admins are blocked from the portals.`,
    unsupportedApp: (d) =>
      `"${d.policy}" requires token protection for ${d.name}${d.viaDisplayName ? ' (written as a display name, not an app id)' : ''}, ` +
      'which is not a resource that supports token protection; its sign-ins fail.',
    unresolvedApp: (d) =>
      `"${d.policy}" requires token protection for "${d.actual}", which is neither an app id nor a known application; ` +
      'calint cannot confirm it supports token protection.',
    platformResource: (d) =>
      `"${d.policy}" requires token protection for ${d.name}, which supports it only on ${d.supportedText}, but the policy ` +
      `covers only ${d.platformsText}; its sign-ins there cannot present bound tokens and fail.`,
    browserOnlyResource: (d) =>
      `"${d.policy}" requires token protection for ${d.name} from mobile apps and desktop clients; that resource supports ` +
      'token protection only for browser sign-ins (preview), so its native clients are blocked. Move it to a policy of its own ' +
      'that selects only Browser.',
    browserPreview: (d) =>
      `"${d.policy}" requires token protection for ${d.name} in browsers, a preview scenario (Microsoft Learn, checked ` +
      `${d.checked}) limited to selected web apps, browsers and devices; other web apps that call it are blocked.`,
  },
  messageSeverity: { browserPreview: 'info' },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) => {
        const platforms = coveredPlatforms(policy);
        const clients = policyClients(policy);
        // What the policy may select: the resources for its client kinds on its platforms (native ones when it has none).
        const judged = clients.length > 0 ? clients : (['native'] as const);
        const allowed = supportedResources(platforms, judged);
        const expected = allowed.map((r) => r.appId);
        const expectedText = describeExpected(platforms);
        const coversSupportedPlatform = platforms !== null && platforms.some((p) => platformStatus(p, judged) !== null);
        const browserOnly = isBrowserOnly(policy);
        const browserResourcesAlone = targetsOnlyBrowserResources(index, policy);
        return applicationsCondition(policy).includeApplications.flatMap((value, i) => {
          const pointer = `/conditions/applications/includeApplications/${i}`;
          const app = index.resolve('application', value);
          const evidence = { actual: value, resolved: app.name, expected };
          if (app.key === APP_NONE) return [];
          if (app.key === APP_GROUP_OFFICE_365) return [finding(policy, 'appGroup', { pointer, evidence, data: { expectedText } })];
          if (app.key === APP_ALL) return [finding(policy, 'allResources', { pointer, evidence, data: { expectedText } })];
          if (app.key === APP_GROUP_ADMIN_PORTALS) return [finding(policy, 'adminPortals', { pointer, evidence })];
          const row = resourceRow(app.key);
          if (row) {
            const rowEvidence = { ...evidence, supportedOn: row.platforms, client: row.client, status: row.status, source: row.source };
            // Only when the policy covers some platform token protection supports: a policy on unsupported platforms
            // alone is unsupported-devices' finding, not a resource problem.
            if (coversSupportedPlatform && !row.platforms.some((p) => platforms!.some((q) => sameKeyword(p, q)))) {
              return [
                finding(policy, 'platformResource', {
                  pointer,
                  evidence: rowEvidence,
                  data: { name: row.name, supportedText: row.platforms.map(platformLabel).join(', '), platformsText: platforms.map(platformLabel).join(', ') },
                }),
              ];
            }
            if (row.client !== 'browser') return [];
            if (browserOnly) {
              return row.status === 'preview'
                ? [finding(policy, 'browserPreview', { pointer, evidence: rowEvidence, data: { name: row.name, checked: row.source.checked } })]
                : [];
            }
            // Alone in its policy, the client apps condition is what is wrong: client-app-types reports it. Without native
            // clients in scope (only legacy ones), client-app-types reports the condition too.
            if (browserResourcesAlone || !clients.includes('native')) return [];
            return [finding(policy, 'browserOnlyResource', { pointer, evidence: rowEvidence, data: { name: row.name } })];
          }
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
        });
      });
  },
});
