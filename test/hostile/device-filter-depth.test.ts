/**
 * Issue 13: a device filter of 100 000 nested parentheses overflowed the stack (every rule that read the filter
 * failed). The parser accepts 64 levels (src/evaluate/device-filter/parse.ts says why) and reports deeper nesting as a
 * syntax error at the first "(" too many, which device-filter/syntax turns into a finding.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { FilterSyntaxError, MAX_FILTER_NESTING, parseDeviceFilter } from '../../src/evaluate/device-filter/parse.js';
import { GOOD_POLICY, tempDir, write } from './helpers.js';

const CLAUSE = 'device.trustType -eq "AzureAD"';
const nested = (depth: number) => '('.repeat(depth) + CLAUSE + ')'.repeat(depth);

describe('parser depth limit', () => {
  it(`parses ${MAX_FILTER_NESTING} levels, refuses ${MAX_FILTER_NESTING + 1} at the first "(" too many`, () => {
    expect(MAX_FILTER_NESTING).toBe(64);
    expect(parseDeviceFilter(nested(64))).toMatchObject({ type: 'clause', property: 'trustType', start: 0, end: nested(64).length });
    const error = (() => {
      try {
        parseDeviceFilter(nested(65));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect(error).toMatchObject({ offset: 64, message: 'parentheses nested more than 64 levels deep (no real rule needs more than a few)' });
  });

  it('100 000 levels: a syntax error, not a stack overflow; deep nesting through -and / -or counts the same', () => {
    expect(() => parseDeviceFilter(nested(100_000))).toThrow(FilterSyntaxError);
    const viaAnd = Array.from({ length: 100 }, () => `${CLAUSE} -and (`).join('') + CLAUSE + ')'.repeat(100);
    expect(() => parseDeviceFilter(viaAnd)).toThrow(/nested more than 64 levels/);
  });
});

describe('lint: the finding of device-filter/syntax, and no rule fails', () => {
  it('a policy whose device filter nests 100 000 parentheses', async () => {
    const dir = tempDir('deep-filter');
    const rule = nested(100_000);
    const policy = { ...GOOD_POLICY, conditions: { ...GOOD_POLICY.conditions, devices: { deviceFilter: { mode: 'exclude', rule } } } };
    write(dir, 'deep.json', { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies', value: [policy] });
    const result = await lint({ inputs: ['deep.json'], cwd: dir, now: new Date(0), scope: 'tenant' });
    expect(result.errors).toEqual([]);
    const findings = result.findings.filter((f) => f.ruleId === 'device-filter/syntax');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      messageId: 'unparsable',
      pointer: '/value/0/conditions/devices/deviceFilter/rule',
      evidence: { error: 'parentheses nested more than 64 levels deep (no real rule needs more than a few)', span: { start: 65, end: 65 }, atEnd: false },
    });
    expect(findings[0]!.message).toContain('does not parse: parentheses nested more than 64 levels deep (no real rule needs more than a few) (character 65)');
  });
});
