/**
 * The one place where custom requests and notifications between the extension client and the
 * language server are declared. Both sides import this file.
 */

/** Settings section the server reads from the client. */
export const CONFIGURATION_SECTION = 'podsight';

/** Initialization options the client passes to the server. */
export interface PodsightInitializationOptions {
  /** URL of the bundled rule documentation (docs/rules.md), used for diagnostics' links. */
  rulesDocUrl?: string;
  /** Command id that opens the scheduling preview; the server then offers it as a code lens. */
  previewCommand?: string;
  /** Command id that opens "Preview as stored"; the server then offers it as a code lens. */
  storedCommand?: string;
}

/**
 * `podsight/storedObject`: the object at a position as kube-apiserver would store it on create
 * (defaults, the admission plugins against the declared workspace, PrepareForCreate), as the
 * YAML `kubectl get -o yaml` prints; null outside a Pod, Node or workload. The document is an
 * open one, or else a manifest of the workspace on disk; any other URI is answered with an
 * InvalidParams error that says so.
 */
export const STORED_OBJECT_REQUEST = 'podsight/storedObject';
export interface StoredObjectParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}
export interface StoredObjectResult {
  yaml: string;
  kind: string;
  name: string;
  /**
   * Set when kube-apiserver would refuse to create the object (the document does not parse, or
   * decoding, field validation or admission rejects it): the reasons, in its words. `yaml` then
   * opens with them as comments, above what it would store once they are fixed.
   */
  rejected?: string[];
}
/** The command that opens the read-only "Preview as stored" document (args: uri, position). */
export const STORED_COMMAND = 'podsight.previewStored';
/** URI scheme of the read-only stored-object documents. */
export const STORED_SCHEME = 'podsight-stored';

/** `podsight/serverStats`: process statistics, for benchmarks and troubleshooting. */
export const SERVER_STATS_REQUEST = 'podsight/serverStats';
export interface ServerStats {
  heapUsedMB: number;
  rssMB: number;
  openDocuments: number;
  /** Full collections run after work on large documents, once idle (lsp/idleCollect.ts). */
  idleCollections: number;
  /** Files the workspace model holds (open documents and manifests read from disk). */
  workspaceFiles: number;
}

/**
 * `podsight/simulate`: the scheduling simulation of the workspace — every open document plus
 * the *.yaml/*.yml files under the workspace folders — with the JSON shape of
 * `podsight schedule --format json` (Pods by `namespace/name`, per-Node filters and scores,
 * Node usage after placement, and source locations to reveal).
 */
export const SIMULATE_REQUEST = 'podsight/simulate';

export interface SimulateParams {
  schedulerVersion?: '1.33' | '1.34' | '1.35';
  /** Per-Node detail: `auto` (default) keeps it all up to 250,000 Pod×Node pairs. */
  detail?: 'full' | 'summary' | 'auto';
  /** Pods (`namespace/name`) whose per-Node detail is wanted whatever `detail` says (the preview: the selected Pod). */
  detailFor?: string[];
  /** Seed for breaking ties between equally scored Nodes. */
  seed?: number;
  /**
   * Evaluate every Node for every Pod. Default: kube-scheduler's own node sampling
   * (percentageOfNodesToScore adaptive: on clusters over 100 Nodes the search stops after
   * max(100, N·(50 − N/125) %) feasible Nodes, continuing where the last Pod stopped).
   */
  allNodes?: boolean;
  /**
   * "How many more replicas of this workload fit, and what stops the next one?" (`Kind/namespace/name`;
   * at most SIMULATE_LIMITS.maxCapacity extra replicas tried). The answer is the result's `capacity`.
   */
  capacity?: { workload: string; max?: number };
  /** What-if changes that leave the files alone (bounded: SIMULATE_LIMITS). */
  whatIf?: {
    /** Cordoned as `kubectl cordon`: what runs there stays, nothing new lands. */
    cordon?: string[];
    uncordon?: string[];
    /** Drained as `kubectl drain --ignore-daemonsets --force`: evicted, recreated elsewhere or deleted. */
    drain?: string[];
    remove?: string[];
    /** Copies of a Node to add (its pool grown), keyed by Node name. */
    copies?: Record<string, number>;
    /** Replica counts keyed `Kind/namespace/name`, e.g. `Deployment/shop/api`. */
    replicas?: Record<string, number>;
  };
}

/**
 * Bounds on a `podsight/simulate` request; past them the server answers InvalidParams with a
 * one-line reason. They keep one request's work and answer proportionate to a real cluster.
 */
export const SIMULATE_LIMITS = {
  /** Replicas per workload in `whatIf.replicas` (the simulation's Pod limit). */
  maxReplicas: 200_000,
  /** Entries in each what-if list (`cordon`, `uncordon`, `drain`, `remove`) and in `whatIf.replicas` and `whatIf.copies`. */
  maxWhatIfEntries: 10_000,
  /** Copies of one Node in `whatIf.copies`, and of all of them together. */
  maxCopies: 5_000,
  /** Extra replicas a capacity question tries. */
  maxCapacity: 10_000,
  /** Pods in `detailFor` (each one's per-Node detail is as large as the cluster). */
  maxDetailFor: 16,
  /** Characters of a name in those lists. */
  maxNameLength: 1024,
} as const;

