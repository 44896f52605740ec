import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import type { Requirement } from '../../src/evaluate/coverage/requirement.js';
import { requirementFinding, undecidedNotice } from '../../src/evaluate/coverage/requirement-rule.js';
import { locationClasses } from '../../src/evaluate/coverage/classes.js';
import { defaultScenario } from '../../src/evaluate/coverage/walk.js';
import { conditionsMatch } from '../../src/evaluate/whatif/evaluate.js';
import { YES } from '../../src/evaluate/whatif/facts.js';
import { GUEST_TYPES } from '../../src/evaluate/whatif/scenario.js';
import { USER_ACTION_REGISTER_SECURITY_INFO } from '../../src/model/well-known-platforms.js';

/**
 * Microsoft's template excludes guests (they register in their home tenant); registration from a trusted location may
 * stay open (the block-outside-trusted-locations form).
 */
const REQUIREMENT: Requirement = {
  users: { kind: 'all', withoutGuestTypes: GUEST_TYPES },
  resources: { kind: 'userAction', action: USER_ACTION_REGISTER_SECURITY_INFO },
  when: { locations: { kind: 'untrusted' } },
  control: { kind: 'mfaOrManagedDevice' },
};

const EXPECTED = {
  includeUserActions: [USER_ACTION_REGISTER_SECURITY_INFO],
  locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
  grant: 'mfa | authenticationStrength | compliantDevice | domainJoinedDevice, or block outside trusted locations',
};

export default defineRule({
  id: 'baseline/security-info-registration',
  catalogue: 'CA-052',
  title: 'Registering security information is protected for all users',
  risk: 'Anyone holding a password can register their own MFA method on the account',
  priority: 1,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  scope: 'tenant',
  uses: ['coverage'],
  rationale:
    'Whoever registers the MFA methods of an account owns it: an attacker with a password and no protected registration ' +
    'adds their own authenticator and passes every MFA policy afterwards. Microsoft recommends a policy on the user action ' +
    '"Register security information" for All users that requires MFA (new users get a Temporary Access Pass) outside trusted ' +
    'locations; requiring a compliant or hybrid joined device, or blocking registration outside trusted locations, also ' +
    'qualifies, and an All-resources MFA policy covers the action too. Here the location condition is the point of the ' +
    'policy, not a narrowing, and excluding guest users follows Microsoft\'s template (a Temporary Access Pass does not ' +
    'work for guests). A report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts, and guest and external users if ' +
    'you follow Microsoft\'s template), Target resources > User actions = Register security information, Conditions > ' +
    'Locations: Include = Any location, Exclude = All trusted locations, Grant = Require authentication strength ' +
    '"Multifactor authentication" (or Require multifactor authentication, or a compliant / hybrid joined device). Issue ' +
    'Temporary Access Passes to new users.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration',
    'https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass',
  ],
  messages: {
    blocksEverywhere: (d) =>
      `"${d.policy}" blocks "Register security information" from every location, trusted ones included, so nobody can ` +
      'register an MFA method; block only outside trusted locations, or require MFA instead.',
    missing: (d) =>
      'No enabled policy protects "Register security information" for all users (MFA or a managed device, or a block ' +
      'outside trusted locations), so anyone holding a password can register their own MFA method. ' +
      d.nearText,
  },
  check(ctx) {
    const out = [];
    const verdict = ctx.evaluator.evaluate(REQUIREMENT);
    if (verdict.status === 'notMet') out.push(requirementFinding(ctx, verdict, 'missing', {}, { expected: EXPECTED }));
    else if (verdict.status !== 'met') ctx.notice('not-evaluated', undecidedNotice(ctx.index, verdict));
    // A block that reaches a member registering from every location, trusted ones too, leaves nobody a way to register.
    const locations = locationClasses(ctx.evaluator, ctx.evaluator.policies);
    for (const cp of ctx.evaluator.policies) {
      if (cp.state !== 'enabled' || !blocks(cp.policy)) continue;
      const everywhere = locations.every((cls) => {
        const scenario = { ...defaultScenario(), target: { kind: 'userAction' as const, action: USER_ACTION_REGISTER_SECURITY_INFO } };
        cls.apply(scenario);
        return conditionsMatch(cp, ctx.evaluator.facts(scenario)) === YES;
      });
      if (everywhere) out.push(ctx.finding(cp.policy, 'blocksEverywhere', { pointer: '/grantControls', evidence: { actual: 'block', expected: EXPECTED } }));
    }
    return out;
  },
});
