import { describe, expect, it } from 'vitest';
import { whatIf } from '../../src/evaluate/whatif/evaluate.js';
import { indexOf, policy } from '../helpers/tenant.js';

// Tenant values are untrusted: ids and names that are also Object.prototype members must be read as plain strings.
describe('what-if with tenant strings that are Object.prototype names', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  const index = indexOf({
    policies: [
      policy({ displayName: 'MFA for Office 365', applications: { includeApplications: ['Office365'] } }),
      policy({ displayName: 'Block one odd user', users: { includeUsers: ['constructor'] }, grantControls: { operator: 'OR', builtInControls: ['block'] } }),
    ],
  });

  it.each(names)('evaluates user and app id %s without throwing and without matching prototype members', (id) => {
    const r = whatIf(index, { identity: { kind: 'user', userId: id, groupIds: [], roleIds: [], guestType: null }, target: { kind: 'application', appId: id } });
    const office = r.policies.find((p) => p.policyName === 'MFA for Office 365')!;
    expect(office.applies).toBe('doesNotApply');
    const odd = r.policies.find((p) => p.policyName === 'Block one odd user')!;
    expect(odd.applies).toBe(id === 'constructor' ? 'applies' : 'doesNotApply');
  });
});
