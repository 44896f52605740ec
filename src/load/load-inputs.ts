/** The load stage: files -> decoded text -> parsed JSON with positions -> classified Graph objects. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { decodeText, DecodeError, type Encoding } from './decode.js';
import { parseJson, JsonSyntaxError, type ParsedJson } from './parse-json.js';
import { classifyObject, describeUnknownObject, kindFromOdataContext, KIND_LABELS, type ObjectKind } from './classify-object.js';
import { describePathError, discoverFiles, displayPath, isJsonFileName, type DiscoveredFile } from './discover.js';
import { InputError } from './errors.js';
import { LineIndex } from './line-index.js';
import { joinPointer, splitPointer } from './pointer.js';
import { formatMiB, NotRegularFileError, readRegularFile, TooLargeError } from './read-regular-file.js';
import type { InputRecord, LoadedObject, LoadWarning, SnapshotKind, SourcePosition, TenantInfo } from './types.js';

export interface LoadOptions {
  cwd: string;
  /** Files larger than this are refused (a CA export of the service maximum is about 1 MB). */
  maxFileBytes: number;
  /** Absolute paths never read as inputs (the config file found inside an input folder). */
  exclude?: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Duplicate keys named one by one in a file; the rest are counted in one warning. */
export const MAX_DUPLICATE_WARNINGS = 100;

export interface LoadResult {
  inputs: InputRecord[];
  objects: LoadedObject[];
  warnings: LoadWarning[];
  errors: InputError[];
  tenant: TenantInfo | null;
  /** Line and column of a pointer in a loaded file (nearest enclosing value when the pointer itself is absent). */
  locate(file: string, pointer: string): SourcePosition | null;
}

interface FileContext {
  file: string;
  parsed: ParsedJson;
  objects: LoadedObject[];
  warnings: LoadWarning[];
  counts: Partial<Record<SnapshotKind, number>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function loadInputs(inputs: string[], options: LoadOptions): Promise<LoadResult> {
  const files = await discoverFiles(inputs, options.cwd);
  const parsedFiles = new Map<string, ParsedJson>();
  const records: InputRecord[] = [];
  const objects: LoadedObject[] = [];
  const warnings: LoadWarning[] = [];
  const errors: InputError[] = [];
  let tenant: TenantInfo | null = null;

  for (const discovered of files) {
    if (options.exclude?.includes(discovered.absolutePath) && !discovered.explicit) continue;
    const outcome = loadFile(discovered, options);
    records.push(outcome.record);
    if (outcome.error) errors.push(outcome.error);
    if (outcome.context) {
      parsedFiles.set(outcome.record.path, outcome.context.parsed);
      // One at a time: spreading a list of 100 000s of items into push() overflows the stack.
      for (const o of outcome.context.objects) objects.push(o);
      for (const w of outcome.context.warnings) warnings.push(w);
    }
    if (outcome.tenant) {
      if (tenant && tenant.id && outcome.tenant.id && tenant.id !== outcome.tenant.id) {
        warnings.push({
          code: 'tenant-mismatch',
          message: `snapshot is for tenant ${outcome.tenant.id}, but an earlier input is for ${tenant.id}; the first is reported`,
          file: outcome.record.path,
          pointer: '/tenant',
          line: null,
          column: null,
        });
      }
      tenant ??= outcome.tenant;
    }
  }

  const locate = (file: string, pointer: string): SourcePosition | null => {
    const parsed = parsedFiles.get(file);
    if (!parsed) return null;
    let tokens = splitPointer(pointer);
    for (;;) {
      const p = tokens.length === 0 ? '' : joinPointer('', ...tokens);
      const offset = parsed.offsets.get(p);
      if (offset !== undefined) return parsed.lines.position(offset);
      if (tokens.length === 0) return null;
      tokens = tokens.slice(0, -1);
    }
  };

  // Positions for warnings raised while reading structure.
  for (const w of warnings) {
    if (w.file && w.pointer != null && w.line == null) {
      const pos = locate(w.file, w.pointer);
      if (pos) Object.assign(w, pos);
    }
  }
  return { inputs: records, objects, warnings, errors, tenant, locate };
}

interface FileOutcome {
  record: InputRecord;
  context: FileContext | null;
  error: InputError | null;
  tenant: TenantInfo | null;
}

function loadFile(discovered: DiscoveredFile, options: LoadOptions): FileOutcome {
  const file = discovered.problem?.shown ?? displayPath(discovered.absolutePath, options.cwd);
  const record: InputRecord = {
    path: file,
    sha256: null,
    bytes: 0,
    encoding: null,
    status: 'skipped',
    shape: 'not-json',
    description: '',
    counts: {},
    reason: null,
  };
  const skip = (shape: string, reason: string): FileOutcome => {
    record.status = 'skipped';
    record.shape = shape;
    record.reason = reason;
    record.description = `skipped: not Conditional Access data (${reason})`;
    return { record, context: null, error: null, tenant: null };
  };
  const fail = (reason: string, where: { pointer?: string; line?: number; column?: number } = {}): FileOutcome => {
    record.status = 'error';
    record.shape = 'unreadable';
    record.reason = reason;
    record.description = `error: ${reason}`;
    return { record, context: null, error: new InputError(reason, { file, ...where }), tenant: null };
  };

  if (discovered.problem) return fail(discovered.problem.reason);
  if (!discovered.explicit && !isJsonFileName(discovered.absolutePath)) {
    const ext = path.extname(discovered.absolutePath);
    return skip('not-json', ext ? `not a JSON file: ${ext}` : 'not a JSON file');
  }

  let bytes: Buffer;
  try {
    // Only a regular file, opened without blocking: a FIFO or a device is refused at once instead of read forever.
    bytes = readRegularFile(discovered.absolutePath, options.maxFileBytes);
  } catch (e) {
    if (e instanceof TooLargeError) {
      record.bytes = e.size;
      return fail(
        `file is ${formatMiB(e.size)}, larger than the ${formatMiB(options.maxFileBytes)} limit for one input ` +
          '(a Conditional Access export of 195 policies is about 1 MB; raise the limit with --max-file-size <MB>)',
      );
    }
    if (e instanceof NotRegularFileError) {
      return fail(`${e.message}: calint reads only regular files (copy the export into a file and name that)`);
    }
    return fail(describePathError(e, 'file'));
  }
  record.bytes = bytes.length;
  record.sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length === 0) return fail('empty file (0 bytes): expected JSON');

