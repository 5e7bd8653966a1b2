/**
 * The scheduler simulator's model: Nodes and Pods as the plugins read them (labels, taints,
 * resource vectors as numbers, compiled selectors), statuses with upstream codes, and options.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Labels, NodeSelector, NodeSelectorTerm, Selector } from './labels';
import type { Taint, Toleration } from './tolerations';
import type { PlainObject } from '../model/plain';
import type { PodVolumes } from './volumes';

export type SchedulerVersion = '1.33' | '1.34' | '1.35';
export const SCHEDULER_VERSIONS: readonly SchedulerVersion[] = ['1.33', '1.34', '1.35'];
export const DEFAULT_SCHEDULER_VERSION: SchedulerVersion = '1.35';

export interface SourceLocation {
  uri: string;
  range: Range;
}

/** Upstream status codes that matter to the message and to preemption. */
export const UNSCHEDULABLE = 1;
export const UNRESOLVABLE = 2;
export type StatusCode = typeof UNSCHEDULABLE | typeof UNRESOLVABLE;

export interface Status {
  plugin: string;
  code: StatusCode;
  reasons: string[];
}

export function status(plugin: string, code: StatusCode, ...reasons: string[]): Status {
  return { plugin, code, reasons };
}

export interface ImageState {
  size: number;
  numNodes: number;
}

