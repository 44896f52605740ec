#!/usr/bin/env node
// Development aid: runs the built catalogue over examples/ and every source of the corpus and prints a Markdown
// table of findings per rule per source, with the share of policies each rule flags (to spot false positives: a rule
// firing on > 80 % of real policies) and rules that fire nowhere (possibly dead).
// Usage: npm run build && CALINT_CORPUS=<corpus folder> node scripts/findings-table.mjs (the corpus suite's variable;
// a relative folder is read from the repository root).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, process.env.CALINT_CORPUS || '../shared/corpus');
if (!fs.existsSync(CORPUS)) {
  console.error(`findings-table: no corpus folder at ${CORPUS} (set CALINT_CORPUS)`);
  process.exit(2);
}
const { lint } = await import(pathToFileURL(path.join(ROOT, 'dist/src/engine/lint.js')).href);

const sources = [['examples', path.join(ROOT, 'examples')], ...fs.readdirSync(CORPUS).filter((d) => fs.statSync(path.join(CORPUS, d)).isDirectory()).sort().map((d) => [d.replace(/__.*/, ''), path.join(CORPUS, d)])];
const results = [];
for (const [name, dir] of sources) {
  const r = await lint({ inputs: [dir], cwd: ROOT, configFile: name === 'examples' ? path.join(ROOT, 'examples/calint.config.json') : path.join(ROOT, 'test/fixtures/empty.config.json'), now: new Date(0) });
  results.push({ name, r });
}
const ruleIds = results[0].r.rules.map((x) => x.id);
const header = `| rule | ${results.map((x) => `${x.name} (${x.r.summary.policies})`).join(' | ')} | max share |`;
console.log(header);
console.log(`|---|${results.map(() => '---').join('|')}|---|`);
for (const id of ruleIds) {
  let maxShare = 0;
  const cells = results.map(({ r }) => {
    const fs_ = r.findings.filter((f) => f.ruleId === id);
    const policies = new Set(fs_.filter((f) => f.policyId || f.policyName).map((f) => `${f.file}#${f.policyId ?? f.policyName}`));
    const share = r.summary.policies ? policies.size / r.summary.policies : 0;
    maxShare = Math.max(maxShare, share);
    const notes = r.notices.filter((n) => n.ruleId === id && n.kind === 'not-evaluated').length ? ' (n/e)' : '';
    return fs_.length ? `${fs_.length}${policies.size ? ` / ${policies.size}p` : ''}${notes}` : `·${notes}`;
  });
  console.log(`| \`${id}\` | ${cells.join(' | ')} | ${(maxShare * 100).toFixed(0)} % |`);
}
console.log('\nCells: findings / distinct policies flagged; "·" none; "(n/e)" a not-evaluated notice. Policies per source in the header.');