  let text: string;
  let encoding: Encoding;
  try {
    ({ text, encoding } = decodeText(bytes));
  } catch (e) {
    if (e instanceof DecodeError) return fail(e.reason, { line: e.line, column: e.column });
    throw e;
  }
  record.encoding = encoding;
  if (text.trim() === '') return fail('empty file (only whitespace): expected JSON');

  let parsed: ParsedJson;
  try {
    parsed = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const lines = new LineIndex(text);
      const pos = lines.position(e.offset);
      const fragment = /^\s*"[^"]*"\s*:/.test(text) ? ' — it looks like a fragment ("key": value) without the enclosing { }' : '';
      return fail(`invalid JSON: ${e.reason}${fragment}`, pos);
    }
    throw e;
  }

  const ctx: FileContext = { file, parsed, objects: [], warnings: [], counts: {} };
  const warn = (code: string, message: string, pointer: string | null) =>
    ctx.warnings.push({ code, message, file, pointer, line: null, column: null });

  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') warn('encoding', `read as ${encoding.toUpperCase()}`, null);
  if (parsed.hasComments) warn('jsonc', 'JSON with comments: comments ignored', null);
  if (parsed.hasTrailingCommas) warn('jsonc', 'trailing commas accepted (not valid strict JSON)', null);
  // Each duplicate is named up to a limit; past it, one warning counts the rest (a file of 200 000 duplicates would
  // otherwise bury everything else in warnings, and cost more to report than to read).
  for (const d of parsed.duplicates.slice(0, MAX_DUPLICATE_WARNINGS)) {
    const first = parsed.lines.position(d.firstOffset);
    // At the repeated key itself (with three copies, the second and the third are two places).
    ctx.warnings.push({
      code: 'duplicate-key',
      message: `duplicate key ${JSON.stringify(splitPointer(d.pointer).at(-1))} (first at line ${first.line}); the last one wins, as in JSON.parse`,
      file,
      pointer: d.pointer,
      ...parsed.lines.position(d.lastOffset),
    });
  }
  const unnamed = parsed.duplicates.length - MAX_DUPLICATE_WARNINGS;
  if (unnamed > 0) {
    warn('duplicate-key', `${unnamed} more duplicate keys in this file (${parsed.duplicates.length} in all; the first ${MAX_DUPLICATE_WARNINGS} are listed); the last of each wins`, null);
  }

  const root = parsed.value;
  let shape: string;
  let description: string;
  let tenant: TenantInfo | null = null;

  if (Array.isArray(root)) {
    const skipped = collectList(ctx, root, '', null);
    shape = 'array';
    description = `JSON array: ${describeCounts(ctx.counts)}`;
    if (ctx.objects.length === 0) return skip('not-ca', skipped ?? 'a JSON array with no Conditional Access objects');
  } else if (isObject(root)) {
    if ('snapshotVersion' in root) {
      const result = collectSnapshot(ctx, root);
      if (result.error) return fail(result.error.reason, { pointer: result.error.pointer, ...(ctx.parsed.lines.position(ctx.parsed.offsets.get(result.error.pointer) ?? 0)) });
      tenant = result.tenant;
      shape = 'snapshot';
      description = `calint snapshot: ${describeCounts(ctx.counts)}`;
    } else if ('value' in root && ('@odata.context' in root || !classifyObject(root))) {
      if (!Array.isArray(root.value)) {
        const pos = parsed.lines.position(parsed.offsets.get('/value') ?? 0);
        return fail(`Graph list response: "value" must be an array of objects, found ${typeName(root.value)}`, {
          pointer: '/value',
          ...pos,
        });
      }
      const collectionKind = kindFromOdataContext(root['@odata.context']);
      const skipped = collectList(ctx, root.value, '/value', collectionKind);
      shape = 'graph-list';
      description = `Graph list response: ${describeCounts(ctx.counts)}`;
      if (ctx.objects.length === 0) {
        if (root.value.length === 0 && collectionKind) {
          description = `Graph list response: 0 ${KIND_LABELS[collectionKind]}`;
        } else {
          return skip('not-ca', skipped ?? 'a list response with no Conditional Access objects');
        }
      }
      if (typeof root['@odata.nextLink'] === 'string') {
        warn('paged', 'list response has @odata.nextLink: only the first page was exported; later pages are missing', '/@odata.nextLink');
      }
    } else {
      const kind = classifyObject(root);
      if (!kind) return skip('not-ca', describeUnknownObject(root));
      addObject(ctx, root, '', kind);
      shape = kind === 'policyTemplate' ? 'template' : 'object';
      description =
        kind === 'policyTemplate'
          ? 'Microsoft Conditional Access template (policy read from /details)'
          : `single ${KIND_LABELS[kind]}`;
    }
  } else {
    return skip('not-ca', `the JSON value is ${typeName(root)}, not an object or array`);
  }

  if (/(^|[\\/])Identity[\\/]Conditional[\\/]/i.test(discovered.absolutePath)) description += ' (EntraExporter layout)';
  record.status = 'loaded';
  record.shape = shape;
  record.description = description;
  record.counts = ctx.counts;
  return { record, context: ctx, error: null, tenant };
}

