import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { USER_ACTION_REGISTER_DEVICE } from '../../src/model/well-known-platforms.js';

export default requirementRule({
  id: 'baseline/device-registration-mfa',
  catalogue: 'CA-053',
  title: 'Registering or joining a device requires MFA for all users',
  risk: 'A password alone may be enough to add a device to the directory',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A device registered or joined to Microsoft Entra ID becomes a trusted identity of its own: it receives a primary ' +
    'refresh token and can later satisfy device-based policies. If a password alone is enough to register one, an attacker ' +
    'can plant a device in the directory. Microsoft recommends a policy on the user action "Register or join devices" that ' +
    'requires MFA for All users; it replaces the tenant-wide device setting "Require MFA to register or join devices", ' +
    'which must then be set to No. An All-resources MFA policy is not known to cover this user action, so it does not count.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources > User ' +
    'actions = Register or join devices, Grant = Require authentication strength "Multifactor authentication" (or Require ' +
    'multifactor authentication). Then set Devices > Device settings > "Require Multifactor Authentication to register or ' +
    'join devices" to No.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-registration',
    'https://learn.microsoft.com/entra/identity/conditional-access/how-to-policy-mfa-device-register-join',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#user-actions',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy requires MFA for all users to register or join devices, so a password alone can add a device ' +
      `to the directory (unless the tenant device setting still requires MFA). ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'userAction', action: USER_ACTION_REGISTER_DEVICE }, control: { kind: 'mfa' } },
  details: () => ({ evidence: { expected: { includeUserActions: [USER_ACTION_REGISTER_DEVICE], grant: 'mfa | authenticationStrength' } } }),
});
