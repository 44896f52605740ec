/**
 * Parser for the Conditional Access device filter rule grammar:
 *   expr   := and ('-or' and)*        and := term ('-and' term)*
 *   term   := '(' expr ')' | clause   clause := 'device.'property '-'operator value
 *   value  := "string" | 'string' | bareword | '[' value (',' value)* ']'
 * Produces a syntax tree with character offsets; property and operator names are case-insensitive.
 *
 * Parentheses nest at most MAX_FILTER_NESTING levels. The parser recurses once per level (and so do the walks over the
 * tree), so without a limit a rule of 100 000 "(" overflows the stack; the 3,072-character limit of Graph is not
 * enforced here (limits/device-filter-length reports it) and would allow about 1,500 levels anyway. Real rules nest
 * two or three levels; 64 is far above any rule a person or the admin center's rule builder writes, and far below
 * what the stack holds. Deeper nesting is a syntax error, which device-filter/syntax reports at the first "(" too many.
 */
import { DEVICE_PROPERTIES, OPERATORS, type FilterOperator } from './properties.js';

export interface Span {
  start: number;
  end: number;
}

export type FilterNode =
  | ({ type: 'or' | 'and'; children: FilterNode[] } & Span)
  | ({
      type: 'clause';
      /** Canonical property name (e.g. systemLabels), or as written when unknown. */
      property: string;
      knownProperty: boolean;
      propertySpan: Span;
      /** Canonical operator name without the dash (e.g. contains), or as written when unknown. */
      operator: FilterOperator | string;
      knownOperator: boolean;
      operatorSpan: Span;
      value: string | string[];
      valueSpan: Span;
    } & Span);

/** Deepest nesting of parentheses the parser accepts (see above). */
export const MAX_FILTER_NESTING = 64;

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma'; start: number; end: number }
  | { kind: 'dash'; word: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'word'; value: string; start: number; end: number };

