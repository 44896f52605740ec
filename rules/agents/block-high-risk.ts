import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence, type BaselineVerdict } from '../../src/evaluate/baseline.js';
import { blocks } from '../../src/evaluate/controls.js';
import { reasonWeight, SCOPE_WEIGHT, type Reason } from '../../src/evaluate/risk.js';
import {
  agentIdentitiesCondition,
  applicationsCondition,
  flags,
  hasKeyword,
  list,
  policyLabel,
  policyState,
  targetsAgentIdentities,
} from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { ALL_AGENT_IDENTITIES, ALL_AGENT_RESOURCES } from '../../src/model/well-known-agents.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';

const SCOPE = '/conditions/clientApplications';

/** Conditions that narrow who or what a policy reaches; for agent identities only the agent-risk condition is offered. */
function narrowingConditions(policy: ConditionalAccessPolicy): { text: string; pointer: string }[] {
  const c = policy.conditions ?? ({} as ConditionalAccessPolicy['conditions']);
  const out: { text: string; pointer: string }[] = [];
  const inc = list(c.locations?.includeLocations);
  if ((inc.length > 0 && !hasKeyword(inc, 'All')) || list(c.locations?.excludeLocations).length > 0) {
    out.push({ text: 'a location condition narrows it', pointer: '/conditions/locations' });
  }
  const platforms = list(c.platforms?.includePlatforms);
  if ((platforms.length > 0 && !hasKeyword(platforms, 'all')) || list(c.platforms?.excludePlatforms).length > 0) {
    out.push({ text: 'a device platform condition narrows it', pointer: '/conditions/platforms' });
  }
  if (c.devices?.deviceFilter) out.push({ text: 'a device filter narrows it', pointer: '/conditions/devices/deviceFilter' });
  const risks = { signInRiskLevels: 'sign-in', userRiskLevels: 'user', servicePrincipalRiskLevels: 'service principal' } as const;
  for (const [key, label] of Object.entries(risks) as [keyof typeof risks, string][]) {
    if (list(c[key]).length > 0) out.push({ text: `a ${label} risk condition narrows it`, pointer: `/conditions/${key}` });
  }
  if (flags(c.insiderRiskLevels).length > 0) out.push({ text: 'an insider risk condition narrows it', pointer: '/conditions/insiderRiskLevels' });
  if (flags(c.authenticationFlows?.transferMethods).length > 0) {
    out.push({ text: 'an authentication flows condition narrows it', pointer: '/conditions/authenticationFlows' });
  }
  const clientApps = list(c.clientAppTypes);
  if (clientApps.length > 0 && !hasKeyword(clientApps, 'all')) {
    out.push({ text: `it applies only to the client apps ${clientApps.join(', ')}`, pointer: '/conditions/clientAppTypes' });
  }
  return out;
}

