/**
 * Every input shape the loader understands is detected and reported: InputRecord.status / shape / description /
 * counts, the LoadedObjects it yields (kind, pointer, bodyPointer), and the records of skipped files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/model/build-snapshot.js';
import { lint } from '../../src/engine/lint.js';
import { fixtures, load, recordOf, repoRoot, sha256, readFixture, positionOf } from './helpers.js';

const S = `${fixtures}/shapes`;
const MIXED = `${fixtures}/mixed`;
const EE = `${fixtures}/entra-exporter`;

describe('Graph list responses', () => {
  it('policies: graph-list with one object per value[] item, pointers /value/<i>', async () => {
    const file = `${S}/graph-list-policies.json`;
    const r = await load([file]);
    const rec = recordOf(r, file);
    expect(rec).toMatchObject({
      status: 'loaded',
      shape: 'graph-list',
      description: 'Graph list response: 2 conditionalAccessPolicy',
      counts: { policy: 2 },
      encoding: 'utf-8',
      reason: null,
    });
    expect(rec.sha256).toBe(sha256(path.join(repoRoot, file)));
    expect(rec.bytes).toBe(Buffer.byteLength(readFixture(file)));
    expect(r.objects.map((o) => [o.kind, o.pointer, o.bodyPointer, o.fromTemplate])).toEqual([
      ['policy', '/value/0', '/value/0', false],
      ['policy', '/value/1', '/value/1', false],
    ]);
    expect(r.objects[1]!.value.displayName).toBe('CA002 - All users - Block legacy authentication');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('namedLocations (ip, country, compliant network)', async () => {
    const file = `${S}/graph-list-named-locations.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'graph-list',
      description: 'Graph list response: 3 namedLocation',
      counts: { namedLocation: 3 },
    });
    expect(r.objects.map((o) => o.kind)).toEqual(['namedLocation', 'namedLocation', 'namedLocation']);
  });

  it('authenticationStrength policies (#policies/authenticationStrengthPolicies)', async () => {
    const file = `${S}/graph-list-authentication-strengths.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'graph-list',
      description: 'Graph list response: 3 authenticationStrengthPolicy',
      counts: { authenticationStrength: 3 },
    });
    expect(buildSnapshot(r).errors).toEqual([]);
  });

  it('authenticationContextClassReferences', async () => {
    const file = `${S}/graph-list-authentication-contexts.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'graph-list',
      description: 'Graph list response: 2 authenticationContextClassReference',
      counts: { authenticationContext: 2 },
    });
    expect(r.objects.map((o) => o.value.id)).toEqual(['c1', 'c2']);
  });
});

describe('single objects', () => {
  it('a policy as the Entra admin center downloads it (no @odata.context): object at pointer ""', async () => {
    const file = `${S}/single-policy-admin-center.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'object',
      description: 'single conditionalAccessPolicy',
      counts: { policy: 1 },
    });
    expect(r.objects).toHaveLength(1);
    expect(r.objects[0]).toMatchObject({ kind: 'policy', pointer: '', bodyPointer: '', fromTemplate: false });
    expect(buildSnapshot(r).errors).toEqual([]);
  });

  it('a $entity policy with extra non-Graph keys (REF, VER, ENV as wesley-trust writes them)', async () => {
    const file = `${S}/single-policy-entity-extra-keys.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'object',
      description: 'single conditionalAccessPolicy',
      counts: { policy: 1 },
    });
    expect(r.objects[0]!.value).toMatchObject({ REF: '07', VER: '2', ENV: 'P', state: 'disabled' });
    const built = buildSnapshot(r);
    expect(built.errors).toEqual([]);
    expect(built.snapshot.policies).toHaveLength(1);
  });

  it('a single group $entity (with SVC/REF/ENV keys) is a directory object', async () => {
    const file = `${S}/group-entity.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({ status: 'loaded', shape: 'object', description: 'single group', counts: { group: 1 } });
    expect(r.objects[0]!.kind).toBe('group');
    expect(buildSnapshot(r).snapshot.directory?.groups).toHaveLength(1);
  });
});

describe('arrays, templates and snapshots', () => {
  it('a bare JSON array of policies: shape "array", pointers /<i>', async () => {
    const file = `${S}/bare-array-policies.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'array',
      description: 'JSON array: 3 conditionalAccessPolicy',
      counts: { policy: 3 },
    });
    expect(r.objects.map((o) => o.pointer)).toEqual(['/0', '/1', '/2']);
    expect(buildSnapshot(r).errors).toEqual([]);
  });

  it('a Microsoft CA template: read as a policy whose body sits under /details', async () => {
    const file = `${S}/microsoft-template.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'template',
      description: 'Microsoft Conditional Access template (policy read from /details)',
      counts: { policy: 1 },
    });
    const [o] = r.objects;
    expect(o).toMatchObject({ kind: 'policy', pointer: '', bodyPointer: '/details', fromTemplate: true });
    expect(o!.fieldPointers).toMatchObject({ displayName: '/name', id: '/id', templateId: '/id', description: '/description' });
    expect(o!.value).toMatchObject({
      id: 'c7503427-338e-4c5e-902d-abe252abfb43',
      templateId: 'c7503427-338e-4c5e-902d-abe252abfb43',
      displayName: 'Require multifactor authentication for admins',
      grantControls: { builtInControls: ['mfa'] },
      sessionControls: null,
    });
    expect(o!.value.state).toBeUndefined();
    // Positions of body fields resolve inside /details.
    const text = readFixture(file);
    expect(r.locate(file, `${o!.bodyPointer}/conditions/users`)).toEqual(positionOf(text, '"users"'));
    const built = buildSnapshot(r);
    expect(built.errors).toEqual([]);
    expect(built.warnings.map((w) => [w.code, w.pointer])).toEqual([['template', '']]);
  });

  it('a calint snapshot: every section read, tenant reported', async () => {
    const file = `${S}/calint-snapshot.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'loaded',
      shape: 'snapshot',
      description: 'calint snapshot: 2 conditionalAccessPolicy, 1 namedLocation, 1 user, 2 group',
      counts: { policy: 2, namedLocation: 1, user: 1, group: 2 },
    });
    expect(r.tenant).toEqual({
      id: '72f988bf-0000-4000-8000-00000000c0de',
      displayName: 'Contoso',
      defaultDomain: 'contoso.onmicrosoft.com',
      exportedAt: '2026-11-20T10:00:00Z',
      exportedBy: 'export-script 1.2',
      source: 'graph v1.0',
    });
    expect(r.objects.map((o) => `${o.kind}@${o.pointer}`)).toEqual([
      'policy@/policies/0',
      'policy@/policies/1',
      'namedLocation@/namedLocations/0',
      'user@/directory/users/0',
      'group@/directory/groups/0',
      'group@/directory/groups/1',
    ]);
    expect(buildSnapshot(r).errors).toEqual([]);
  });
});

describe('directory objects', () => {
  it.each([
    ['directory-users.json', 'user', 4, 'Graph list response: 4 user'],
    ['directory-groups.json', 'group', 2, 'Graph list response: 2 group'],
    ['directory-service-principals.json', 'servicePrincipal', 3, 'Graph list response: 3 servicePrincipal'],
    ['directory-role-definitions.json', 'role', 2, 'Graph list response: 2 directoryRole'],
  ])('%s -> %s', async (name, kind, n, description) => {
    const file = `${S}/${name}`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({ status: 'loaded', shape: 'graph-list', description, counts: { [kind]: n } });
    expect(new Set(r.objects.map((o) => o.kind))).toEqual(new Set([kind]));
    expect(buildSnapshot(r).errors).toEqual([]);
  });
});

describe('folders, globs and skipped files', () => {
  it('an EntraExporter tree is walked recursively; CA files are labelled "(EntraExporter layout)"', async () => {
    const r = await load([EE]);
    const P1 = '2d4f6a8c-0e1b-4d3f-9a5c-7e9b1d3f5ae1';
    const P2 = '2d4f6a8c-0e1b-4d3f-9a5c-7e9b1d3f5ae2';
    const L1 = '2d4f6a8c-0e1b-4d3f-9a5c-7e9b1d3f5ae3';
    expect(r.inputs.map((i) => [i.path, i.status, i.shape, i.description])).toEqual([
      [`${EE}/Identity/Conditional/AccessPolicies/${P1}/${P1}.json`, 'loaded', 'object', 'single conditionalAccessPolicy (EntraExporter layout)'],
      [`${EE}/Identity/Conditional/AccessPolicies/${P2}/${P2}.json`, 'loaded', 'object', 'single conditionalAccessPolicy (EntraExporter layout)'],
      [`${EE}/Identity/Conditional/NamedLocations/${L1}/${L1}.json`, 'loaded', 'object', 'single namedLocation (EntraExporter layout)'],
      [
        `${EE}/Organization/Organization.json`,
        'skipped',
        'not-ca',
        'skipped: not Conditional Access data (1 items, none a Conditional Access or directory object)',
      ],
    ]);
    expect(r.objects.map((o) => o.kind)).toEqual(['policy', 'policy', 'namedLocation']);
    expect(r.errors).toEqual([]);
    const built = buildSnapshot(r);
    expect(built.errors).toEqual([]);
    expect(built.snapshot.policies).toHaveLength(2);
    expect(built.snapshot.namedLocations).toHaveLength(1);
  });

  it('a mixed folder: every file gets a record, sorted by path; non-JSON and non-CA files are skipped with a reason', async () => {
    const r = await load([MIXED]);
    expect(r.inputs.map((i) => [i.path, i.status, i.shape, i.reason])).toEqual([
      [`${MIXED}/README.txt`, 'skipped', 'not-json', 'not a JSON file: .txt'],
      [`${MIXED}/azuredeploy.json`, 'skipped', 'not-ca', 'an Azure Resource Manager template'],
      [`${MIXED}/named-location.json`, 'loaded', 'object', null],
      [`${MIXED}/policies.json`, 'loaded', 'graph-list', null],
      [
        `${MIXED}/settings.json`,
        'skipped',
        'not-ca',
        'an object with keys "tenantName", "exportFolder", "retries", none of them Conditional Access properties',
      ],
    ]);
    const readme = recordOf(r, `${MIXED}/README.txt`);
    expect(readme.description).toBe('skipped: not Conditional Access data (not a JSON file: .txt)');
    // A file skipped by its name is not even read.
    expect(readme).toMatchObject({ sha256: null, bytes: 0, encoding: null, counts: {} });
    const settings = recordOf(r, `${MIXED}/settings.json`);
    expect(settings.description).toBe(`skipped: not Conditional Access data (${settings.reason})`);
    expect(settings.sha256).toBe(sha256(path.join(repoRoot, MIXED, 'settings.json')));
    expect(r.objects.map((o) => o.kind)).toEqual(['namedLocation', 'policy']);
    expect(r.errors).toEqual([]);
  });

  it('a glob expands to the matching files only (README.txt is not matched)', async () => {
    const r = await load([`${MIXED}/*.json`]);
    expect(r.inputs.map((i) => i.path)).toEqual([
      `${MIXED}/azuredeploy.json`,
      `${MIXED}/named-location.json`,
      `${MIXED}/policies.json`,
      `${MIXED}/settings.json`,
    ]);
    expect(r.objects).toHaveLength(2);
  });

  it('a file named on the command line that is not CA data is skipped with its reason; alone it leaves nothing to lint', async () => {
    const file = `${MIXED}/azuredeploy.json`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({
      status: 'skipped',
      shape: 'not-ca',
      reason: 'an Azure Resource Manager template',
      description: 'skipped: not Conditional Access data (an Azure Resource Manager template)',
    });
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([]);

    const result = await lint({ inputs: [file], cwd: repoRoot, now: new Date(0) });
    expect(result.summary.exitCode).toBe(2);
    expect(result.errors.map((e) => [e.kind, e.message])).toEqual([
      ['input', `nothing to lint: none of the 1 input file(s) holds Conditional Access data (${file}: an Azure Resource Manager template)`],
    ]);
  });

  it('a non-.json file named explicitly is read anyway (here: not JSON, so an error with a position)', async () => {
    const file = `${MIXED}/README.txt`;
    const r = await load([file]);
    expect(recordOf(r, file)).toMatchObject({ status: 'error', shape: 'unreadable' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/^test\/load\/fixtures\/mixed\/README\.txt:1:1: invalid JSON: /);
  });

  it('a file named explicitly and also found in a named folder is read once', async () => {
    const r = await load([MIXED, `${MIXED}/policies.json`]);
    expect(r.inputs.filter((i) => i.path === `${MIXED}/policies.json`)).toHaveLength(1);
    expect(r.objects.filter((o) => o.kind === 'policy')).toHaveLength(1);
  });

  it('several inputs together: counts add up across shapes', async () => {
    const r = await load([S]);
    expect(r.inputs.every((i) => i.status === 'loaded')).toBe(true);
    const byKind: Record<string, number> = {};
    for (const o of r.objects) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
    // 2 list + 1 admin center + 1 $entity + 3 array + 1 template + 2 snapshot
    expect(byKind).toEqual({ policy: 10, namedLocation: 4, authenticationStrength: 3, authenticationContext: 2, user: 5, group: 5, servicePrincipal: 3, role: 2 });
  });
});

describe('list variants (generated in a temp dir)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calint-shapes-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown) => fs.writeFileSync(path.join(dir, name), JSON.stringify(value, null, 2));
  const template = JSON.parse(readFixture(`${S}/microsoft-template.json`)) as Record<string, unknown>;
  const policy = { displayName: 'p', state: 'disabled', conditions: { users: { includeUsers: ['All'] } } };

  it('a list response of Microsoft templates: each read from /value/<i>/details', async () => {
    write('templates.json', {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/templates',
      value: [template, { ...template, id: 'a3d0a415-b068-4326-9251-f9cdf9feeb64', name: 'Second' }],
    });
    const r = await load(['templates.json'], dir);
    expect(r.inputs[0]).toMatchObject({ status: 'loaded', shape: 'graph-list', counts: { policy: 2 } });
    expect(r.objects.map((o) => [o.pointer, o.bodyPointer, o.fieldPointers.displayName, o.fromTemplate])).toEqual([
      ['/value/0', '/value/0/details', '/value/0/name', true],
      ['/value/1', '/value/1/details', '/value/1/name', true],
    ]);
  });

  it('an empty list response of policies is loaded (a tenant without policies), not skipped', async () => {
    write('empty.json', { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies', value: [] });
    const r = await load(['empty.json'], dir);
    expect(r.inputs[0]).toMatchObject({ status: 'loaded', shape: 'graph-list', description: 'Graph list response: 0 conditionalAccessPolicy', counts: {} });
  });

  it('a list without @odata.context (ConvertTo-Json of a Graph response): items classified one by one; unknown items and paging warned', async () => {
    write('no-context.json', {
      value: [policy, { foo: 1 }],
      '@odata.nextLink': 'https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies?$skiptoken=abc',
    });
    const r = await load(['no-context.json'], dir);
    expect(r.inputs[0]).toMatchObject({ status: 'loaded', shape: 'graph-list', counts: { policy: 1 } });
    expect(r.warnings.map((w) => [w.code, w.pointer])).toEqual([
      ['unknown-items', '/value'],
      ['paged', '/@odata.nextLink'],
    ]);
    expect(r.warnings[0]!.message).toBe('1 item(s) of 2 are not Conditional Access or directory objects and were ignored');
  });

  it('a list whose items are all unknown is skipped as not CA data', async () => {
    write('unknown-list.json', { value: [{ foo: 1 }, { bar: 2 }] });
    const r = await load(['unknown-list.json'], dir);
    expect(r.inputs[0]).toMatchObject({ status: 'skipped', shape: 'not-ca', reason: '2 items, none a Conditional Access or directory object' });
  });

  it('a snapshot with an unsupported version, or a section that is not an array, is an input error at the pointer', async () => {
    write('snap-v2.json', { snapshotVersion: 2, policies: [] });
    write('snap-bad-section.json', { snapshotVersion: 1, policies: {} });
    const r = await load(['snap-v2.json', 'snap-bad-section.json'], dir);
    expect(r.inputs.map((i) => [i.path, i.status, i.shape])).toEqual([
      ['snap-bad-section.json', 'error', 'unreadable'],
      ['snap-v2.json', 'error', 'unreadable'],
    ]);
    expect(r.errors.map((e) => [e.file, e.pointer, e.line, e.column])).toEqual([
      ['snap-bad-section.json', '/policies', 3, 3],
      ['snap-v2.json', '/snapshotVersion', 2, 3],
    ]);
    expect(r.errors[1]!.message).toContain('unsupported snapshotVersion 2');
  });
});