/** Adds every CA object of a list; returns a skip reason when none was found. */
function collectList(ctx: FileContext, list: unknown[], base: string, collectionKind: ObjectKind | null): string | null {
  let unknown = 0;
  list.forEach((item, i) => {
    const pointer = `${base}/${i}`;
    if (!isObject(item)) {
      unknown++;
      return;
    }
    const kind = classifyObject(item) ?? collectionKind;
    if (!kind) {
      unknown++;
      return;
    }
    addObject(ctx, item, pointer, kind);
  });
  if (unknown > 0 && ctx.objects.length > 0) {
    ctx.warnings.push({
      code: 'unknown-items',
      message: `${unknown} item(s) of ${list.length} are not Conditional Access or directory objects and were ignored`,
      file: ctx.file,
      pointer: base || '',
      line: null,
      column: null,
    });
  }
  return unknown > 0 ? `${list.length} items, none a Conditional Access or directory object` : null;
}

const SNAPSHOT_SECTIONS: Array<[string, SnapshotKind]> = [
  ['/policies', 'policy'],
  ['/namedLocations', 'namedLocation'],
  ['/authenticationStrengths', 'authenticationStrength'],
  ['/authenticationContexts', 'authenticationContext'],
  ['/directory/users', 'user'],
  ['/directory/groups', 'group'],
  ['/directory/roles', 'role'],
  ['/directory/servicePrincipals', 'servicePrincipal'],
  ['/subscribedSkus', 'subscribedSku'],
];

