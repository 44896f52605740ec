/**
 * Licence awareness: what the tenant holds comes from the config's `licences`, else from the export's subscribed SKUs
 * (Graph GET /subscribedSkus saved beside the policies), else it is unknown. A rule whose fix needs a licence the tenant
 * is known not to hold does not run, and a notice names the licence; with nothing known every rule runs.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { licencesFromSkus, missingLicences, tenantLicences } from '../../src/model/licences.js';
import { REPO_ROOT } from '../rules/fixtures.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A subscribedSku as Graph returns it, with the given service plans. */
function sku(part: string, plans: string[], status = 'Enabled', disabled: string[] = []) {
  return {
    capabilityStatus: status,
    skuId: '00000000-0000-0000-0000-000000000000',
    skuPartNumber: part,
    servicePlans: [...plans, ...disabled].map((p) => ({ servicePlanName: p, provisioningStatus: disabled.includes(p) ? 'Disabled' : 'Success', appliesTo: 'User' })),
  };
}

/** The examples tenant with a subscribedSkus.json beside it and, optionally, a config. */
function tenantWith(skus: unknown[] | null, config?: Record<string, unknown>): { dir: string; config: string | undefined } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calint-licences-'));
  made.push(dir);
  cpSync(path.join(REPO_ROOT, 'examples/northwind'), path.join(dir, 'tenant'), { recursive: true });
  if (skus) {
    writeFileSync(
      path.join(dir, 'tenant', 'subscribedSkus.json'),
      JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscribedSkus', value: skus }),
    );
  }
  let configFile: string | undefined;
  if (config) {
    configFile = path.join(dir, 'calint.config.json');
    writeFileSync(configFile, JSON.stringify(config));
  }
  return { dir: path.join(dir, 'tenant'), config: configFile };
}

describe('licences from subscribed SKUs', () => {
  it('counts active subscriptions and enabled service plans only', () => {
    const held = licencesFromSkus([
      sku('SPE_E3', ['AAD_PREMIUM', 'INTUNE_A']),
      sku('AAD_PREMIUM_P2', ['AAD_PREMIUM_P2'], 'Suspended'),
      sku('Workload_Identities_P1', [], 'Enabled', ['AAD_WRKLDID_P1']),
      sku('SPE_E5', ['INSIDER_RISK'], 'Warning'),
    ]);
    expect(held.source).toBe('export');
    expect(held.held).toEqual(['entra-id-p1', 'purview-insider-risk', 'intune']);
    // Agent ID has no service plan calint knows: the export cannot tell, so its rules still run.
    expect(held.undetermined).toEqual(['entra-agent-id']);
    expect(missingLicences(['entra-id-p2'], held)).toEqual(['entra-id-p2']);
    expect(missingLicences(['entra-agent-id'], held)).toEqual([]);
  });

  it('lets the config win over the export, and P2 include P1', () => {
    const fromConfig = tenantLicences(['entra-id-p2'], [sku('SPE_E3', ['AAD_PREMIUM'])]);
    expect(fromConfig).toEqual({ source: 'config', held: ['entra-id-p1', 'entra-id-p2'], undetermined: [] });
    expect(tenantLicences(undefined, null).source).toBe('unknown');
    expect(missingLicences(['entra-id-p2'], tenantLicences(undefined, null))).toEqual([]);
  });
});

describe('a lint run', () => {
  it('reads the SKUs from the export and does not run rules whose fix the tenant cannot license', async () => {
    const t = tenantWith([sku('SPE_E3', ['AAD_PREMIUM', 'INTUNE_A'])]);
    const result = await lint({ inputs: [t.dir], cwd: REPO_ROOT, configFile: t.config, now: new Date(0) });
    expect(result.errors).toEqual([]);
    expect(result.inputs.find((i) => i.path.endsWith('subscribedSkus.json'))).toMatchObject({ status: 'loaded', counts: { subscribedSku: 1 } });
    expect(result.licences).toEqual({ source: 'export', held: ['entra-id-p1', 'intune'], undetermined: ['entra-agent-id'] });
    const notice = result.notices.find((n) => n.ruleId === 'baseline/sign-in-risk');
    expect(notice?.kind).toBe('not-evaluated');
    expect(notice?.message).toContain('requires Microsoft Entra ID P2');
    expect(notice?.message).toContain("the export's subscribed SKUs");
    expect(result.findings.some((f) => f.ruleId === 'baseline/sign-in-risk')).toBe(false);
    // A rule that needs nothing beyond P1 still runs.
    expect(result.findings.some((f) => f.ruleId === 'baseline/phishing-resistant-all-users')).toBe(true);
    // The summary of a rule that did not run still says what it needs.
    expect(result.rules.find((r) => r.id === 'baseline/sign-in-risk')?.licences).toEqual(['entra-id-p2']);
  });

  it('runs every rule when nothing says what the tenant holds, and when the config lists the licence', async () => {
    const none = await lint({ inputs: [tenantWith(null).dir], cwd: REPO_ROOT, now: new Date(0) });
    expect(none.licences.source).toBe('unknown');
    expect(none.notices.filter((n) => n.message.includes('requires Microsoft'))).toEqual([]);
    const t = tenantWith([sku('SPE_E3', ['AAD_PREMIUM'])], { licences: ['entra-id-p2', 'intune'] });
    const configured = await lint({ inputs: [t.dir], cwd: REPO_ROOT, configFile: t.config, now: new Date(0) });
    expect(configured.licences.source).toBe('config');
    // What the config lists is what the tenant holds: P2 and Intune rules run, workload-identity rules do not.
    const needs = configured.notices.filter((n) => n.message.includes('requires Microsoft')).map((n) => n.message);
    expect(needs.some((m) => /Entra ID P2|Microsoft Intune/.test(m))).toBe(false);
    expect(needs.some((m) => m.includes('Workload ID'))).toBe(true);
    expect(configured.notices.find((n) => n.ruleId === 'baseline/sign-in-risk')).toBeUndefined();
  });

  it('rejects an unknown licence id in the config with its pointer', async () => {
    const t = tenantWith(null, { licences: ['entra-id-p3'] });
    await expect(lint({ inputs: [t.dir], cwd: REPO_ROOT, configFile: t.config, now: new Date(0) })).rejects.toThrow(/licences\/0|licences/);
  });
});
