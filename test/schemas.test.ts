import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SCHEMA_BASE, SCHEMA_IDS, createValidator, loadSchemas, packageRoot } from '../src/model/schemas.js';

const ROOT = path.resolve(__dirname, '..');
/** Exports are verbatim: some are UTF-16LE with BOM (PowerShell 5.1) or UTF-8 with BOM. */
function readJson(file: string): unknown {
  const buf = fs.readFileSync(file);
  const text =
    buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString('utf16le') : buf.toString('utf8').replace(/^\uFEFF/, '');
  return JSON.parse(text);
}

const ajv = createValidator();
function validator(id: string) {
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`schema ${id} not found`);
  return validate;
}
const validatePolicy = validator(SCHEMA_IDS.policy);

/** Errors as "instancePath keyword" strings, for readable assertions and failure messages. */
function errorsOf(validate: ReturnType<typeof validator>, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}: ${e.message}`);
}

function minimalPolicy(): Record<string, any> {
  return {
    displayName: 'test',
    state: 'enabled',
    conditions: {
      users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
      clientAppTypes: ['all'],
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [] },
    sessionControls: null,
  };
}

describe('schema files', () => {
  const schemas = loadSchemas();

  // Graph + snapshot schemas (other schemas/ files, e.g. config.schema.json, belong to other modules).
  const mine = Object.entries(schemas).filter(([id]) => id.startsWith(SCHEMA_BASE + 'graph/') || id === SCHEMA_IDS.snapshot);

  it('finds every schema under schemas/ with a consistent $id', () => {
    expect(packageRoot()).toBe(ROOT);
    expect(mine.map(([id]) => id).sort()).toEqual(
      [
        'graph/authentication-context.schema.json',
        'graph/authentication-strength-policy.schema.json',
        'graph/conditional-access-policy.schema.json',
        'graph/directory-objects.schema.json',
        'graph/named-location.schema.json',
        'graph/subscribed-sku.schema.json',
        'snapshot.schema.json',
      ].map((p) => SCHEMA_BASE + p),
    );
  });

  it('are draft-07 and never forbid additional properties', () => {
    for (const [id, schema] of mine) {
      expect((schema as { $schema?: string }).$schema, id).toBe('http://json-schema.org/draft-07/schema#');
      expect(JSON.stringify(schema), id).not.toMatch(/"additionalProperties":\s*false/);
    }
  });

  it('every schema compiles (strict ajv, all schemas registered)', () => {
    // A separate strict instance catches unknown keywords/typos that strict: false would ignore.
    const strict = new Ajv({ allErrors: true, strict: true });
    addFormatsModule.default(strict);
    strict.addKeyword('tsType');
    for (const schema of Object.values(schemas)) strict.addSchema(schema);
    for (const id of Object.keys(schemas)) expect(() => strict.getSchema(id), id).not.toThrow();
  });

  it('every SCHEMA_IDS entry resolves in createValidator()', () => {
    for (const [name, id] of Object.entries(SCHEMA_IDS)) {
      expect(ajv.getSchema(id), name).toBeTypeOf('function');
    }
  });
});

describe('the repository\'s own exports validate', () => {
  // The corpus suite (test/corpus/schemas.test.ts) validates the real-world exports of the corpus the same way.
  const listOf = (rel: string) => (readJson(path.join(ROOT, rel)) as { value: unknown[] }).value;

  it('examples/northwind: every policy of the Graph list response', () => {
    const policies = listOf('examples/northwind/policies.json');
    expect(policies.length).toBeGreaterThan(30);
    for (const [i, policy] of policies.entries()) expect(errorsOf(validatePolicy, policy), `value[${i}]`).toEqual([]);
  });

  it('single policies as the admin center and a Graph $entity GET write them', () => {
    for (const rel of ['test/load/fixtures/shapes/single-policy-admin-center.json', 'test/load/fixtures/shapes/single-policy-entity-extra-keys.json']) {
      expect(errorsOf(validatePolicy, readJson(path.join(ROOT, rel))), rel).toEqual([]);
    }
  });

  it('examples/northwind: named locations and groups', () => {
    const validateLocation = validator(SCHEMA_IDS.namedLocation);
    const locations = listOf('examples/northwind/namedLocations.json');
    expect(locations.length).toBeGreaterThan(0);
    for (const [i, loc] of locations.entries()) expect(errorsOf(validateLocation, loc), `value[${i}]`).toEqual([]);
    const validateGroup = validator(SCHEMA_IDS.group);
    const groups = listOf('examples/northwind/directory/groups.json');
    expect(groups.length).toBeGreaterThan(0);
    for (const [i, group] of groups.entries()) expect(errorsOf(validateGroup, group), `value[${i}]`).toEqual([]);
  });
});

describe('policy schema tolerance', () => {
  it('accepts a minimal policy, template-like objects and unknown/@odata properties', () => {
    expect(errorsOf(validatePolicy, minimalPolicy())).toEqual([]);
    expect(errorsOf(validatePolicy, { conditions: {} })).toEqual([]);
    const p = minimalPolicy();
    p['@odata.context'] = 'https://graph.microsoft.com/beta/$metadata#identity/conditionalAccess/policies/$entity';
    p.partialEnablementStrategy = null;
    p.conditions.times = null;
    p.conditions.someFutureCondition = { anything: [1, 2] };
    p.grantControls['authenticationStrength@odata.context'] = 'x';
    p.grantControls.authenticationStrength = { id: '00000000-0000-0000-0000-000000000004' };
    expect(errorsOf(validatePolicy, p)).toEqual([]);
  });

  it('accepts null collections and nullable objects', () => {
    const p = minimalPolicy();
    p.conditions.clientAppTypes = null;
    p.conditions.users.excludeUsers = null;
    p.conditions.platforms = null;
    p.conditions.locations = null;
    p.conditions.devices = { deviceFilter: null };
    p.grantControls = null;
    expect(errorsOf(validatePolicy, p)).toEqual([]);
  });

  it('accepts placeholders and display names where GUIDs belong', () => {
    const p = minimalPolicy();
    p.conditions.users.excludeGroups = ['<EmergencyAccessAccountsGroup>', 'Break Glass'];
    p.conditions.applications.includeApplications = ['Office 365'];
    expect(errorsOf(validatePolicy, p)).toEqual([]);
  });

  it('checks flag enums sent as one comma-separated string', () => {
    const p = minimalPolicy();
    p.conditions.users.includeGuestsOrExternalUsers = {
      guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest,serviceProvider',
      externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
    };
    p.conditions.insiderRiskLevels = 'moderate,elevated';
    p.conditions.authenticationFlows = { transferMethods: 'deviceCodeFlow,authenticationTransfer' };
    expect(errorsOf(validatePolicy, p)).toEqual([]);

    p.conditions.users.includeGuestsOrExternalUsers.guestOrExternalUserTypes = 'internalGuest,everyone';
    expect(errorsOf(validatePolicy, p)).toContain(
      '/conditions/users/includeGuestsOrExternalUsers/guestOrExternalUserTypes pattern: ' +
        validatePolicy.errors!.find((e) => e.keyword === 'pattern')!.message,
    );
  });
});

describe('policy schema rejects invalid objects at the right instancePath', () => {
  function paths(data: unknown): string[] {
    expect(validatePolicy(data)).toBe(false);
    return (validatePolicy.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
  }

  it('state: 42', () => {
    expect(paths({ ...minimalPolicy(), state: 42 })).toContain('/state type');
  });

  it('conditions: "x"', () => {
    expect(paths({ ...minimalPolicy(), conditions: 'x' })).toContain('/conditions type');
  });

  it('missing conditions', () => {
    const { conditions: _omit, ...p } = minimalPolicy();
    expect(validatePolicy(p)).toBe(false);
    expect(validatePolicy.errors).toContainEqual(
      expect.objectContaining({ instancePath: '', keyword: 'required', params: { missingProperty: 'conditions' } }),
    );
  });

  it('includeUsers: "All" as a string', () => {
    const p = minimalPolicy();
    p.conditions.users.includeUsers = 'All';
    expect(paths(p)).toContain('/conditions/users/includeUsers type');
  });

  it('case-only enum mismatch is a plain enum error the loader can repair', () => {
    const p = minimalPolicy();
    p.conditions.clientAppTypes = ['All'];
    expect(validatePolicy(p)).toBe(false);
    const err = validatePolicy.errors!.find((e) => e.instancePath === '/conditions/clientAppTypes/0');
    expect(err?.keyword).toBe('enum');
    expect(err?.params).toEqual({ allowedValues: expect.arrayContaining(['all', 'browser']) });
  });

  it('unknown grant control and filter without rule', () => {
    const p = minimalPolicy();
    p.grantControls.builtInControls = ['MfaAndChangePassword'];
    p.conditions.devices = { deviceFilter: { mode: 'include' } };
    const errs = paths(p);
    expect(errs).toContain('/grantControls/builtInControls/0 enum');
    expect(errs).toContain('/conditions/devices/deviceFilter required');
  });

  it('empty array where a condition object belongs', () => {
    const p = minimalPolicy();
    p.conditions.locations = [];
    expect(paths(p)).toContain('/conditions/locations type');
  });
});

describe('snapshot schema', () => {
  const validateSnapshot = validator(SCHEMA_IDS.snapshot);

  it('accepts a minimal and a full snapshot', () => {
    expect(errorsOf(validateSnapshot, { snapshotVersion: 1, policies: [] })).toEqual([]);
    const full = {
      $schema: '../schemas/snapshot.schema.json',
      snapshotVersion: 1,
      tenant: { id: null, displayName: 'Contoso', exportedAt: '2024-12-01T10:00:00Z', source: 'test' },
      policies: [minimalPolicy()],
      namedLocations: [
        {
          '@odata.type': '#microsoft.graph.ipNamedLocation',
          displayName: 'HQ',
          isTrusted: true,
          ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
        },
      ],
      authenticationStrengths: [
        { id: '00000000-0000-0000-0000-000000000004', displayName: 'Phishing-resistant MFA', policyType: 'builtIn',
          requirementsSatisfied: 'mfa', allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'] },
      ],
      authenticationContexts: [{ id: 'c1', displayName: 'Sensitive', isAvailable: true }],
      directory: {
        users: [{ id: 'u1', userPrincipalName: 'a@contoso.com', userType: 'Member', accountEnabled: true }],
        groups: [{ id: 'g1', displayName: 'BreakGlass', securityEnabled: true, members: [{ id: 'u1', '@odata.type': '#microsoft.graph.user' }] }],
        roles: [{ id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator', isBuiltIn: true, isPrivileged: true }],
        servicePrincipals: [{ id: 'sp1', appId: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph', tags: [] }],
      },
    };
    expect(errorsOf(validateSnapshot, full)).toEqual([]);
  });

  it('rejects a wrong version, missing policies and bad nested objects', () => {
    expect(validateSnapshot({ snapshotVersion: 2, policies: [] })).toBe(false);
    expect(validateSnapshot.errors).toContainEqual(expect.objectContaining({ instancePath: '/snapshotVersion', keyword: 'const' }));
    expect(validateSnapshot({ snapshotVersion: 1 })).toBe(false);
    expect(validateSnapshot.errors).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'policies' } }));
    expect(validateSnapshot({ snapshotVersion: 1, policies: [{ state: 'on', conditions: {} }], tenant: { exportedAt: 'yesterday' } })).toBe(false);
    const got = validateSnapshot.errors!.map((e) => `${e.instancePath} ${e.keyword}`);
    expect(got).toContain('/policies/0/state enum');
    expect(got).toContain('/tenant/exportedAt format');
  });
});

describe('generated types', () => {
  it('npm run generate -- --check: src/model/generated/graph.ts is up to date', () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-types.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('exports the expected type names', () => {
    const ts = fs.readFileSync(path.join(ROOT, 'src', 'model', 'generated', 'graph.ts'), 'utf8');
    expect(ts.startsWith('/* eslint-disable */\n// generated by npm run generate from schemas/ — do not edit')).toBe(true);
    for (const name of [
      'TenantSnapshot', 'ConditionalAccessPolicy', 'ConditionalAccessConditionSet', 'ConditionalAccessUsers',
      'ConditionalAccessApplications', 'ConditionalAccessGrantControls', 'ConditionalAccessSessionControls',
      'ConditionalAccessFilter', 'NamedLocation', 'AuthenticationStrengthPolicy', 'AuthenticationContextClassReference',
      'DirectoryUser', 'DirectoryGroup', 'DirectoryRole', 'ServicePrincipal',
    ]) {
      expect(ts, name).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
    }
    expect(ts).not.toMatch(/^export (interface|type) \w+\d\b/m);
    expect(ts).not.toMatch(/\bfunction\b|^export (const|let|var|class|enum)\b/m);
  });
});
