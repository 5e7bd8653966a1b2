/** Markdown and plain-text helpers for explanations built from manifest strings. */

/** Inline code for a manifest string: newlines flattened, long strings cut, backticks safe. */
export function code(s: string): string {
  let t = s.replace(/[\r\n\t]+/g, ' ');
  if (t.length > 80) t = `${t.slice(0, 79)}…`;
  if (t === '') return '`""`';
  if (!t.includes('`')) return `\`${t}\``;
  const longest = Math.max(...(t.match(/`+/g) ?? ['']).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${t} ${fence}`;
}

/** Plain text for labels (inlay hints, lenses): one line, bounded. */
export function plain(s: string, max = 60): string {
  const t = s.replace(/[\r\n\t]+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function list(items: string[]): string {
  return listOf(items, items.length);
}

/** Items shown in a list: at most this many (past it, the first ones and a count). */
export const LISTED = 8;

/**
 * `list` of `total` items of which only the first are given: callers with thousands of items
 * pass a few (LISTED are enough) and the count.
 */
export function listOf(first: string[], total: number): string {
  if (total <= 1) return first.slice(0, 1).join('');
  if (total <= LISTED && first.length >= total) return `${first.slice(0, total - 1).join(', ')} and ${first[total - 1]}`;
  const shown = first.slice(0, LISTED - 1);
  return `${shown.join(', ')} and ${total - shown.length} more`;
}

/** Labels joined for a one-line hint: all of them up to LISTED, else the first ones and `+n`. */
export function joinOf(first: string[], total: number): string {
  if (total <= LISTED && first.length >= total) return first.slice(0, total).join(', ');
  const shown = first.slice(0, LISTED - 1);
  return `${shown.join(', ')} +${total - shown.length}`;
}
