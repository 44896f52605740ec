import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { EXCHANGE_ONLINE, SHAREPOINT_ONLINE } from '../../src/model/well-known-apps.js';

export default requirementRule({
  id: 'session/app-enforced-restrictions',
  catalogue: 'CA-061',
  title: 'Exchange Online and SharePoint Online apply app-enforced restrictions to browser sessions',
  risk: 'Unmanaged devices get full web access to mail and files, downloads included',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'medium',
  rationale:
    'App-enforced restrictions pass the device state to Exchange Online and SharePoint Online, which then limit a ' +
    'browser session from an unmanaged device (for example web-only, no download, print or sync) instead of handing out ' +
    'full access. Only these two services honour the control, and only when a policy sends it: Microsoft\'s template ' +
    'targets All users and the Office 365 app group with Session > Use app enforced restrictions. calint looks for an ' +
    'enabled policy for All users that covers both services and browser sessions; a device filter is accepted when it ' +
    'still reaches every kind of unmanaged device. Report-only and disabled policies do not count. The matching service ' +
    'settings (SharePoint unmanaged-device access, the OWA mailbox policy) are not in a Conditional Access export.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts), Target resources = Office 365 ' +
    '(or at least Office 365 Exchange Online and Office 365 SharePoint Online), Client apps = Browser (or not configured), ' +
    'Session = Use app enforced restrictions. Then configure the limited-access behaviour in SharePoint (Access control > ' +
    'Unmanaged devices) and the OWA mailbox policy in Exchange Online.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-policy-app-enforced-restriction',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-session',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy for All users applies app-enforced restrictions to browser sessions on Exchange Online and ' +
      `SharePoint Online, so unmanaged devices get full web access to mail and files. ${d.nearText}`,
  },
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'apps', appIds: [EXCHANGE_ONLINE, SHAREPOINT_ONLINE] },
    clientApps: ['browser'],
    when: { devices: 'unmanaged' },
    control: { kind: 'appEnforcedRestrictions' },
  },
  details: () => ({
    evidence: { expected: { applications: [EXCHANGE_ONLINE, SHAREPOINT_ONLINE], clientAppTypes: ['browser'], applicationEnforcedRestrictions: { isEnabled: true } } },
  }),
});
