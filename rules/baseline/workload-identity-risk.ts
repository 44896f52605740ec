import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence, type BaselineVerdict } from '../../src/evaluate/baseline.js';
import { blocks } from '../../src/evaluate/controls.js';
import { reasonWeight, riskLevels, SCOPE_WEIGHT, type Reason } from '../../src/evaluate/risk.js';
import { applicationsCondition, conditionPointer, hasKeyword, list, policyLabel, policyState, targetsWorkloadIdentities } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy, ServicePrincipal } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';
import { SERVICE_PRINCIPALS_IN_MY_TENANT, SINGLE_TENANT_AUDIENCE } from '../../src/model/well-known-platforms.js';

/**
 * Workload-identity policies are outside evaluateBaseline's user scopes (it reads users, client apps and device
 * conditions), so this rule states its own reasons, in the same form: relative pointer plus a sentence.
 */
type Target = { kind: 'any' } | { kind: 'servicePrincipal'; id: string };

function workloadReasons(index: TenantIndex, policy: ConditionalAccessPolicy, target: Target): Reason[] {
  const reasons: Reason[] = [];
  const add = (text: string, pointer: string, weight = 1) => reasons.push({ text, pointer, weight });
  const state = policyState(policy);
  if (state === 'disabled') add('it is disabled', '/state');
  if (state === 'enabledForReportingButNotEnforced') add('it is report-only, so nothing is enforced', '/state');
  if (!blocks(policy)) add('it does not block access', '/grantControls');

  const c = (policy.conditions?.clientApplications ?? null) as Record<string, unknown> | null;
  const include = list(c?.includeServicePrincipals);
  const exclude = list(c?.excludeServicePrincipals);
  const scope = '/conditions/clientApplications';
  if (target.kind === 'servicePrincipal') {
    const id = target.id.toLowerCase();
    if (!hasKeyword(include, SERVICE_PRINCIPALS_IN_MY_TENANT) && !include.some((x) => x.toLowerCase() === id)) {
      add(`it does not include ${index.nameOf('servicePrincipal', target.id)}`, `${scope}/includeServicePrincipals`, SCOPE_WEIGHT);
    }
    const i = exclude.findIndex((x) => x.toLowerCase() === id);
    if (i >= 0) add(`it excludes ${index.nameOf('servicePrincipal', target.id)}`, `${scope}/excludeServicePrincipals/${i}`);
  } else if (include.length === 0) {
    add('it includes no service principals', c && 'includeServicePrincipals' in c ? `${scope}/includeServicePrincipals` : conditionPointer(policy, 'clientApplications'), SCOPE_WEIGHT);
  }
  const filter = c?.servicePrincipalFilter as { mode?: unknown; rule?: unknown } | null | undefined;
  if (filter && typeof filter.rule === 'string' && filter.rule.trim() !== '') {
    add(`a service principal filter (${String(filter.mode)}: ${filter.rule}) leaves service principals out`, `${scope}/servicePrincipalFilter`);
  }

  const apps = applicationsCondition(policy);
  if (!hasKeyword(apps.includeApplications, APP_ALL)) add('it does not target All resources', '/conditions/applications/includeApplications', SCOPE_WEIGHT);
  if (apps.excludeApplications.length > 0) add('it excludes resources', '/conditions/applications/excludeApplications');

  const levels = riskLevels(policy, 'servicePrincipalRiskLevels');
  const locations = policy.conditions?.locations ?? null;
  const inc = list(locations?.includeLocations);
  const exc = list(locations?.excludeLocations);
  const restrictsToKnown = hasKeyword(inc, 'All') && exc.length > 0;
  if (levels.length > 0) {
    if (!hasKeyword(levels, 'high')) add(`it applies only at service principal risk ${levels.join(', ')}, not high`, '/conditions/servicePrincipalRiskLevels');
    if (inc.length > 0) add(`it blocks risky service principals only at ${inc.map((l) => index.nameOf('namedLocation', l)).join(', ')}${exc.length ? ` except ${exc.map((l) => index.nameOf('namedLocation', l)).join(', ')}` : ''}`, '/conditions/locations');
  } else if (inc.length > 0 && !restrictsToKnown) {
    add(
      hasKeyword(inc, 'All')
        ? 'its location condition exempts no known location, so it blocks every sign-in'
        : `it blocks only at ${inc.map((l) => index.nameOf('namedLocation', l)).join(', ')} instead of everywhere except known locations`,
      '/conditions/locations',
    );
  } else if (inc.length === 0) {
    add('it has neither a service principal risk condition nor a location condition', conditionPointer(policy, 'servicePrincipalRiskLevels'));
  }
  return reasons;
}

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

