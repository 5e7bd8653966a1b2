/**
 * Builders for quick fixes. Edits are computed from the tree and the document text at
 * validation time and travel with the diagnostic, so applying a fix needs no re-analysis.
 */
import type { KScalar, Span } from '../parse/tree';
import type { Fix } from '../diagnostics/finding';

/** Replace a scalar with its text, double-quoted (so YAML reads it as a string). */
export function quoteScalar(n: KScalar, why = 'Quote the value'): Fix {
  return { title: `${why}: "${n.text}"`, edits: [{ span: { start: n.start, end: n.end }, newText: JSON.stringify(n.text) }], preferred: true };
}

export function replaceSpan(title: string, span: Span, newText: string, preferred = false): Fix {
  return { title, edits: [{ span, newText }], preferred };
}

// Two rows of the distance table, reused: a map may ask for thousands of did-you-means.

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