function collectSnapshot(
  ctx: FileContext,
  root: Record<string, unknown>,
): { tenant: TenantInfo | null; error: { pointer: string; reason: string } | null } {
  if (root.snapshotVersion !== 1) {
    return { tenant: null, error: { pointer: '/snapshotVersion', reason: `unsupported snapshotVersion ${JSON.stringify(root.snapshotVersion)}; this calint reads version 1` } };
  }
  // Containers of the wrong type are errors, not empty sections: a tenant read as empty would lint "clean".
  for (const key of ['directory', 'tenant'] as const) {
    const value = root[key];
    if (value != null && !isObject(value)) {
      const holds = key === 'directory' ? 'users, groups, roles and servicePrincipals' : 'the tenant id, name and export details';
      return { tenant: null, error: { pointer: `/${key}`, reason: `"${key}" must be an object holding ${holds}, found ${typeName(value)}` } };
    }
  }
  for (const [pointer, kind] of SNAPSHOT_SECTIONS) {
    const tokens = splitPointer(pointer);
    let node: unknown = root;
    for (const t of tokens) node = isObject(node) ? node[t] : undefined;
    if (node == null) continue;
    if (!Array.isArray(node)) return { tenant: null, error: { pointer, reason: `expected an array of ${KIND_LABELS[kind]}, found ${typeName(node)}` } };
    const bad = node.findIndex((item) => !isObject(item));
    if (bad !== -1) {
      return {
        tenant: null,
        error: { pointer: `${pointer}/${bad}`, reason: `expected a ${KIND_LABELS[kind]} object, found ${typeName(node[bad])}` },
      };
    }
    node.forEach((item, i) => addObject(ctx, item as Record<string, unknown>, `${pointer}/${i}`, kind));
  }
  const t = isObject(root.tenant) ? root.tenant : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    tenant: {
      id: str(t.id),
      displayName: str(t.displayName),
      defaultDomain: str(t.defaultDomain),
      exportedAt: str(t.exportedAt),
      exportedBy: str(t.exportedBy),
      source: str(t.source),
    },
    error: null,
  };
}

function addObject(ctx: FileContext, value: Record<string, unknown>, pointer: string, kind: ObjectKind): void {
  if (kind === 'policyTemplate') {
    const details = isObject(value.details) ? value.details : {};
    const policy: Record<string, unknown> = {
      id: value.id,
      displayName: value.name ?? value.displayName,
      description: value.description ?? null,
      templateId: value.id ?? null,
      conditions: details.conditions,
      grantControls: details.grantControls ?? null,
      sessionControls: details.sessionControls ?? null,
    };
    ctx.objects.push({
      kind: 'policy',
      value: policy,
      file: ctx.file,
      pointer,
      bodyPointer: `${pointer}/details`,
      fieldPointers: { id: `${pointer}/id`, displayName: `${pointer}/${'name' in value ? 'name' : 'displayName'}`, description: `${pointer}/description`, templateId: `${pointer}/id` },
      fromTemplate: true,
    });
    ctx.counts.policy = (ctx.counts.policy ?? 0) + 1;
    return;
  }
  ctx.objects.push({ kind, value, file: ctx.file, pointer, bodyPointer: pointer, fieldPointers: {}, fromTemplate: false });
  ctx.counts[kind] = (ctx.counts[kind] ?? 0) + 1;
}

function describeCounts(counts: Partial<Record<SnapshotKind, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n && n > 0)
    .map(([k, n]) => `${n} ${KIND_LABELS[k as SnapshotKind]}`);
  return parts.length ? parts.join(', ') : 'no objects';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}
