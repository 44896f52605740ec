/** The command line: parses arguments, runs a command, prints, and maps every outcome to exit 0, 1 or 2. */
import { Command, CommanderError, Option } from 'commander';
import { appendFileSync } from 'node:fs';
import { InputError, isInputError } from '../load/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { lint, prepareRules } from '../engine/lint.js';
import type { RuleModule } from '../engine/registry.js';
import type { CliRuntime } from './runtime.js';
import { CONFIG_FILE_NAME, findConfigFile, loadConfig } from '../engine/config.js';
import { runInit } from './init-command.js';
import path from 'node:path';
import { SEVERITIES, type Severity } from '../engine/severity.js';
import { toolVersion } from '../engine/tool-version.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderJunit } from '../report/junit.js';
import { renderCodeQuality } from '../report/codequality.js';
import { renderAnnotations, renderStepSummary } from '../report/github.js';
import { renderBaseline } from '../engine/baseline-file.js';
import type { LintResult } from '../engine/result-types.js';
import type { RuleScope } from '../engine/rule-types.js';
import { parseOutputSpec, type OutputTarget } from './output-spec.js';
import { renderStylish } from '../report/stylish.js';
import { makeColors, shouldColor } from '../report/colors.js';
import { releaseSignals, writeFileAtomic } from '../report/write-output.js';
import { inert, inertDocument, inertLines } from '../report/inert.js';
import { errorLine, note } from './say.js';
import { refuseOverwritingReads } from './output-guard.js';
import { collectPaths, commaList, nonEmptyPath, parseMegabytes } from './option-parsers.js';
import { EXIT_ERROR } from './exit-codes.js';
import { reportDate } from './now.js';
import { renderRules } from './rules-command.js';
import { registerEvaluateCommands } from './evaluate-commands.js';
import { addReportCommand } from './report-command.js';

interface LintFlags {
  format: string;
  baseline?: string;
  updateBaseline?: boolean;
  output?: string;
  config?: string;
  breakGlass?: string[];
  scope?: RuleScope;
  rules?: string[];
  rule?: string[];
  failOn?: Severity;
  maxFileSize?: number;
  verbose?: boolean;
  color?: boolean;
}


