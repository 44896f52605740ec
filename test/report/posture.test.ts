/**
 * The posture rating says when it cannot be trusted: a run with errors, or a single policy (or a folder of templates)
 * judged at policy scope, where no tenant-wide check ran, is "provisional", never a plain "Strong".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { posture } from '../../src/report/html/sections/summary.js';
import { buildReportModel } from '../../src/report/html/view-model.js';
import { frameworkCompliance } from '../../src/frameworks/compliance.js';
import { reportInput } from './report-input.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const none = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

describe('posture', () => {
  it('is provisional after errors or at policy scope', () => {
    expect(posture(none, 90, 0).provisional).toBeNull();
    expect(posture(none, 90, 2).provisional).toMatch(/^Provisional: 2 errors kept part of the tenant from being checked\.$/);
    expect(posture(none, 40, 0, 'policy')).toMatchObject({ label: 'Strong', provisional: expect.stringMatching(/only the checks that judge each policy on its own ran/) });
  });

  it('of a single policy file says so on the cover', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-posture-'));
    made.push(dir);
    const policies = JSON.parse(readFileSync('examples/northwind/policies.json', 'utf8')).value as unknown[];
    const file = path.join(dir, 'one.json');
    writeFileSync(file, JSON.stringify(policies[0]));
    const input = await reportInput([file], { frameworks: (r) => frameworkCompliance(r) });
    expect(input.result.scope).toEqual({ scope: 'policy', reason: 'single-policy' });
    const model = buildReportModel(input);
    expect(model.posture.provisional).toMatch(/^Provisional: only the checks/);
  });
});
