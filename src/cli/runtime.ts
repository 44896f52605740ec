import type { RuleModule } from '../engine/registry.js';

/** What one run of the CLI carries between its commands: the exit code, and the built-in rules the bundle passes in. */
export interface CliRuntime {
  exitCode: number;
  builtInRules?: readonly RuleModule[];
}
