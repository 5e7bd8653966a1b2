/**
 * Builders for quick fixes. Edits are computed from the tree and the document text at
 * validation time and travel with the diagnostic, so applying a fix needs no re-analysis.
 */
import type { KScalar, Span } from '../parse/tree';
import type { Fix } from '../validate/finding';

/** Replace a scalar with its text, double-quoted (so YAML reads it as a string). */
export function quoteScalar(n: KScalar, why = 'Quote the value'): Fix {
  return { title: `${why}: "${n.text}"`, edits: [{ span: { start: n.start, end: n.end }, newText: JSON.stringify(n.text) }], preferred: true };
}

export function replaceSpan(title: string, span: Span, newText: string, preferred = false): Fix {
  return { title, edits: [{ span, newText }], preferred };
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Known names close to a misspelt one: case-only differences first, then by distance. */
export function closestNames(name: string, known: Iterable<string>, limit = 2): string[] {
  const lower = name.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const k of known) {
    if (k.toLowerCase() === lower) scored.push([k, -1]);
    else {
      const d = editDistance(lower, k.toLowerCase(), 2);
      if (d <= 2 && d < Math.max(2, name.length / 2)) scored.push([k, d]);
    }
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([k]) => k);
}

/** Indentation (spaces) of the line containing `offset` in `text`. */
export function indentAt(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** Column of `offset` in `text`. */
export function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Offset just after the end of the line containing `offset` (or the text's end). */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}
