/**
 * "Preview as stored": a read-only YAML document showing the object under the cursor as the API
 * server would store it on create. The server computes it (`podsight/storedObject`); this module
 * only asks, shows, and refreshes it while the source document changes.
 */
import { commands, Disposable, EventEmitter, Uri, ViewColumn, window, workspace, type ExtensionContext, type Position, type TextDocumentContentProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STORED_COMMAND, STORED_OBJECT_REQUEST, STORED_SCHEME, type StoredObjectParams, type StoredObjectResult } from '../../server/src/protocol';

interface Shown {
  source: string;
  position: { line: number; character: number };
  text: string;
}

export function registerStoredPreview(context: ExtensionContext, client: LanguageClient, started: Promise<void>): void {
  const shown = new Map<string, Shown>();
  const changed = new EventEmitter<Uri>();

  async function fetch(source: string, position: { line: number; character: number }): Promise<StoredObjectResult | null> {
    await started;
    const params: StoredObjectParams = { textDocument: { uri: source }, position };
    return client.sendRequest<StoredObjectResult | null>(STORED_OBJECT_REQUEST, params);
  }

  const provider: TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => shown.get(uri.toString())?.text ?? '# Podsight: nothing to show (the object is gone)\n',
  };

  async function open(sourceArg?: string | Uri, positionArg?: Position | { line: number; character: number }): Promise<void> {
    const editor = window.activeTextEditor;
    const source = typeof sourceArg === 'string' ? sourceArg : (sourceArg?.toString() ?? editor?.document.uri.toString());
    const position = positionArg ?? editor?.selection.active;
    if (!source || !position) {
      void window.showInformationMessage('Podsight: open a Kubernetes manifest and put the cursor in a Pod, Node or workload.');
      return;
    }
    const at = { line: position.line, character: position.character };
    let result: StoredObjectResult | null;
    try {
      result = await fetch(source, at);
    } catch (err) {
      // The server says why (a document it does not know, for one): show that, not a stack.
      void window.showErrorMessage(`Podsight: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (!result) {
      void window.showInformationMessage('Podsight: the cursor is not in a Pod, Node or workload.');
      return;
    }
    // One preview per object: its kind and name in the title, the source in the query.
    const name = `${result.kind}-${result.name || 'unnamed'}.stored.yaml`.replace(/[^A-Za-z0-9._-]/g, '_');
    const uri = Uri.from({ scheme: STORED_SCHEME, path: `/${name}`, query: source });
    shown.set(uri.toString(), { source, position: at, text: result.yaml });
    changed.fire(uri);
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc, { viewColumn: ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  // The preview follows edits of its source (the server debounces nothing here; edits are rare).
  const refresh = workspace.onDidChangeTextDocument(async (e) => {
    const source = e.document.uri.toString();
    for (const [key, s] of shown) {
      if (s.source !== source) continue;
      const result = await fetch(s.source, s.position).catch(() => null);
      s.text = result?.yaml ?? '# Podsight: the object is no longer at this place in the source\n';
      changed.fire(Uri.parse(key));
    }
  });
  const closed = workspace.onDidCloseTextDocument((d) => {
    if (d.uri.scheme === STORED_SCHEME) shown.delete(d.uri.toString());
  });

  context.subscriptions.push(
    workspace.registerTextDocumentContentProvider(STORED_SCHEME, provider),
    commands.registerCommand(STORED_COMMAND, open),
    changed,
    refresh,
    closed,
    new Disposable(() => shown.clear()),
  );
}
