import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/phishing-resistant-all-users',
  catalogue: 'CA-036',
  title: 'Phishing-resistant MFA is required for all users on all resources',
  risk: 'Users can still be phished through a site that relays their MFA',
  priority: 2,
  effort: 'high',
  userImpact: 'high',
  severity: 'high',
  rationale:
    'Codes sent by SMS or voice, one-time passcodes and push approvals can all be relayed by an adversary-in-the-middle ' +
    'phishing site, so ordinary MFA no longer stops token theft. Only Windows Hello for Business, FIDO2 security keys and ' +
    'passkeys, and certificate-based MFA bind the sign-in to the real site. The baseline is an enabled policy for All ' +
    'users on All resources that requires the Phishing-resistant MFA strength, or a custom strength that allows nothing ' +
    'else; a report-only pilot enforces nothing.',
  remediation:
    'Register phishing-resistant methods for everyone first, then create (or switch on) a policy: Users = All users ' +
    '(exclude only the break-glass accounts), Target resources = All resources with no exclusions, no other conditions, ' +
    'Grant = Require authentication strength "Phishing-resistant MFA" (or a custom strength limited to Windows Hello for ' +
    'Business, passkeys (FIDO2) and certificate-based MFA).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
    'https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy requires phishing-resistant MFA for all users on all resources, so a phishing site that relays ' +
      `the sign-in can still take over an account. ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, control: { kind: 'phishingResistantMfa' } },
});
