import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { INTUNE_ENROLLMENT } from '../../src/model/well-known-apps.js';

/** The two halves of the requirement, in words, as the gaps name them. */
const PART_TEXT = { mfa: 'MFA', signInFrequency: 'reauthentication every time' } as const;

export default requirementRule({
  id: 'baseline/intune-enrollment-every-time',
  catalogue: 'CA-060',
  title: 'Enrolling a device in Intune requires MFA and reauthentication every time',
  risk: 'Devices can be enrolled in Intune with a sign-in session that is days old, without a fresh MFA prompt',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  licences: ['intune'],
  severity: 'medium',
  rationale:
    'An enrolled device becomes a managed, often compliant device, and compliant devices pass the policies that trust ' +
    'them. Whoever holds a stolen session can enrol a device of their own unless enrolment asks for MFA again at that ' +
    'moment. Microsoft documents a policy on the "Microsoft Intune Enrollment" cloud app that requires MFA with sign-in ' +
    'frequency "Every time" (one of the few places where "Every time" is offered), and the CIS Microsoft 365 ' +
    'Foundations Benchmark asks for it for all users. An All-resources policy with both controls covers enrolment too. ' +
    'In some tenants the Microsoft Intune Enrollment service principal has to be created before a policy can select it.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = ' +
    'Microsoft Intune Enrollment (app id d4ebce55-015a-49b5-a083-c84d1797ae8c; create its service principal first if the ' +
    'picker does not list it), no other conditions, Grant = Require authentication strength "Multifactor authentication" ' +
    '(or Require multifactor authentication), Session > Sign-in frequency = Every time.',
  references: [
    'https://learn.microsoft.com/mem/intune/enrollment/multi-factor-authentication',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
    'https://learn.microsoft.com/graph/api/resources/signinfrequencysessioncontrol',
  ],
  messages: {
    missing: (d) =>
      `No enabled policy requires ${d.missingText} for all users enrolling a device in Intune (Microsoft Intune ` +
      `Enrollment), so a stolen or days-old session is enough to enrol a device the attacker controls. ${d.nearText}`,
  },
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'apps', appIds: [INTUNE_ENROLLMENT] },
    control: [{ kind: 'mfa' }, { kind: 'signInFrequency', maxHours: 0 }],
  },
  details: (verdict) => {
    const parts = (Object.keys(PART_TEXT) as Array<keyof typeof PART_TEXT>).filter((kind) => verdict.gaps.some((g) => g.control.kind === kind));
    const missing = parts.length > 0 ? parts : (Object.keys(PART_TEXT) as Array<keyof typeof PART_TEXT>);
    return {
      data: { missingText: missing.map((p) => PART_TEXT[p]).join(' and ') },
      evidence: {
        expected: { includeApplications: [INTUNE_ENROLLMENT], grant: 'mfa | authenticationStrength', signInFrequency: { frequencyInterval: 'everyTime' } },
        missingControls: missing,
      },
    };
  },
});
