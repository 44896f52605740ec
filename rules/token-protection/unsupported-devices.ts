import { defineRule } from '../../src/engine/define-rule.js';
import { filterAppliesToDevice, parseDeviceFilter, FilterSyntaxError, type FilterNode } from '../../src/evaluate/device-filter/index.js';
import { conditionPointer, isDisabled, list, requiresTokenProtection } from '../../src/model/policy.js';
import {
  TOKEN_PROTECTION_SUPPORTED_PLATFORMS,
  TOKEN_PROTECTION_UNSUPPORTED_SYSTEM_LABELS,
} from '../../src/model/well-known-apps.js';

const EXAMPLE_FILTER = TOKEN_PROTECTION_UNSUPPORTED_SYSTEM_LABELS.map(
  (label) => `(device.systemLabels -contains "${label}" -and device.trustType -eq "AzureAD")`,
).join(' -or ');

/** Registrations on which token protection works: a policy's device filter must keep them in scope. */
const SUPPORTED_DEVICES = [
  { name: 'Microsoft Entra joined Windows devices', attributes: { trustType: 'AzureAD', systemLabels: [], profileType: 'RegisteredDevice' } },
  { name: 'Microsoft Entra hybrid joined Windows devices', attributes: { trustType: 'ServerAD', systemLabels: [], profileType: 'RegisteredDevice' } },
  { name: 'Microsoft Entra registered Windows devices', attributes: { trustType: 'Workplace', systemLabels: [], profileType: 'RegisteredDevice' } },
];

const KNOWN_PLATFORMS = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux'];

export default defineRule({
  id: 'token-protection/unsupported-devices',
  catalogue: ['CA-075', 'CA-076'],
  title: 'Token protection excludes unsupported device registrations and is limited to Windows',
  severity: 'medium',
  rationale:
    'Token protection is enforced only on Windows 10 or later devices registered with Microsoft Entra ID. Cloud PCs, ' +
    'Azure Virtual Desktop session hosts, Power Automate hosted machines and Azure VMs joined with the VM extension ' +
    'cannot satisfy it, so Microsoft recommends excluding them with a device filter (systemLabels CloudPC, ' +
    'AzureVirtualDesktop, MicrosoftPowerAutomate, AzureResource, each with trustType AzureAD). A policy that is not ' +
    'limited to the Windows platform blocks or confuses sign-ins from platforms where token protection is not available.',
  remediation:
    `Under Conditions > Filter for devices, add an exclude-mode rule such as: ${EXAMPLE_FILTER}. ` +
    'Under Conditions > Device platforms, include only Windows, and protect other platforms with separate policies ' +
    '(block unknown platforms, require compliant devices).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices',
  ],
  messages: {
    noFilter: (d) =>
      `"${d.policy}" requires token protection but has no device filter, so Cloud PCs, Azure Virtual Desktop hosts, ` +
      'Power Automate hosted machines and Azure VMs (which cannot bind tokens) are blocked.',
    missingLabels: (d) =>
      `"${d.policy}" requires token protection, but its device filter does not exclude ${d.missingText}; ` +
      'those devices cannot bind tokens and are blocked.',
    unparsable: (d) =>
      `"${d.policy}" has a device filter calint cannot parse (${d.error}), so it cannot tell whether unsupported devices are excluded.`,
    excludesSupported: (d) =>
      `"${d.policy}" has a device filter that leaves out every device that supports token protection (${d.devicesText}), ` +
      'so the policy never enforces it; exclude only the unsupported registrations.',
    platformNotWindows: (d) =>
      `"${d.policy}" requires token protection on ${d.platformsText}, but token protection is enforced only on Windows; ` +
      'include only Windows under device platforms.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && requiresTokenProtection(p))
      .flatMap((policy) => [...checkDeviceFilter(policy), ...checkPlatforms(policy)]);

    function checkDeviceFilter(policy: (typeof index.policies)[number]) {
      const devices = policy.conditions?.devices ?? null;
      const filter = devices?.deviceFilter ?? null;
      const expected = { mode: 'exclude', rule: EXAMPLE_FILTER };
      if (!filter || typeof filter.rule !== 'string' || filter.rule.trim() === '') {
        const pointer = devices && 'deviceFilter' in devices ? '/conditions/devices/deviceFilter' : conditionPointer(policy, 'devices');
        return [
          finding(policy, 'noFilter', {
            pointer,
            evidence: { actual: filter ?? null, missing: true, missingLabels: [...TOKEN_PROTECTION_UNSUPPORTED_SYSTEM_LABELS], expected },
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
      const missing = TOKEN_PROTECTION_UNSUPPORTED_SYSTEM_LABELS.filter((label) =>
        filterAppliesToDevice(mode, tree, { systemLabels: [label], trustType: 'AzureAD' }),
      );
      const out = [];
      // Supported registrations (no system label): a filter that leaves out all of them switches protection off.
      // Leaving out some of them is a scoping choice (e.g. a pilot on Entra joined devices), not a finding.
      const overExcluded = SUPPORTED_DEVICES.filter((d) => !filterAppliesToDevice(mode, tree, d.attributes));
      if (overExcluded.length === SUPPORTED_DEVICES.length) {
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

    function checkPlatforms(policy: (typeof index.policies)[number]) {
      const platforms = policy.conditions?.platforms ?? null;
      const include = list(platforms?.includePlatforms);
      const exclude = list(platforms?.excludePlatforms).map((p) => p.toLowerCase());
      const supported = TOKEN_PROTECTION_SUPPORTED_PLATFORMS.map((p) => p.toLowerCase());
      let covered: string[];
      if (include.length === 0) covered = ['any platform'];
      else if (include.some((p) => p.toLowerCase() === 'all')) {
        covered = KNOWN_PLATFORMS.filter((p) => !exclude.includes(p.toLowerCase()));
        covered.push('unknown platforms');
      } else covered = include.filter((p) => !exclude.includes(p.toLowerCase()));
      const extra = covered.filter((p) => !supported.includes(p.toLowerCase()));
      if (extra.length === 0) return [];
      const pointer = platforms && include.length ? '/conditions/platforms/includePlatforms' : conditionPointer(policy, 'platforms');
      return [
        finding(policy, 'platformNotWindows', {
          pointer,
          evidence: {
            actual: platforms ? { includePlatforms: include, excludePlatforms: list(platforms.excludePlatforms) } : null,
            unsupportedPlatforms: extra,
            expected: { includePlatforms: [...TOKEN_PROTECTION_SUPPORTED_PLATFORMS] },
            missing: !platforms,
          },
          data: { platformsText: include.length === 0 ? 'every device platform (platforms not configured)' : extra.join(', ') },
        }),
      ];
    }
  },
});
