// Runtime access to calint's JSON Schemas (schemas/**/*.schema.json) and a configured Ajv instance.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './package-root.js';

export { packageRoot };

/** Base of every schema `$id`: `${SCHEMA_BASE}<path relative to schemas/>`. */
export const SCHEMA_BASE = 'https://calint.dev/schemas/';

const DIRECTORY_OBJECTS = `${SCHEMA_BASE}graph/directory-objects.schema.json`;

/** `$id`s (with a JSON pointer for the directory object definitions) accepted by `ajv.getSchema()`. */
export const SCHEMA_IDS = {
  snapshot: `${SCHEMA_BASE}snapshot.schema.json`,
  policy: `${SCHEMA_BASE}graph/conditional-access-policy.schema.json`,
  namedLocation: `${SCHEMA_BASE}graph/named-location.schema.json`,
  authenticationStrength: `${SCHEMA_BASE}graph/authentication-strength-policy.schema.json`,
  authenticationContext: `${SCHEMA_BASE}graph/authentication-context.schema.json`,
  directoryObjects: DIRECTORY_OBJECTS,
  user: `${DIRECTORY_OBJECTS}#/definitions/user`,
  group: `${DIRECTORY_OBJECTS}#/definitions/group`,
  directoryRole: `${DIRECTORY_OBJECTS}#/definitions/directoryRole`,
  /** Alias of `directoryRole` (the snapshot section is `directory.roles`). */
  role: `${DIRECTORY_OBJECTS}#/definitions/directoryRole`,
  servicePrincipal: `${DIRECTORY_OBJECTS}#/definitions/servicePrincipal`,
} as const;

export type SchemaId = (typeof SCHEMA_IDS)[keyof typeof SCHEMA_IDS];

/** Absolute path of the schemas/ folder. */
export function schemaDir(): string {
  return path.join(packageRoot(), 'schemas');
}

function schemaFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...schemaFiles(full));
    else if (entry.name.endsWith('.schema.json')) out.push(full);
  }
  return out;
}

/** Reads every schemas/**\/*.schema.json, keyed by `$id` (which must be SCHEMA_BASE + its relative path). */
export function loadSchemas(): Record<string, object> {
  const dir = schemaDir();
  const schemas: Record<string, object> = {};
  for (const file of schemaFiles(dir)) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $id?: unknown };
    const expected = SCHEMA_BASE + path.relative(dir, file).split(path.sep).join('/');
    if (schema.$id !== expected) throw new Error(`calint: ${file} must have "$id": "${expected}"`);
    schemas[expected] = schema;
  }
  return schemas;
}

/** Ajv (draft-07) with allErrors, strict: false, ajv-formats, and every calint schema added. */
export function createValidator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormatsModule.default(ajv);
  ajv.addKeyword('tsType'); // json-schema-to-typescript annotation, not a validation keyword
  for (const schema of Object.values(loadSchemas())) ajv.addSchema(schema);
  return ajv;
}
