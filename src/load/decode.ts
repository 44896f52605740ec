/**
 * Turns file bytes into text: UTF-8 with or without BOM, UTF-16LE/BE with BOM (or recognisably without). Rejects binary
 * data. A rejection names the line and column of the first bad byte (or UTF-16 unit) in the text as an editor shows it
 * (columns in UTF-16 code units, like every other position calint reports), and its byte offset for a hex viewer.
 */
import { TextDecoder } from 'node:util';
import { LineIndex } from './line-index.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

export class DecodeError extends Error {
  /** What is wrong, with the byte offset but not the line and column (the loader prints those before it). */
  readonly reason: string;

  constructor(
    what: string,
    /** The bad byte or unit, e.g. `byte 0xE9`. */
    thing: string,
    /** Byte offset of the first bad byte in the file. */
    readonly offset: number,
    /** 1-based line and column of that byte, counted in the text before it. */
    readonly line: number,
    readonly column: number,
    advice: string,
  ) {
    const tail = advice ? `: ${advice}` : '';
    // e.g. "not valid UTF-8 text (byte 0xE9 at line 3, column 7, offset 41: …)"
    super(`${what} (${thing} at line ${line}, column ${column}, offset ${offset}${tail})`);
    this.reason = `${what} (${thing} at offset ${offset}${tail})`;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes, 3), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeUtf16(bytes, 2, false), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeUtf16(bytes, 2, true), encoding: 'utf-16be' };
  }
  const sniffed = sniffUtf16WithoutBom(bytes);
  if (sniffed === 'UTF-16LE') return { text: decodeUtf16(bytes, 0, false), encoding: 'utf-16le' };
  if (sniffed === 'UTF-16BE') return { text: decodeUtf16(bytes, 0, true), encoding: 'utf-16be' };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    // Binary data says so, even when bytes before the NUL are not UTF-8 either (as in every PNG or ZIP file).
    const { line, column } = endOf(lenientUtf8.decode(bytes.subarray(0, nul)));
    throw new DecodeError('binary data, not a JSON text file', 'a NUL byte', nul, line, column, '');
  }
  return { text: decodeUtf8(bytes, 0), encoding: 'utf-8' };
}

function decodeUtf8(bytes: Uint8Array, start: number): string {
  try {
    return utf8.decode(bytes.subarray(start));
  } catch {
    // Only on failure: find where (TextDecoder does not say).
    throw utf8Error(bytes, start, firstInvalidUtf8(bytes, start, bytes.length));
  }
}

function utf8Error(bytes: Uint8Array, start: number, at: number): DecodeError {
  const offset = at === -1 ? bytes.length : at; // -1 cannot happen after a failed decode; be safe anyway
  const { line, column } = endOf(utf8.decode(bytes.subarray(start, offset)));
  const byte = bytes[offset]!;
  const thing = isCutShort(bytes, offset) ? 'a character cut short by the end of the file' : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const advice = 'binary data, or another encoding such as Windows-1252; save the file as UTF-8';
  return new DecodeError('not valid UTF-8 text', thing, offset, line, column, advice);
}

/**
 * Offset of the first byte in [from, to) that does not start a well-formed UTF-8 sequence (the WHATWG decoder's rules:
 * no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short by `to`), or -1.
 */
export function firstInvalidUtf8(b: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= to) return i; // cut short
    for (let k = 1; k <= need; k++) {
      const d = b[i + k]!;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** A lead byte whose continuation bytes are all there and valid until the file ends too soon (a truncated file). */
function isCutShort(b: Uint8Array, at: number): boolean {
  const c = b[at]!;
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
  if (need === 0 || at + need < b.length) return false;
  for (let k = at + 1; k < b.length; k++) if (b[k]! < 0x80 || b[k]! > 0xbf) return false;
  return true;
}

function decodeUtf16(bytes: Uint8Array, start: number, bigEndian: boolean): string {
  const decoder = bigEndian ? utf16be : utf16le;
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    throw utf16Error(bytes, start, bigEndian);
  }
}

function utf16Error(bytes: Uint8Array, start: number, bigEndian: boolean): DecodeError {
  const name = bigEndian ? 'UTF-16BE' : 'UTF-16LE';
  const unit = (at: number) => (bigEndian ? (bytes[at]! << 8) | bytes[at + 1]! : bytes[at]! | (bytes[at + 1]! << 8));
  const end = start + Math.floor((bytes.length - start) / 2) * 2;
  let at = start;
  let thing: string | null = null;
  while (at < end) {
    const u = unit(at);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = at + 2 < end ? unit(at + 2) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        at += 4;
        continue;
      }
      thing = `a high surrogate 0x${u.toString(16).toUpperCase()} without its low half`;
      break;
    }
    if (u >= 0xdc00 && u <= 0xdfff) {
      thing = `a low surrogate 0x${u.toString(16).toUpperCase()} without its high half`;
      break;
    }
    at += 2;
  }
  thing ??= 'a lone last byte in a file of an odd length';
  const decoder = bigEndian ? utf16be : utf16le;
  const { line, column } = endOf(decoder.decode(bytes.subarray(start, at)));
  return new DecodeError(`not valid ${name} text`, thing, at, line, column, 'binary data, or a damaged or truncated file');
}

/** Line and column just past the end of a text: where the next (bad) character would be. */
function endOf(text: string): { line: number; column: number } {
  return new LineIndex(text).position(text.length);
}

/** JSON (and JSONC) starts with ASCII text; in UTF-16 without BOM every other byte of it is NUL. */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const ascii = (b: number) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f);
  if (ascii(bytes[0]!) && bytes[1] === 0 && ascii(bytes[2]!) && bytes[3] === 0) return 'UTF-16LE';
  if (bytes[0] === 0 && ascii(bytes[1]!) && bytes[2] === 0 && ascii(bytes[3]!)) return 'UTF-16BE';
  return null;
}
