import { defineRule } from '../../src/engine/define-rule.js';
import { MANAGED_POLICIES_ARTICLE, isMicrosoftManaged } from '../../src/model/managed-policies.js';

interface Options {
  pattern: string;
  ignoreCase: boolean;
}

export default defineRule<Options>({
  id: 'hygiene/naming-convention',
  catalogue: 'CA-030',
  title: 'Policy names follow the naming convention',
  risk: 'Policy names do not tell a reviewer whom a policy covers or what it does',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'info',
  rationale:
    "A naming scheme such as the Conditional Access framework's CA<number>-<Persona>-<PolicyType>-<App>-<Platform>-<Grant> " +
    'lets reviewers see at a glance whom a policy covers and what it does, keeps the list sorted by persona, and makes ' +
    'gaps and duplicates easy to spot. Conventions differ between organisations, so the rule checks only once a pattern is ' +
    "configured (calint's own suggestion is a leading CA number: ^CA[-_ ]?\\d{2,4}\\b). Microsoft-managed policies are not " +
    'checked: Microsoft names them and they cannot be renamed (duplicate one to give it your own name).',
  remediation:
    'Rename the policy to follow the convention (for example CA201-Internals-BaseProtection-AllApps-AnyPlatform-RequireMFA), ' +
    "or set this rule's pattern option in calint.config.json to the scheme your organisation uses.",
  references: [
    'https://learn.microsoft.com/azure/architecture/guide/security/conditional-access-framework',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
    MANAGED_POLICIES_ARTICLE,
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pattern: {
          type: 'string',
          description:
            'Regular expression (JavaScript syntax) that every policy displayName must match; empty (the default) means no ' +
            'convention is configured and the rule only says so. ^CA[-_ ]?\\d{2,4}\\b ' +
            'accepts names that start with a policy number as in the Conditional Access framework scheme ' +
            'CA<nnn>-<Persona>-<PolicyType>-<App>-<Platform>-<Grant> (CA001-Global-…, also CA-01 or CA01 …). For the full scheme use e.g. ' +
            '^CA\\d{3}-[A-Za-z]+-[A-Za-z]+-[A-Za-z0-9]+-[A-Za-z0-9]+-[A-Za-z0-9]+',
        },
        ignoreCase: { type: 'boolean', description: 'Match the pattern case-insensitively (default true).' },
      },
    },
    defaults: { pattern: '', ignoreCase: true },
  },
  messages: {
    mismatch: (d) => `"${d.policy}" does not follow the naming convention (${d.pattern}).`,
    noName: (d) => `A policy (${d.policy}) has no display name, so it cannot follow the naming convention (${d.pattern}).`,
  },
  check({ index, options, finding, notice }) {
    if (options.pattern === '') {
      notice(
        'info',
        'No naming convention is configured, so policy names were not checked: set rules["hygiene/naming-convention"].options.pattern ' +
          '(for the Conditional Access framework scheme, e.g. "^CA\\d{3}-").',
      );
      return [];
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(options.pattern, options.ignoreCase ? 'iu' : 'u');
    } catch (e) {
      notice(
        'not-evaluated',
        `not evaluated: the pattern option ${JSON.stringify(options.pattern)} is not a valid regular expression (${(e as Error).message})`,
      );
      return [];
    }
    const managed = index.policies.filter(isMicrosoftManaged);
    if (managed.length > 0) {
      notice(
        'info',
        `${managed.length} Microsoft-managed polic${managed.length === 1 ? 'y was' : 'ies were'} not checked against the naming ` +
          'convention: Microsoft names them and they cannot be renamed.',
      );
    }
    return index.policies.flatMap((policy) => {
      if (isMicrosoftManaged(policy)) return [];
      const name = policy.displayName;
      if (typeof name !== 'string' || name.trim() === '') {
        return [
          finding(policy, 'noName', {
            pointer: 'displayName' in policy ? '/displayName' : '',
            evidence: { actual: name ?? null, missing: true, expected: options.pattern },
            data: { pattern: options.pattern },
          }),
        ];
      }
      if (pattern.test(name)) return [];
      return [
        finding(policy, 'mismatch', {
          pointer: '/displayName',
          evidence: { actual: name, expected: options.pattern },
          data: { pattern: options.pattern },
        }),
      ];
    });
  },
});
