/**
 * The `podsight/storedObject` request ("Preview as stored"). An open document is answered at its
 * current version through the guard (lsp/guard.ts). A URI that is not open is looked up in the
 * workspace, so that a client can preview a manifest on disk without opening it. Any other URI
 * is answered with an InvalidParams error that names it: null would read as "no object at this
 * position", which is not what happened.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readable, type PodsightService } from '../service';
import { STORED_OBJECT_REQUEST, type StoredObjectParams, type StoredObjectResult } from '../protocol';
import { paramsProblem, type Guard } from './guard';
import type { ServerWorkspace } from './workspace';

export interface StoredObjectDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: () => PodsightService;
  workspace: ServerWorkspace;
  guarded: Guard;
  logError(message: string): void;
}

export function registerStoredObject(deps: StoredObjectDeps): void {
  const { documents, workspace } = deps;
  const fromOpen = deps.guarded(
    'storedObject',
    (doc, params: StoredObjectParams): StoredObjectResult | null => deps.service().storedObject(workspace.fileFor(doc), params.position) ?? null,
    // Admission reads the declared workspace: the first scan of the folders first.
    () => workspace.current(),
  );

  deps.connection.onRequest(STORED_OBJECT_REQUEST, async (params: StoredObjectParams, token: CancellationToken) => {
    const problem = paramsProblem('storedObject', params);
    if (problem || documents.get(params.textDocument.uri)) return fromOpen(params, token);
    const uri = params.textDocument.uri;
    await workspace.current();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'storedObject cancelled');
    if (documents.get(uri)) return fromOpen(params, token); // opened meanwhile
    const file = deps.service().workspace.get(uri);
    if (!file) return new ResponseError(ErrorCodes.InvalidParams, `${STORED_OBJECT_REQUEST}: ${readable(uri)} is neither an open document nor a manifest of the workspace`);
    try {
      return deps.service().storedObject(file, params.position) ?? null;
    } catch (err) {
      deps.logError(`podsight: storedObject failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return new ResponseError(ErrorCodes.InternalError, 'podsight: storedObject failed');
    }
  });
}
