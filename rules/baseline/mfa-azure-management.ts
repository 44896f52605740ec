import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { AZURE_SERVICE_MANAGEMENT } from '../../src/model/well-known-apps.js';

export default requirementRule({
  id: 'baseline/mfa-azure-management',
  catalogue: 'CA-039',
  title: 'MFA is required for Azure management (Windows Azure Service Management API) for all users',
  risk: 'Azure subscriptions and resources can be managed with a password alone',
  priority: 1,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'The Azure portal, Azure PowerShell, Azure CLI and everything else that calls Azure Resource Manager reach the ' +
    'Windows Azure Service Management API, where a signed-in user can change subscriptions, resources and billing with ' +
    'whatever Azure RBAC rights they hold — and those rights are granted outside Entra roles. Microsoft therefore ' +
    'recommends requiring MFA for every user of Azure management, not only for directory administrators. An All-resources ' +
    'MFA policy for All users already does this.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = ' +
    'Windows Azure Service Management API (or All resources), no other conditions, Grant = Require authentication ' +
    'strength "Multifactor authentication" (or Require multifactor authentication).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-azure-mgmt',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy requires MFA for all users on Windows Azure Service Management API (Azure portal, Azure ' +
      `PowerShell, Azure CLI), so a password alone can manage Azure resources. ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'apps', appIds: [AZURE_SERVICE_MANAGEMENT] }, control: { kind: 'mfa' } },
});
