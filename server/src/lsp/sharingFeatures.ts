/**
 * LSP wiring of the sharing features: inlay hints, code lens, definition, references, rename,
 * completion, document symbols and folding ranges. Hover stays with server.ts, which passes
 * `features.workspace()` to the engine's hover so it can speak of the declared Nodes.
 *
 * Cross-file knowledge (the labels and taints of the Nodes declared in the workspace) lives in
 * a WorkspaceIndex fed here: open documents as they change (lazily, when a request needs it),
 * and YAML files of the workspace folders read from disk once, then on file-watcher events.
 */
import {
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type InlayHintParams,
  type CodeLensParams,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_SHARING_SETTINGS, normalizeSharingSettings, WorkspaceIndex, type ManifestFile, type PodsightService, type SharingSettings } from '../service';
import { CONFIGURATION_SECTION } from '../protocol';
import type { Guard } from './guard';

/** Capabilities to merge into the InitializeResult's `capabilities`. */
export const sharingCapabilities = {
  inlayHintProvider: { resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false },
  documentSymbolProvider: { label: 'Podsight' },
  foldingRangeProvider: true,
} satisfies ServerCapabilities;

export interface SharingDeps {
  /** The current engine (server.ts replaces it on initialize). */
  service: () => PodsightService;
  documents: TextDocuments<TextDocument>;
  /** The parse of a document's current version (one parse per version). */
  fileFor: (doc: TextDocument) => ManifestFile;
  guarded: Guard;
  /** Whether the client answers `workspace/configuration`; settings are then pulled. */
  canPullConfiguration?: () => boolean;
  /** The client's command that opens the scheduling preview, when it has one. */
  previewCommand?: () => string | undefined;
}

export interface SharingFeatures {
  /** The Node index, brought up to date with the open documents. For the engine's hover. */
  workspace(): WorkspaceIndex;
  /** Call when the `podsight` settings changed: re-reads them and refreshes hints and lenses. */
  configurationChanged(): void;
}

