/**
 * LSP wiring of the sharing features: inlay hints, code lens, definition, references, rename,
 * completion, document symbols and folding ranges. Cross-file knowledge (the labels and taints
 * of the Nodes declared in the workspace, the ConfigMaps, Secrets, claims … that references
 * name) comes from the one workspace (lsp/workspace.ts).
 */
import {
  ErrorCodes,
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
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ManifestFile, PodsightService, PodsightSettings } from '../service';
import type { Guard } from './guard';
import type { SettingsStore } from './settings';
import type { ServerWorkspace } from './workspace';
import type { NodeSimulation } from './nodeSimulation';
import type { SimulationResult } from '../service';

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
  /** The open documents (the Node facts look at a document before its simulation is awaited). */
  documents?: { get(uri: string): TextDocument | undefined };
  /** The current engine (server.ts replaces it on initialize). */
  service: () => PodsightService;
  workspace: ServerWorkspace;
  settings: SettingsStore;
  guarded: Guard;
  /** The client's command that opens the scheduling preview, when it has one. */
  previewCommand?: () => string | undefined;
  /** The client's command that opens "Preview as stored", when it has one. */
  storedCommand?: () => string | undefined;
  /** The client takes snippets in completion items. */
  snippets?: () => boolean;
  /** The simulation the Node facts read (lens, inlay hints, label completion), when the server keeps one. */
  nodes?: NodeSimulation;
}

export interface SharingFeatures {
  /** Call when the `podsight` settings changed: refreshes hints and lenses. */
  configurationChanged(): void;
  /** The simulation the Node facts of a document read (undefined when it needs none). */
  simulationFor(uri: string): Promise<SimulationResult | undefined>;
}

export function registerSharingFeatures(connection: Connection, deps: SharingDeps): SharingFeatures {
  const { guarded, workspace } = deps;
  const svc = (): PodsightService => deps.service();
  const fileFor = (doc: TextDocument): ManifestFile => workspace.fileFor(doc);
  /** The settings of the request's document, awaited before the guard reads the document. */
  const settingsOf = (params: { textDocument: { uri: string } }): Promise<PodsightSettings> => deps.settings.forUri(params.textDocument.uri);
  /** Cross-file features read the Nodes of the whole workspace: the first scan first. */
  const scanned = () => workspace.current();

  /**
   * The last simulation, for a file with Nodes (or host ports and paths): awaited before the
   * document is read. It evaluates every Node when podsight.schedule.evaluateAllNodes says so
   * (read as the preview reads it: the workspace's setting, not a folder's).
   */
  const simulationFor = async (uri: string, stale = false): Promise<SimulationResult | undefined> => {
    const doc = deps.documents?.get(uri);
    if (!deps.nodes || !doc) return undefined;
    if (!deps.nodes.wanted(fileFor(doc))) return undefined;
    const allNodes = (await deps.settings.global()).schedule.evaluateAllNodes;
    return stale ? deps.nodes.latest(allNodes) : deps.nodes.current(allNodes);
  };
  type Prepared = { s: PodsightSettings; sim: SimulationResult | undefined };
  const withSimulation = async (params: { textDocument: { uri: string } }): Promise<Prepared> => {
    const s = await settingsOf(params);
    const sim = s.inlayHints.nodes ? await simulationFor(params.textDocument.uri) : undefined;
    return { s, sim };
  };
  connection.languages.inlayHint.on(guarded('inlayHint', (doc, params: InlayHintParams, p: Prepared) => svc().inlayHints(fileFor(doc), params.range, p.s, p.sim), withSimulation));
  // Lenses name the Services and Pods of other files: the first scan first.
  const scannedSettings = async (params: CodeLensParams): Promise<Prepared> => {
    await scanned();
    const s = await settingsOf(params);
    return { s, sim: s.codeLens.enable ? await simulationFor(params.textDocument.uri) : undefined };
  };
  connection.onCodeLens(guarded('codeLens', (doc, _params: CodeLensParams, p: Prepared) => svc().codeLenses(fileFor(doc), p.s, deps.previewCommand?.(), deps.storedCommand?.(), p.sim), scannedSettings));
  // Definition, references and rename reach the objects other files declare (references/): the
  // first scan of the workspace first.
  connection.onDefinition(guarded('definition', (doc, params: DefinitionParams) => svc().definition(fileFor(doc), params.position), scanned));
  connection.onReferences(guarded('references', (doc, params: ReferenceParams) => svc().references(fileFor(doc), params.position, params.context?.includeDeclaration !== false), scanned));
  connection.onPrepareRename(guarded('prepareRename', (doc, params: PrepareRenameParams) => svc().prepareRename(fileFor(doc), params.position), scanned));
  connection.onRenameRequest(
    guarded('rename', (doc, params: RenameParams) => {
      if (typeof params.newName !== 'string') return new ResponseError<void>(ErrorCodes.InvalidParams, 'rename: newName is not a string');
      const r = svc().rename(fileFor(doc), params.position, params.newName);
      if (!r) return null;
      if ('error' in r) return new ResponseError<void>(ErrorCodes.InvalidParams, r.error);
      return r.edit;
    }, scanned),
  );
  // In a Node manifest, label keys and values come from the Pods of the simulation: the last
  // one (no run per keystroke), only for files that declare a Node (a Pod's completion never
  // waits for a simulation), and completion without them if the simulation fails.
  const declaresNode = (uri: string): boolean => {
    const doc = deps.documents?.get(uri);
    return doc !== undefined && fileFor(doc).documents.some((d) => d.doc.objects.some((o) => o.kind === 'Node'));
  };
  const scannedSimulation = async (params: CompletionParams): Promise<SimulationResult | undefined> => {
    await scanned();
    if (!declaresNode(params.textDocument.uri)) return undefined;
    return simulationFor(params.textDocument.uri, true).catch(() => undefined);
  };
  connection.onCompletion(guarded('completion', (doc, params: CompletionParams, sim: SimulationResult | undefined) => svc().completion(fileFor(doc), params.position, undefined, { snippets: deps.snippets?.() ?? false }, sim), scannedSimulation));
  connection.onDocumentSymbol(guarded('documentSymbol', (doc, _params: DocumentSymbolParams) => svc().documentSymbols(fileFor(doc))));
  connection.onFoldingRanges(guarded('foldingRange', (doc, _params: FoldingRangeParams) => svc().foldingRanges(fileFor(doc))));

  return {
    simulationFor,
    configurationChanged() {
      connection.languages.inlayHint.refresh().catch(() => undefined);
      connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  };
}