/** Why a policy does not block every agent identity at high agent risk on All resources (empty: it does). */
function reasonsAgainst(index: TenantIndex, policy: ConditionalAccessPolicy): Reason[] {
  const reasons: Reason[] = [];
  const add = (text: string, pointer: string, weight = 1) => reasons.push({ text, pointer, weight });
  const state = policyState(policy);
  if (state === 'disabled') add('it is disabled', '/state');
  if (state === 'enabledForReportingButNotEnforced') add('it is report-only, so nothing is enforced', '/state');
  if (!blocks(policy)) add('it does not block access', '/grantControls');

  const a = agentIdentitiesCondition(policy);
  const all = ALL_AGENT_IDENTITIES.some((k) => hasKeyword(a.includeAgentIdServicePrincipals, k));
  if (!all) {
    const n = a.includeAgentIdServicePrincipals.length;
    if (n > 0) {
      add(
        `it includes ${n === 1 ? `only ${index.nameOf('servicePrincipal', a.includeAgentIdServicePrincipals[0]!)}` : `only ${n} agent identities`}, not All agent identities`,
        `${SCOPE}/includeAgentIdServicePrincipals`,
        SCOPE_WEIGHT,
      );
    } else {
      add('it selects agent identities by a custom security attribute filter, not All agent identities', `${SCOPE}/agentIdServicePrincipalFilter`, SCOPE_WEIGHT);
    }
  } else if (a.agentIdServicePrincipalFilter) {
    const f = a.agentIdServicePrincipalFilter as { mode?: unknown; rule?: unknown };
    add(`an agent identity filter (${String(f.mode)}: ${String(f.rule)}) leaves agent identities out`, `${SCOPE}/agentIdServicePrincipalFilter`);
  }
  if (a.excludeAgentIdServicePrincipals.length > 0) {
    add(
      `it excludes ${a.excludeAgentIdServicePrincipals.map((id) => index.nameOf('servicePrincipal', id)).join(', ')}`,
      `${SCOPE}/excludeAgentIdServicePrincipals`,
    );
  }

  const apps = applicationsCondition(policy);
  if (!hasKeyword(apps.includeApplications, APP_ALL)) {
    add(
      hasKeyword(apps.includeApplications, ALL_AGENT_RESOURCES)
        ? 'it targets All agent resources only, not All resources'
        : 'it does not target All resources',
      '/conditions/applications/includeApplications',
      SCOPE_WEIGHT,
    );
  }
  if (apps.excludeApplications.length > 0) add('it excludes resources', '/conditions/applications/excludeApplications');

  const levels = flags(policy.conditions?.agentIdRiskLevels);
  if (levels.length > 0 && !hasKeyword(levels, 'high')) {
    add(`it applies only at agent risk ${levels.join(', ')}, not high`, '/conditions/agentIdRiskLevels');
  }
  for (const n of narrowingConditions(policy)) add(n.text, n.pointer);
  return reasons;
}

function verdictFor(index: TenantIndex): BaselineVerdict {
  const verdicts = index.policies.filter(targetsAgentIdentities).map((policy) => ({ policy, reasons: reasonsAgainst(index, policy) }));
  const satisfiedBy = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy);
  const nearMisses = verdicts
    .filter((v) => v.reasons.length > 0)
    .sort((x, y) => reasonWeight(x.reasons) - reasonWeight(y.reasons) || (policyLabel(x.policy) < policyLabel(y.policy) ? -1 : policyLabel(x.policy) > policyLabel(y.policy) ? 1 : 0))
    .slice(0, 3);
  return { satisfied: satisfiedBy.length > 0, satisfiedBy, nearMisses };
}

const EXPECTED = {
  state: 'enabled',
  clientApplications: { includeAgentIdServicePrincipals: ['All'], excludeAgentIdServicePrincipals: [] },
  applications: { includeApplications: ['All'], excludeApplications: [] },
  agentIdRiskLevels: 'high (or no agent risk condition: every agent identity blocked)',
  grant: 'block',
};

export default defineRule({
  id: 'agents/block-high-risk',
  catalogue: 'CA-066',
  title: 'Agent identities at high agent risk are blocked',
  severity: 'medium',
  scope: 'tenant',
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
  frameworks: { scuba: ['MS.AAD.9.1v1'] },
  messages: {
    missing: (d) =>
      'No enabled policy blocks agent identities at high agent risk (preview), so an AI agent that ID Protection rates as ' +
      `likely compromised keeps its access to every resource. ${d.nearText}`,
  },
  check({ index, finding }) {
    const verdict = verdictFor(index);
    if (verdict.satisfied) return [];
    const candidates = index.policies.filter(targetsAgentIdentities).length;
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: { expected: EXPECTED, agentIdentityPolicies: candidates, nearMisses: nearMissEvidence(index, verdict) },
        data: { nearText: candidates === 0 ? 'No policy targets agent identities.' : describeNearMisses(verdict) },
      }),
    ];
  },
});
