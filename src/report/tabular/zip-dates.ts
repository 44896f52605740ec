/**
 * A zip archive's entry dates set to one date, so that the same content gives the same bytes. The workbook's zip is
 * written by JSZip (inside exceljs), which stamps each entry with the time it was added and offers no option to choose
 * it. Each entry's date is stored twice, in MS-DOS form (2-second steps, 1980 to 2107, UTC as JSZip writes it): in its
 * local header and in the central directory. Both are rewritten in place; sizes, offsets and checksums do not change
 * (a CRC covers the data, not the headers).
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** MS-DOS time and date words for `date` (UTC), clamped to what the format can hold. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const ms = Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58));
  const d = new Date(ms);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** A copy of `zip` with every entry dated `date`. Throws on an archive it cannot walk (a bug, not a user error). */
export function pinZipDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dos = dosDateTime(date);

  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the end of the file.
  let eocd = -1;
  for (let p = out.length - 22; p >= Math.max(0, out.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('pinZipDates: no end-of-central-directory record');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < entries; i++) {
    if (p + 46 > out.length || view.getUint32(p, true) !== CENTRAL) throw new Error(`pinZipDates: entry ${i} has no central directory header`);
    const local = view.getUint32(p + 42, true);
    if (local + 30 > out.length || view.getUint32(local, true) !== LOCAL) throw new Error(`pinZipDates: entry ${i} has no local header`);
    view.setUint16(p + 12, dos.time, true);
    view.setUint16(p + 14, dos.date, true);
    view.setUint16(local + 10, dos.time, true);
    view.setUint16(local + 12, dos.date, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
