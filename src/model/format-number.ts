/**
 * An integer with thousands separators, as en-US writes it ("3,072"). Written out rather than toLocaleString: the
 * first toLocaleString call loads ICU locale data, which costs several milliseconds of start-up.
 */
export function formatCount(n: number | bigint): string {
  const s = typeof n === 'bigint' ? n.toString() : Number.isInteger(n) ? String(n) : n.toFixed(0);
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
