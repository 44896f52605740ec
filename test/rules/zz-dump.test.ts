import { it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { listFixtures, REPO_ROOT } from './fixtures.js';
it('dump', async () => {
  for (const f of listFixtures()) {
    const r = await lint({ inputs: [f.file], cwd: REPO_ROOT, configFile: f.configFile, now: new Date(0) });
    console.log(`\n## ${f.file}  cfg=${f.configFile.split('/').pop()}  input=${r.inputs[0]?.shape}`);
    for (const w of r.warnings) console.log(`  W ${w.code} ${w.pointer} ${w.message}`);
    for (const x of r.findings) console.log(`  ${x.ruleId === f.ruleId ? '*' : ' '} ${x.ruleId} ${x.messageId} ${x.pointer} :: ${x.message}`);
    for (const n of r.notices) console.log(`  N ${n.ruleId} ${n.message}`);
  }
});
