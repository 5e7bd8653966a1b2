/**
 * The Podsight language server: LSP wiring around the engine in ./service. Runs over IPC when
 * started by the VS Code extension and over stdio (`--stdio`) for any LSP editor.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type HoverParams,
  type CodeActionParams,
  CodeActionKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { PodsightService, normalizeSettings, DEFAULT_SETTINGS, type ManifestFile, type PodsightSettings } from './service';
import { CONFIGURATION_SECTION, SERVER_STATS_REQUEST, type PodsightInitializationOptions, type ServerStats } from './protocol';
import { registerSharingFeatures, sharingCapabilities } from './lsp/sharingFeatures';
import { registerSimulate } from './lsp/simulate';
import { afterWork, idleCollections } from './lsp/idleCollect';
import { createStdioConnection } from './lsp/stdio';
import { createGuard } from './lsp/guard';

if (process.argv.includes('--version')) {
  process.stdout.write(`${require('../../package.json').version}\n`);
  process.exit(0);
}

// Over stdio our strict framing reads the input (lsp/stdio.ts); IPC keeps the library's.
const connection: Connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service = new PodsightService();
let settings: PodsightSettings = DEFAULT_SETTINGS;
let pullConfiguration = false;

/** One parse per document version: the last parse of each open document. */
const parsed = new Map<string, ManifestFile>();
const timers = new Map<string, NodeJS.Timeout>();
// Re-validating an edit redoes only the edited document (a few ms), so the delay only needs to
// coalesce a burst of keystrokes; DESIGN.md budgets edit → diagnostics at 50 ms wall.
let debounceMs = 15;

function fileFor(doc: TextDocument): ManifestFile {
  const prev = parsed.get(doc.uri);
  if (prev && prev.version === doc.version) return prev;
  const file = service.parse(doc.uri, doc.version, doc.getText(), prev, settings);
  // Only the open document's parse is kept: a closed one must not leave an entry behind.
  if (documents.get(doc.uri) === doc) parsed.set(doc.uri, file);
  return file;
}

function isYaml(doc: TextDocument): boolean {
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri);
}

/** Validation waits for the first settings, so users never see diagnostics at the wrong level. */
let settingsReady = false;

function validateNow(uri: string): void {
  timers.delete(uri);
  if (!settingsReady) return; // every open document is validated once settings arrive
  const doc = documents.get(uri);
  if (!doc || !isYaml(doc)) return;
  try {
    const file = fileFor(doc);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: service.validate(file, settings) });
    afterWork(file.text.length);
  } catch (err) {
    // A failure in one document's validation must not take the server down.
    connection.console.error(`podsight: validation of ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

function schedule(uri: string, delay: number): void {
  const t = timers.get(uri);
  if (t) clearTimeout(t);
  if (delay <= 0) {
    validateNow(uri);
    return;
  }
  timers.set(uri, setTimeout(() => validateNow(uri), delay));
}

/** Workspace folder URIs, for the scheduling simulation's scan of on-disk manifests. */
let folders: string[] | undefined;
/** Set when the client (our VS Code extension) can open the scheduling preview. */
let previewCommand: string | undefined;

connection.onInitialize((params): InitializeResult => {
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : undefined);
  const init = (params.initializationOptions ?? {}) as PodsightInitializationOptions;
  previewCommand = typeof init.previewCommand === 'string' ? init.previewCommand : undefined;
  const bundledDocs = pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href;
  service = new PodsightService({ rulesDocUrl: init.rulesDocUrl ?? bundledDocs });
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      ...sharingCapabilities,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'podsight', version: require('../../package.json').version },
  };
});

async function loadSettings(): Promise<void> {
  if (!pullConfiguration) return;
  try {
    const raw = (await connection.workspace.getConfiguration(CONFIGURATION_SECTION)) as Record<string, unknown> | null;
    const { settings: next, problems } = normalizeSettings(raw);
    for (const p of problems) connection.console.warn(`podsight settings: ${p}`);
    const validate = raw?.validate as Record<string, unknown> | undefined;
    if (typeof validate?.debounceMs === 'number' && validate.debounceMs >= 0) debounceMs = validate.debounceMs;
    const sizeChanged = next.maxFileSize !== settings.maxFileSize;
    settings = next;
    if (sizeChanged) parsed.clear();
  } catch (err) {
    connection.console.warn(`podsight: could not read settings: ${String(err)}`);
  }
}

connection.onInitialized(async () => {
  await loadSettings();
  settingsReady = true;
  for (const d of documents.all()) schedule(d.uri, 0);
});

connection.onDidChangeConfiguration(async (change) => {
  sharing.configurationChanged();
  if (pullConfiguration) await loadSettings();
  else {
    const raw = (change.settings as Record<string, unknown> | undefined)?.[CONFIGURATION_SECTION];
    if (raw) settings = normalizeSettings(raw).settings;
  }
  for (const d of documents.all()) schedule(d.uri, 0);
});

documents.onDidOpen((e) => {
  // A document opened again without a close, under a version number it had before, is new
  // text all the same: never answer it from the old parse.
  parsed.delete(e.document.uri);
  schedule(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  // didOpen also fires a content change; the open handler already validated that version.
  if (parsed.get(e.document.uri)?.version === e.document.version) return;
  schedule(e.document.uri, debounceMs);
});
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  afterWork(parsed.get(e.document.uri)?.text.length ?? 0);
  parsed.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// Every request on a document goes through guarded() (lsp/guard.ts): a result, null, or
// RequestCancelled; InternalError only for a bug, logged.
const guarded = createGuard({ documents, logError: (m) => connection.console.error(m) });

registerSimulate({ connection, documents, fileFor, parse: (u, v, t, p) => service.parse(u, v, t, p, settings), workspaceFolders: () => folders, maxFileSize: () => settings.maxFileSize });
const sharing = registerSharingFeatures(connection, { service: () => service, documents, fileFor, guarded, canPullConfiguration: () => pullConfiguration, previewCommand: () => previewCommand, maxFileSize: () => settings.maxFileSize });
connection.onHover(guarded('hover', (doc, params: HoverParams) => service.hover(fileFor(doc), params.position, sharing.workspace())));
connection.onCodeAction(guarded('codeAction', (doc, params: CodeActionParams) => service.codeActions(doc.uri, Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [])));

connection.onRequest(SERVER_STATS_REQUEST, (): ServerStats => {
  // When gc is exposed (--expose-gc in benchmarks and soak tests, or after the first idle
  // collection), collect first so the heap figure is live data rather than garbage.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20, openDocuments: documents.all().length, idleCollections: idleCollections() };
});

documents.listen(connection);
connection.listen();