export interface SimNode {
  index: number;
  name: string;
  labels: Labels;
  labelCount: number;
  taints: Taint[];
  /** Has NoSchedule/NoExecute taints (TaintToleration filter work). */
  hardTaints: boolean;
  /** Number of PreferNoSchedule taints. */
  preferTaints: number;
  unschedulable: boolean;
  /** Allocatable per resource index (see Resources). */
  alloc: Float64Array;
  /** Real requests of the Pods on the node. */
  requested: Float64Array;
  nonZeroCpu: number;
  nonZeroMem: number;
  pods: SimPod[];
  /** hostIP → "PROTO/port" → count. */
  ports: Map<string, Map<string, number>> | null;
  /** Image name (as listed in status.images) → state. */
  images: Map<string, ImageState> | null;
  source?: SourceLocation;
  /** Defaults applied when reading the manifest, for display. */
  defaults: string[];
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The Node's own namespaces and files a Pod uses (hostNetwork, hostPID, hostIPC, hostPath). */
export interface HostUse {
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  /** hostPath volumes that containers mount: read-only when every mount of it is. */
  hostPaths: Array<{ path: string; volume: string; readOnly: boolean; containers: string[] }>;
}

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

export interface AffinityTerm {
  /** Namespaces listed, or the owner's namespace when neither namespaces nor a selector is set. */
  namespaces: Set<string>;
  namespaceSelector: Selector;
  selector: Selector;
  topologyKey: string;
  /** Identity of what the term matches (without the topology key). */
  matchSig: string;
  /** Identity including the topology key. */
  sig: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PreferredNodeTerm {
  weight: number;
  term: NodeSelectorTerm;
}

export interface WorkloadRef {
  kind: string;
  name: string;
  namespace: string;
  /** Replica index, ordinal, or the Node a DaemonSet Pod is for. */
  replica?: number | string;
}

export type PodStatus = 'scheduled' | 'pinned' | 'unschedulable' | 'gated' | 'ignored' | 'rejected' | 'preempted';

export interface SimPod {
  /** Workspace order. */
  index: number;
  key: string;
  name: string;
  namespace: string;
  labels: Labels;
  priority: number;
  priorityClassName?: string;
  preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  /** `spec.nodeName` (pinned Pods). */
  nodeName?: string;
  schedulerName: string;
  schedulingGates: string[];
  phase?: string;
  /** An extra replica of the capacity question: queued after everything else, one at a time. */
  held?: boolean;
  /** Evicted by a what-if drain and not recreated (a bare Pod): why. */
  evicted?: string;
  /**
   * `status.nominatedNodeName`: tried first, alone (evaluateNominatedNode), and reserved against
   * Pods of lower or equal priority until this Pod's own cycle (RunFilterPluginsWithNominatedPods).
   */
  nominatedNodeName?: string;
  tolerations: Toleration[];
  nodeSelector: Labels | null;
  /** Required node affinity; undefined when absent. */
  requiredNodeAffinity?: NodeSelector;
  /**
   * NodeAffinity's PreFilterResult: the union over required terms of their `metadata.name In`
   * names, when every term has such a field requirement (empty set: conflicting terms).
   */
  affinityNodeNames?: Set<string>;
  preferredNodeTerms: PreferredNodeTerm[];
  hasPreferredNodeAffinity: boolean;
  /** Signature of nodeSelector + required affinity (for caches). */
  nodeAffinitySig: string;
  /** Real requests per resource index (sparse) and their flags. */
  req: Array<[number, number]>;
  reqCpu: number;
  reqMem: number;
  reqEph: number;
  /** Any non-zero scalar (extended, hugepages) request, or any scalar key at all. */
  hasScalarKeys: boolean;
  nonZeroCpu: number;
  nonZeroMem: number;
  hostPorts: HostPort[];
  /** hostNetwork / hostPID / hostIPC / hostPath volumes; undefined when none. */
  host?: HostUse;
  /** `spec.overhead` as admitted, per resource (cpu in millicores); counted in `req` too. */
  overhead?: Record<string, number>;
  /** Own constraints (undefined = none declared, so system defaults may apply). */
  spreadConstraints?: SpreadConstraint[];
  /** Selector for the system default constraints (empty → none). */
  defaultSpreadSelector: Selector;
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** Normalized images of init + regular containers. */
  images: string[];
  containerCount: number;
  hasResourceClaims: boolean;
  hasVolumeClaims: boolean;
  /** The claims and in-line disks the volume plugins read (undefined: none). */
  volumes?: PodVolumes;
  source?: SourceLocation;
  workload?: WorkloadRef;
  /** Admission or API problems that stop the Pod from existing (status `rejected`). */
  rejected?: string;
  warnings: string[];
  /** Where the Pod is (placed or pinned). */
  node: SimNode | null;
}

export type DetailLevel = 'full' | 'summary' | 'auto';

export interface WhatIf {
  /**
   * Node names to cordon (spec.unschedulable: true), as `kubectl cordon` does: the Pods that
   * would run there without it stay; only new placements avoid the Node.
   */
  cordon?: string[];
  /**
   * Node names to drain, as `kubectl drain --ignore-daemonsets --force`: cordoned, and the Pods
   * on them evicted — recreated elsewhere when a controller owns them, deleted when bare;
   * DaemonSet Pods stay.
   */
  drain?: string[];
  /** Copies of a Node to add (a node pool grown), keyed by Node name: `<name>-copy-1` … */
  copies?: Record<string, number>;
  /** Node names to treat as schedulable even when the manifest cordons them. */
  uncordon?: string[];
  /** Node names to leave out. */
  remove?: string[];
  /** Replica counts by workload, keyed `Kind/namespace/name` (e.g. `Deployment/shop/api`). */
  replicas?: Record<string, number>;
}

/**
 * What kube-apiserver makes of a Pod before the scheduler sees it (the create path: defaults,
 * LimitRange defaults, priority, RuntimeClass overhead), or why it refuses it. `spec` replaces
 * the Pod's spec; `rejected` keeps the Pod out of the queue with the API server's words.
 */
export interface PodAdmission {
  spec?: PlainObject;
  rejected?: string;
}

/** The Pod as the workspace writes it (a manifest, or one a workload's controller creates). */
export interface PodAdmissionInput {
  source: SourceLocation;
  /** The Pod was read from a cluster (`kubectl get -o yaml`): it exists, nothing creates it. */
  existing?: boolean;
  /** Set for Pods a workload's controller creates from its template. */
  workload?: { kind: string; name: string; namespace: string };
  name?: string;
  generateName?: string;
  namespace: string;
  labels: Labels;
  /** The Pod's spec; replicas of one template share the object. */
  spec: PlainObject;
  /** `metadata.annotations` of the Pod or the template (admission reads some). */
  annotations?: Record<string, string>;
}

/**
 * "How many more replicas of this workload fit, and what stops the next one?" After every other
 * Pod is scheduled, replicas of the workload are added one at a time (as a scale-up adds them,
 * behind the Pods already there) until one fits nowhere or `max` more were placed.
 */
export interface CapacityQuestion {
  /** `Kind/namespace/name`, e.g. `Deployment/shop/web`. */
  workload: string;
  /** Most extra replicas to try (default 1,000). */
  max?: number;
}

export interface CapacityAnswer {
  workload: string;
  /** Replicas the workload asks for now (its spec, or the what-if). */
  current: number;
  /** Extra replicas that were placed, one after the other. */
  fit: number;
  /** Extra replicas tried: `fit`, plus the one that did not fit. */
  tried: number;
  max: number;
  /** The first extra replica that fits nowhere, with kube-scheduler's message. */
  blocker?: { pod: string; message: string };
  /** Why the question could not be asked (no such workload, one without replicas …). */
  problem?: string;
}

export interface SimulateOptions {
  /**
   * Pods (`namespace/name`) bound to a Node before scheduling, as if running there (the Pods a
   * cordoned Node keeps; set by the simulation itself from a run without the cordon).
   */
  runningOn?: ReadonlyMap<string, string>;
  /** Ask how many more replicas of one workload fit (see CapacityQuestion). */
  capacity?: CapacityQuestion;
  /**
   * The API server's admission of each Pod before it is queued (the façade supplies the create
   * path over the declared workspace). Without it Pods are taken as written, with the
   * scheduler's own Priority, RuntimeClass and DefaultTolerationSeconds admission.
   */
  admit?: (pod: PodAdmissionInput) => PodAdmission | undefined;
  schedulerVersion?: SchedulerVersion;
  /**
   * percentageOfNodesToScore: undefined or 0 is kube-scheduler's adaptive default (on clusters
   * of 100 Nodes or more, stop after max(100, N·(50 − N/125)%) feasible Nodes, starting where
   * the last Pod stopped); 100 evaluates every Node (complete per-Node tables); 1–99 a fixed
   * percentage.
   */
  percentageOfNodesToScore?: number;
  /** Seed for tie-breaking among equally scored Nodes. */
  seed?: number;
  /** How much per-Node detail to keep: `auto` keeps it all up to 250,000 Pod×Node pairs. */
  detail?: DetailLevel;
  /** Pods (`namespace/name`) whose per-Node detail is kept whatever `detail` says. */
  detailFor?: string[];
  /** `full` keeps every Pod's per-Node detail only up to this many Pod × Node pairs (then summary, with a note). */
  maxDetailPairs?: number;
  /** Add `kubernetes.io/hostname` to Nodes that lack it (as the kubelet would). Default true. */
  defaultHostnameLabel?: boolean;
  whatIf?: WhatIf;
  /**
   * The workspace declares the whole cluster (`podsight.workspace.isWholeCluster`): a claim,
   * PersistentVolume or StorageClass it does not declare does not exist. Otherwise one is missing
   * only where the workspace declares others of its kind (the closed-world rule), and a reference
   * to one it declares none of is taken as satisfied, with a warning on the Pod.
   */
  isWholeCluster?: boolean;
  /** Upper bound on Pods (manifests plus workload replicas, which are counted past it, not made); default 200,000. */
  maxPods?: number;
}

export const PLUGIN = {
  NodeUnschedulable: 'NodeUnschedulable',
  NodeName: 'NodeName',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  ImageLocality: 'ImageLocality',
  DefaultPreemption: 'DefaultPreemption',
  DynamicResources: 'DynamicResources',
  VolumeRestrictions: 'VolumeRestrictions',
  NodeVolumeLimits: 'NodeVolumeLimits',
  VolumeBinding: 'VolumeBinding',
  VolumeZone: 'VolumeZone',
} as const;

/** Score plugins in profile order with their weights. */
export const SCORE_PLUGINS: ReadonlyArray<{ name: string; weight: number }> = [
  { name: PLUGIN.TaintToleration, weight: 3 },
  { name: PLUGIN.NodeAffinity, weight: 2 },
  { name: PLUGIN.NodeResourcesFit, weight: 1 },
  { name: PLUGIN.PodTopologySpread, weight: 2 },
  { name: PLUGIN.InterPodAffinity, weight: 2 },
  { name: PLUGIN.NodeResourcesBalancedAllocation, weight: 1 },
  { name: PLUGIN.ImageLocality, weight: 1 },
];

export const MAX_NODE_SCORE = 100;
