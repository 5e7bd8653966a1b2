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
import { PodsightService, type DeclarationChanges, type SimulationResult } from './service';
import {
  CONFIGURATION_SECTION,
  SERVER_STATS_REQUEST,
  type PodsightInitializationOptions,
  type ServerStats,
} from './protocol';
import { registerSharingFeatures, sharingCapabilities } from './lsp/sharingFeatures';
import { registerSimulate } from './lsp/simulate';
import { createNodeSimulation } from './lsp/nodeSimulation';
import { registerStoredObject } from './lsp/storedObject';
import { afterWork, idleCollections } from './lsp/idleCollect';
import { createStdioConnection } from './lsp/stdio';
import { createGuard } from './lsp/guard';
import { SettingsStore } from './lsp/settings';
import { isYamlDocument, ServerWorkspace } from './lsp/workspace';
import { ProjectConfigs } from './lsp/projectConfig';
import { RULES_DOC_URL } from './docsUrl';
import { parseConfig, type PodsightSettings } from './service';

if (process.argv.includes('--version')) {
  process.stdout.write(`${require('../../package.json').version}\n`);
  process.exit(0);
}

// Over stdio our strict framing reads the input (lsp/stdio.ts); IPC keeps the library's.
const connection: Connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service = new PodsightService();
let pullConfiguration = false;
let folderEvents = false;
/** Workspace folder URIs (initialize, then workspace folder events). */
let folders: string[] = [];
/** Set when the client (our VS Code extension) has these commands. */
let previewCommand: string | undefined;
let storedCommand: string | undefined;
/** The client takes snippet syntax in completion items (its completionItem.snippetSupport). */
let snippets = false;

const settings = new SettingsStore(connection, () => pullConfiguration);
const workspace = new ServerWorkspace({ connection, documents, service: () => service, settings, folders: () => folders });
const timers = new Map<string, NodeJS.Timeout>();
const projectConfigs = new ProjectConfigs((m) => connection.console.warn(`podsight: ${m}`));

/** A document's settings: the editor's, with its project configuration file merged under them. */
async function settingsFor(uri: string, editor: PodsightSettings): Promise<PodsightSettings> {
  return projectConfigs.apply(uri, editor, settings.setsWholeCluster(editor));
}

/** A configuration file open in the editor: its problems where they are. */
function validateConfigDocument(uri: string, version: number, text: string): void {
  const { problems } = parseConfig(text);
  const diagnostics = problems.map((p) => ({ range: p.range, severity: p.severity === 'error' ? 1 : 2, source: 'podsight', code: 'config', message: p.message }) as const);
  void connection.sendDiagnostics({ uri, version, diagnostics });
}

/** Validation waits for the first settings, so users never see diagnostics at the wrong level. */
let settingsReady = false;

async function validateNow(uri: string): Promise<void> {
  timers.delete(uri);
  if (!settingsReady) return; // every open document is validated once settings arrive
  // The settings last read for its scope (a configuration change reads them all again first,
  // then validates everything); only a scope never read is waited for.
  const s = await settingsFor(uri, settings.cached(uri) ?? (await settings.forUri(uri)));
  // Read the document after the settings: an edit meanwhile is validated at its own version.
  const doc = documents.get(uri);
  if (!doc) return;
  if (ProjectConfigs.isConfigUri(uri)) return validateConfigDocument(uri, doc.version, doc.getText());
  if (!isYamlDocument(doc)) return;
  try {
    const file = workspace.fileFor(doc);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: service.validate(file, s) });
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
    void validateNow(uri);
    return;
  }
  timers.set(uri, setTimeout(() => void validateNow(uri), delay));
}

// A changed declaration can change the diagnostics of open documents: those whose references
// name it (a ConfigMap's keys), or every one when admission reads it (a Namespace's labels, a
// LimitRange). What changed is gathered until the next turn of the event loop, then only the
// open documents it concerns are validated again (service.affectedBy).
let pendingChanges: DeclarationChanges | undefined;
workspace.onDeclarationsChanged((changes) => {
  if (pendingChanges) {
    pendingChanges.all ||= changes.all;
    pendingChanges.admission ||= changes.admission;
    for (const n of changes.names) pendingChanges.names.add(n);
    for (const p of changes.populations) pendingChanges.populations.add(p);
    return;
  }
  pendingChanges = changes;
  setImmediate(() => {
    const c = pendingChanges!;
    pendingChanges = undefined;
    for (const d of documents.all()) {
      if (!isYamlDocument(d)) continue;
      try {
        if (service.affectedBy(workspace.fileFor(d), c)) schedule(d.uri, 0);
      } catch (err) {
        connection.console.error(`podsight: dependency check of ${d.uri} failed: ${err instanceof Error ? err.message : String(err)}`);
        schedule(d.uri, 0);
      }
    }
  });
});

