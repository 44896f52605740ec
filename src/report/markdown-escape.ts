/**
 * Escaping for GitHub-flavoured Markdown (the Markdown report, the GitHub job summary): a tenant string stays text. It
 * cannot become a link, an autolink, an image, a mention, raw HTML, emphasis or a table cell break, and it cannot end
 * its line. Checked by rendering with markdown-it (CommonMark plus GFM tables and linkify) in the tests.
 */
import { escapeControls } from './inert.js';

/**
 * Markdown-safe inline text. Punctuation that opens emphasis, code, links, images, strikethrough or a table cell is
 * backslash-escaped; `<` `>` `&` are entities (no raw HTML, no entity smuggling); a value cannot end its line or start
 * a heading, quote or list (control characters, newlines and bidirectional overrides are visible escapes); and a
 * zero-width space (`&#8203;`, the device GitHub's own bots use) breaks what GitHub turns into links or notifications
 * after rendering: `@mention`, `#123`-style references, `https://`, `www.` and e-mail autolinks.
 */
export function mdText(text: string): string {
  return (
    escapeControls(text)
      .replace(/([\\`*_[\]|~!])/g, '\\$1')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/#(?=\w)/g, '#&#8203;')
      .replace(/@/g, '@&#8203;')
      .replace(/:\/\//g, ':&#8203;//')
      .replace(/\b(www)\./gi, '$1&#8203;.')
      // A value at the start of a line (a list item, a heading) stays text: "# x", "> x", "- x", "1. x", "===".
      .replace(/^(\s*)([#>+\-=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

/** Inline code that cannot be closed early by a backtick in the value. */
export function mdCode(text: string): string {
  const clean = escapeControls(text).replace(/\|/g, '\u2758');
  if (!clean.includes('`')) return `\`${clean}\``;
  return `\`\` ${clean.replace(/`/g, '\u02cb')} \`\``;
}
