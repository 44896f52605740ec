import { defineRule } from '../../src/engine/define-rule.js';
import { UNMANAGED_DEVICES } from '../../src/evaluate/session-controls.js';
import { grantAlternatives } from '../../src/evaluate/controls.js';
import { FilterSyntaxError, filterAppliesToDevice, parseDeviceFilter } from '../../src/evaluate/device-filter/index.js';
import { hasKeyword, isDisabled, list, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';


export default defineRule({
  id: 'session/weakening-controls',
  catalogue: 'CA-091',
  title: 'Session controls do not switch off protections',
  risk: 'A session setting switches off a protection, such as near-instant revocation of sessions or signing out when the browser closes',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Three session settings trade protection away. Customize continuous access evaluation = Disable turns off the ' +
    'near-real-time revocation of sessions when an account is disabled, its password changes or it moves off an allowed ' +
    'network, so a revoked session keeps working until its token expires. Disable resilience defaults makes Entra ID ' +
    'deny sign-ins during an outage whenever a condition cannot be evaluated in real time instead of extending existing ' +
    'sessions; when the policy is assigned through groups or roles, users outside them are denied too. Microsoft ' +
    'recommends leaving resilience defaults on except where real-time evaluation must win over availability. Persistent ' +
    'browser session = Always persistent keeps a browser signed in after it is closed, which is acceptable on managed ' +
    'devices but hands the session to the next person on a personal or shared one, so calint accepts it only when a ' +
    'device filter keeps unmanaged devices out, a compliant or hybrid joined device is required, or browsers are not in scope.',
  remediation:
    'Under Session: remove "Customize continuous access evaluation > Disable" (or use Strictly enforce location policies); ' +
    'clear "Disable resilience defaults" unless the policy protects a resource that must fail closed; and for "Persistent ' +
    'browser session > Always persistent", add Conditions > Filter for devices that includes only managed devices (for ' +
    'example device.isCompliant -eq True -or device.trustType -eq "ServerAD", include mode) or choose Never persistent.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-session',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-continuous-access-evaluation',
    'https://learn.microsoft.com/entra/identity/conditional-access/resilience-defaults',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
  ],
  messages: {
    caeDisabled: (d) =>
      `"${d.policy}" disables continuous access evaluation, so disabling an account, resetting its password or leaving an ` +
      'allowed network no longer ends its sessions until the tokens expire (up to a day).',
    resilienceDisabled: (d) =>
      `"${d.policy}" disables resilience defaults: during an Entra ID outage, sign-ins whose conditions cannot be ` +
      `evaluated in real time are denied instead of extending existing sessions${d.scopeText}.`,
    persistentAlways: (d) =>
      `"${d.policy}" keeps browser sessions always persistent ${d.reachText}, so a browser on a personal or shared device ` +
      'stays signed in after it is closed.',
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy)) return [];
      const s = policy.sessionControls;
      if (!s) return [];
      const out = [];
      if (s.continuousAccessEvaluation?.mode === 'disabled') {
        out.push(
          finding(policy, 'caeDisabled', {
            pointer: '/sessionControls/continuousAccessEvaluation/mode',
            evidence: { actual: 'disabled', expected: ['strictEnforcement', 'strictLocation', 'not configured'] },
          }),
        );
      }
      if (s.disableResilienceDefaults === true) {
        const u = usersCondition(policy);
        const byMembership = u.includeGroups.length > 0 || u.includeRoles.length > 0;
        out.push(
          finding(policy, 'resilienceDisabled', {
            pointer: '/sessionControls/disableResilienceDefaults',
            evidence: { actual: true, expected: false, assignedByGroupOrRole: byMembership },
            data: {
              scopeText: byMembership
                ? '; because it is assigned through groups or roles, which cannot be checked during the outage, users outside them are denied too'
                : '',
            },
          }),
        );
      }
      const persistent = s.persistentBrowser;
      if (persistent && persistent.isEnabled === true && persistent.mode === 'always') {
        const reach = unmanagedReach(policy);
        if (reach) {
          out.push(
            finding(policy, 'persistentAlways', {
              pointer: '/sessionControls/persistentBrowser/mode',
              evidence: { actual: 'always', expected: 'never, or limited to managed devices', unmanagedDevicesInScope: reach.devices, deviceFilter: policy.conditions?.devices?.deviceFilter ?? null },
              data: { reachText: reach.text },
            }),
          );
        }
      }
      return out;
    });
  },
});

/** Which unmanaged browsers the policy reaches, or null when it is limited to managed devices (or has no browsers). */
function unmanagedReach(policy: ConditionalAccessPolicy): { devices: string[]; text: string } | null {
  const clientApps = list(policy.conditions?.clientAppTypes);
  if (clientApps.length > 0 && !hasKeyword(clientApps, 'all') && !hasKeyword(clientApps, 'browser')) return null;
  // Every way through the grant needs a compliant or hybrid joined device: unmanaged devices never get a session.
  const alternatives = grantAlternatives(policy);
  if (alternatives.length > 0 && alternatives.every((alt) => alt.includes('compliantDevice') || alt.includes('domainJoinedDevice') || alt.includes('block'))) {
    return null;
  }
  const filter = policy.conditions?.devices?.deviceFilter;
  if (!filter || typeof filter.rule !== 'string' || filter.rule.trim() === '') {
    return { devices: UNMANAGED_DEVICES.map((d) => d.name), text: 'on every device (no device filter limits it to managed devices)' };
  }
  try {
    const tree = parseDeviceFilter(filter.rule);
    const mode = filter.mode === 'include' ? 'include' : 'exclude';
    const reached = UNMANAGED_DEVICES.filter((d) => filterAppliesToDevice(mode, tree, d.attributes)).map((d) => d.name);
    return reached.length === 0 ? null : { devices: reached, text: `on ${reached.join(', ')} (its device filter lets them in)` };
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return { devices: [], text: 'with a device filter calint cannot parse, so it may reach unmanaged devices' };
  }
}
