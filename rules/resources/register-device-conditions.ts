import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { applicationsCondition, builtInControls, hasKeyword, isDisabled, list } from '../../src/model/policy.js';

const REGISTER_DEVICE = 'urn:user:registerdevice';
/** Grant controls available with the "Register or join devices" user action. */
const SUPPORTED_CONTROLS = ['mfa'];

export default defineRule({
  id: 'resources/register-device-conditions',
  catalogue: 'CA-090',
  title: 'Register-or-join-devices policies use only the conditions and controls the user action supports',
  risk: 'A device-registration policy uses conditions or controls that cannot apply to it, so it does not behave as it reads',
  priority: 3,
  effort: 'low',
  userImpact: 'low',
  severity: 'low',
  rationale:
    'The "Register or join devices" user action is evaluated before the device exists in Microsoft Entra ID, so ' +
    'nothing that depends on device registration can be judged: the Client apps, Filter for devices and Device state ' +
    'conditions are not available, and Require multifactor authentication and Require authentication strength are the ' +
    'only access controls. A policy that combines the action with any of the others (from the API or an old template) ' +
    'does not behave the way it reads: the extra condition or control cannot be enforced for device registration.',
  remediation:
    'Remove Client apps, Filter for devices and Device state from the policy, and keep only Require multifactor ' +
    'authentication or Require authentication strength under Grant. Enforce device-based requirements in separate ' +
    'policies on the resources instead.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
    'https://learn.microsoft.com/entra/identity/conditional-access/how-to-policy-mfa-device-register-join',
  ],
  messages: {
    clientApps: (d) =>
      `"${d.policy}" targets "Register or join devices" but narrows client apps to ${d.actualText}; the client-apps ` +
      'condition is not available for this user action.',
    deviceFilter: (d) =>
      `"${d.policy}" targets "Register or join devices" but has a device filter; devices are not registered yet when ` +
      'the action is evaluated, so the filter cannot work.',
    deviceStates: (d) =>
      `"${d.policy}" targets "Register or join devices" but uses the device state condition (${d.field}), which is not ` +
      'available for this user action.',
    grantControl: (d) =>
      `"${d.policy}" targets "Register or join devices" with the grant control ${d.control}; only Require multifactor ` +
      'authentication and Require authentication strength are available for this user action.',
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy)) return [];
      if (!hasKeyword(applicationsCondition(policy).includeUserActions, REGISTER_DEVICE)) return [];
      const out: FindingDraft[] = [];
      const c = policy.conditions ?? {};
      const clientApps = list(c.clientAppTypes);
      if (clientApps.length > 0 && !hasKeyword(clientApps, 'all')) {
        out.push(
          finding(policy, 'clientApps', {
            pointer: '/conditions/clientAppTypes',
            evidence: { actual: clientApps, expected: ['all'] },
            data: { actualText: clientApps.join(', ') },
          }),
        );
      }
      const devices = c.devices as Record<string, unknown> | null | undefined;
      const filter = devices?.deviceFilter as { rule?: unknown } | null | undefined;
      if (filter && typeof filter.rule === 'string' && filter.rule.trim() !== '') {
        out.push(finding(policy, 'deviceFilter', { pointer: '/conditions/devices/deviceFilter', evidence: { actual: filter, expected: null } }));
      }
      // Deprecated device states: conditions.deviceStates {includeStates, excludeStates} or devices.include/excludeDeviceStates.
      const states = (c as Record<string, unknown>).deviceStates as Record<string, unknown> | null | undefined;
      for (const [owner, base, keys] of [
        [states, '/conditions/deviceStates', ['includeStates', 'excludeStates']],
        [devices, '/conditions/devices', ['includeDeviceStates', 'excludeDeviceStates']],
      ] as const) {
        for (const key of keys) {
          const values = list(owner?.[key]);
          if (values.length === 0) continue;
          out.push(
            finding(policy, 'deviceStates', {
              pointer: `${base}/${key}`,
              evidence: { actual: values, expected: [] },
              data: { field: key },
            }),
          );
        }
      }
      builtInControls(policy).forEach((control, i) => {
        if (SUPPORTED_CONTROLS.includes(control)) return;
        out.push(
          finding(policy, 'grantControl', {
            pointer: `/grantControls/builtInControls/${i}`,
            evidence: { actual: control, expected: ['mfa', 'authenticationStrength'] },
            data: { control: `"${control}"` },
          }),
        );
      });
      const g = policy.grantControls;
      for (const [key, label] of [
        ['termsOfUse', 'terms of use'],
        ['customAuthenticationFactors', 'custom control'],
      ] as const) {
        if (list(g?.[key]).length === 0) continue;
        out.push(
          finding(policy, 'grantControl', {
            pointer: `/grantControls/${key}`,
            evidence: { actual: list(g?.[key]), expected: ['mfa', 'authenticationStrength'] },
            data: { control: label },
          }),
        );
      }
      return out;
    });
  },
});
