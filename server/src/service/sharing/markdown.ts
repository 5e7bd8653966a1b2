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
  if (items.length <= 1) return items.join('');
  if (items.length > 8) return `${items.slice(0, 7).join(', ')} and ${items.length - 7} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