function buildProgram(io: CliRuntime): Command {
  const program = new Command();
  program
    .name('calint')
    .description('Offline linter and audit reporter for Microsoft Entra Conditional Access exports.')
    .version(toolVersion(), '-V, --version', 'print the calint version')
    .addHelpText(
      'after',
      '\nExit codes: 0 no findings at or above the threshold, 1 findings, 2 usage or input error (or an incomplete result).',
    );

  program
    .command('lint')
    .description('lint exported Conditional Access configuration (files, folders, globs)')
    .argument('<inputs...>', 'Graph JSON files, folders (recursive), globs, EntraExporter trees or calint snapshots')
    .option(
      '-f, --format <formats>',
      'output formats, comma-separated: stylish, json, sarif, junit, codequality (GitLab); <format>=<file> writes one to a file',
      'stylish',
    )
    .option('-o, --output <file>', 'write the (single) standard-output format to a file instead, atomically', nonEmptyPath('--output'))
    .option('-c, --config <file>', 'config file (default: nearest calint.config.json)', nonEmptyPath('--config'))
    .option('--break-glass <ids>', 'break-glass users or groups (object ids, UPNs or names), comma-separated (adds to the config)', commaList)
    .addOption(
      new Option('--scope <scope>', 'policy: only rules that judge each policy on its own; tenant: every rule (default, except for one file holding one policy)').choices([
        'policy',
        'tenant',
      ]),
    )
    .option('--rules <dir>', 'load an external rule pack folder (repeatable)', collectPaths('--rules'))
    .option('--rule <id>', 'run only this rule (repeatable, or comma-separated)', commaList)
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the run exit 1 (default: medium)').choices([...SEVERITIES]))
    .option('--baseline <file>', 'fail only on findings that are not in this baseline file', nonEmptyPath('--baseline'))
    .option('--update-baseline', 'write the current findings to the --baseline file and exit 0')
    .option('--max-file-size <MB>', `refuse input files larger than this (default: ${DEFAULT_MAX_FILE_BYTES / 1048576})`, parseMegabytes)
    .option('--verbose', 'list every input with the shape it was read as, and every input warning')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .action(async (inputs: string[], flags: LintFlags) => {
      const targets = parseOutputSpec(flags.format, flags.output);
      if (flags.updateBaseline && !flags.baseline) throw new InputError('--update-baseline needs --baseline <file> to write');
      const result = await lint({
        builtInRules: io.builtInRules,
        inputs,
        cwd: process.cwd(),
        configFile: flags.config,
        breakGlass: flags.breakGlass,
        scope: flags.scope,
        ruleDirs: flags.rules,
        ...(flags.rule ? { only: flags.rule } : {}),
        failOn: flags.failOn,
        baselineFile: flags.updateBaseline ? undefined : flags.baseline,
        maxFileBytes: flags.maxFileSize,
        now: reportDate(),
      });
      // Nothing is written over a file this run read (exit 2, before any output).
      const cwd = process.cwd();
      const configFile = findConfigFile(flags.config, inputs, cwd);
      refuseOverwritingReads(
        [
          ...targets
            .filter((t) => t.file)
            .map((t) => ({ path: t.file!, what: flags.output && t.file === flags.output ? `--output ${t.file}` : `--format ${t.format}=${t.file}` })),
          ...(flags.updateBaseline && flags.baseline ? [{ path: flags.baseline, what: `--update-baseline --baseline ${flags.baseline}` }] : []),
        ],
        [
          ...result.inputs.map((i) => ({ path: i.path, role: 'input' })),
          ...(configFile ? [{ path: configFile, role: 'config file' }] : []),
          ...(flags.baseline && !flags.updateBaseline ? [{ path: flags.baseline, role: 'baseline' }] : []),
        ],
        cwd,
      );
      // Errors always go to stderr, one line each; when nothing could be linted, that line is all the output.
      for (const e of result.errors) errorLine(e.message);
      const nothingLinted = result.errors.length > 0 && !result.inputs.some((i) => i.status === 'loaded');
      const stdoutTaken = targets.some((t) => t.file === null && t.format !== 'stylish');
      for (const target of targets) {
        const text = render(target, result, flags, nothingLinted);
        if (target.file) {
          writeFileAtomic(target.file, text);
          note(`calint: wrote ${target.format} to ${inert(target.file)}`);
        } else {
          process.stdout.write(target.format === 'stylish' ? inertLines(text) : inertDocument(text, target.format === 'junit' ? 'xml' : 'json'));
        }
      }
      if (process.env.GITHUB_ACTIONS === 'true') {
        const annotations = renderAnnotations(result);
        (stdoutTaken ? process.stderr : process.stdout).write(annotations);
        if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, renderStepSummary(result));
      }
      if (flags.updateBaseline && flags.baseline) {
        if (result.summary.exitCode === 2) {
          io.exitCode = 2;
          return;
        }
        writeFileAtomic(flags.baseline, renderBaseline(result.findings, result.tool.version));
        note(`calint: wrote baseline of ${result.findings.filter((f) => !f.suppression).length} finding(s) to ${inert(flags.baseline)}`);
        io.exitCode = 0;
        return;
      }
      io.exitCode = result.summary.exitCode;
    });

  program
    .command('rules')
    .description('list every rule: id, severity, title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'markdown']).default('stylish'))
    .option('-c, --config <file>', 'config file (rule packs and severity overrides)', nonEmptyPath('--config'))
    .option('--rules <dir>', 'also load an external rule pack folder (repeatable)', collectPaths('--rules'))
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .action(async (flags: { format: string; config?: string; rules?: string[]; color?: boolean }) => {
      const cwd = process.cwd();
      const config = loadConfig(findConfigFile(flags.config, [], cwd), cwd);
      const { active } = await prepareRules(config, flags.rules ?? [], cwd, io.builtInRules);
      const rules = renderRules(active, flags.format, makeColors(shouldColor(flags.color, process.stdout)));
      process.stdout.write(flags.format === 'json' ? inertDocument(rules, 'json') : inertLines(rules));
      io.exitCode = 0;
    });

  registerEvaluateCommands(program, io);
  addReportCommand(program, io);

  program
    .command('init')
    .description('write a starter calint.config.json (break-glass accounts to fill in)')
    .option('--config <file>', 'where to write it', nonEmptyPath('--config'), CONFIG_FILE_NAME)
    .option('--force', 'overwrite an existing file')
    .action((flags: { config: string; force?: boolean }) => {
      const file = runInit(process.cwd(), flags.config, Boolean(flags.force));
      process.stdout.write(
        `Wrote ${path.relative(process.cwd(), file) || file}. Fill in breakGlass.users (and groups) with your emergency-access ` +
          'accounts\' object ids, then run: calint lint <export>\n',
      );
      io.exitCode = 0;
    });

  return program;
}

function render(target: OutputTarget, result: LintResult, flags: LintFlags, nothingLinted: boolean): string {
  switch (target.format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result);
    case 'junit':
      return renderJunit(result);
    case 'codequality':
      return renderCodeQuality(result);
    case 'stylish':
      if (nothingLinted && !flags.verbose) return '';
      return renderStylish(result, {
        colors: makeColors(target.file ? false : shouldColor(flags.color, process.stdout)),
        verbose: Boolean(flags.verbose),
      });
  }
}

/**
 * Commander's usage errors (unknown option, missing argument, bad choice) printed as calint prints every error: one
 * `calint: error:` line, with the hint where help is. Set on every command: subcommands keep the output settings they
 * were created with. Help and --version output are untouched.
 */
function routeUsageErrors(command: Command): void {
  command.exitOverride();
  command.showHelpAfterError(false);
  const usage = commandPath(command);
  command.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (message, write) => {
      const text = message.replace(/^error:\s*/i, '').trim().replace(/\s*\n\s*/g, ' ');
      write(inertLines(`calint: error: ${inert(text)} (run ${usage} --help for usage)\n`));
    },
  });
  for (const sub of command.commands) routeUsageErrors(sub);
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Runs the CLI; returns the exit code (never throws for user mistakes). */
export async function main(argv: string[], runtime: { builtInRules?: readonly RuleModule[] } = {}): Promise<number> {
  const io: CliRuntime = { exitCode: 0, ...(runtime.builtInRules ? { builtInRules: runtime.builtInRules } : {}) };
  const program = buildProgram(io);
  routeUsageErrors(program);
  try {
    await program.parseAsync(argv);
    return io.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'calint.invalidArgument') errorLine(e.message);
      return EXIT_ERROR;
    }
    if (isInputError(e)) {
      errorLine(e.message);
      return EXIT_ERROR;
    }
    const err = e as Error;
    process.stderr.write(inertLines(`calint: internal error: ${inert(err?.message ?? String(e))}\n`));
    if (process.env.CALINT_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return EXIT_ERROR;
  } finally {
    releaseSignals();
  }
}
