import { requirementFinding, requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import type { Requirement } from '../../src/evaluate/coverage/requirement.js';
import { SYNTHETIC_SERVICE_PRINCIPAL, workloadClasses } from '../../src/evaluate/coverage/classes.js';
import { targetsWorkloadIdentities } from '../../src/model/policy.js';
import type { ServicePrincipal } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { SERVICE_PRINCIPALS_IN_MY_TENANT, SINGLE_TENANT_AUDIENCE } from '../../src/model/well-known-platforms.js';

interface SpRecord extends ServicePrincipal {
  signInAudience?: unknown;
}

/** Single-tenant applications the tenant owns: the only service principals workload-identity policies cover. */
function singleTenantServicePrincipals(index: TenantIndex): SpRecord[] | null {
  const all = index.snapshot.directory?.servicePrincipals;
  if (!Array.isArray(all) || all.length === 0) return null;
  const tenantId = index.snapshot.tenant?.id?.toLowerCase() ?? null;
  return (all as SpRecord[]).filter((sp) => {
    if (typeof sp.id !== 'string') return false;
    if ((sp.servicePrincipalType ?? 'Application') !== 'Application') return false;
    if (typeof sp.signInAudience === 'string') return sp.signInAudience === SINGLE_TENANT_AUDIENCE;
    return tenantId !== null && typeof sp.appOwnerOrganizationId === 'string' && sp.appOwnerOrganizationId.toLowerCase() === tenantId;
  });
}

/** Blocked at high service principal risk, or blocked from everywhere but the named (known) locations. */
function alternatives(servicePrincipalIds?: readonly string[]): Requirement[] {
  const users = { kind: 'workloadIdentities', ...(servicePrincipalIds ? { servicePrincipalIds } : {}) } as const;
  return [
    { users, resources: { kind: 'all' }, when: { servicePrincipalRisk: ['high'] }, control: { kind: 'block' } },
    { users, resources: { kind: 'all' }, when: { locations: { kind: 'unnamed' } }, control: { kind: 'block' } },
  ];
}

const EXPECTED = {
  clientApplications: { includeServicePrincipals: [SERVICE_PRINCIPALS_IN_MY_TENANT] },
  includeApplications: ['All'],
  either: [{ servicePrincipalRiskLevels: ['high'] }, { locations: { includeLocations: ['All'], excludeLocations: ['<known locations>'] } }],
  grant: 'block',
};

export default requirementRule({
  id: 'baseline/workload-identity-risk',
  catalogue: 'CA-065',
  title: 'Workload identities are blocked at high risk or restricted to known locations',
  risk: 'A leaked secret or certificate of an app\'s own identity works from anywhere, even once the app is rated high risk',
  priority: 2,
  effort: 'medium',
  userImpact: 'none',
  licences: ['workload-id'],
  severity: 'medium',
  rationale:
    'Service principals sign in with secrets and certificates that leak into code, pipelines and logs, and no MFA stands ' +
    'behind them. Conditional Access for workload identities can block a single-tenant service principal when Microsoft ' +
    'Entra ID Protection rates it high risk, or allow it only from the known networks it runs in. Either counts here; ' +
    'both are better. The policies need Microsoft Entra Workload ID Premium licences, and they cover only single-tenant ' +
    'service principals the tenant owns (not managed identities or multi-tenant apps). A report-only or disabled policy ' +
    'enforces nothing.',
  remediation:
    'With Workload ID Premium, create an enabled policy: Users or workload identities = Workload identities, Include = All ' +
    'owned service principals (or the listed ones), Target resources = All resources, and either Conditions > Service ' +
    'principal risk = High or Conditions > Locations: Include = Any location, Exclude = the named locations the service ' +
    'principals run from; Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/workload-identity',
    'https://learn.microsoft.com/entra/id-protection/concept-workload-identity-risk',
  ],
  messages: {
    unprotected: (d) =>
      `${d.countText} (${d.namesText}) ${d.verb} not covered by an enabled workload-identity policy that blocks at high ` +
      `service principal risk or restricts sign-ins to known locations, so a leaked secret or certificate works from ` +
      `anywhere. ${d.nearText}`,
    missing: (d) =>
      'No enabled workload-identity policy blocks service principals at high risk or restricts them to known locations, ' +
      `so a leaked secret or certificate works from anywhere. ${d.nearText}`,
  },
  // Blocked at high service principal risk, or blocked from everywhere but the named (known) locations: either will do.
  requirement: ({ index, notice, evaluator }) => {
    const owned = singleTenantServicePrincipals(index);
    const policies = index.policies.filter(targetsWorkloadIdentities);
    if (owned && owned.length === 0) {
      notice('info', 'The exported service principals include no single-tenant application, so no workload-identity policy is needed (if the export lists only some service principals, add the rest).');
      return null;
    }
    if (!owned && policies.length === 0) {
      notice(
        'not-evaluated',
        "not evaluated: needs the tenant's service principals (directory.servicePrincipals in a calint snapshot, from GET /servicePrincipals) " +
          'to tell whether single-tenant applications need a workload-identity policy; no policy targets workload identities. Such ' +
          'policies need Microsoft Entra Workload ID Premium.',
      );
      return null;
    }
    if (!owned) return { missing: alternatives() } as Record<string, Requirement[]>;
    // Each service principal needs one of the two protections: ask per service principal, report the open ones.
    const open = owned.map((sp) => sp.id as string).filter((id) => !alternatives([id]).some((r) => evaluator.evaluate(r).satisfied));
    return open.length === 0 ? null : ({ unprotected: alternatives(open) } as Record<string, Requirement[]>);
  },
  report: (verdict, ctx, messageId) => {
    if (messageId === 'missing') {
      // Without the tenant's service principals: when the policies protect every service principal they name, the gap is
      // one that no policy names, which only the export can say exists. A question, not a finding.
      const named = workloadClasses(ctx.index, ctx.evaluator.policies).map((c) => c.key!.slice(3)).filter((id) => id !== SYNTHETIC_SERVICE_PRINCIPAL);
      const forNamed = (r: Requirement): Requirement => ({ ...r, users: { kind: 'workloadIdentities', servicePrincipalIds: named } });
      if (named.length > 0 && alternatives(named).some((r) => ctx.evaluator.evaluate(forNamed(r)).satisfied)) {
        ctx.notice('info', 'The protecting workload-identity policies list individual service principals; export directory.servicePrincipals to check that every single-tenant application is among them.');
        return [];
      }
      return [requirementFinding(ctx, verdict, 'missing', {}, { expected: EXPECTED })];
    }
    const owned = singleTenantServicePrincipals(ctx.index) ?? [];
    const ids = verdict.requirement.users.kind === 'workloadIdentities' ? (verdict.requirement.users.servicePrincipalIds ?? []) : [];
    const open = owned.filter((sp) => ids.includes(sp.id as string));
    return [
      requirementFinding(
        ctx,
        verdict,
        'unprotected',
        {
          countText: open.length === owned.length ? `The ${owned.length} single-tenant service principal${owned.length === 1 ? '' : 's'}` : `${open.length} of ${owned.length} single-tenant service principals`,
          verb: open.length === 1 ? 'is' : 'are',
          namesText: open.map((sp) => sp.displayName ?? sp.id).join(', '),
        },
        {
          expected: EXPECTED,
          unprotected: open.map((sp) => ({ id: sp.id, appId: sp.appId ?? null, name: sp.displayName ?? sp.id })),
          singleTenantServicePrincipals: owned.length,
        },
      ),
    ];
  },
});
