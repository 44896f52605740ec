import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { USER_ACTION_REGISTER_SECURITY_INFO } from '../../src/model/well-known-platforms.js';

export default requirementRule({
  id: 'baseline/security-info-registration-managed-device',
  catalogue: 'CA-052',
  title: 'Registering security information requires a managed device for all users',
  risk: 'MFA methods can be registered from any device, so a stolen password and an MFA prompt are enough to add one',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  licences: ['intune'],
  severity: 'medium',
  rationale:
    'Whoever registers the MFA methods of an account can pass every MFA policy afterwards. baseline/security-info-registration ' +
    'accepts MFA for the registration, which is Microsoft\'s recommendation; the CIS Microsoft 365 Foundations Benchmark ' +
    '(5.2.2.10) and the CISA SCuBA Entra ID baseline (MS.AAD.3.8v1) go further and ask for a compliant or Microsoft Entra ' +
    'hybrid joined device, so that an attacker who has phished a password and an MFA prompt still cannot add a method from ' +
    'a device of their own. Both ask for All users on the "Register security information" user action, with no location ' +
    'condition; an All-resources policy that requires a managed device covers the action too. Guest and external users ' +
    'count: their devices are managed only if cross-tenant access settings trust the home tenant\'s device claims, so a ' +
    'tenant that excludes them should record that as an accepted exception. A report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts), Target resources > User ' +
    'actions = Register security information, no other conditions, Grant = Require device to be marked as compliant and ' +
    'Require Microsoft Entra hybrid joined device, with Require one of the selected controls. Give new users a way to ' +
    'enrol their device first (Intune enrolment with a Temporary Access Pass).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#user-actions',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy requires a compliant or hybrid joined device for all users registering security information, so ' +
      `MFA methods can be added from a device the organisation does not manage. ${d.nearText}`,
  },
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'userAction', action: USER_ACTION_REGISTER_SECURITY_INFO },
    control: { kind: 'managedDevice' },
  },
  details: () => ({
    evidence: { expected: { includeUserActions: [USER_ACTION_REGISTER_SECURITY_INFO], grant: 'compliantDevice | domainJoinedDevice' } },
  }),
});
