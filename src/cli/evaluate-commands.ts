/** `calint whatif` (one sign-in against every policy) and `calint coverage` (every unprotected cell), offline. */
import { type Command, Option } from 'commander';
import { InputError } from '../load/errors.js';
import { loadTenant } from '../engine/load-tenant.js';
import { configValueSource, findConfigFile, loadConfig } from '../engine/config.js';
import { Evaluator } from '../evaluate/evaluator.js';
import { coverage } from '../evaluate/coverage/index.js';
import { breakGlassIdSets, describeBreakGlass, resolveBreakGlass } from '../evaluate/break-glass.js';
import { CLIENT_APP_TYPES, GUEST_TYPES, INSIDER_RISK_LEVELS, PLATFORMS, RISK_LEVELS, TRANSFER_METHODS } from '../evaluate/whatif/scenario.js';
import { buildScenario, buildScenarios, readScenarioFile, type ScenarioEntry, type ScenarioFlags } from './scenario-input.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { makeColors, shouldColor } from '../report/colors.js';
import { renderCoverage, renderCoverageJson, renderWhatIf, renderWhatIfBatchJson, renderWhatIfJson } from '../report/whatif-text.js';
import { writeFileAtomic } from '../report/write-output.js';
import { reportDate } from './now.js';
import { inert, inertDocument, inertLines } from '../report/inert.js';
import { refuseOverwritingReads, type ReadFile } from './output-guard.js';
import { errorLine, note } from './say.js';
import { commaList, nonEmptyPath } from './option-parsers.js';
import type { TenantIndex } from '../model/tenant-index.js';


interface WhatIfFlags extends ScenarioFlags {
  scenario?: string;
  scenarios?: string;
  format: string;
  output?: string;
  verbose?: boolean;
  color?: boolean;
}

/** The tenant, and whether some input could not be read (the answer is then incomplete: exit 2, as lint does). */
async function loadForEvaluation(inputs: string[]): Promise<{ index: TenantIndex; incomplete: boolean; reads: ReadFile[] }> {
  const tenant = await loadTenant(inputs, { cwd: process.cwd() });
  const errors = [...tenant.load.errors, ...tenant.built.errors];
  for (const e of errors) errorLine(e.message);
  if (!tenant.load.inputs.some((i) => i.status === 'loaded')) throw new InputError('nothing to evaluate: no input holds Conditional Access data');
  if (errors.length) note(`calint: warning: ${errors.length} input error(s): the answer below is incomplete`);
  return { index: tenant.index, incomplete: errors.length > 0, reads: tenant.load.inputs.map((i) => ({ path: i.path, role: 'input' })) };
}

