/**
 * Wording helpers for the report: plurals, dates, sizes, sentences, anchors and paths. Pure and locale-free, so every
 * machine writes the same bytes. Label tables for Graph and rule values are in labels.ts.
 */
import type { Severity } from '../../engine/severity.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export function severityLabel(s: Severity): string {
  return SEVERITY_LABELS[s];
}

/** "1 finding", "2 findings", "1 policy", "3 policies". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The verb for a count: is/are, needs/need. */
export function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** "23 November 2026" in UTC: no locale data. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "23 November 2026, 13:05 UTC". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(iso)}, ${hh}:${mm} UTC`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return plural(n, 'byte');
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** "token-protection" -> "Token protection". */
export function categoryLabel(category: string): string {
  const words = category.replace(/[-_/]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Other';
}

/** An anchor id that is safe anywhere (HTML id, URL fragment, PDF destination name). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (m ? m[1]! : text).trim();
}

/** The first sentence, with an ellipsis when there is more. */
export function shortMessage(message: string): string {
  const first = firstSentence(message);
  return first.length < message.length ? `${first} …` : message;
}

/** "Rule ids look like this" from "ruleIdsLookLikeThis" / "rule-ids_look". */
export function humanWords(key: string): string {
  const words = key
    .replace(/^@odata\./, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/**
 * Text with `code` spans, as parts a template prints as text or as <code>: rule messages use backticks, which a reader
 * must never see literally.
 */
export interface TextPart {
  text: string;
  code: boolean;
}

export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /`([^`\n]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), code: false });
    parts.push({ text: m[1]!, code: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** The text without backticks (for tables and plain-text places). */
export function plainText(text: string): string {
  return text.replace(/`([^`\n]+)`/g, '$1');
}

/** The folder all input paths share ("examples/"), or "" when they share none. */
export function commonRoot(paths: readonly string[]): string {
  const dirs = paths.map((p) => p.split('/').slice(0, -1));
  if (dirs.length === 0) return '';
  let n = dirs[0]!.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && i < d.length && d[i] === dirs[0]![i]) i++;
    n = i;
  }
  return n === 0 ? '' : `${dirs[0]!.slice(0, n).join('/')}/`;
}

/** A path as the report shows it: relative to the input root, in parts that end at "/" (the only place it may wrap). */
export interface PathView {
  text: string;
  parts: string[];
}

export function pathView(file: string, root: string, suffix = ''): PathView {
  const rel = root && file.startsWith(root) && file.length > root.length ? file.slice(root.length) : file;
  const text = `${rel}${suffix}`;
  const parts = text.split(/(?<=\/)/);
  return { text, parts };
}

/** A name shortened for a list that only points to the full entry ("CA001-…"); the entry itself shows it whole. */
export function shortName(name: string, max = 80): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Runs of this many characters without a space are shortened in running text (messages): a reader cannot read them. */
const LONG_RUN = 200;

/**
 * Running text with every unbroken run longer than LONG_RUN characters shortened (a policy name of thousands of
 * characters quoted in a message): the finding's header and the policies appendix show the name itself.
 */
export function shortenLongRuns(text: string): string {
  return text.replace(new RegExp(`\\S{${LONG_RUN},}`, 'gu'), (run) => `${[...run].slice(0, 120).join('')}…`);
}