export type SimulateResult = import('./service').ScheduleReport & {
  /** URIs of the files the simulation read, in the order it read them. */
  files: string[];
};

/**
 * `podsight/simulationChanged` (server → client): a document feeding the simulation changed
 * (debounced); a client showing the simulation asks again. Changes on disk are not announced:
 * a client re-asks on its own file-system events, and the server answers a request with every
 * workspace/didChangeWatchedFiles event it received before it applied.
 */
export const SIMULATION_CHANGED_NOTIFICATION = 'podsight/simulationChanged';
export interface SimulationChangedParams {
  uris: string[];
}

// ---------------------------------------------------------------------------------------------
// Scheduling preview webview ↔ extension host messages. The webview (client/webview/, a browser
// program) and the panel host (client/src/preview/) both import these; each side checks what it
// receives with the guards below before acting on it.
// ---------------------------------------------------------------------------------------------

/** The webview panel's view type (also `onWebviewPanel:` activation and the serializer). */
export const PREVIEW_VIEW_TYPE = 'podsight.preview';
/** The command that opens (or reveals) the scheduling preview. */
export const PREVIEW_COMMAND = 'podsight.previewScheduling';

/** The argument of PREVIEW_COMMAND from a Node's code lens: open the preview on that Node. */
export interface PreviewFocus {
  focusNode: string;
}

export function isPreviewFocus(x: unknown): x is PreviewFocus {
  return isObj(x) && typeof x.focusNode === 'string' && x.focusNode.length <= 1024;
}

/** What-if changes applied by the preview without touching files. */
export type PreviewWhatIf = NonNullable<SimulateParams['whatIf']>;

/** Host → webview. */
export type HostToWebviewMessage =
  /** `focus`: the Node to bring into view and focus (the Node lens's click: PREVIEW_COMMAND with a PreviewFocus). */
  | { type: 'result'; result: SimulateResult; whatIf: PreviewWhatIf; focus?: PreviewFocus }
  | { type: 'loading' }
  | { type: 'error'; message: string };

/** Webview → host. Pods and Nodes are named, never located: the host looks the range up itself. */
export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'reveal'; target: 'pod' | 'node'; name: string }
  /** The Pod whose detail is shown (null: none); the host asks for its per-Node detail. */
  | { type: 'select'; pod: string | null }
  | { type: 'openSampleNodes' }
  | { type: 'whatIf'; whatIf: PreviewWhatIf }
  /** Ask how many more replicas of a workload fit (null: stop asking). */
  | { type: 'capacity'; workload: string | null };

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

/** Checks a what-if object (only the known keys, each well-typed). */
export function isPreviewWhatIf(x: unknown): x is PreviewWhatIf {
  if (!isObj(x)) return false;
  for (const [k, v] of Object.entries(x)) {
    if (k === 'cordon' || k === 'uncordon' || k === 'remove' || k === 'drain') {
      if (v !== undefined && !isStringArray(v)) return false;
    } else if (k === 'replicas' || k === 'copies') {
      if (v === undefined) continue;
      if (!isObj(v)) return false;
      for (const n of Object.values(v)) if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return false;
    } else return false;
  }
  return true;
}

/** Checks a message received by the host from the webview. */
export function isWebviewToHostMessage(x: unknown): x is WebviewToHostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'refresh':
    case 'openSampleNodes':
      return true;
    case 'reveal':
      return (x.target === 'pod' || x.target === 'node') && typeof x.name === 'string' && x.name.length <= 1024;
    case 'select':
      return x.pod === null || (typeof x.pod === 'string' && x.pod.length <= 1024);
    case 'capacity':
      return x.workload === null || (typeof x.workload === 'string' && x.workload.length <= 1024);
    case 'whatIf':
      return isPreviewWhatIf(x.whatIf);
    default:
      return false;
  }
}

/** Checks a message received by the webview from the host (the shape the webview relies on). */
export function isHostToWebviewMessage(x: unknown): x is HostToWebviewMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'loading':
      return true;
    case 'error':
      return typeof x.message === 'string';
    case 'result': {
      const r = x.result;
      if (!isObj(r) || !Array.isArray(r.nodes) || !Array.isArray(r.pods) || !isObj(r.summary) || !isPreviewWhatIf(x.whatIf)) return false;
      if (x.focus !== undefined && !isPreviewFocus(x.focus)) return false;
      const nodesOk = r.nodes.every(
        (n) => isObj(n) && typeof n.name === 'string' && isObj(n.labels) && Array.isArray(n.taints) && isObj(n.allocatable) && isObj(n.requested) && isStringArray(n.pods),
      );
      const podsOk = r.pods.every(
        (p) => isObj(p) && typeof p.name === 'string' && typeof p.status === 'string' && (p.node === null || typeof p.node === 'string') && isObj(p.filters) && isObj(p.scores),
      );
      return nodesOk && podsOk;
    }
    default:
      return false;
  }
}

// The one escaper of every human-readable output (service/util/escape.ts, pure and without
// imports), for the webview's text nodes: the client imports nothing of the server but this file.
export { escapeText } from './service/util/escape';
