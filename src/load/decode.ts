/** Turns file bytes into text: UTF-8 with or without BOM, UTF-16LE/BE with BOM. Rejects binary data. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

export class DecodeError extends Error {}

import { TextDecoder } from 'node:util';
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith(utf8, bytes.subarray(3), 'UTF-8'), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeWith(utf16le, bytes.subarray(2), 'UTF-16LE'), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeWith(utf16be, bytes.subarray(2), 'UTF-16BE'), encoding: 'utf-16be' };
  }
  const sniffed = sniffUtf16WithoutBom(bytes);
  if (sniffed === 'UTF-16LE') return { text: decodeWith(utf16le, bytes, sniffed), encoding: 'utf-16le' };
  if (sniffed === 'UTF-16BE') return { text: decodeWith(utf16be, bytes, sniffed), encoding: 'utf-16be' };
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new DecodeError(`binary data (NUL byte at offset ${nul}), not a JSON text file`);
  return { text: decodeWith(utf8, bytes, 'UTF-8'), encoding: 'utf-8' };
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array, name: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new DecodeError(`not valid ${name} text (binary data or a different encoding)`);
  }
}

/** JSON (and JSONC) starts with ASCII text; in UTF-16 without BOM every other byte of it is NUL. */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const ascii = (b: number) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f);
  if (ascii(bytes[0]!) && bytes[1] === 0 && ascii(bytes[2]!) && bytes[3] === 0) return 'UTF-16LE';
  if (bytes[0] === 0 && ascii(bytes[1]!) && bytes[2] === 0 && ascii(bytes[3]!)) return 'UTF-16BE';
  return null;
}
