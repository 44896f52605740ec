import { defineRule } from '../../src/engine/define-rule.js';
import { isPlaceholder } from '../../src/model/tenant-index.js';
import { breakGlassUsers } from '../../src/evaluate/exclusions.js';

export default defineRule({
  id: 'break-glass/account-hygiene',
  catalogue: 'CA-005',
  title: 'At least two break-glass accounts, cloud-only and enabled',
  risk: 'The emergency access accounts may fail when they are needed: too few, synced from on-premises, or disabled',
  priority: 2,
  effort: 'medium',
  userImpact: 'none',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'One emergency account is a single point of failure (a lost key, a forgotten password), so Microsoft recommends ' +
    'two or more. They must be cloud-only: an account synced from on-premises Active Directory fails with the ' +
    'directory or federation it depends on, and anyone who controls AD controls it. A disabled account cannot be used ' +
    'when it is needed. Members of a configured break-glass group count as break-glass accounts. Whether each holds a ' +
    'permanent Global Administrator assignment needs role-assignment data the snapshot does not hold, so that part is ' +
    'reported as not evaluated. With no break-glass accounts configured, the accounts calint infers from the policies\' ' +
    'exclusions are checked, and the finding says they were inferred; with none inferred, this rule says nothing ' +
    '(break-glass/missing-exclusion reports it).',
  remediation:
    'Keep two (or more) cloud-only emergency accounts on the tenant\'s .onmicrosoft.com domain, enabled, with a ' +
    'permanent active Global Administrator assignment and phishing-resistant credentials (FIDO2 keys or certificates) ' +
    'stored apart. Replace a synced account with a new cloud-only one rather than converting it, and list the accounts ' +
    'as break-glass accounts in calint\'s configuration.',
  references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access'],
  messages: {
    tooFew: (d) =>
      `${d.count === 0 ? 'No' : 'Only one'} break-glass account is ${d.sourceText} (${d.accountsText}); with a single emergency account, losing its ` +
      'credential or a problem with that one account leaves no way back in. Keep at least two.',
    synced: (d) =>
      `Break-glass account "${d.name}" (${d.id})${d.inferredText} is synced from on-premises Active Directory (onPremisesSyncEnabled: true); ` +
      'it fails when AD or the sync fails and can be taken over by whoever controls AD. Use a cloud-only account.',
    disabled: (d) =>
      `Break-glass account "${d.name}" (${d.id})${d.inferredText} is disabled (accountEnabled: false); it cannot be used in an emergency.`,
  },
  check({ index, snapshot, settings, finding, notice }) {
    const bg = settings.breakGlass;
    if (bg.accounts.length === 0) return [];
    notice(
      'not-evaluated',
      'not evaluated: whether each break-glass account holds a permanent (active, not PIM-eligible) Global Administrator ' +
        'assignment needs role-assignment data, which calint snapshots do not hold; check Roles > Global Administrator > Assignments.',
    );
    const { users, unknownGroups } = breakGlassUsers(index, bg.accounts);
    const inferred = bg.source === 'inferred';
    const inferredText = inferred ? ', which calint inferred to be an emergency account (none are configured),' : '';
    const out = [];
    const unknownKind = bg.accounts.filter((a) => a.kind === 'unknown').map((a) => a.id);
    const placeholders = bg.accounts.filter((a) => isPlaceholder(a.id)).map((a) => a.id);
    if (users.length < 2 && placeholders.length > 0) {
      notice(
        'not-evaluated',
        `not evaluated: the break-glass exclusion is template text (${placeholders.join(', ')}), not an account, so the accounts cannot be counted`,
      );
    } else if (users.length < 2) {
      if (unknownGroups.length > 0 || unknownKind.length > 0) {
        notice(
          'not-evaluated',
          unknownGroups.length > 0
            ? `not evaluated: counting the break-glass accounts needs the members of group(s) ${unknownGroups.join(', ')}; ` +
                'export GET /groups/{id}/members into the snapshot\'s directory.groups[].members.'
            : `not evaluated: counting the break-glass accounts needs the directory objects of ${unknownKind.join(', ')} (a user, ` +
                'or a group and its members); export GET /users and GET /groups with members into the snapshot\'s directory.',
        );
      } else {
        out.push(
          finding(null, 'tooFew', {
            pointer: '',
            evidence: { actual: users.length, expected: 'at least 2', users },
            data: { count: users.length, sourceText: inferred ? 'inferred (none are configured)' : 'configured', accountsText: users.length ? users.map((id) => index.nameOf('user', id)).join(', ') : 'none' },
          }),
        );
      }
    }
    if ((snapshot.directory?.users ?? []).length === 0) {
      notice(
        'not-evaluated',
        'not evaluated: whether the break-glass accounts are cloud-only and enabled needs the directory users ' +
          '(onPremisesSyncEnabled, accountEnabled); export GET /users into the snapshot\'s directory.users.',
      );
      return out;
    }
    for (const id of users) {
      const user = index.user(id);
      if (!user) {
        notice('not-evaluated', `not evaluated for break-glass account ${id}: it is not in the exported users.`);
        continue;
      }
      const data = { name: user.displayName ?? user.userPrincipalName ?? user.id, id: user.id, inferredText };
      if (user.onPremisesSyncEnabled === true) {
        out.push(finding(null, 'synced', { pointer: '', evidence: { actual: true, expected: 'null (cloud-only)', userId: user.id }, data }));
      }
      if (user.accountEnabled === false) {
        out.push(finding(null, 'disabled', { pointer: '', evidence: { actual: false, expected: true, userId: user.id }, data }));
      }
    }
    return out;
  },
});
