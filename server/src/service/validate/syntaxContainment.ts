/**
 * A YAML syntax error contained: the findings it makes meaningless are held back until it is
 * fixed, so a tab in an indent is one error rather than a syntax error, an unknown field (the
 * key the tab threw out of its map) and a Required field (the value that key should have set).
 *
 * What a syntax error can produce, and so what is held back in its document:
 * - Required anywhere: the field may be lost to the error while its parent is above it;
 * - unknown fields, wrong types and duplicate keys from the error's line on: a mis-indented or
 *   broken line puts keys and values where they do not belong.
 * Everything else (a wrong enum value, a bad name above the error) still stands.
 */
import type { Finding } from '../diagnostics/finding';

/** A predicate for findings lost to the document's syntax errors, or undefined when it has none. */
export function lostToSyntax(syntax: readonly Finding[], text: string): ((f: Finding) => boolean) | undefined {
  let first = -1;
  for (const s of syntax) if (s.rule === 'yaml-syntax' && (first < 0 || s.span.start < first)) first = s.span.start;
  if (first < 0) return undefined;
  const from = text.lastIndexOf('\n', first - 1) + 1;
  return (f) =>
    f.errorType === 'Required' ||
    (f.span.start >= from && (f.errorType === 'UnknownField' || f.errorType === 'DuplicateKey' || f.rule === 'invalid-type'));
}