export function registerEvaluateCommands(program: Command, io: { exitCode: number }): void {
  program
    .command('whatif')
    .description('evaluate one sign-in against every policy, offline: which apply, why not, and what the sign-in must satisfy')
    .argument('<inputs...>', 'exported configuration (as for lint)')
    .option('--scenario <file>', 'the sign-in as JSON (schemas/scenario.schema.json); flags override its fields', nonEmptyPath('--scenario'))
    .option('--scenarios <file>', 'many sign-ins, one JSON object per line (JSON Lines); flags override each line\'s fields', nonEmptyPath('--scenarios'))
    .option('--user <id|upn>', 'the user signing in')
    .option('--group <ids>', "the user's groups (transitive), comma-separated; default: exported group members", commaList)
    .option('--role <ids|names>', "the user's active directory roles, comma-separated, or none; default: unknown", commaList)
    .addOption(new Option('--guest-type <type>', 'guest or external user type, or none for a member').choices([...GUEST_TYPES, 'none']))
    .option('--home-tenant <id>', "a guest's home tenant id")
    .option('--service-principal <id>', 'a workload identity signs in instead of a user')
    .option('--agent <id>', '(beta) an agent identity signs in instead of a user')
    .option('--app <id|name>', 'the resource (application id or name)')
    .option('--user-action <action>', 'registersecurityinfo or registerdevice')
    .option('--auth-context <id>', 'an authentication context (c1…c99)')
    .addOption(new Option('--platform <platform>', 'device platform').choices([...PLATFORMS]))
    .option('--ip <address>', 'client IPv4 or IPv6 address')
    .option('--country <code>', 'ISO country code of the sign-in, or unknown')
    .option('--location <ids|names>', 'named locations the sign-in is in (instead of --ip/--country)', commaList)
    .option('--mfa-trusted-ip', 'the IP is one of the MFA trusted IPs (not in exports)')
    .addOption(new Option('--client-app <type>', 'client app type').choices([...CLIENT_APP_TYPES]))
    .addOption(new Option('--risk <level>', 'sign-in risk (same as --sign-in-risk)').choices([...RISK_LEVELS]))
    .addOption(new Option('--sign-in-risk <level>', 'sign-in risk').choices([...RISK_LEVELS]))
    .addOption(new Option('--user-risk <level>', 'user risk').choices([...RISK_LEVELS]))
    .addOption(new Option('--service-principal-risk <level>', 'service principal risk').choices([...RISK_LEVELS]))
    .addOption(new Option('--insider-risk <level>', 'insider risk').choices([...INSIDER_RISK_LEVELS]))
    .addOption(new Option('--agent-risk <level>', '(beta) agent identity risk').choices([...RISK_LEVELS]))
    .addOption(new Option('--flow <method>', 'authentication transfer method').choices([...TRANSFER_METHODS]))
    .option('--device <json|unregistered>', "device attributes as JSON, or unregistered")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .option('-o, --output <file>', 'write the output to a file, atomically', nonEmptyPath('--output'))
    .option('--verbose', 'also list the policies that do not apply, with the reason')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .action(async (inputs: string[], flags: WhatIfFlags) => {
      if (flags.scenario && flags.scenarios) throw new InputError('give one of --scenario and --scenarios');
      const { index, incomplete, reads } = await loadForEvaluation(inputs);
      const scenarioFile = flags.scenarios ?? flags.scenario;
      if (flags.output) {
        refuseOverwritingReads([{ path: flags.output, what: `--output ${flags.output}` }], [...reads, ...(scenarioFile ? [{ path: scenarioFile, role: 'scenario file' }] : [])], process.cwd());
      }
      const entries: ScenarioEntry[] = flags.scenarios
        ? buildScenarios(index, flags, flags.scenarios, DEFAULT_MAX_FILE_BYTES)
        : [buildScenario(index, flags, flags.scenario ? readScenarioFile(flags.scenario, DEFAULT_MAX_FILE_BYTES) : undefined)];
      const evaluator = new Evaluator(index);
      const results = entries.map((entry) => ({ entry, result: evaluator.whatIf(entry.scenario) }));
      const generatedAt = reportDate().toISOString();
      const colors = makeColors(flags.output ? false : shouldColor(flags.color, process.stdout));
      let text: string;
      if (!flags.scenarios) {
        const { entry, result } = results[0]!;
        text = flags.format === 'json' ? renderWhatIfJson(result, generatedAt, entry.name) : renderWhatIf(index, result, colors, Boolean(flags.verbose));
      } else if (flags.format === 'json') {
        text = renderWhatIfBatchJson(results.map(({ entry, result }) => ({ line: entry.line!, name: entry.name, result })), generatedAt);
      } else {
        text = results
          .map(({ entry, result }, i) => `${colors.dim(`── ${i + 1}/${results.length}: ${entry.name ?? `line ${entry.line}`} ──`)}\n${renderWhatIf(index, result, colors, Boolean(flags.verbose))}`)
          .join('\n');
      }
      emit(text, flags.output, flags.format);
      io.exitCode = incomplete ? 2 : 0;
    });

  program
    .command('coverage')
    .description('list every kind of sign-in that no enabled policy protects with MFA or a block, with a witness for each')
    .argument('<inputs...>', 'exported configuration (as for lint)')
    .option('-c, --config <file>', 'config file (break-glass accounts; default: nearest calint.config.json)', nonEmptyPath('--config'))
    .option('--break-glass <ids>', 'break-glass user or group ids, comma-separated (their gaps are expected)', commaList)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .option('-o, --output <file>', 'write the output to a file, atomically', nonEmptyPath('--output'))
    .option('--fail-on-gap', 'exit 1 when there is an unexpected gap')
    .option('--assume-enabled', 'count report-only policies as enabled (the coverage a planned roll-out would give)')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .action(async (inputs: string[], flags: { config?: string; breakGlass?: string[]; format: string; output?: string; failOnGap?: boolean; assumeEnabled?: boolean; color?: boolean }) => {
      const cwd = process.cwd();
      const configFile = findConfigFile(flags.config, inputs, cwd);
      const config = loadConfig(configFile, cwd);
      const { index, incomplete, reads } = await loadForEvaluation(inputs);
      if (flags.output) {
        refuseOverwritingReads([{ path: flags.output, what: `--output ${flags.output}` }], [...reads, ...(configFile ? [{ path: configFile, role: 'config file' }] : [])], cwd);
      }
      // The same accounts lint uses: configured (and --break-glass), else the ones the policies' exclusions point to.
      const bg = resolveBreakGlass(index, {
        configured: config.config.breakGlass,
        configSource: (pointer) => configValueSource(config, pointer),
        given: flags.breakGlass,
        infer: true,
        namePattern: config.config.breakGlass?.namePattern,
      });
      if (bg.source === 'inferred') note(`calint: break-glass accounts not configured; inferred ${inert(describeBreakGlass(bg))}`);
      const result = coverage(new Evaluator(index), { breakGlass: breakGlassIdSets(bg), reportOnlyAsEnabled: Boolean(flags.assumeEnabled) });
      const text =
        flags.format === 'json'
          ? renderCoverageJson(result, reportDate().toISOString())
          : renderCoverage(index, result, makeColors(flags.output ? false : shouldColor(flags.color, process.stdout)));
      emit(text, flags.output, flags.format);
      io.exitCode = incomplete ? 2 : flags.failOnGap && result.gaps.some((g) => !g.expected) ? 1 : 0;
    });
}

function emit(text: string, output: string | undefined, format: string): void {
  if (output) {
    writeFileAtomic(output, text);
    note(`calint: wrote ${format} to ${inert(output)}`);
  } else process.stdout.write(format === 'json' ? inertDocument(text, 'json') : inertLines(text));
}
