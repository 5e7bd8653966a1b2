/**
 * Every request on a document goes through a guard, so that an answer is always one of: the
 * result, `null` (the document is not open, or was closed meanwhile), RequestCancelled, or
 * InvalidParams for a malformed request — and InternalError only for a bug, which is logged.
 *
 * The engine's work runs synchronously on the document as it is at that moment. A handler
 * that needs something asynchronous first (settings pulled from the client) names it as
 * `prepare`: it is awaited *before* the document is looked up, so no edit, close or reopen
 * can slip between reading the document and computing on it. (TextDocuments updates a
 * document object in place, so a handler that held one across an `await` and compared its
 * version afterwards was comparing the object with itself.)
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface DocumentParams {
  textDocument: { uri: string };
}

export type Answer<R> = R | null | ResponseError<void>;

export type Guard = <P extends DocumentParams, R, S = undefined>(
  name: string,
  handler: (doc: TextDocument, params: P, prepared: S) => R | ResponseError<void>,
  prepare?: (params: P) => Promise<S>,
) => (params: P, token: CancellationToken) => Answer<R> | Promise<Answer<R>>;

export interface GuardDeps {
  documents: TextDocuments<TextDocument>;
  logError(message: string): void;
}

const MAX_UINT = 2 ** 31 - 1;

/**
 * The requests (by guard name) that cannot be answered without a position. What can be read
 * leniently is: an inlay-hint request without a range covers the document, a code action
 * without a context has no diagnostics, references without a context include the declaration.
 */
const NEEDS_POSITION = new Set(['hover', 'completion', 'definition', 'references', 'prepareRename', 'rename', 'storedObject']);

function isPosition(p: unknown): boolean {
  if (typeof p !== 'object' || p === null) return false;
  const { line, character } = p as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0 && (line as number) <= MAX_UINT && (character as number) <= MAX_UINT;
}

/** What is wrong with a request's parameters, as far as the guard can tell; undefined if nothing. */
export function paramsProblem(name: string, params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return 'parameters missing';
  const p = params as { textDocument?: { uri?: unknown }; position?: unknown; range?: unknown };
  if (typeof p.textDocument?.uri !== 'string') return 'textDocument.uri missing';
  if (NEEDS_POSITION.has(name) && !('position' in p)) return 'position missing';
  if ('position' in p && !isPosition(p.position)) return 'position is not a pair of non-negative integers';
  if ('range' in p && p.range !== undefined) {
    const r = p.range as { start?: unknown; end?: unknown } | null;
    if (typeof r !== 'object' || r === null || !isPosition(r.start) || !isPosition(r.end)) return 'range is not a pair of positions';
  }
  return undefined;
}

export function createGuard(deps: GuardDeps): Guard {
  const describe = (err: unknown): string => (err instanceof Error ? (err.stack ?? err.message) : String(err));
  return <P extends DocumentParams, R, S>(name: string, handler: (doc: TextDocument, params: P, prepared: S) => R | ResponseError<void>, prepare?: (params: P) => Promise<S>) => {
    const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    const run = (params: P, token: CancellationToken, prepared: S): Answer<R> => {
      if (token.isCancellationRequested) return cancelled();
      const doc = deps.documents.get(params.textDocument.uri);
      if (!doc) return null;
      try {
        return handler(doc, params, prepared);
      } catch (err) {
        deps.logError(`podsight: ${name} failed: ${describe(err)}`);
        return new ResponseError(ErrorCodes.InternalError, `podsight: ${name} failed`);
      }
    };
    return (params: P, token: CancellationToken) => {
      const problem = paramsProblem(name, params);
      if (problem) return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${problem}`);
      if (token.isCancellationRequested) return cancelled();
      if (!prepare) return run(params, token, undefined as S);
      return prepare(params).then(
        (prepared) => run(params, token, prepared),
        (err: unknown) => {
          deps.logError(`podsight: ${name} failed: ${describe(err)}`);
          return new ResponseError<void>(ErrorCodes.InternalError, `podsight: ${name} failed`);
        },
      );
    };
  };
}
