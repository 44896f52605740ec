import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/block-authentication-transfer',
  catalogue: 'CA-044',
  title: 'Authentication transfer is blocked for all users',
  risk: 'A signed-in desktop session can be moved to a phone by QR code without signing in again',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Authentication transfer lets a user signed in to a desktop Office app move that signed-in state to the mobile app ' +
    'by scanning a QR code, with no fresh sign-in on the phone. It carries corporate access onto phones (unmanaged ones ' +
    'included) without the user proving who they are again, and a QR code captured by someone else does the same for ' +
    'them. Microsoft recommends blocking the flow for All users on All resources unless the organisation needs it.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts), Target resources = All ' +
    'resources, Conditions > Authentication flows = Authentication transfer, no other conditions, Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-authentication-transfer',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-authentication-flows',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks authentication transfer for all users on all resources, so a desktop session can be ' +
      `moved to a phone by QR code without a fresh sign-in there. ${d.nearText}`,
  },
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'all' },
    // The flow is modern authentication: browsers and apps are in scope, legacy clients need not be.
    clientApps: ['browser', 'mobileAppsAndDesktopClients'],
    when: { authenticationFlows: ['authenticationTransfer'] },
    control: { kind: 'block' },
  },
});
