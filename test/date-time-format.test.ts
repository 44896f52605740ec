import { describe, expect, it } from 'vitest';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { validatePolicy } from '../src/model/generated/validators.js';

// The generated validators carry calint's own RFC 3339 date-time check instead of importing ajv-formats at start-up:
// it must agree with ajv-formats' full mode, which the schemas were written against.
const samples = [
  '2025-01-20T17:49:14.7453291Z', '2026-02-01T00:00:00Z', '2024-02-29T12:00:00+01:00', '2023-02-29T12:00:00Z',
  '2026-13-01T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z', '2026-12-31T23:59:60Z',
  '2026-01-01 10:00:00Z', '2026-01-01t10:00:00z', '2026-01-01T10:00:00', '2026-01-01T10:00:00+0130', '2026-01-01T10:00:00+01',
  '2026-01-01T10:00:00+24:00', '2026-01-01', '10:00:00Z', 'not a date', '', '2026-1-01T10:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z',
];
const reference = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

describe('date-time format of the generated validators', () => {
  it.each(samples)('%j is judged as ajv-formats judges it', (value) => {
    const ok = validatePolicy({ conditions: {}, createdDateTime: value });
    expect(ok).toBe(reference(value));
  });
});
