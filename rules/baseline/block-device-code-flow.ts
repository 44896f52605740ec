import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/block-device-code-flow',
  catalogue: 'CA-043',
  title: 'The device code flow is blocked for all users',
  risk: 'A phished device code can hand an attacker a signed-in session, MFA included',
  priority: 1,
  effort: 'medium',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'In the device code flow a user types a code shown by another device into microsoft.com/devicelogin and signs in ' +
    'there. Attackers send such codes in phishing messages: the victim completes sign-in and MFA, and the attacker\'s ' +
    'device receives the tokens. Few users ever need the flow, so Microsoft recommends blocking it for All users on All ' +
    'resources and excluding only the accounts or devices that really need it.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts and any documented exception ' +
    'group), Target resources = All resources, Conditions > Authentication flows = Device code flow, no other conditions, ' +
    'Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-authentication-flows',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-authentication-flows',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks the device code flow for all users on all resources, so a phished device code still ' +
      `hands an attacker a signed-in session. ${d.nearText}`,
  },
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'all' },
    // The flow is modern authentication: browsers and apps are in scope, legacy clients need not be.
    clientApps: ['browser', 'mobileAppsAndDesktopClients'],
    when: { authenticationFlows: ['deviceCodeFlow'] },
    control: { kind: 'block' },
  },
});
