/**
 * Replacing a name or a key where it is written: inside its quotes when quoted, as plain text
 * when the new text reads back as the same string, quoted otherwise.
 */
import type { Span } from '../parse/tree';
import { resolvePlain } from '../parse/scalars';

/** The span of a scalar's text inside its quotes, when it is quoted. */
export function innerSpan(text: string, span: Span): Span {
  const q = text[span.start];
  if ((q === '"' || q === "'") && span.end - span.start >= 2 && text[span.end - 1] === q) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

function needsQuotes(v: string): boolean {
  return v === '' || resolvePlain(v).type !== 'string' || /^[\s!&*?|>'"%@`{}[\],#-]|[:#]\s|:$|\s#|\s$/.test(v);
}

/**
 * The edit that makes the scalar at `span` read `value`, or undefined when the scalar is not
 * written as its plain or simply quoted text (escapes, block scalars): such text is left alone.
 */
export function scalarEdit(text: string, span: Span, written: string, value: string): { span: Span; newText: string } | undefined {
  const inner = innerSpan(text, span);
  if (text.slice(inner.start, inner.end) !== written) return undefined;
  if (inner !== span) {
    const q = text[span.start];
    // Inside single quotes a quote doubles; inside double quotes backslashes and quotes escape.
    if (q === "'") return { span: inner, newText: value.replace(/'/g, "''") };
    return { span, newText: JSON.stringify(value) };
  }
  return { span, newText: needsQuotes(value) ? JSON.stringify(value) : value };
}