function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const single = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket', ',': 'comma' } as const;
    if (c in single) {
      tokens.push({ kind: single[c as keyof typeof single], start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '\u201c' || c === '\u201d') {
      const close = c === '\u201c' ? '\u201d' : c;
      let j = i + 1;
      let value = '';
      while (j < rule.length && rule[j] !== close && !(close === '\u201d' && rule[j] === '"')) {
        if (rule[j] === '\\' && j + 1 < rule.length) {
          value += rule[j + 1];
          j += 2;
          continue;
        }
        value += rule[j];
        j++;
      }
      if (j >= rule.length) throw new FilterSyntaxError(`unterminated string starting at character ${i + 1}`, i);
      tokens.push({ kind: 'string', value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === '-' && /[a-zA-Z]/.test(rule[i + 1] ?? '')) {
      let j = i + 1;
      while (j < rule.length && /[a-zA-Z]/.test(rule[j]!)) j++;
      tokens.push({ kind: 'dash', word: rule.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    let j = i;
    while (j < rule.length && !/[\s()[\],"']/.test(rule[j]!)) j++;
    if (j === i) throw new FilterSyntaxError(`unexpected character ${JSON.stringify(c)}`, i);
    tokens.push({ kind: 'word', value: rule.slice(i, j), start: i, end: j });
    i = j;
  }
  return tokens;
}

export function parseDeviceFilter(rule: string): FilterNode {
  const tokens = tokenize(rule);
  let pos = 0;
  let nesting = 0;
  const peek = () => tokens[pos];
  const describe = (t: Token | undefined) =>
    !t ? 'end of rule' : t.kind === 'dash' ? `-${t.word}` : t.kind === 'string' ? `"${t.value}"` : t.kind === 'word' ? t.value : rule.slice(t.start, t.end);

  const parseOr = (): FilterNode => {
    const first = parseAnd();
    const children = [first];
    while (peek()?.kind === 'dash' && (peek() as { word: string }).word.toLowerCase() === 'or') {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? first : { type: 'or', children, start: first.start, end: children.at(-1)!.end };
  };
  const parseAnd = (): FilterNode => {
    const first = parseTerm();
    const children = [first];
    while (peek()?.kind === 'dash' && (peek() as { word: string }).word.toLowerCase() === 'and') {
      pos++;
      children.push(parseTerm());
    }
    return children.length === 1 ? first : { type: 'and', children, start: first.start, end: children.at(-1)!.end };
  };
  const parseTerm = (): FilterNode => {
    const t = peek();
    if (t?.kind === 'lparen') {
      if (nesting === MAX_FILTER_NESTING) {
        throw new FilterSyntaxError(`parentheses nested more than ${MAX_FILTER_NESTING} levels deep (no real rule needs more than a few)`, t.start);
      }
      pos++;
      nesting++;
      const inner = parseOr();
      nesting--;
      const close = peek();
      if (close?.kind !== 'rparen') throw new FilterSyntaxError(`expected ")" but found ${describe(close)}`, close?.start ?? rule.length);
      pos++;
      return { ...inner, start: t.start, end: close.end };
    }
    return parseClause();
  };
  const parseClause = (): FilterNode => {
    const prop = peek();
    if (prop?.kind !== 'word') throw new FilterSyntaxError(`expected a device property such as device.trustType but found ${describe(prop)}`, prop?.start ?? rule.length);
    pos++;
    const m = /^device\.(.+)$/i.exec(prop.value);
    if (!m) throw new FilterSyntaxError(`expected "device.<property>" but found ${prop.value}`, prop.start);
    const known = DEVICE_PROPERTIES.get(m[1]!.toLowerCase());
    const op = peek();
    if (op?.kind !== 'dash') throw new FilterSyntaxError(`expected an operator such as -eq after ${prop.value} but found ${describe(op)}`, op?.start ?? rule.length);
    pos++;
    const canonicalOp = OPERATORS.find((o) => o.toLowerCase() === op.word.toLowerCase());
    const value = parseValue();
    return {
      type: 'clause',
      property: known?.name ?? m[1]!,
      knownProperty: Boolean(known),
      propertySpan: { start: prop.start, end: prop.end },
      operator: canonicalOp ?? op.word,
      knownOperator: Boolean(canonicalOp),
      operatorSpan: { start: op.start, end: op.end },
      value: value.value,
      valueSpan: { start: value.start, end: value.end },
      start: prop.start,
      end: value.end,
    };
  };
  const parseValue = (): { value: string | string[]; start: number; end: number } => {
    const t = peek();
    if (t?.kind === 'string' || t?.kind === 'word') {
      pos++;
      return { value: t.value, start: t.start, end: t.end };
    }
    if (t?.kind === 'lbracket') {
      pos++;
      const values: string[] = [];
      for (;;) {
        const v = peek();
        if (v?.kind === 'rbracket' && values.length === 0) break;
        if (v?.kind !== 'string' && v?.kind !== 'word') throw new FilterSyntaxError(`expected a value in the list but found ${describe(v)}`, v?.start ?? rule.length);
        values.push(v.value);
        pos++;
        const sep = peek();
        if (sep?.kind === 'comma') {
          pos++;
          continue;
        }
        break;
      }
      const close = peek();
      if (close?.kind !== 'rbracket') throw new FilterSyntaxError(`expected "]" but found ${describe(close)}`, close?.start ?? rule.length);
      pos++;
      return { value: values, start: t.start, end: close.end };
    }
    throw new FilterSyntaxError(`expected a value but found ${describe(t)}`, t?.start ?? rule.length);
  };

  if (tokens.length === 0) throw new FilterSyntaxError('the rule is empty', 0);
  const tree = parseOr();
  const rest = peek();
  if (rest) throw new FilterSyntaxError(`unexpected ${describe(rest)}: expected -and, -or or the end of the rule`, rest.start);
  return tree;
}
