import type { Span } from '../parse/tree';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Upstream error types (k8s.io/apimachinery field.ErrorType) and strict-decoding problems. */
export type ErrorType =
  | 'Required'
  | 'Invalid'
  | 'Duplicate'
  | 'NotSupported'
  | 'Forbidden'
  | 'TooLong'
  | 'TooMany'
  | 'NotFound'
  | 'UnknownField'
  | 'DuplicateKey';

export interface RelatedSpan {
  span: Span;
  message: string;
}

/** A text edit relative to the finding's document chunk. */
export interface SpanEdit {
  span: Span;
  newText: string;
}

/** A quick fix: a titled set of edits, offered as a code action (a WorkspaceEdit, undoable). */
export interface Fix {
  title: string;
  edits: SpanEdit[];
  /** The fix the user most likely wants; editors may apply it with one keystroke. */
  preferred?: boolean;
}

/**
 * One problem found by the engine, positioned by offsets relative to its document's chunk
 * so it can be cached with the document and reused when other documents change.
 */
export interface Finding {
  rule: string;
  message: string;
  span: Span;
  /** Upstream field path (`spec.containers[0].image`). */
  field?: string;
  /** Set when the API server would reject the object for this reason. */
  errorType?: ErrorType;
  related?: RelatedSpan[];
  fixes?: Fix[];
  /** Stands for findings left out (validate/index.ts, capFindings): it gets no quick fix. */
  summary?: true;
}

/** Path helpers in upstream `field.Path` style. */
export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function indexPath(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function keyPath(path: string, key: string): string {
  return `${path}[${key}]`;
}
