import { defineRule } from '../../src/engine/define-rule.js';
import { grantAlternatives } from '../../src/evaluate/controls.js';
import { enabledSessionControls } from '../../src/model/policy.js';

export default defineRule({
  id: 'hygiene/no-controls',
  catalogue: 'CA-025',
  title: 'Every policy enforces a grant or session control',
  risk: 'A policy applies to sign-ins but requires nothing, so it looks like protection without being any',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A policy with no grant control (block, MFA, authentication strength, device, app, terms of use, custom control) and no ' +
    'enabled session control matches sign-ins and then requires nothing. It looks like protection in the policy list but ' +
    'changes no outcome; often a control was removed while troubleshooting and never put back. All states are checked.',
  remediation:
    'Under Access controls > Grant, choose "Block access" or the controls to require, or enable a session control; delete ' +
    'the policy if it is not needed.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-session',
  ],
  messages: {
    noControls: (d) => `"${d.policy}" has no grant control and no enabled session control, so it applies but enforces nothing.`,
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (grantAlternatives(policy).length > 0 || enabledSessionControls(policy).length > 0) return [];
      const hasGrant = 'grantControls' in policy;
      return [
        finding(policy, 'noControls', {
          pointer: hasGrant ? '/grantControls' : '',
          evidence: {
            actual: { grantControls: policy.grantControls ?? null, sessionControls: policy.sessionControls ?? null },
            missing: true,
            expected: 'a grant control or an enabled session control',
          },
        }),
      ];
    });
  },
});
