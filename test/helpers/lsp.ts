/**
 * A minimal LSP client for tests: spawns the real bundled server over stdio and speaks
 * JSON-RPC to it. Waiting is always on events (a diagnostics notification for a version),
 * bounded by a timeout that fails the test rather than hanging it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestServer {
  conn: MessageConnection;
  proc: ChildProcess;
  stderr: () => string;
  /** Resolves with the next diagnostics for `uri` that satisfy `pred`. */
  diagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  /** Calls `listener` with every diagnostics notification (beside the waiters of `diagnostics`). */
  onDiagnostics(listener: (p: PublishDiagnosticsParams) => void): void;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Modules preloaded into the server process (`node --require`). */
  require?: string[];
  /** initializationOptions sent in initialize. */
  initializationOptions?: Record<string, unknown>;
  /** Workspace folder URI sent in initialize. */
  rootUri?: string;
  /**
   * Answers workspace/configuration per item, as an editor resolves its settings for the item's
   * scope (`scopeUri`: a workspace folder; none: the workspace's). Default: `settings` for every
   * `podsight` item.
   */
  configuration?: (item: { scopeUri?: string; section?: string }) => unknown;
  /**
   * Declare dynamic registration of workspace/didChangeWatchedFiles and accept the server's
   * registration (then the test tells the server about changes on disk, as an editor's watcher
   * does). Default: the registration is refused, and the server walks the folders again before
   * each whole-workspace request.
   */
  watchFiles?: boolean;
  /** Declare workspace folder support: the test may send workspace/didChangeWorkspaceFolders. */
  folderEvents?: boolean;
  /** The client takes snippets in completion items (completionItem.snippetSupport). */
  snippets?: boolean;
}

export async function startServer(settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<TestServer> {
  const preload = (options.require ?? []).flatMap((m) => ['--require', m]);
  const proc = spawn(process.execPath, [...preload, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: Array<{ uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  const listeners: Array<(p: PublishDiagnosticsParams) => void> = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    for (const l of listeners) l(p);
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(i--, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  const configuration = options.configuration ?? ((it: { section?: string }) => (it.section === 'podsight' ? settings : null));
  conn.onRequest('workspace/configuration', (params: { items: Array<{ scopeUri?: string; section?: string }> }) => params.items.map((it) => configuration(it)));
  if (options.watchFiles) conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
    capabilities: {
      workspace: {
        configuration: true,
        ...(options.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
        ...(options.folderEvents ? { workspaceFolders: true } : {}),
      },
      textDocument: { publishDiagnostics: { relatedInformation: true }, ...(options.snippets ? { completion: { completionItem: { snippetSupport: true } } } : {}) },
    },
    initializationOptions: options.initializationOptions,
  });
  conn.sendNotification('initialized', {});
  const server: TestServer = {
    conn,
    proc,
    stderr: () => err,
    diagnostics(uri, pred = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${err}`)), timeoutMs);
        waiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    onDiagnostics(listener) {
      listeners.push(listener);
    },
    open(uri, text, version = 1) {
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    async close() {
      try {
        await conn.sendRequest('shutdown');
        conn.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
        proc.once('exit', () => (clearTimeout(t), resolve()));
      });
      conn.dispose();
    },
  };
  return server;
}
