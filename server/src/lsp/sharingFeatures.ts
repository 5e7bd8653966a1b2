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
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_SHARING_SETTINGS, normalizeSharingSettings, WorkspaceIndex, type ManifestFile, type PodsightService, type SharingSettings } from '../service';
import { CONFIGURATION_SECTION } from '../protocol';
import { walkFiles, type FoundFile } from '../io/walk';
import { readTextFile } from '../io/read';
import { DEFAULT_MAX_FILE_SIZE, YAML_FILE } from '../io/limits';
import { logSkipped } from './diskNotes';
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
  /** Files larger than this many bytes are not read from disk (podsight.maxFileSize; default 20 MiB). */
  maxFileSize?: () => number;
}

export interface SharingFeatures {
  /** The Node index, brought up to date with the open documents. For the engine's hover. */
  workspace(): WorkspaceIndex;
  /** Call when the `podsight` settings changed: re-reads them and refreshes hints and lenses. */
  configurationChanged(): void;
}

/** Cheap test before parsing a file from disk: could it declare a Node? */
const MAY_HOLD_NODES = /^\s*kind:[ \t]*["']?(Node|NodeList|List)["']?[ \t]*(#.*)?$/m;

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

  const maxFileSize = (): number => deps.maxFileSize?.() ?? DEFAULT_MAX_FILE_SIZE;

  // Index from disk, through the input layer (io/): the workspace folders' YAML files that may
  // declare Nodes. Regular files only, never over the size limit; what is skipped is logged once.
  async function readIntoIndex(uri: string, found?: FoundFile): Promise<void> {
    if (documents.get(uri) || !uri.startsWith('file:') || !YAML_FILE.test(uri)) return;
    try {
      const read = await readTextFile(found?.path ?? fileURLToPath(uri), { maxBytes: maxFileSize(), realPath: found?.realPath, expect: found });
      if (!read.ok) {
        if (read.reason !== 'missing') logSkipped(connection, read);
        return void index.remove(uri);
      }
      if (documents.get(uri)) return; // opened meanwhile: the open document wins
      if (!MAY_HOLD_NODES.test(read.text)) return void index.remove(uri);
      index.update(deps.service().parse(uri, 0, read.text));
    } catch {
      index.remove(uri);
    }
  }

  async function walk(root: string): Promise<void> {
    const found = await walkFiles([root], { maxFileSize: maxFileSize() });
    for (const n of found.notes) logSkipped(connection, n);
    for (const f of found.files) await readIntoIndex(pathToFileURL(f.path).href, f);
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
