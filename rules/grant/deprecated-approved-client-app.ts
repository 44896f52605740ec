import { defineRule } from '../../src/engine/define-rule.js';
import { grantAlternatives } from '../../src/evaluate/controls.js';
import { controlLabel } from '../../src/evaluate/grant-labels.js';
import { isDisabled, sameKeyword } from '../../src/model/policy.js';

/** Microsoft stops enforcing "Require approved client app" in early March 2026 (migrate-approved-client-app). */
const NOT_ENFORCED_FROM = '2026-03-01';

export default defineRule({
  id: 'grant/deprecated-approved-client-app',
  catalogue: 'CA-063',
  title: 'Policies no longer rely on the retired "Require approved client app" control',
  risk: 'A policy relies on a retired control that Microsoft no longer enforces, so it requires less than it says',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  licences: ['intune'],
  severity: 'high',
  rationale:
    'Microsoft retired the "Require approved client app" grant control in favour of "Require app protection policy" and ' +
    'stops enforcing it in March 2026: from then on the control is treated as if it were not selected. A policy that ' +
    'requires only an approved client app then grants access with no requirement at all, and one that combines it with other ' +
    'controls silently enforces only those. Report-only policies are checked too, since they are meant to be switched on.',
  remediation:
    'Under Access controls > Grant, clear "Require approved client app" and select "Require app protection policy" ' +
    '(compliantApplication); Microsoft\'s interim step is to select both with "Require one of the selected controls", then ' +
    'remove the approved client app. Check that the apps your users need support app protection policies (Kaizala, Skype ' +
    'for Business and Visio do not).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/migrate-approved-client-app',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
  ],
  messages: {
    onlyControl: (d) =>
      `"${d.policy}" requires only an approved client app. ${d.when}; ${d.since} the policy enforces nothing and lets every ` +
      'matching sign-in through. Require an app protection policy instead.',
    withAppProtection: (d) =>
      `"${d.policy}" requires an approved client app or an app protection policy (Microsoft's interim migration step). ${d.when}, ` +
      `so ${d.since} only the app protection policy counts; remove the approved client app from the policy.`,
    withOthers: (d) =>
      `"${d.policy}" requires an approved client app ${d.combination} ${d.othersText}. ${d.when}, so ${d.since} the policy ` +
      `enforces only ${d.othersText}; replace the approved client app with an app protection policy.`,
  },
  check({ index, finding, settings }) {
    const retired = settings.asOf >= NOT_ENFORCED_FROM;
    const when = retired ? 'Microsoft stopped enforcing that control in March 2026' : 'Microsoft stops enforcing that control in March 2026';
    const since = retired ? 'now' : 'from then on';
    return index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) => {
        const raw = Array.isArray(policy.grantControls?.builtInControls) ? (policy.grantControls!.builtInControls as unknown[]) : [];
        const i = raw.findIndex((v) => typeof v === 'string' && sameKeyword(v, 'approvedApplication'));
        if (i < 0) return [];
        const alternatives = grantAlternatives(policy);
        const and = alternatives.length === 1;
        const others = [...new Set(alternatives.flat())].filter((c) => c !== 'approvedApplication');
        const pointer = `/grantControls/builtInControls/${i}`;
        const evidence = {
          actual: 'approvedApplication',
          expected: 'compliantApplication',
          operator: policy.grantControls?.operator ?? null,
          effectiveControls: others,
          retired,
        };
        if (others.length === 0) return [finding(policy, 'onlyControl', { pointer, evidence, data: { when, since } })];
        if (!and && others.length === 1 && others[0] === 'compliantApplication') {
          return [finding(policy, 'withAppProtection', { pointer, evidence, data: { when, since } })];
        }
        return [
          finding(policy, 'withOthers', {
            pointer,
            evidence,
            data: {
              when,
              since,
              combination: and ? 'together with' : 'or',
              othersText: others.map(controlLabel).join(and ? ' and ' : ' or '),
            },
          }),
        ];
      });
  },
});
