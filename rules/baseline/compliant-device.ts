import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/compliant-device',
  catalogue: 'CA-050',
  title: 'A compliant or hybrid joined device is required for all users on all resources',
  risk: 'Users can sign in from unmanaged devices, an attacker\'s own machine included',
  priority: 2,
  effort: 'high',
  userImpact: 'high',
  licences: ['intune'],
  severity: 'medium',
  rationale:
    'Requiring an Intune-compliant or Microsoft Entra hybrid joined device keeps a stolen password or session from being ' +
    'used on an attacker\'s machine, and makes device health part of every sign-in. The requirement counts only when ' +
    'every way through the grant needs such a device: "compliant OR hybrid joined" qualifies, "compliant device OR MFA" ' +
    'does not, because the MFA path lets any device in. A policy split by platform, or one that excludes roles, guests or ' +
    'apps, leaves the rest unmanaged; a report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources, no other conditions, Grant = "Require device to be marked as compliant" and/or "Require Microsoft Entra ' +
    'hybrid joined device" (Require one of the selected controls). Roll it out with report-only first: unmanaged devices ' +
    'are blocked once it is on.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-compliance',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy requires a compliant or hybrid joined device for all users on all resources, so sign-ins from ' +
      `unmanaged devices are allowed. ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, control: { kind: 'managedDevice' } },
  details: () => ({ evidence: { expected: { grant: 'compliantDevice | domainJoinedDevice' } } }),
});
