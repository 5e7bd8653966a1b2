import type { Location } from 'vscode-languageserver-types';
import type { Span } from '../parse/tree';
import type { PlainObject } from '../model/plain';
import type { RuleId, Severity } from './catalog';

export type { RuleId, Severity } from './catalog';

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
  /** A rule id of the catalog: a misspelt id does not compile. */
  rule: RuleId;
  message: string;
  span: Span;
  /** Upstream field path (`spec.containers[0].image`). */
  field?: string;
  /** Set when the API server would reject the object for this reason. */
  errorType?: ErrorType;
  related?: RelatedSpan[];
  fixes?: Fix[];
  /** The level of this finding when its rule's level depends on the case (the closed-world rule); settings still win. */
  severity?: Severity;
  /** Related fields of objects declared elsewhere in the workspace, placed when diagnostics are made. */
  elsewhere?: ElsewhereSpan[];
  /** The create-path step that found it (absent: decoding and field validation). */
  stage?: 'create' | 'admission';
  /** The message is whole without its field (kubectl's words about the object): not prefixed with it. */
  standalone?: boolean;
  /**
   * Set on the one finding that stands for the findings of its rule left out past
   * MAX_FINDINGS_PER_RULE: how many (validate/index.ts writes its message). It gets no fix.
   */
  omitted?: number;
}

export type ElsewhereSpan =
  | {
      /** The declared object (as the workspace model holds it). */
      object: PlainObject;
      /** Upstream path of the field within it. */
      field: string;
      message: string;
    }
  | {
      /** A place in another file already known (a Pod that a Service selects). */
      location: Location;
      message: string;
    };

/**
 * At most this many findings of one rule per object (and per document's syntax problems):
 * past it, one more finding says how many were left out. A hostile file can hold half a
 * million duplicates of one name; every one kept would cost a diagnostic (with its fix and
 * related location) in memory, on the wire and in the editor.
 */
export const MAX_FINDINGS_PER_RULE = 1000;

/** The cap in force (MAX_FINDINGS_PER_RULE; the growth guard lifts it to time every finding). */
export const findingsCap = { perRule: MAX_FINDINGS_PER_RULE };

/** The message of the finding that stands for `more` findings of `rule` left out past the cap. */
export function omittedMessage(rule: RuleId, more: number, where: string): string {
  return `… and ${more.toLocaleString('en-US')} more ${rule} problem${more === 1 ? '' : 's'} in this ${where}, not listed: Podsight lists the first ${findingsCap.perRule.toLocaleString('en-US')} of each rule`;
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
