import { defineRule } from '../../src/engine/define-rule.js';
import { blocks, grantAlternatives } from '../../src/evaluate/controls.js';
import { grantBreaksSync, isExcluded, isSyncAccount, syncNarrowingConditions, usersPointer } from '../../src/evaluate/exclusions.js';
import { applicationsCondition, hasKeyword, includesAllUsers, isEnabled, sameKeyword, usersCondition } from '../../src/model/policy.js';
import type { DirectoryUser } from '../../src/model/snapshot-types.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';
import { DIRECTORY_SYNCHRONIZATION_ACCOUNTS } from '../../src/model/well-known-roles.js';

const CONTROL_LABELS: Record<string, string> = {
  mfa: 'MFA',
  authenticationStrength: 'an authentication strength',
  compliantDevice: 'a compliant device',
  domainJoinedDevice: 'a hybrid-joined device',
};

/** "MFA", "a compliant device or a hybrid-joined device": what every way through the grant asks of the sync account. */
function describeRequirement(policy: Parameters<typeof grantAlternatives>[0]): string {
  return grantAlternatives(policy)
    .map((alt) => alt.map((c) => CONTROL_LABELS[c] ?? c).join(' and '))
    .join(' or ');
}

export default defineRule({
  id: 'exclusions/directory-sync-not-excluded',
  catalogue: 'CA-014',
  title: 'All-users MFA, device and block policies exclude the directory-sync account',
  risk: 'Directory synchronisation from on-premises can fail because a policy demands MFA or a managed device of the sync account',
  priority: 2,
  effort: 'low',
  userImpact: 'none',
  severity: 'medium',
  rationale:
    'Entra Connect Sync and Cloud Sync sign in as a service account from a server; it cannot answer MFA or present a ' +
    'compliant device, so an enabled policy for All users on All resources that requires MFA, a compliant or hybrid-joined ' +
    'device, or blocks, stops directory synchronization (password hash sync, new users, group changes). Microsoft\'s ' +
    'All-users templates exclude the Directory Synchronization Accounts role for this reason; excluding the sync account ' +
    'itself works too. The rule runs only when the export shows hybrid identity (a user with onPremisesSyncEnabled, or ' +
    'a Sync_ / ADToAADSyncServiceAccount account); policies narrowed by client app, platform, location, risk, ' +
    'authentication flow or device filter may not reach the sync sign-in and are not reported.',
  remediation:
    'Under Assignments > Users > Exclude > Directory roles, add "Directory Synchronization Accounts", then protect the ' +
    'sync account with its own policy: block it outside the named location of the sync server (see the companion check ' +
    'on pinning the sync account).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-all-users-mfa',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
  ],
  messages: {
    notExcluded: (d) =>
      `"${d.policy}" ${d.grantText} for All users on All resources but excludes neither the Directory ` +
      `Synchronization Accounts role nor the sync account${d.accountsText}; directory synchronization fails to sign in.`,
  },
  check({ index, snapshot, finding, notice }) {
    const candidates = index.policies.filter(
      (p) =>
        isEnabled(p) &&
        includesAllUsers(p) &&
        hasKeyword(applicationsCondition(p).includeApplications, APP_ALL) &&
        grantBreaksSync(p) &&
        syncNarrowingConditions(p).length === 0,
    );
    if (candidates.length === 0) return [];
    const users = (snapshot.directory?.users ?? []) as DirectoryUser[];
    const syncAccounts = users.filter(isSyncAccount);
    const hybrid = syncAccounts.length > 0 || users.some((u) => u.onPremisesSyncEnabled === true);
    if (!hybrid) {
      if (users.length === 0) {
        notice(
          'not-evaluated',
          'not evaluated: telling whether the tenant synchronizes from on-premises needs the directory users ' +
            '(onPremisesSyncEnabled, userPrincipalName); export GET /users into the snapshot\'s directory.users.',
        );
      } else {
        notice(
          'info',
          'Directory sync: the exported users show no sign of hybrid identity (no onPremisesSyncEnabled user, no Sync_ or ' +
            'ADToAADSyncServiceAccount account), so no policy was checked for a sync-account exclusion.',
        );
      }
      return [];
    }
    return candidates.flatMap((policy) => {
      const u = usersCondition(policy);
      if (u.excludeRoles.some((r) => sameKeyword(r, DIRECTORY_SYNCHRONIZATION_ACCOUNTS))) return [];
      if (syncAccounts.some((a) => isExcluded(index, policy, { kind: 'user', id: a.id }))) return [];
      const pointer = usersPointer(policy, 'excludeRoles');
      return [
        finding(policy, 'notExcluded', {
          pointer,
          evidence: {
            actual: { excludeRoles: u.excludeRoles, excludeUsers: u.excludeUsers },
            expected: { excludeRoles: [DIRECTORY_SYNCHRONIZATION_ACCOUNTS] },
            missing: !pointer.endsWith('/excludeRoles'),
            syncAccounts: syncAccounts.map((a) => ({ id: a.id, userPrincipalName: a.userPrincipalName ?? null })),
          },
          data: {
            grantText: blocks(policy) ? 'blocks sign-ins' : `requires ${describeRequirement(policy)}`,
            accountsText: syncAccounts.length
              ? ` (${syncAccounts.map((a) => a.userPrincipalName ?? a.id).join(', ')})`
              : ' (the export shows synced users but no Sync_ account)',
          },
        }),
      ];
    });
  },
});
