/** The terminal format: findings grouped by file and policy, severity coloured, one summary line. */
import type { Finding, LintResult } from '../engine/result-types.js';
import { SEVERITIES, meetsThreshold, type Severity } from '../engine/severity.js';
import type { Colors } from './colors.js';
import { inert } from './inert.js';

export interface StylishOptions {
  colors: Colors;
  verbose: boolean;
}

export function renderStylish(result: LintResult, { colors: c, verbose }: StylishOptions): string {
  const out: string[] = [];
  const sev = (s: Severity) => {
    const word = s.padEnd(8);
    return s === 'critical' ? c.bold(c.red(word)) : s === 'high' ? c.red(word) : s === 'medium' ? c.yellow(word) : s === 'low' ? c.cyan(word) : c.dim(word);
  };

  if (verbose) {
    out.push(c.bold('Inputs'));
    for (const i of result.inputs) {
      const mark = i.status === 'loaded' ? c.green('read   ') : i.status === 'skipped' ? c.dim('skipped') : c.red('error  ');
      out.push(`  ${mark} ${inert(i.path)}  ${c.dim(inert(i.description))}`);
    }
    out.push('');
  }

  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = f.file ?? '';
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  for (const [file, findings] of groups) {
    out.push(c.underline(file ? inert(file) : 'tenant (all policies)'));
    let currentPolicy: string | null | undefined = undefined;
    for (const f of findings) {
      const policyKey = f.policyId ?? f.policyName;
      if (policyKey !== currentPolicy) {
        currentPolicy = policyKey;
        if (f.policyName) {
          const id = f.policyId ? c.dim(` ${inert(f.policyId)}`) : '';
          out.push(`  ${c.bold(inert(f.policyName))}${id} ${c.dim(`[${f.policyState}]`)}`);
        }
      }
      const where = f.line != null ? `${f.line}:${f.column ?? 1}` : '-';
      const accepted = f.suppression
        ? c.dim(` [suppressed until ${inert(f.suppression.expires ?? 'further notice')}: ${inert(f.suppression.justification)}]`)
        : f.baselineState === 'unchanged'
          ? c.dim(' [in baseline]')
          : '';
      out.push(`    ${c.dim(where.padEnd(8))} ${sev(f.severity)} ${inert(f.message)}  ${c.dim(inert(f.ruleId))}${accepted}`);
      if (f.pointer != null && f.pointer !== '') out.push(`    ${' '.repeat(8)} ${' '.repeat(8)} ${c.dim(`at ${inert(f.pointer)}`)}`);
    }
    out.push('');
  }

  const scopeNote =
    result.scope.reason === 'single-policy'
      ? 'one policy in one file: only the rules that judge a policy on its own ran (--scope policy); --scope tenant runs the tenant-wide rules too'
      : result.scope.scope === 'policy'
        ? 'only the rules that judge a policy on its own ran (--scope policy); tenant-wide rules did not run'
        : null;
  if (result.notices.length || scopeNote) {
    out.push(c.bold('Notes'));
    if (scopeNote) out.push(`  ${c.blue('scope')}  ${scopeNote}`);
    for (const n of result.notices) {
      const label = n.kind === 'not-evaluated' ? 'not evaluated' : 'note';
      const message = n.message.replace(/^not evaluated:\s*/i, '');
      out.push(`  ${c.blue(label)}  ${inert(message)}  ${c.dim(inert(n.ruleId))}`);
    }
    out.push('');
  }

  if (result.warnings.length) {
    if (verbose) {
      out.push(c.bold('Input warnings'));
      for (const w of result.warnings) {
        const place = w.file ? `${inert(w.file)}${w.line != null ? `:${w.line}:${w.column}` : ''}${w.pointer ? ` ${inert(w.pointer)}` : ''}` : '';
        out.push(`  ${c.yellow('warning')} ${place}: ${inert(w.message)}`);
      }
      out.push('');
    }
  }


  out.push(summaryLine(result, c));
  if (!verbose) {
    const skipped = result.inputs.filter((i) => i.status === 'skipped').length;
    const extras = [
      skipped ? `${skipped} file(s) skipped as not Conditional Access data` : '',
      result.warnings.length ? `${result.warnings.length} input warning(s)` : '',
    ].filter(Boolean);
    if (extras.length) out.push(c.dim(`${extras.join(', ')}; --verbose lists them`));
  }
  return out.join('\n') + '\n';
}

function summaryLine(result: LintResult, c: Colors): string {
  const s = result.summary;
  const parts = SEVERITIES.filter((x) => s.bySeverity[x] > 0).map((x) => `${s.bySeverity[x]} ${x}`);
  const loaded = result.inputs.filter((i) => i.status === 'loaded').length;
  const scope = `${s.policies} ${s.policies === 1 ? 'policy' : 'policies'} in ${loaded} file${loaded === 1 ? '' : 's'}, ${result.rules.length} rules`;
  const failing = result.findings.filter((f) => !f.suppression && f.baselineState !== 'unchanged' && meetsThreshold(f.severity, s.failOn)).length;
  const accepted = [s.suppressed ? `${s.suppressed} suppressed` : '', s.baselined ? `${s.baselined} in baseline` : ''].filter(Boolean).join(', ');
  if (s.exitCode === 2) {
    return c.red(c.bold(`✖ incomplete: ${result.errors.length} error(s) (listed on stderr); ${s.findings} finding(s)${parts.length ? ` (${parts.join(', ')})` : ''}; ${scope}`));
  }
  if (s.findings === 0) return c.green(c.bold(`✔ no findings; ${scope}`));
  const text = `${s.exitCode === 1 ? '✖' : '⚠'} ${s.findings} finding${s.findings === 1 ? '' : 's'} (${parts.join(', ')}${accepted ? `; ${accepted}` : ''}); ${scope}; ${failing} failing at or above ${s.failOn}`;
  return s.exitCode === 1 ? c.red(c.bold(text)) : c.yellow(c.bold(text));
}
