import { defineRule } from '../../src/engine/define-rule.js';
import { evaluateBaseline, reportBaselineGap } from '../../src/evaluate/baseline.js';
import { grantAlternatives } from '../../src/evaluate/controls.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

/** Any grant control at all: block, MFA, a device or app requirement, terms of use, a custom control. */
const hasGrantControl = (policy: ConditionalAccessPolicy) => grantAlternatives(policy).length > 0;

/** Session controls only (sign-in frequency, persistent browser, …): worth naming as a near miss. */
function hasSessionControl(policy: ConditionalAccessPolicy): boolean {
  const s = policy.sessionControls as Record<string, unknown> | null | undefined;
  if (!s || typeof s !== 'object') return false;
  return Object.entries(s).some(([key, value]) => {
    if (key.includes('@odata')) return false;
    if (value === true) return true;
    return value !== null && typeof value === 'object' && (value as { isEnabled?: unknown }).isEnabled !== false;
  });
}

export default defineRule({
  id: 'baseline/all-users-all-resources',
  catalogue: 'CA-034',
  title: 'Some enabled policy governs every user on every resource',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'Conditional Access only acts where a policy applies. Without at least one enabled policy for All users on All ' +
    'resources, with no resource excluded, any app nobody thought to target (including ones that cannot be picked ' +
    'individually, such as Windows Azure Active Directory) is reached with a password alone. Which control the policy ' +
    'enforces is judged by other rules; this one only asks that nothing is left entirely ungoverned.',
  remediation:
    'Create (or fix) an enabled policy with Users = All users (exclude only the break-glass accounts), Target resources = ' +
    'All resources with nothing under Exclude, no conditions that narrow it, and a grant control — normally Require ' +
    'authentication strength "Multifactor authentication".',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#all-resources',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy with a grant control covers all users on all resources without exclusions, so an app no policy ' +
      `names is reached with no Conditional Access control at all. ${d.nearText}`,
  },
  check({ index, finding }) {
    const verdict = evaluateBaseline(index, {
      users: { kind: 'all' },
      resources: { kind: 'all' },
      control: { label: 'have any grant control', test: hasGrantControl, related: hasSessionControl },
    });
    return reportBaselineGap(index, finding, verdict);
  },
});
