/**
 * The `podsight/simulate` request: the scheduling simulation over the workspace — open
 * documents (the server's own parse of each version) plus *.yaml/*.yml files found under the
 * workspace folders (read by the server; the engine does no I/O). Disk files are re-read only
 * when their modification time or size changed, each document's objects are cached on the
 * parsed document, and an identical request over unchanged inputs is answered from memory, so
 * asking again after an edit costs one re-parse of the edited document and one simulation.
 *
 * After a content change of an open YAML document the server sends
 * `podsight/simulationChanged` (debounced) once a client has asked for a simulation.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ManifestFile } from '../service/parse/manifests';
import { SIMULATE_REQUEST, SIMULATION_CHANGED_NOTIFICATION, type SimulateParams, type SimulateResult } from '../protocol';
import { walkFiles, type FoundFile } from '../io/walk';
import { readTextFile } from '../io/read';
import { DEFAULT_MAX_FILE_SIZE } from '../io/limits';
import { logSkipped } from './diskNotes';
import { AnswerTooLarge, checkSimulateParams, simulateInSlices, type Stop } from './slicedSimulation';

export interface SimulateDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The server's parse of an open document (one parse per version). */
  fileFor(doc: TextDocument): ManifestFile;
  /** Parses text read from disk (with the server's settings). */
  parse(uri: string, version: number, text: string, previous?: ManifestFile): ManifestFile;
  /** Workspace folder URIs (from initialize); asked of the client when omitted. */
  workspaceFolders?: () => string[] | undefined;
  /** Upper bound on files scanned per folder (default: the input layer's, io/limits.ts). */
  maxFiles?: number;
  /** Files larger than this many bytes are not read (default 20 MiB; the server passes podsight.maxFileSize). */
  maxFileSize?: () => number;
  /** Delay of the change notification (default 300 ms). */
  notifyDelayMs?: number;
}