function verdictFor(index: TenantIndex, policies: readonly ConditionalAccessPolicy[], target: Target): BaselineVerdict {
  const verdicts = policies.map((policy) => ({ policy, reasons: workloadReasons(index, policy, target) }));
  const satisfiedBy = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy);
  const nearMisses = verdicts
    .filter((v) => v.reasons.length > 0)
    .sort((a, b) => reasonWeight(a.reasons) - reasonWeight(b.reasons) || (policyLabel(a.policy) < policyLabel(b.policy) ? -1 : policyLabel(a.policy) > policyLabel(b.policy) ? 1 : 0))
    .slice(0, 3);
  return { satisfied: satisfiedBy.length > 0, satisfiedBy, nearMisses };
}

const EXPECTED = {
  clientApplications: { includeServicePrincipals: [SERVICE_PRINCIPALS_IN_MY_TENANT] },
  includeApplications: ['All'],
  either: [{ servicePrincipalRiskLevels: ['high'] }, { locations: { includeLocations: ['All'], excludeLocations: ['<known locations>'] } }],
  grant: 'block',
};

export default defineRule({
  id: 'baseline/workload-identity-risk',
  catalogue: 'CA-065',
  title: 'Workload identities are blocked at high risk or restricted to known locations',
  severity: 'medium',
  scope: 'tenant',
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
  check({ index, finding, notice }) {
    // Policies on service principals; agent-identity-only policies (beta) are another check's business.
    const policies = index.policies.filter(
      (p) => targetsWorkloadIdentities(p) && list((p.conditions?.clientApplications as Record<string, unknown> | null | undefined)?.includeServicePrincipals).length > 0,
    );
    const owned = singleTenantServicePrincipals(index);

    if (owned && owned.length > 0) {
      const open = owned.filter((sp) => !verdictFor(index, policies, { kind: 'servicePrincipal', id: sp.id }).satisfied);
      if (open.length === 0) return [];
      const verdict = verdictFor(index, policies, { kind: 'servicePrincipal', id: open[0]!.id });
      return [
        finding(null, 'unprotected', {
          pointer: '',
          evidence: {
            expected: EXPECTED,
            unprotected: open.map((sp) => ({ id: sp.id, appId: sp.appId ?? null, name: sp.displayName ?? sp.id })),
            singleTenantServicePrincipals: owned.length,
            nearMisses: nearMissEvidence(index, verdict),
          },
          data: {
            countText: open.length === owned.length
              ? `The ${owned.length} single-tenant service principal${owned.length === 1 ? '' : 's'}`
              : `${open.length} of ${owned.length} single-tenant service principals`,
            verb: open.length === 1 ? 'is' : 'are',
            namesText: open.map((sp) => sp.displayName ?? sp.id).join(', '),
            nearText: describeNearMisses(verdict),
          },
        }),
      ];
    }

    if (policies.length === 0) {
      notice(
        owned
          ? 'info'
          : 'not-evaluated',
        owned
          ? 'The exported service principals include no single-tenant application, so no ' +
            'workload-identity policy is needed (if the export lists only some service principals, add the rest).'
          : 'not evaluated: needs the tenant\'s service principals (directory.servicePrincipals in a calint snapshot, from ' +
            'GET /servicePrincipals) to tell whether single-tenant applications need a workload-identity policy; no policy ' +
            'targets workload identities. Such policies need Microsoft Entra Workload ID Premium.',
      );
      return [];
    }

    const verdict = verdictFor(index, policies, { kind: 'any' });
    if (verdict.satisfied) {
      const generic = verdict.satisfiedBy.some((p) =>
        hasKeyword(list((p.conditions?.clientApplications as Record<string, unknown> | null | undefined)?.includeServicePrincipals), SERVICE_PRINCIPALS_IN_MY_TENANT),
      );
      if (!generic) {
        notice(
          'info',
          'The protecting workload-identity policies list individual service principals; ' +
            'export directory.servicePrincipals to check that every single-tenant application is among them.',
        );
      }
      return [];
    }
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: { expected: EXPECTED, nearMisses: nearMissEvidence(index, verdict) },
        data: { nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});
