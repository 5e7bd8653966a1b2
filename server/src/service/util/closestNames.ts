/**
 * Did-you-mean: the known names closest to a misspelt one (unknown fields, kinds, rule ids),
 * by a bounded edit distance, with case-only differences first.
 */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance, bounded: the distance when it is at most `max`, else some number
 * above `max` (as soon as that is certain). Only the band |i - j| ≤ max of the table can hold
 * such distances, so only it is computed.
 */
export function editDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const m = b.length;
  if (rowA.length <= m + 1) {
    rowA = new Int32Array(m + 2);
    rowB = new Int32Array(m + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m + 1; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = cur[lo - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1), over);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    cur[hi + 1] = over; // the next row reads one cell past this band
    if (rowMin > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/**
 * Known names prepared for many `closestNames` questions: lower-cased once and grouped by
 * length, since only names within two characters of the misspelt one can be close.
 */
export class NameIndex {
  /** By lower-cased length: the names, and the same names lower-cased. */
  readonly names = new Map<number, string[]>();
  readonly lowers = new Map<number, string[]>();

  constructor(known: Iterable<string>) {
    for (const k of known) {
      const lower = k.toLowerCase();
      const names = this.names.get(lower.length);
      if (names) {
        names.push(k);
        this.lowers.get(lower.length)!.push(lower);
      } else {
        this.names.set(lower.length, [k]);
        this.lowers.set(lower.length, [lower]);
      }
    }
  }
}

/** Known names close to a misspelt one: case-only differences first, then by distance. */
export function closestNames(name: string, known: Iterable<string> | NameIndex, limit = 2): string[] {
  const lower = name.toLowerCase();
  const index = known instanceof NameIndex ? known : new NameIndex(known);
  const scored: Array<[string, number]> = [];
  // A distance of at most 2 needs lengths within 2 of each other.
  for (let len = Math.max(0, lower.length - 2); len <= lower.length + 2; len++) {
    const names = index.names.get(len);
    if (!names) continue;
    const lowers = index.lowers.get(len)!;
    for (let i = 0; i < names.length; i++) {
      if (lowers[i] === lower) scored.push([names[i], -1]);
      else {
        const d = editDistance(lower, lowers[i], 2);
        if (d <= 2 && d < Math.max(2, name.length / 2)) scored.push([names[i], d]);
      }
    }
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([k]) => k);
}

/** Indentation (spaces) of the line containing `offset` in `text`. */
