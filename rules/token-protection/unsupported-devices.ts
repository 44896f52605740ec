import { defineRule } from '../../src/engine/define-rule.js';
import { filterAppliesToDevice, parseDeviceFilter, FilterSyntaxError, type FilterNode } from '../../src/evaluate/device-filter/index.js';
import { conditionPointer, isDisabled, list, requiresTokenProtection } from '../../src/model/policy.js';
import {
  TOKEN_PROTECTION_ARTICLES,
  TOKEN_PROTECTION_CHECKED,
  WINDOWS_SUPPORTED_REGISTRATIONS,
  WINDOWS_UNSUPPORTED_REGISTRATIONS,
  clientLabel,
  coveredPlatforms,
  coversWindows,
  describePlatforms,
  everyPlatform,
  platformLabel,
  platformRow,
  platformStatus,
  policyClients,
  supportedPlatforms,
  windowsExclusionFilter,
  type TokenProtectionClient,
} from '../../src/model/token-protection.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

const EXAMPLE_FILTER = windowsExclusionFilter();
const UNSUPPORTED_LABELS = WINDOWS_UNSUPPORTED_REGISTRATIONS.map((r) => r.systemLabel);

/** Client kinds whose platform support the policy is judged by; a policy with only legacy clients is judged as native. */
function judgedClients(policy: ConditionalAccessPolicy): TokenProtectionClient[] {
  const clients = policyClients(policy);
  return clients.length > 0 ? clients : ['native'];
}

const joinLabels = (platforms: readonly string[]) => platforms.map(platformLabel).join(', ');
const BROWSER_PLATFORMS = supportedPlatforms(['browser']).map(platformLabel).join(' and ');
const NOWHERE = joinLabels(everyPlatform().filter((p) => platformStatus(p, ['native', 'browser']) === null));