connection.onInitialize((params): InitializeResult => {
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settings.setFolders(folders);
  projectConfigs.setFolders(folders);
  const init = (params.initializationOptions ?? {}) as PodsightInitializationOptions;
  previewCommand = typeof init.previewCommand === 'string' ? init.previewCommand : undefined;
  storedCommand = typeof init.storedCommand === 'string' ? init.storedCommand : undefined;
  // Rule ids link to the hosted docs/rules.md at the rule's anchor (docsUrl.ts); a client may
  // give another base (its own mirror, or the copy in the package for offline use).
  service = new PodsightService({ rulesDocUrl: typeof init.rulesDocUrl === 'string' ? init.rulesDocUrl : RULES_DOC_URL });
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  folderEvents = !!params.capabilities.workspace?.workspaceFolders;
  snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      ...sharingCapabilities,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'podsight', version: require('../../package.json').version },
  };
});

/** Applies the settings that are the workspace's, not a document's (the closed-world rule). */
async function applyWorkspaceSettings(): Promise<void> {
  // The closed-world rule is the workspace's: the editor's setting, else the configuration file
  // of the first workspace folder.
  const root = folders.find((f) => f.startsWith('file:'));
  const s = await settingsFor(root ? `${root.replace(/\/$/, '')}/.podsight-workspace` : '', await settings.global());
  workspace.setOptions({ isWholeCluster: s.workspace.isWholeCluster });
}

connection.onInitialized(async () => {
  await applyWorkspaceSettings();
  settingsReady = true;
  for (const d of documents.all()) schedule(d.uri, 0);
  if (folderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
      settings.setFolders(folders);
      projectConfigs.setFolders(folders);
      workspace.settingsChanged();
      void workspace.ready();
    });
  }
  // The declared cluster is read from disk from the start: admission findings need it.
  void workspace.ready();
});

connection.onDidChangeConfiguration(async (change) => {
  const before = await settings.global();
  settings.changed((change.settings as Record<string, unknown> | undefined)?.[CONFIGURATION_SECTION]);
  const after = await settings.global();
  if (after.maxFileSize !== before.maxFileSize) workspace.settingsChanged();
  await applyWorkspaceSettings();
  await Promise.all(documents.all().map((d) => settings.forUri(d.uri)));
  sharing.configurationChanged();
  for (const d of documents.all()) schedule(d.uri, 0);
});

/** didOpen also fires a content change, right after the open event: the open validates it. */
const justOpened = new Set<string>();
documents.onDidOpen((e) => {
  // A document opened again without a close, under a version number it had before, is new
  // text all the same: never answer it from the old parse.
  workspace.opened(e.document.uri);
  justOpened.add(e.document.uri);
  schedule(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  if (justOpened.delete(e.document.uri)) return;
  schedule(e.document.uri, settings.known(e.document.uri).validate.debounceMs);
});
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  afterWork(e.document.getText().length);
  workspace.closed(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});
connection.onDidChangeWatchedFiles(async (p) => {
  // A configuration file created, changed or deleted: every document's settings may change.
  if (p.changes.some((c) => ProjectConfigs.isConfigUri(c.uri))) {
    projectConfigs.clear();
    await applyWorkspaceSettings();
    for (const d of documents.all()) schedule(d.uri, 0);
  }
  void workspace.changedOnDisk(p.changes);
  nodes.changedOnDisk();
});

// Every request on a document goes through guarded() (lsp/guard.ts): a result, null, or
// RequestCancelled; InternalError only for a bug, logged.
const guarded = createGuard({ documents, logError: (m) => connection.console.error(m) });

registerSimulate({ connection, documents, workspace, service: () => service });
// The Node facts (lens, hovers, inlay hints, label completion of Node manifests) read one cached simulation.
const nodes = createNodeSimulation({ connection, documents, workspace, service: () => service });
const sharing = registerSharingFeatures(connection, {
  documents,
  service: () => service,
  workspace,
  settings,
  guarded,
  previewCommand: () => previewCommand,
  storedCommand: () => storedCommand,
  snippets: () => snippets,
  nodes,
});
// The hover reads the same simulation as the lens (podsight.schedule.evaluateAllNodes honoured).
const hoverSimulation = async (params: HoverParams) => {
  await workspace.current();
  return sharing.simulationFor(params.textDocument.uri);
};
connection.onHover(guarded('hover', (doc, params: HoverParams, sim: SimulationResult | undefined) => service.hover(workspace.fileFor(doc), params.position, undefined, sim), hoverSimulation));
connection.onCodeAction(guarded('codeAction', (doc, params: CodeActionParams) => service.codeActions(doc.uri, Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [])));
registerStoredObject({ connection, documents, service: () => service, workspace, guarded, logError: (m) => connection.console.error(m) });

connection.onRequest(SERVER_STATS_REQUEST, (): ServerStats => {
  // When gc is exposed (--expose-gc in benchmarks and soak tests, or after the first idle
  // collection), collect first so the heap figure is live data rather than garbage.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20, openDocuments: documents.all().length, idleCollections: idleCollections(), workspaceFiles: service.workspace.size };
});

documents.listen(connection);
connection.listen();
