import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { targetsAgentIdentities } from '../../src/model/policy.js';
import { ALL_AGENT_IDENTITIES } from '../../src/model/well-known-agents.js';

const EXPECTED = {
  clientApplications: { includeAgentIdServicePrincipals: [ALL_AGENT_IDENTITIES[0]] },
  includeApplications: ['All'],
  agentIdRiskLevels: 'high',
  grant: 'block',
};

export default requirementRule({
  id: 'agents/block-high-risk',
  catalogue: 'CA-066',
  title: 'Agent identities at high agent risk are blocked',
  risk: 'An AI agent that Identity Protection rates as likely compromised keeps its access to every resource',
  priority: 2,
  effort: 'low',
  userImpact: 'none',
  licences: ['entra-id-p2', 'entra-agent-id'],
  severity: 'medium',
  rationale:
    'AI agents sign in with agent identities (Microsoft Entra Agent ID) that act without a user, so no MFA or device check ' +
    'stands behind them; when Microsoft Entra ID Protection rates an agent identity high risk, blocking it is the only ' +
    'control Conditional Access offers. CISA SCuBA makes this a SHALL (MS.AAD.9.1v1): an enabled policy for All agent ' +
    'identities on All resources, agent risk High, grant Block. Agent identities, agent risk and the policy template are ' +
    'preview features on the beta Graph API; agent risk needs Microsoft Entra ID P2, and SCuBA does not apply the ' +
    'requirement in GCC High and DoD. A report-only or disabled policy enforces nothing (Microsoft-managed "Block all ' +
    'high risk agents" policies start in report-only), a policy for agent users (agents\' user accounts) does not cover ' +
    'agent identities, and "All agent resources" is not All resources. A policy that blocks all agent identities whatever ' +
    'their risk also counts; ScubaGear looks for the High risk level literally.',
  remediation:
    'Create (or switch on) a policy from the template "Block access by high-risk agent identities": Users, agents or ' +
    'workload identities = Agents, Include = All agent identities; Target resources = All resources; Conditions > Agent ' +
    'risk = High; Grant = Block access. Test it in report-only, then set it to On.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-agent-block-high-risk',
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-target-agent-identities',
    'https://learn.microsoft.com/entra/id-protection/concept-risky-agents',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks agent identities at high agent risk (preview), so an AI agent that ID Protection rates as ' +
      `likely compromised keeps its access to every resource. ${d.nearText}`,
  },
  requirement: { users: { kind: 'agents' }, resources: { kind: 'all' }, when: { agentRisk: ['high'] }, control: { kind: 'block' } },
  details: (_verdict, { index }) => {
    const candidates = index.policies.filter(targetsAgentIdentities).length;
    return {
      data: candidates === 0 ? { nearText: 'No policy targets agent identities.' } : {},
      evidence: { expected: EXPECTED, agentIdentityPolicies: candidates },
    };
  },
});
