import { describe, expect, it } from 'vitest';
import { whatIf, type Scenario } from '../../src/evaluate/whatif/index.js';
import { indexOf, policy } from '../helpers/tenant.js';

// (beta) Entra agent identities: clientApplications.includeAgentIdServicePrincipals / exclude… / agentIdServicePrincipalFilter
// and conditions.agentIdRiskLevels (graph README §1). Workload-identity policies never apply to users (§5), and a
// policy for service principals does not reach agents nor the reverse.
const AGENT = 'a9e00000-0000-4000-8000-000000000001';
const OTHER_AGENT = 'a9e00000-0000-4000-8000-000000000002';
const SP = '5e000000-0000-4000-8000-000000000001';
const workload = (clientApplications: Record<string, unknown>, conditions: Record<string, unknown> = {}, name = 'Agents') =>
  policy({ displayName: name, users: { includeUsers: ['None'] }, conditions: { clientApplications, ...conditions }, grantControls: { operator: 'OR', builtInControls: ['block'] } });
const agent = (agentId: string, extra: Partial<Scenario> = {}): Scenario => ({ identity: { kind: 'agent', agentId }, target: { kind: 'application', appId: 'All' }, ...extra });
const applies = (p: ReturnType<typeof policy>, s: Scenario) => {
  const r = whatIf(indexOf({ policies: [p] }), s);
  return { applies: r.policies[0]!.applies, reasons: r.policies[0]!.reasons.map((x) => x.reason), decision: r.outcome.decision };
};

describe('what-if for agent identities', () => {
  it('All agent identities: applies to an agent and blocks it', () => {
    expect(applies(workload({ includeAgentIdServicePrincipals: ['All'] }), agent(AGENT))).toEqual({ applies: 'applies', reasons: [], decision: 'blocked' });
  });
  it('a listed agent applies; another agent is not included', () => {
    const p = workload({ includeAgentIdServicePrincipals: [AGENT] });
    expect(applies(p, agent(AGENT)).applies).toBe('applies');
    expect(applies(p, agent(OTHER_AGENT))).toMatchObject({ applies: 'doesNotApply', reasons: ['workloadIdentities'] });
  });
  it('an excluded agent is out (exclude wins)', () => {
    expect(applies(workload({ includeAgentIdServicePrincipals: ['All'], excludeAgentIdServicePrincipals: [AGENT] }), agent(AGENT)).applies).toBe('doesNotApply');
  });
  it('a service-principal policy does not reach agents, nor an agent policy service principals', () => {
    expect(applies(workload({ includeServicePrincipals: ['ServicePrincipalsInMyTenant'] }), agent(AGENT)).applies).toBe('doesNotApply');
    const sp: Scenario = { identity: { kind: 'servicePrincipal', servicePrincipalId: SP }, target: { kind: 'application', appId: 'All' } };
    expect(applies(workload({ includeAgentIdServicePrincipals: ['All'] }), sp).applies).toBe('doesNotApply');
  });
  it('user policies never apply to agents', () => {
    expect(applies(policy({}), agent(AGENT))).toMatchObject({ applies: 'doesNotApply', reasons: ['users'] });
  });
  it('agent risk: listed level applies, other level does not, unknown risk cannot tell', () => {
    const p = workload({ includeAgentIdServicePrincipals: ['All'] }, { agentIdRiskLevels: 'medium,high' });
    expect(applies(p, agent(AGENT, { agentIdRisk: 'high' })).applies).toBe('applies');
    expect(applies(p, agent(AGENT, { agentIdRisk: 'low' }))).toMatchObject({ applies: 'doesNotApply', reasons: ['agentIdRisk'] });
    expect(applies(p, agent(AGENT)).applies).toBe('cannotTell');
  });
  it('an agent filter needs the custom security attributes', () => {
    const p = workload({ includeAgentIdServicePrincipals: ['All'], agentIdServicePrincipalFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Agents_Tier -eq "untrusted"' } });
    expect(applies(p, agent(AGENT)).applies).toBe('cannotTell');
    expect(applies(p, { identity: { kind: 'agent', agentId: AGENT, attributes: { Agents_Tier: 'untrusted' } }, target: { kind: 'application', appId: 'All' } }).applies).toBe('applies');
    expect(applies(p, { identity: { kind: 'agent', agentId: AGENT, attributes: { Agents_Tier: 'trusted' } }, target: { kind: 'application', appId: 'All' } }).applies).toBe('doesNotApply');
  });
});