export default defineRule({
  id: 'token-protection/unsupported-devices',
  catalogue: ['CA-075', 'CA-076'],
  title: 'Token protection covers only supported platforms and, on Windows, excludes unsupported registrations',
  risk: 'Token protection is required on devices that cannot support it, so their sign-ins are blocked',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    `Token protection works for mobile apps and desktop clients on ${describePlatforms('native')}; Apple devices must be ` +
    'MDM-managed with the Microsoft Enterprise SSO plug-in (or Platform SSO on macOS). Browser sign-ins are served only in ' +
    `preview, on ${BROWSER_PLATFORMS}, for Azure Resource Manager. On ${NOWHERE} it is ` +
    'not available, so a policy covering them blocks sign-ins that cannot present bound tokens; a preview platform is noted ' +
    'for information. On Windows, Microsoft lists a known limitation: Microsoft Entra joined Cloud PCs, Azure Virtual ' +
    'Desktop session hosts, Power Automate hosted machines and Azure VMs cannot satisfy token protection, so a policy whose ' +
    'platforms include Windows (or are not limited) excludes them with a device filter (systemLabels ' +
    `${UNSUPPORTED_LABELS.join(', ')}, each with trustType AzureAD; for Azure VMs Microsoft's example uses profileType ` +
    'SecureVM, which calint accepts too). The limitation is Windows-only: a policy for iOS and macOS alone needs no such ' +
    `filter. Facts as Microsoft Learn stated them when checked on ${TOKEN_PROTECTION_CHECKED}.`,
  remediation:
    'Under Conditions > Device platforms, include only platforms token protection supports ' +
    `(${joinLabels(supportedPlatforms(['native']))} for mobile apps and desktop clients; ${BROWSER_PLATFORMS} for the browser preview) ` +
    'and protect the others with separate policies ' +
    '(block unknown platforms, require compliant devices). When the policy covers Windows, add under Conditions > Filter for ' +
    `devices an exclude-mode rule such as: ${EXAMPLE_FILTER}.`,
  references: [
    TOKEN_PROTECTION_ARTICLES.overview,
    TOKEN_PROTECTION_ARTICLES.windows,
    TOKEN_PROTECTION_ARTICLES.apple,
    TOKEN_PROTECTION_ARTICLES.webApps,
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices',
  ],
  messages: {
    noFilter: (d) =>
      `"${d.policy}" requires token protection on Windows but has no device filter, so Microsoft Entra joined Cloud PCs, ` +
      'Azure Virtual Desktop hosts, Power Automate hosted machines and Azure VMs (which cannot bind tokens) are blocked.',
    missingLabels: (d) =>
      `"${d.policy}" requires token protection on Windows, but its device filter does not exclude ${d.missingText}; ` +
      'those devices cannot bind tokens and are blocked.',
    unparsable: (d) =>
      `"${d.policy}" has a device filter calint cannot parse (${d.error}), so it cannot tell whether unsupported devices are excluded.`,
    excludesSupported: (d) =>
      `"${d.policy}" has a device filter that leaves out every device that supports token protection (${d.devicesText}), ` +
      'so the policy never enforces it; exclude only the unsupported registrations.',
    platformUnsupported: (d) =>
      `"${d.policy}" requires token protection on ${d.platformsText}, where token protection is not available for ` +
      `${d.clientsText}; those sign-ins cannot present bound tokens and are blocked. Include only ${d.supportedText} under device platforms.`,
    platformPreview: (d) =>
      `"${d.policy}" requires token protection on ${d.platformsText}, a preview scenario for ${d.clientsText} ` +
      `(Microsoft Learn, checked ${d.checked}); preview behaviour can change, so keep watching its sign-in logs.`,
  },
  messageSeverity: { platformPreview: 'info' },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) => {
        const platforms = coveredPlatforms(policy);
        return [...(coversWindows(platforms) ? checkDeviceFilter(policy) : []), ...checkPlatforms(policy, platforms)];
      });

    function checkDeviceFilter(policy: ConditionalAccessPolicy) {
      const devices = policy.conditions?.devices ?? null;
      const filter = devices?.deviceFilter ?? null;
      const expected = { mode: 'exclude', rule: EXAMPLE_FILTER };
      if (!filter || typeof filter.rule !== 'string' || filter.rule.trim() === '') {
        const pointer = devices && 'deviceFilter' in devices ? '/conditions/devices/deviceFilter' : conditionPointer(policy, 'devices');
        return [
          finding(policy, 'noFilter', {
            pointer,
            evidence: { actual: filter ?? null, missing: true, missingLabels: [...UNSUPPORTED_LABELS], expected },
          }),
        ];
      }
      let tree: FilterNode;
      try {
        tree = parseDeviceFilter(filter.rule);
      } catch (e) {
        if (!(e instanceof FilterSyntaxError)) throw e;
        return [
          finding(policy, 'unparsable', {
            pointer: '/conditions/devices/deviceFilter/rule',
            evidence: { actual: filter.rule, error: e.message, errorOffset: e.offset },
            data: { error: `${e.message} at character ${e.offset + 1}` },
          }),
        ];
      }
      const mode = filter.mode === 'include' ? 'include' : 'exclude';
      const missing = WINDOWS_UNSUPPORTED_REGISTRATIONS.filter((r) => filterAppliesToDevice(mode, tree, r.device)).map((r) => r.systemLabel);
      const out = [];
      // Supported registrations (no system label): a filter that leaves out all of them switches protection off.
      // Leaving out some of them is a scoping choice (e.g. a pilot on Entra joined devices), not a finding.
      const overExcluded = WINDOWS_SUPPORTED_REGISTRATIONS.filter((r) => !filterAppliesToDevice(mode, tree, r.device));
      if (overExcluded.length === WINDOWS_SUPPORTED_REGISTRATIONS.length) {
        out.push(
          finding(policy, 'excludesSupported', {
            pointer: '/conditions/devices/deviceFilter/rule',
            evidence: { actual: { mode, rule: filter.rule }, excludedSupportedDevices: overExcluded.map((d) => d.name) },
            data: { devicesText: overExcluded.map((d) => d.name).join(', ') },
          }),
        );
      }
      if (missing.length === 0) return out;
      return [
        ...out,
        finding(policy, 'missingLabels', {
          pointer: '/conditions/devices/deviceFilter/rule',
          evidence: { actual: { mode, rule: filter.rule }, missingLabels: missing, expected },
          data: { missingText: missing.map((l) => `systemLabels "${l}"`).join(', ') },
        }),
      ];
    }

    function checkPlatforms(policy: ConditionalAccessPolicy, platforms: string[] | null) {
      const condition = policy.conditions?.platforms ?? null;
      const include = list(condition?.includePlatforms);
      const clients = judgedClients(policy);
      const covered = platforms ?? everyPlatform();
      const unsupported = covered.filter((p) => platformStatus(p, clients) === null);
      const preview = covered.filter((p) => platformStatus(p, clients) === 'preview');
      const supported = supportedPlatforms(clients);
      const pointer = condition && include.length ? '/conditions/platforms/includePlatforms' : conditionPointer(policy, 'platforms');
      const actual = condition ? { includePlatforms: include, excludePlatforms: list(condition.excludePlatforms) } : null;
      const clientsText = clients.map(clientLabel).join(' or ');
      const out = [];
      if (unsupported.length > 0) {
        out.push(
          finding(policy, 'platformUnsupported', {
            pointer,
            evidence: { actual, unsupportedPlatforms: unsupported, expected: { includePlatforms: supported }, clients, missing: !condition },
            data: {
              platformsText: platforms === null ? `every device platform (platforms not configured), including ${joinLabels(unsupported)}` : joinLabels(unsupported),
              clientsText,
              supportedText: joinLabels(supported),
            },
          }),
        );
      }
      // The preview note is for a policy already limited to platforms where token protection works: one that must first
      // drop unsupported platforms hears that once, not twice.
      if (preview.length > 0 && unsupported.length === 0) {
        out.push(
          finding(policy, 'platformPreview', {
            pointer,
            evidence: {
              actual,
              previewPlatforms: preview,
              clients,
              sources: preview.flatMap((p) => clients.map((c) => platformRow(p, c)).filter((r) => r?.status === 'preview')),
            },
            data: { platformsText: joinLabels(preview), clientsText, checked: TOKEN_PROTECTION_CHECKED },
          }),
        );
      }
      return out;
    }
  },
});
