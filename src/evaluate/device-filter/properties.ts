/** Device filter properties and the operators each allows (docs/graph-semantics.md, "Device filters"). */
export type FilterOperator =
  | 'eq' | 'ne' | 'startsWith' | 'notStartsWith' | 'endsWith' | 'notEndsWith' | 'contains' | 'notContains' | 'in' | 'notIn';

export const OPERATORS: readonly FilterOperator[] = [
  'eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'in', 'notIn',
];

/** Operators that never match a null (unregistered device) property; their negations always do. */
export const POSITIVE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['eq', 'startsWith', 'endsWith', 'contains', 'in']);

export interface DeviceProperty {
  name: string;
  operators: readonly FilterOperator[];
  collection: boolean;
  /** A user (or device owner) can change it, so a filter relying on it alone can be bypassed. */
  userModifiable: boolean;
}

const STRING_OPS: FilterOperator[] = ['eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'in', 'notIn'];
const ID_OPS: FilterOperator[] = ['eq', 'ne', 'in', 'notIn'];
const EQ_OPS: FilterOperator[] = ['eq', 'ne'];
const COLLECTION_OPS: FilterOperator[] = ['contains', 'notContains'];

const table: DeviceProperty[] = [
  { name: 'deviceId', operators: ID_OPS, collection: false, userModifiable: false },
  { name: 'mdmAppId', operators: ID_OPS, collection: false, userModifiable: false },
  { name: 'displayName', operators: STRING_OPS, collection: false, userModifiable: true },
  { name: 'manufacturer', operators: STRING_OPS, collection: false, userModifiable: true },
  { name: 'model', operators: STRING_OPS, collection: false, userModifiable: true },
  { name: 'operatingSystem', operators: STRING_OPS, collection: false, userModifiable: true },
  { name: 'operatingSystemVersion', operators: STRING_OPS, collection: false, userModifiable: true },
  { name: 'enrollmentProfileName', operators: STRING_OPS, collection: false, userModifiable: false },
  { name: 'deviceOwnership', operators: EQ_OPS, collection: false, userModifiable: false },
  { name: 'isCompliant', operators: EQ_OPS, collection: false, userModifiable: false },
  { name: 'profileType', operators: EQ_OPS, collection: false, userModifiable: false },
  { name: 'trustType', operators: EQ_OPS, collection: false, userModifiable: false },
  { name: 'physicalIds', operators: COLLECTION_OPS, collection: true, userModifiable: false },
  { name: 'systemLabels', operators: COLLECTION_OPS, collection: true, userModifiable: false },
];
for (let i = 1; i <= 15; i++) {
  table.push({ name: `extensionAttribute${i}`, operators: STRING_OPS, collection: false, userModifiable: false });
}

export const DEVICE_PROPERTIES: ReadonlyMap<string, DeviceProperty> = new Map(table.map((p) => [p.name.toLowerCase(), p]));

export const MAX_DEVICE_FILTER_LENGTH = 3072;
