/**
 * Editor features over the sharing model: hover, inlay hints, code lens, navigation, rename,
 * completion, symbols and folding. Pure functions of a parsed ManifestFile (and, for what
 * depends on other files, a WorkspaceIndex the caller keeps up to date).
 */
export { sharingHover, combineHover, tolerates, type HoverPart } from './hover';
export { inlayHints } from './inlayHints';
export { codeLenses } from './codeLens';
export { definition, references, prepareRename, rename, symbolAt, type RenameResult } from './navigation';
export { completion } from './completion';
export type { SchemaCompletionOptions } from './schemaCompletion';
export { documentSymbols, foldingRanges } from './symbols';
export { WorkspaceIndex, nodesOfDocument, type NodeFacts, type NodeTaint } from './workspaceIndex';
export { DEFAULT_SHARING_SETTINGS, normalizeSharingSettings, type SharingSettings } from './settings';
