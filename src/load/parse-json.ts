/**
 * Tolerant JSON parsing (comments, trailing commas) that records, while parsing, where every value sits:
 * a JSON pointer -> character offset map. Duplicate keys keep the last value, as JSON.parse does, and are reported.
 */
import { visit, printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';
import { escapeToken } from './pointer.js';
import { LineIndex } from './line-index.js';

export interface DuplicateKey {
  pointer: string;
  firstOffset: number;
  lastOffset: number;
}

export interface ParsedJson {
  value: unknown;
  /** pointer -> offset of the property key (object members) or of the value (array elements, root). */
  offsets: Map<string, number>;
  duplicates: DuplicateKey[];
  hasComments: boolean;
  hasTrailingCommas: boolean;
  lines: LineIndex;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

type Frame =
  | { kind: 'object'; value: Record<string, unknown>; pointer: string; key: string | null; keys: Map<string, number> }
  | { kind: 'array'; value: unknown[]; pointer: string };

const REASONS: Partial<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace "}" expected (truncated JSON?)',
  CloseBracketExpected: 'closing bracket "]" expected (truncated JSON?)',
  EndOfFileExpected: 'end of file expected (more than one JSON value, or text after it)',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string (truncated JSON?)',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

export function parseJson(text: string): ParsedJson {
  const offsets = new Map<string, number>();
  const duplicates: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let root: unknown = undefined;
  let rootSet = false;
  let error: JsonSyntaxError | null = null;
  let hasComments = false;
  let lastSeparatorWasComma = false;
  let hasTrailingCommas = false;

  /** Where the next value goes, and its pointer. */
  const place = (value: unknown, offset: number): string => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = value;
      rootSet = true;
      offsets.set('', offset);
      return '';
    }
    if (parent.kind === 'array') {
      const pointer = parent.pointer + '/' + parent.value.length;
      parent.value.push(value);
      offsets.set(pointer, offset);
      return pointer;
    }
    const key = parent.key ?? '';
    const pointer = parent.pointer + '/' + escapeToken(key);
    if (key === '__proto__') {
      Object.defineProperty(parent.value, key, { value, enumerable: true, configurable: true, writable: true });
    } else {
      parent.value[key] = value;
    }
    parent.key = null;
    return pointer;
  };

  visit(
    text,
    {
      onObjectBegin(offset) {
        if (error) return;
        const value: Record<string, unknown> = {};
        const pointer = place(value, offset);
        stack.push({ kind: 'object', value, pointer, key: null, keys: new Map() });
        lastSeparatorWasComma = false;
      },
      onObjectProperty(property, offset) {
        if (error) return;
        const frame = stack[stack.length - 1];
        if (!frame || frame.kind !== 'object') return;
        const pointer = frame.pointer + '/' + escapeToken(property);
        const first = frame.keys.get(property);
        if (first !== undefined) duplicates.push({ pointer, firstOffset: first, lastOffset: offset });
        frame.keys.set(property, offset);
        frame.key = property;
        offsets.set(pointer, offset);
        lastSeparatorWasComma = false;
      },
      onObjectEnd() {
        if (error) return;
        if (lastSeparatorWasComma) hasTrailingCommas = true;
        stack.pop();
        lastSeparatorWasComma = false;
      },
      onArrayBegin(offset) {
        if (error) return;
        const value: unknown[] = [];
        const pointer = place(value, offset);
        stack.push({ kind: 'array', value, pointer });
        lastSeparatorWasComma = false;
      },
      onArrayEnd() {
        if (error) return;
        if (lastSeparatorWasComma) hasTrailingCommas = true;
        stack.pop();
        lastSeparatorWasComma = false;
      },
      onLiteralValue(value, offset) {
        if (error) return;
        place(value, offset);
        lastSeparatorWasComma = false;
      },
      onSeparator(character) {
        lastSeparatorWasComma = character === ',';
      },
      onComment() {
        hasComments = true;
      },
      onError(code: ParseErrorCode, offset) {
        if (error) return;
        const name = printParseErrorCode(code);
        error = new JsonSyntaxError(REASONS[name] ?? name, offset);
      },
    },
    { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false },
  );

  if (error) throw error;
  if (!rootSet) throw new JsonSyntaxError('empty file: no JSON value', 0);
  return { value: root, offsets, duplicates, hasComments, hasTrailingCommas, lines: new LineIndex(text) };
}
