/** Markdown and plain-text helpers for explanations built from manifest strings. */
import { escapeMarkdown, escapeText, markdownCode } from '../util/escape';

/** Cuts `s` to at most `max` UTF-16 units with an ellipsis, never inside a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(s[end - 1])) end--;
  return `${s.slice(0, end)}…`;
}

/** Inline code for a manifest string: whitespace flattened, long strings cut, hidden characters shown, backticks safe. */
export function code(s: string): string {
  return markdownCode(cut(s.replace(/[\r\n\t]+/g, ' '), 80));
}

/** A manifest string as plain Markdown text (outside a code span): nothing in it is markup. */
export function mdText(s: string): string {
  return escapeMarkdown(s);
}

/** Plain text for labels (inlay hints, lenses): one line, bounded, hidden characters shown. */
export function plain(s: string, max = 60): string {
  return escapeText(cut(s.replace(/[\r\n\t]+/g, ' '), max));
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
