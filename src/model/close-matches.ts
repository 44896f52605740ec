/**
 * "Did you mean …?": the names closest to one a person typed. Containment ("Exchange Online" in "Office 365 Exchange
 * Online", "Global Admin" in "Global Administrator") ranks first, then shared words, then edit distance. Pure.
 */

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** A score in [0, 1) for how close `candidate` is to `query`; 0 means not close. */
function closeness(query: string, candidate: string): number {
  const q = query.toLowerCase().trim();
  const c = candidate.toLowerCase();
  if (!q || !c) return 0;
  if (c.includes(q) || q.includes(c)) return 0.9 + 0.09 * (Math.min(q.length, c.length) / Math.max(q.length, c.length));
  const qw = words(q);
  const cw = new Set(words(c));
  const shared = qw.filter((w) => cw.has(w) || [...cw].some((x) => x.startsWith(w) || w.startsWith(x))).length;
  const wordScore = qw.length ? shared / Math.max(qw.length, cw.size) : 0;
  const max = Math.max(2, Math.floor(Math.max(q.length, c.length) * 0.34));
  const d = editDistance(q, c, max);
  const editScore = d > max ? 0 : 1 - d / Math.max(q.length, c.length);
  const score = Math.max(wordScore * 0.85, editScore * 0.8);
  return score >= 0.4 ? score : 0;
}

/**
 * Up to `limit` distinct candidates closest to `query`, closest first (ties by name). Candidates that differ from the
 * query only in case are not "close": the caller resolves those itself.
 */
export function closeMatches(query: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored = new Map<string, number>();
  for (const c of candidates) {
    if (scored.has(c)) continue;
    const s = closeness(query, c);
    if (s > 0) scored.set(c, s);
  }
  return [...scored]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([c]) => c);
}

/** " (did you mean A, B or C?)", or "" when nothing is close. */
export function didYouMean(matches: readonly string[]): string {
  if (matches.length === 0) return '';
  const quoted = matches.map((m) => `"${m}"`);
  const text = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` (did you mean ${text}?)`;
}
