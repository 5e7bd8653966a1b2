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
  if (items.length <= 1) return items.join('');
  if (items.length > 8) return `${items.slice(0, 7).join(', ')} and ${items.length - 7} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
