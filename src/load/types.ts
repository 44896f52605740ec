import type { Encoding } from './decode.js';
import type { ObjectKind } from './classify-object.js';

/** Kinds that end up in the snapshot (templates are read as policies). */
export type SnapshotKind = Exclude<ObjectKind, 'policyTemplate'>;

/** One Graph object read from a file, with where it came from. */
export interface LoadedObject {
  kind: SnapshotKind;
  value: Record<string, unknown>;
  file: string;
  /** JSON pointer of the object in its file. */
  pointer: string;
  /** For Microsoft template objects: the policy body sits under this pointer (`<pointer>/details`). */
  bodyPointer: string;
  /** Pointers of top-level fields that do not sit under bodyPointer (template `name` -> `displayName`). */
  fieldPointers: Record<string, string>;
  fromTemplate: boolean;
}

export type InputStatus = 'loaded' | 'skipped' | 'error';

export interface InputRecord {
  path: string;
  sha256: string | null;
  bytes: number;
  encoding: Encoding | null;
  status: InputStatus;
  /** Machine-readable shape: graph-list | object | array | template | snapshot | not-ca | not-json | unreadable. */
  shape: string;
  /** What a person reads with --verbose, e.g. "Graph list response: 12 conditionalAccessPolicy". */
  description: string;
  counts: Partial<Record<SnapshotKind, number>>;
  reason: string | null;
}

export interface LoadWarning {
  code: string;
  message: string;
  file: string | null;
  pointer: string | null;
  line: number | null;
  column: number | null;
}

export interface TenantInfo {
  id: string | null;
  displayName: string | null;
  defaultDomain: string | null;
  exportedAt: string | null;
  exportedBy: string | null;
  source: string | null;
}

export interface SourcePosition {
  line: number;
  column: number;
}
