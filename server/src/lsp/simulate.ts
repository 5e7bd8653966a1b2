/**
 * The `podsight/simulate` request: the scheduling simulation over the workspace (lsp/workspace.ts:
 * open documents at their current version, files on disk otherwise). Each document's objects
 * are cached on the parsed document, and an identical request over unchanged inputs is answered
 * from memory, so asking again after an edit costs one re-parse of the edited document and one
 * simulation, run in slices between event-loop turns (slicedSimulation.ts).
 *
 * After a content change of an open YAML document the server sends
 * `podsight/simulationChanged` (debounced) once a client has asked for a simulation.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ManifestFile, PodsightService } from '../service';
import { holdsSchedulingObjects } from '../service';
import { SIMULATE_REQUEST, SIMULATION_CHANGED_NOTIFICATION, type SimulateParams, type SimulateResult } from '../protocol';
import { AnswerTooLarge, checkSimulateParams, simulateInSlices, type Stop } from './slicedSimulation';
import { isYamlDocument, type ServerWorkspace } from './workspace';

export interface SimulateDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: ServerWorkspace;
  /** The engine, whose create path admits each Pod before it is scheduled. */
  service: () => PodsightService;
  /** Delay of the change notification (default 300 ms). */
  notifyDelayMs?: number;
}

export interface SimulateHandler {
  /** Forgets the last answer (the next request simulates again). */
  invalidate(): void;
  dispose(): void;
}

/** Files with a Pod, Node or workload, or a document that failed to parse into one. */
function holdsObjects(file: ManifestFile): boolean {
  // The simulation's own kinds too: a file of PersistentVolumes or CSINodes holds no validated object.
  return file.documents.some((d) => d.doc.objects.length > 0) || file.tooLarge !== undefined || holdsSchedulingObjects(file);
}

export function registerSimulate(deps: SimulateDeps): SimulateHandler {
  const { connection, documents } = deps;
  let asked = false;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  let last: { key: string; files: ManifestFile[]; result: SimulateResult } | undefined;

  async function simulateWorkspace(params: SimulateParams, token: CancellationToken, stop: () => Stop | undefined): Promise<SimulateResult | ResponseError<void>> {
    asked = true;
    // Only files that hold something the simulation reads: the model also holds other manifests.
    const files = (await deps.workspace.files()).filter(holdsObjects);
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'simulate cancelled');
    // Parsed files are immutable and replaced on change: identity says "unchanged".
    // The declarations' generation too: a LimitRange or PriorityClass edit changes admission;
    // the Services and NetworkPolicies of the workspace appear in the Pod entries.
    const service = deps.service();
    const key = JSON.stringify([params.schedulerVersion, params.detail, params.detailFor, params.seed, params.whatIf, params.allNodes === true, params.capacity, deps.workspace.reachGeneration]);
    if (last && last.key === key && last.files.length === files.length && files.every((f, i) => last!.files[i] === f)) return last.result;
    const report = await simulateInSlices(
      files,
      { schedulerVersion: params.schedulerVersion, detail: params.detail, detailFor: params.detailFor, seed: params.seed, whatIf: params.whatIf, admit: service.schedulingAdmission(files), ...(params.capacity ? { capacity: { workload: params.capacity.workload, max: params.capacity.max ?? 1000 } } : {}), ...(params.allNodes === true ? { percentageOfNodesToScore: 100 } : {}) },
      stop,
      {},
      deps.workspace.reachLookup(),
    );
    if (report === 'cancelled') return new ResponseError(LSPErrorCodes.RequestCancelled, 'simulate cancelled');
    if (report === 'superseded') return new ResponseError(LSPErrorCodes.ServerCancelled, 'simulate superseded by a newer podsight/simulate request');
    const result: SimulateResult = { ...report, files: files.map((f) => f.uri) };
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

  const notifySoon = (doc: TextDocument) => {
    if (!asked || !isYamlDocument(doc)) return;
    const uri = doc.uri;
    changed.add(uri);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const uris = [...changed];
      changed.clear();
      void connection.sendNotification(SIMULATION_CHANGED_NOTIFICATION, { uris });
    }, deps.notifyDelayMs ?? 300);
  };
  const subs = [documents.onDidChangeContent((e) => notifySoon(e.document)), documents.onDidClose((e) => notifySoon(e.document))];

  return {
    invalidate() {
      last = undefined;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      for (const s of subs) s.dispose();
    },
  };
}
