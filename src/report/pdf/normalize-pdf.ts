/**
 * Reproducible PDFs: Chromium stamps /CreationDate and /ModDate with the current time; rewrite both in
 * place, same length, so the cross-reference offsets stay valid and the same input gives the same bytes.
 */

const DATE = /\/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)/g;

function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

/** Sets both document dates to `date` (UTC). Throws unless exactly the two dates were found. */
export function pinPdfDates(pdf: Uint8Array, date: Date): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const stamp = pdfDate(date);
  let count = 0;
  const out = text.replace(DATE, (whole, key: string, _digits: string, zone: string) => {
    count++;
    // Chromium writes UTC ("+00'00'"); another zone of the same length becomes UTC too, so the length holds.
    const utc = "+00'00'";
    const replaced = `/${key} (D:${stamp}${zone.length === utc.length ? utc : zone})`;
    if (replaced.length !== whole.length) throw new Error(`PDF date normalisation: cannot rewrite ${whole} in place`);
    return replaced;
  });
  if (count !== 2) throw new Error(`PDF date normalisation: expected /CreationDate and /ModDate, found ${count} date(s)`);
  return Buffer.from(out, 'latin1');
}
