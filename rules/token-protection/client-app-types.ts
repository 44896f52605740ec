import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, conditionPointer, isDisabled, list, requiresTokenProtection, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import {
  TOKEN_PROTECTION_ARTICLES,
  TOKEN_PROTECTION_CHECKED,
  clientAppTypeOf,
  resourceRow,
  supportedResources,
  type TokenProtectionResourceRow,
} from '../../src/model/token-protection.js';

/** The client app type token protection serves for native applications. */
const REQUIRED = clientAppTypeOf('native');
/** The client app type of the browser preview, and the resources it serves (Windows Azure Service Management API). */
const BROWSER = clientAppTypeOf('browser');
const BROWSER_RESOURCES = supportedResources(null, ['browser']);

/** The policy's included resources when every one of them is served only to browsers; null otherwise. */
function browserOnlyResources(index: TenantIndex, policy: ConditionalAccessPolicy): TokenProtectionResourceRow[] | null {
  const rows = applicationsCondition(policy).includeApplications.map((v) => resourceRow(index.resolve('application', v).key));
  if (rows.length === 0 || !rows.every((r) => r?.client === 'browser')) return null;
  return [...new Set(rows as TokenProtectionResourceRow[])];
}

export default defineRule({
  id: 'token-protection/client-app-types',
  catalogue: 'CA-074',
  title: 'Token protection applies only to mobile apps and desktop clients',
  risk: 'Token protection also applies to browsers or old clients that cannot support it, so their users are blocked',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'Token protection serves native applications: mobile apps and desktop clients. Microsoft warns that leaving the client ' +
    'apps condition unconfigured, or leaving Browser selected, blocks applications that use MSAL.js, such as Teams on the ' +
    'web, so the condition must select only "Mobile apps and desktop clients". The one exception is the browser preview ' +
    `for ${BROWSER_RESOURCES.map((r) => r.name).join(', ')} (Azure Resource Manager): a policy of its own for that resource ` +
    'alone, selecting only Browser, which calint notes for information. Exchange ActiveSync and other legacy clients never ' +
    `support token protection. Facts as Microsoft Learn stated them when checked on ${TOKEN_PROTECTION_CHECKED}.`,
  remediation:
    'Under Conditions > Client apps, set Configure to Yes and select only "Mobile apps and desktop clients" ' +
    '(clientAppTypes: ["mobileAppsAndDesktopClients"]); clear Browser, Exchange ActiveSync and Other clients. For the ' +
    'browser preview, keep the Windows Azure Service Management API in a policy of its own that selects only Browser.',
  references: [TOKEN_PROTECTION_ARTICLES.overview, TOKEN_PROTECTION_ARTICLES.windows, TOKEN_PROTECTION_ARTICLES.apple, TOKEN_PROTECTION_ARTICLES.webApps],
  messages: {
    missing: (d) =>
      `"${d.policy}" requires token protection but does not configure client apps, so it also applies to browsers: ` +
      'MSAL.js apps such as Teams web are blocked.',
    all: (d) =>
      `"${d.policy}" requires token protection for all client apps, browsers included: MSAL.js apps such as Teams web are blocked.`,
    browser: (d) =>
      `"${d.policy}" requires token protection for browser sign-ins, which cannot present bound tokens to these resources: ` +
      'MSAL.js apps such as Teams web are blocked.',
    extra: (d) =>
      `"${d.policy}" requires token protection for legacy client type "${d.actual}", which cannot use token protection; ` +
      'select only mobile apps and desktop clients.',
    notSelected: (d) =>
      `"${d.policy}" requires token protection but its client apps condition does not include mobile apps and desktop clients, ` +
      'so it never protects the clients that support token protection.',
    browserPreview: (d) =>
      `"${d.policy}" requires token protection for browser sign-ins to ${d.resourcesText} only, the browser preview ` +
      `(Microsoft Learn, checked ${d.checked}); only selected web apps, browsers and devices are supported and other browsers are blocked.`,
    browserPreviewClients: (d) =>
      `"${d.policy}" requires token protection for ${d.resourcesText}, which supports it only for browser sign-ins (preview), ` +
      `but its client apps condition is ${d.actualText}: ${d.consequence}. Select only Browser.`,
  },
  messageSeverity: { browserPreview: 'info' },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) => {
        const raw = policy.conditions?.clientAppTypes;
        const values = list(raw);
        const browserResources = browserOnlyResources(index, policy);
        if (browserResources) {
          // The browser preview: the resource alone, in a policy that selects only Browser.
          const resourcesText = browserResources.map((r) => r.name).join(', ');
          const expected = [BROWSER];
          if (values.length > 0 && values.every((v) => sameKeyword(v, BROWSER))) {
            const preview = browserResources.filter((r) => r.status === 'preview');
            return preview.length === 0
              ? []
              : [
                  finding(policy, 'browserPreview', {
                    pointer: '/conditions/clientAppTypes/0',
                    evidence: { actual: values, expected, sources: preview.map((r) => r.source) },
                    data: { resourcesText, checked: preview[0]!.source.checked },
                  }),
                ];
          }
          const pointer = values.length === 0 ? conditionPointer(policy, 'clientAppTypes') : '/conditions/clientAppTypes';
          return [
            finding(policy, 'browserPreviewClients', {
              pointer,
              evidence: { actual: raw ?? null, expected, missing: raw === undefined },
              data: {
                resourcesText,
                actualText: values.length === 0 ? 'not configured (every client app)' : values.join(', '),
                consequence:
                  values.length === 0 || values.some((v) => sameKeyword(v, 'all') || sameKeyword(v, REQUIRED))
                    ? 'its mobile apps and desktop clients cannot present bound tokens to it and are blocked'
                    : 'legacy clients cannot use token protection',
              },
            }),
          ];
        }
        const expected = [REQUIRED];
        if (values.length === 0) {
          const pointer = conditionPointer(policy, 'clientAppTypes');
          return [finding(policy, 'missing', { pointer, evidence: { actual: raw ?? null, expected, missing: raw === undefined } })];
        }
        const out = values.flatMap((value, i) => {
          const pointer = `/conditions/clientAppTypes/${i}`;
          const evidence = { actual: value, expected, clientAppTypes: values };
          const v = value.toLowerCase();
          if (v === 'all') return [finding(policy, 'all', { pointer, evidence })];
          if (v === 'browser') return [finding(policy, 'browser', { pointer, evidence })];
          if (v === REQUIRED.toLowerCase()) return [];
          return [finding(policy, 'extra', { pointer, evidence })];
        });
        const hasAll = values.some((v) => v.toLowerCase() === 'all');
        if (!hasAll && !values.some((v) => v.toLowerCase() === REQUIRED.toLowerCase())) {
          out.push(finding(policy, 'notSelected', { pointer: '/conditions/clientAppTypes', evidence: { actual: values, expected } }));
        }
        return out;
      });
  },
});
