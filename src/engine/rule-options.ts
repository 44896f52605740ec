/**
 * Validates the options a config gives a rule against the rule's JSON Schema, with real ajv. Built-in rules use the
 * validators the build precompiled (dist/rule-options-validators.cjs, by scripts/precompile-rule-options.mjs) when the
 * rule's schema still hashes as it did then; anything else (a rule pack, a changed rule, no build) is compiled here.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { packageRoot } from '../model/package-root.js';

export interface OptionsValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The ajv options for rule options, the same for the build's standalone code and for compiling at run time. */
export const RULE_OPTIONS_AJV = { allErrors: true, strict: false } as const;

/** A stable hash of a schema (key order as written): the precompiled validator is used only for the same schema. */
export function schemaHash(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

interface Precompiled {
  RULES: Record<string, { key: string; hash: string }>;
  [key: string]: unknown;
}

/** Finds validators for the run: `validatorFor` per rule, loading ajv or the precompiled file only when asked. */
export function optionsValidators(): (ruleId: string, schema: object, builtIn: boolean) => OptionsValidator {
  const require = createRequire(import.meta.url);
  let precompiled: Precompiled | null | undefined;
  const compilers = new Map<boolean, import('ajv').Ajv>();
  const compile = (schema: object, trusted: boolean): OptionsValidator => {
    let ajv = compilers.get(trusted);
    if (!ajv) {
      const { Ajv } = require('ajv') as typeof import('ajv');
      // A built-in rule's schema is calint's own and tested; a rule pack's is first checked against the meta-schema.
      ajv = new Ajv({ ...RULE_OPTIONS_AJV, validateSchema: !trusted });
      compilers.set(trusted, ajv);
    }
    return ajv.compile(schema) as OptionsValidator;
  };
  return (ruleId, schema, builtIn) => {
    if (builtIn) {
      if (precompiled === undefined) {
        const file = path.join(packageRoot(), 'dist', 'rule-options-validators.cjs');
        precompiled = existsSync(file) ? (require(file) as Precompiled) : null;
      }
      const entry = precompiled?.RULES[ruleId];
      if (entry && entry.hash === schemaHash(schema)) return precompiled![entry.key] as OptionsValidator;
    }
    return compile(schema, builtIn);
  };
}
