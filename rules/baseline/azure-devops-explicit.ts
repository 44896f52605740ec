import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { mentionsMfa } from '../../src/evaluate/controls.js';
import { applicationsCondition, hasKeyword, isDisabled, policyLabel, stateLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { APP_ALL, AZURE_DEVOPS, AZURE_SERVICE_MANAGEMENT } from '../../src/model/well-known-apps.js';

/** A policy that names Windows Azure Service Management API itself (not through All resources) and asks for MFA. */
function protectsAzureManagementExplicitly(index: TenantIndex, policy: ConditionalAccessPolicy): number | null {
  if (isDisabled(policy) || !mentionsMfa(policy)) return null;
  const apps = applicationsCondition(policy).includeApplications;
  if (hasKeyword(apps, APP_ALL)) return null;
  const i = apps.findIndex((app) => index.resolve('application', app).key.toLowerCase() === AZURE_SERVICE_MANAGEMENT);
  return i >= 0 ? i : null;
}

function explicitPolicies(index: TenantIndex): Array<{ policy: ConditionalAccessPolicy; i: number }> {
  return index.policies.flatMap((policy) => {
    const i = protectsAzureManagementExplicitly(index, policy);
    return i === null ? [] : [{ policy, i }];
  });
}

export default requirementRule({
  id: 'baseline/azure-devops-explicit',
  catalogue: 'CA-040',
  title: 'Azure DevOps is protected when Azure management is targeted explicitly',
  risk: 'Azure DevOps repositories and pipelines can be reached with a password alone',
  priority: 1,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Policies that target Windows Azure Service Management API used to reach Azure DevOps as well; Microsoft has ' +
    'documented that they no longer do. A tenant that protects Azure management by naming that app, rather than with ' +
    'an All-resources policy, has therefore lost MFA on Azure DevOps — its repositories, pipelines and service ' +
    'connections, which often hold credentials for production.',
  remediation:
    'Add Azure DevOps to the Target resources of the Azure-management MFA policy (or create an enabled policy for All ' +
    'users on Azure DevOps that requires an authentication strength); better, require MFA for All users on All resources.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
    'https://learn.microsoft.com/azure/devops/organizations/accounts/conditional-access-policies',
  ],
  messages: {
    missing: (d) =>
      `${d.azureText} Windows Azure Service Management API explicitly, but policies on that app no longer cover ` +
      `Azure DevOps and no enabled policy requires MFA for all users on Azure DevOps, so its repositories and pipelines ` +
      `are reached with a password alone. ${d.nearText}`,
  },
  // Asked only of tenants that name Azure management explicitly (an All-resources MFA policy covers Azure DevOps anyway).
  requirement: ({ index }) =>
    explicitPolicies(index).length === 0 ? null : { users: { kind: 'all' }, resources: { kind: 'apps', appIds: [AZURE_DEVOPS] }, control: { kind: 'mfa' } },
  details: (_verdict, { index }) => {
    const explicit = explicitPolicies(index);
    const named = explicit.map(({ policy }) => `"${policyLabel(policy)}"${stateLabel(policy) === 'enabled' ? '' : ` (${stateLabel(policy)})`}`);
    return {
      data: { azureText: named.length === 1 ? `The policy ${named[0]} names` : `The policies ${named.join(', ')} name` },
      evidence: {
        azureManagementPolicies: explicit.map(({ policy, i }) => {
          const source = index.sourceOf(policy);
          const pointer = `/conditions/applications/includeApplications/${i}`;
          return { policyId: typeof policy.id === 'string' ? policy.id : null, policyName: policyLabel(policy), state: stateLabel(policy), file: source?.file ?? null, pointer: source ? source.bodyPointer + pointer : pointer };
        }),
      },
    };
  },
});
