/**
 * The simulation the Node manifest's lens, hovers, inlay hints and label completion read: the
 * workspace as it is (no what-if, the create path admitting each Pod), with kube-scheduler's own
 * node sampling or every Node evaluated as `podsight.schedule.evaluateAllNodes` says (the
 * preview's setting, read by the preview without a scope: the workspace's), the same run the
 * preview starts from. It is kept until a file of the workspace or a declaration
 * changes (parsed files are replaced on change, so identity says "unchanged"), run in slices
 * like podsight/simulate, and one run serves every request that waits meanwhile. The engine
 * keeps its Node facts per result (service: nodeFactsOf).
 *
 * After a change the editor is asked to refresh code lenses and inlay hints (debounced), once
 * it has asked for the Node facts at least once.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ManifestFile, PodsightService, SimulationResult } from '../service';
import { runInSlices } from './slicedSimulation';
import { isYamlDocument, type ServerWorkspace } from './workspace';

export interface NodeSimulationDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: ServerWorkspace;
  service: () => PodsightService;
  /** Delay of the refresh after a change (default 300 ms, the preview's). */
  refreshDelayMs?: number;
}

export interface NodeSimulation {
  /**
   * The simulation of the workspace as it is now (cached while nothing changed); `allNodes`:
   * every Node evaluated (podsight.schedule.evaluateAllNodes), else kube-scheduler's sampling.
   */
  current(allNodes?: boolean): Promise<SimulationResult>;
  /**
   * The last result of that mode even if the workspace changed since (label completion in a
   * Node being typed must not wait for a run per keystroke; the Pods' labels rarely change
   * meanwhile), else current().
   */
  latest(allNodes?: boolean): Promise<SimulationResult>;
  /** Whether a file's Node-facts features need the simulation (it declares a Node, or uses host namespaces, ports or paths). */
  wanted(file: ManifestFile): boolean;
  /** A file changed on disk (the watcher): refresh lenses and hints soon. */
  changedOnDisk(): void;
  dispose(): void;
}

function holdsObjects(file: ManifestFile): boolean {
  return file.documents.some((d) => d.doc.objects.length > 0);
}

const HOST_WORDS = /\bhost(?:Network|Port|Path|PID|IPC)\b/;
/** Per parsed file (replaced on change): whether it needs the simulation. */
const wantedCache = new WeakMap<ManifestFile, boolean>();

export function createNodeSimulation(deps: NodeSimulationDeps): NodeSimulation {
  let last: { files: ManifestFile[]; generation: string; allNodes: boolean; result: SimulationResult } | undefined;
  let running: { files: ManifestFile[]; generation: string; allNodes: boolean; promise: Promise<SimulationResult> } | undefined;
  let asked = false;
  let timer: NodeJS.Timeout | undefined;

  const same = (a: readonly ManifestFile[], b: readonly ManifestFile[]) => a.length === b.length && a.every((f, i) => f === b[i]);

  async function current(allNodes = false): Promise<SimulationResult> {
    asked = true;
    const files = (await deps.workspace.files()).filter(holdsObjects);
    const generation = deps.workspace.reachGeneration;
    if (last && last.generation === generation && last.allNodes === allNodes && same(last.files, files)) return last.result;
    if (running && running.generation === generation && running.allNodes === allNodes && same(running.files, files)) return running.promise;
    const service = deps.service();
    const promise = (async () => {
      // percentageOfNodesToScore 100: what podsight/simulate runs for the preview with allNodes.
      const result = await runInSlices(files, { admit: service.schedulingAdmission(files), ...(allNodes ? { percentageOfNodesToScore: 100 } : {}) }, () => undefined);
      if (typeof result === 'string') throw new Error(`node simulation stopped: ${result}`);
      last = { files, generation, allNodes, result };
      return result;
    })();
    running = { files, generation, allNodes, promise };
    try {
      return await promise;
    } finally {
      if (running?.promise === promise) running = undefined;
    }
  }

  const refreshSoon = () => {
    if (!asked) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      deps.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      deps.connection.languages.inlayHint.refresh().catch(() => undefined);
    }, deps.refreshDelayMs ?? 300);
  };
  const onDoc = (doc: TextDocument) => {
    if (isYamlDocument(doc)) refreshSoon();
  };
  const subs = [deps.documents.onDidChangeContent((e) => onDoc(e.document)), deps.documents.onDidClose((e) => onDoc(e.document))];

  return {
    current,
    latest(allNodes = false) {
      return last && last.allNodes === allNodes ? Promise.resolve(last.result) : current(allNodes);
    },
    wanted(file) {
      let w = wantedCache.get(file);
      if (w === undefined) wantedCache.set(file, (w = file.documents.some((d) => d.doc.objects.some((o) => o.kind === 'Node')) || HOST_WORDS.test(file.text)));
      return w;
    },
    changedOnDisk: refreshSoon,
    dispose() {
      if (timer) clearTimeout(timer);
      for (const s of subs) s.dispose();
    },
  };
}