/** Documents that can matter to the simulation; other YAML is not parsed at all. */
const RELEVANT = /\bkind["']?[ \t]*:[ \t]*["']?(Pod|Node|NodeList|List|PodList|Deployment|ReplicaSet|ReplicationController|StatefulSet|DaemonSet|Job|CronJob|PriorityClass|RuntimeClass|Service|Namespace)\b/;

interface DiskEntry {
  mtimeMs: number;
  size: number;
  /** Undefined when the file holds nothing relevant. */
  file?: ManifestFile;
}

export interface SimulateHandler {
  /** Drops cached disk state (e.g. after file-system events the server learns about). */
  invalidate(uri?: string): void;
  dispose(): void;
}

function isYamlUri(uri: string): boolean {
  return /\.ya?ml$/i.test(uri);
}

export function registerSimulate(deps: SimulateDeps): SimulateHandler {
  const { connection, documents } = deps;
  const maxFileSize = () => deps.maxFileSize?.() ?? DEFAULT_MAX_FILE_SIZE;
  const disk = new Map<string, DiskEntry>();
  let asked = false;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  let last: { key: string; files: ManifestFile[]; result: SimulateResult } | undefined;

  // The disk half goes through the input layer (io/): regular files only, each real path once,
  // links followed without looping, bounded; what it skips is logged once.
  async function walk(root: string, token: CancellationToken): Promise<FoundFile[]> {
    const found = await walkFiles([root], { maxFiles: deps.maxFiles, maxFileSize: maxFileSize(), isCancelled: () => token.isCancellationRequested });
    for (const n of found.notes) logSkipped(connection, n);
    return found.files;
  }

  async function diskFile(found: FoundFile): Promise<{ uri: string; entry: DiskEntry } | undefined> {
    const uri = pathToFileURL(found.path).href;
    const cached = disk.get(uri);
    if (cached && cached.mtimeMs === found.mtimeMs && cached.size === found.size) return { uri, entry: cached };
    const read = await readTextFile(found.path, { maxBytes: maxFileSize(), realPath: found.realPath, expect: found });
    if (!read.ok) {
      disk.delete(uri);
      logSkipped(connection, read);
      return undefined;
    }
    const entry: DiskEntry = { mtimeMs: found.mtimeMs, size: found.size };
    if (RELEVANT.test(read.text)) entry.file = deps.parse(uri, -1, read.text, cached?.file);
    disk.set(uri, entry);
    return { uri, entry };
  }

  async function folders(params: SimulateParams): Promise<string[]> {
    if (params.folders) return params.folders;
    const known = deps.workspaceFolders?.();
    if (known) return known;
    try {
      const wf = await connection.workspace.getWorkspaceFolders();
      return wf ? wf.map((f) => f.uri) : [];
    } catch {
      return [];
    }
  }

  async function simulateWorkspace(params: SimulateParams, token: CancellationToken, stop: () => Stop | undefined): Promise<SimulateResult | ResponseError<void>> {
    asked = true;
    const byUri = new Map<string, ManifestFile>();
    for (const folder of await folders(params)) {
      if (!folder.startsWith('file:')) continue;
      let root: string;
      try {
        root = fileURLToPath(folder);
      } catch {
        continue;
      }
      for (const p of await walk(root, token)) {
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'simulate cancelled');
        const d = await diskFile(p);
        if (d?.entry.file) byUri.set(d.uri, d.entry.file);
      }
    }
    // Open documents win over their disk copy (unsaved edits).
    for (const doc of documents.all()) {
      if (doc.languageId !== 'yaml' && !isYamlUri(doc.uri)) continue;
      const file = deps.fileFor(doc);
      if (RELEVANT.test(file.text) || byUri.has(doc.uri)) byUri.set(doc.uri, file);
      else byUri.delete(doc.uri);
    }
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'simulate cancelled');
    const uris = [...byUri.keys()].sort();
    const files = uris.map((u) => byUri.get(u)!);
    // Parsed files are immutable and replaced on change: identity says "unchanged".
    const key = JSON.stringify([params.schedulerVersion, params.detail, params.detailFor, params.seed, params.whatIf]);
    if (last && last.key === key && last.files.length === files.length && files.every((f, i) => last!.files[i] === f)) return last.result;
    const report = await simulateInSlices(files, { schedulerVersion: params.schedulerVersion, detail: params.detail, detailFor: params.detailFor, seed: params.seed, whatIf: params.whatIf }, stop);
    if (report === 'cancelled') return new ResponseError(LSPErrorCodes.RequestCancelled, 'simulate cancelled');
    if (report === 'superseded') return new ResponseError(LSPErrorCodes.ServerCancelled, 'simulate superseded by a newer podsight/simulate request');
    const result: SimulateResult = { ...report, files: uris };
    last = { key, files, result };
    return result;
  }

  // One simulation at a time: a newer request supersedes the running one (the preview asks
  // again after every edit; sliced simulations would otherwise pile up).
  let latest = 0;
  connection.onRequest(SIMULATE_REQUEST, async (params: SimulateParams | null, token: CancellationToken) => {
    const problem = checkSimulateParams(params ?? {});
    if (problem) return new ResponseError(ErrorCodes.InvalidParams, `podsight/simulate: ${problem}`);
    const mine = ++latest;
    const stop = (): Stop | undefined => (token.isCancellationRequested ? 'cancelled' : mine !== latest ? 'superseded' : undefined);
    try {
      return await simulateWorkspace(params ?? {}, token, stop);
    } catch (err) {
      if (err instanceof AnswerTooLarge) return new ResponseError(LSPErrorCodes.RequestFailed, `podsight: ${err.message}`);
      connection.console.error(`podsight: simulate failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return new ResponseError(ErrorCodes.InternalError, 'podsight: simulate failed');
    }
  });

  const notifySoon = (uri: string) => {
    if (!asked || (!isYamlUri(uri) && documents.get(uri)?.languageId !== 'yaml')) return;
    changed.add(uri);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const uris = [...changed];
      changed.clear();
      void connection.sendNotification(SIMULATION_CHANGED_NOTIFICATION, { uris });
    }, deps.notifyDelayMs ?? 300);
  };
  const subs = [documents.onDidChangeContent((e) => notifySoon(e.document.uri)), documents.onDidClose((e) => notifySoon(e.document.uri))];

  return {
    invalidate(uri?: string) {
      if (uri) disk.delete(uri);
      else disk.clear();
      last = undefined;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      for (const s of subs) s.dispose();
    },
  };
}
