import type { Rule } from './rule-types.js';

/** Identity function that gives a rule file its types. Built-in rules and rule packs both use it. */
export function defineRule<O = Record<string, never>>(rule: Rule<O>): Rule<O> {
  return rule;
}