/** Folders never searched for Node manifests. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.cache']);
const MAX_SCAN_ENTRIES = 20_000;
const MAX_SCAN_DEPTH = 12;
const MAX_NODE_FILE_SIZE = 4 * 1024 * 1024;
/** Cheap test before parsing a file from disk: could it declare a Node? */
const MAY_HOLD_NODES = /^\s*kind:[ \t]*["']?(Node|NodeList|List)["']?[ \t]*(#.*)?$/m;
const YAML_FILE = /\.ya?ml$/i;

export function registerSharingFeatures(connection: Connection, deps: SharingDeps): SharingFeatures {
  const { documents, fileFor, guarded } = deps;
  const index = new WorkspaceIndex();
  const dirty = new Set<string>();
  let scan: Promise<void> | undefined;
  let settings: Promise<SharingSettings> | undefined;

  const log = (msg: string): void => connection.console.warn(`podsight: ${msg}`);

  function workspace(): WorkspaceIndex {
    for (const uri of dirty) {
      const doc = documents.get(uri);
      try {
        if (doc) index.update(fileFor(doc));
      } catch (err) {
        log(`could not index ${uri}: ${String(err)}`);
      }
    }
    dirty.clear();
    return index;
  }

  function sharingSettings(): Promise<SharingSettings> {
    if (!settings) {
      const pull = deps.canPullConfiguration?.() ?? true;
      settings = pull
        ? Promise.resolve(connection.workspace.getConfiguration(CONFIGURATION_SECTION)).then(normalizeSharingSettings, () => DEFAULT_SHARING_SETTINGS)
        : Promise.resolve(DEFAULT_SHARING_SETTINGS);
    }
    return settings;
  }

  // Index from disk: the workspace folders' YAML files that may declare Nodes.
  async function readIntoIndex(uri: string): Promise<void> {
    if (documents.get(uri) || !uri.startsWith('file:') || !YAML_FILE.test(uri)) return;
    try {
      const path = fileURLToPath(uri);
      const st = await fs.stat(path);
      if (!st.isFile() || st.size > MAX_NODE_FILE_SIZE) return void index.remove(uri);
      const text = await fs.readFile(path, 'utf8');
      if (documents.get(uri)) return; // opened meanwhile: the open document wins
      if (!MAY_HOLD_NODES.test(text)) return void index.remove(uri);
      index.update(deps.service().parse(uri, 0, text));
    } catch {
      index.remove(uri);
    }
  }

  async function walk(root: string): Promise<void> {
    const queue: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
    let seen = 0;
    while (queue.length && seen < MAX_SCAN_ENTRIES) {
      const { dir, depth } = queue.shift()!;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (++seen > MAX_SCAN_ENTRIES) break;
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.') && depth < MAX_SCAN_DEPTH) queue.push({ dir: p, depth: depth + 1 });
        } else if (e.isFile() && YAML_FILE.test(e.name)) {
          await readIntoIndex(pathToFileURL(p).href);
        }
      }
    }
  }

  function startScan(): Promise<void> {
    if (scan) return scan;
    scan = (async () => {
      try {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
      } catch {
        // The client cannot watch files for us: the index follows open documents only.
      }
      let folders: Array<{ uri: string }> | null = null;
      try {
        folders = await connection.workspace.getWorkspaceFolders();
      } catch {
        folders = null;
      }
      for (const f of folders ?? []) {
        if (!f.uri.startsWith('file:')) continue;
        await walk(fileURLToPath(f.uri));
      }
    })().catch((err) => log(`workspace scan failed: ${String(err)}`));
    return scan;
  }

  documents.onDidOpen(() => void startScan());
  documents.onDidChangeContent((e) => dirty.add(e.document.uri));
  documents.onDidClose((e) => {
    dirty.delete(e.document.uri);
    index.remove(e.document.uri);
    void readIntoIndex(e.document.uri); // back to what is on disk
  });
  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      if (documents.get(c.uri)) continue;
      if (c.type === FileChangeType.Deleted) index.remove(c.uri);
      else void readIntoIndex(c.uri);
    }
  });

  const svc = (): PodsightService => deps.service();

  // The settings are awaited before the guard reads the document (see lsp/guard.ts).
  connection.languages.inlayHint.on(guarded('inlayHint', (doc, params: InlayHintParams, s: SharingSettings) => svc().inlayHints(fileFor(doc), params.range, s), sharingSettings));
  connection.onCodeLens(guarded('codeLens', (doc, _params: CodeLensParams, s: SharingSettings) => svc().codeLenses(fileFor(doc), s, deps.previewCommand?.()), sharingSettings));
  connection.onDefinition(guarded('definition', (doc, params: DefinitionParams) => svc().definition(fileFor(doc), params.position)));
  connection.onReferences(guarded('references', (doc, params: ReferenceParams) => svc().references(fileFor(doc), params.position, params.context?.includeDeclaration !== false)));
  connection.onPrepareRename(guarded('prepareRename', (doc, params: PrepareRenameParams) => svc().prepareRename(fileFor(doc), params.position)));
  connection.onRenameRequest(
    guarded('rename', (doc, params: RenameParams) => {
      if (typeof params.newName !== 'string') return new ResponseError<void>(ErrorCodes.InvalidParams, 'rename: newName is not a string');
      const r = svc().rename(fileFor(doc), params.position, params.newName);
      if (!r) return null;
      if ('error' in r) return new ResponseError<void>(ErrorCodes.InvalidParams, r.error);
      return r.edit;
    }),
  );
  connection.onCompletion(guarded('completion', (doc, params: CompletionParams) => svc().completion(fileFor(doc), params.position, workspace())));
  connection.onDocumentSymbol(guarded('documentSymbol', (doc, _params: DocumentSymbolParams) => svc().documentSymbols(fileFor(doc))));
  connection.onFoldingRanges(guarded('foldingRange', (doc, _params: FoldingRangeParams) => svc().foldingRanges(fileFor(doc))));

  return {
    workspace,
    configurationChanged() {
      settings = undefined;
      connection.languages.inlayHint.refresh().catch(() => undefined);
      connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  };
}
