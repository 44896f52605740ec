/**
 * Text for terminals and CI logs, where tenant strings (policy names, display names, file names from an export) must
 * stay text. A CI runner reads its log for commands: GitHub Actions runs any line that starts with `::` after leading
 * spaces (`::add-mask::`, `::stop-commands::`) and any line that contains `##[command]` for a registered command;
 * Azure Pipelines runs `##vso[…]`. A terminal runs escape sequences. So:
 *
 * - `inert(value)`, for one value inside a line: control characters (C0, DEL, C1, line and paragraph separators,
 *   bidirectional overrides, byte-order mark) become visible escapes (`\n`, `\x1b`, `\u{202e}`), and `##[` and
 *   `##vso[` lose their meaning (`#\x23[`). The value can then neither end the line nor start a command.
 * - `inertLines(text)`, for a block calint composed (its own newlines and colours kept): the same escapes for every
 *   control character that is not a newline or one of calint's colour sequences, and a line that would start with
 *   `::` starts with `\x3a:` instead. It is the last step before a write to stdout or stderr, so a value that missed
 *   `inert` still cannot become a command.
 *
 * Workflow commands calint means (annotations) are written without `inertLines`; their data is escaped as the runner
 * defines it (src/report/github.ts).
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Select Graphic Rendition: the only escape sequence calint writes (colours, bold, dim, underline). */
const SGR = /\u001b\[[0-9;]*m/g;
const RUNNER_COMMAND = /##(?=(?:vso)?\[)/gi;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One tenant value, safe inside a line of terminal or log output. */
export function inert(value: string): string {
  return escapeControls(value).replace(RUNNER_COMMAND, '#\\x23');
}

/** Control characters (newlines included) as visible escapes: `\n`, `\x1b`, `\u{202e}`. */
export function escapeControls(value: string): string {
  return value.replace(CONTROL, escapeChar);
}

/** A block of calint's own terminal text, made safe line by line (see the module comment). */
export function inertLines(text: string): string {
  // Escape control characters outside calint's colour sequences; keep the newlines that separate lines.
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SGR)) {
    out += text.slice(last, m.index).replace(CONTROL_EXCEPT_NEWLINE, escapeChar) + m[0];
    last = m.index + m[0].length;
  }
  out += text.slice(last).replace(CONTROL_EXCEPT_NEWLINE, escapeChar);
  out = out.replace(RUNNER_COMMAND, '#\\x23');
  if (!out.includes('::')) return out;
  return out
    .split('\n')
    .map((line) => {
      const visible = line.replace(SGR, '').trimStart();
      if (!visible.startsWith('::')) return line;
      // Replace the first colon of the line's visible text, wherever colour codes put it.
      return line.replace(/^((?:\s|\u001b\[[0-9;]*m)*):/, '$1\\x3a');
    })
    .join('\n');
}

/**
 * Machine-readable output (JSON, SARIF, Code Climate JSON, JUnit XML) printed to stdout, where a CI log shows it:
 * the same document, with `##[` / `##vso[` and the control characters JSON leaves raw written as escapes the format
 * defines (`\u0023`, `&#35;`, `&#58;`), so a value in it cannot become a runner command. JSON lines never start with
 * `::` (a string holds no raw newline); in XML, a line of text content that would is written with `&#58;` (the same
 * character to an XML reader).
 */
export function inertDocument(text: string, kind: 'json' | 'xml'): string {
  if (kind === 'json') {
    return text
      .replace(RUNNER_COMMAND, '#\\u0023')
      .replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return text
    .replace(RUNNER_COMMAND, '#&#35;')
    .replace(/[\r\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(/^(\s*):/gm, '$1&#58;');
}
