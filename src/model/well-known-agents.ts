/**
 * Conditional Access for agents (Microsoft Entra Agent ID; beta Graph, preview features), as of 2026-12-06.
 * Sources: https://learn.microsoft.com/entra/identity/conditional-access/agent-id (data access patterns, controls),
 * https://learn.microsoft.com/entra/identity/conditional-access/howto-target-agent-identities (assignments, conditions,
 * access controls), https://learn.microsoft.com/entra/identity/conditional-access/policy-agent-user (agent users), and the
 * beta Graph resource conditionalAccessClientApplications (agent identity lists and filter).
 *
 * Two subjects, two places in a policy:
 * - agent identities (service principals of the agent-identity type): `conditions.clientApplications`
 *   `includeAgentIdServicePrincipals` / `excludeAgentIdServicePrincipals` / `agentIdServicePrincipalFilter`;
 * - agent users (agents' user accounts, preview): `conditions.agents` `includeAgentUsers` / `excludeAgentUsers` /
 *   `agentFilter`, with `users.includeUsers: ["None"]`. Older exports and Microsoft's create examples name all agent
 *   users in the users condition instead: `includeUsers: ["AllAgentIdUsers"]`.
 * "All users" does not include agent users.
 */

/** `includeAgentIdServicePrincipals` values meaning every agent identity (the portal's "All agent identities"). */
export const ALL_AGENT_IDENTITIES = ['All', 'AllAgentIdServicePrincipals'] as const;

/** `conditions.agents.includeAgentUsers` value meaning every agent user ("All agent users"). */
export const ALL_AGENT_USERS = 'All';

/** The same scope written in the users condition (`users.includeUsers`), as Microsoft's create examples do. */
export const ALL_AGENT_USERS_IN_USERS = 'AllAgentIdUsers';

/** `includeApplications` value of the portal's "All agent resources": agent-specific resources only, not All resources. */
export const ALL_AGENT_RESOURCES = 'AllAgentIdResources';

/**
 * Grant controls a policy may use per subject (howto-target-agent-identities, "Access controls"): an agent identity has
 * no interactive remediation, so Block access is the only control; an agent user may also be required to run on a
 * compliant device (Windows 365 for Agents). No session control is offered for either.
 */
export const AGENT_IDENTITY_GRANT_CONTROLS = ['block'] as const;
export const AGENT_USER_GRANT_CONTROLS = ['block', 'compliantDevice'] as const;
