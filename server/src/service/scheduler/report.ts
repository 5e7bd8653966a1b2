/**
 * The simulation as data: the JSON shape of `podsight schedule --format json` and of the
 * `podsight/simulate` request (DESIGN.md: version, nodes, pods[].name `namespace/name`, node,
 * message, feasible, filters, scores; more fields are added freely).
 *
 * Units: cpu in millicores, every other resource in whole units (bytes for memory,
 * ephemeral-storage and hugepages; counts for pods and extended resources).
 */
import type { AttemptRecord, SimulationResult, PodResult } from './framework';
import { nodeSharing, sharesAnything, type NodeSharing } from './nodeSharing';
import { SCORE_PLUGINS, type CapacityAnswer, type PodStatus, type SimNode, type SourceLocation } from './types';

export interface ReportTaint {
  key: string;
  value: string;
  effect: string;
}

export interface ReportNode {
  name: string;
  labels: Record<string, string>;
  taints: ReportTaint[];
  unschedulable: boolean;
  /** Allocatable per resource (cpu in millicores). */
  allocatable: Record<string, number>;
  /** Requested by the Pods on the Node after placement (cpu in millicores). */
  requested: Record<string, number>;
  /** Pods on the Node (`namespace/name`), pinned and scheduled, in placement order. */
  pods: string[];
  /** Allocatable minus requested, per resource (negative when Pods bound by `nodeName` overcommit it). */
  headroom: Record<string, number>;
  /** The Pods' `spec.overhead` (RuntimeClass), summed; counted in `requested` too. Omitted when none. */
  overhead?: Record<string, number>;
  /** What the Pods on the Node share of the Node (hostNetwork, host ports, hostPath, hostPID, hostIPC); omitted when nothing. */
  sharing?: NodeSharing;
  source?: SourceLocation;
  /** Defaults applied to the manifest (missing allocatable, hostname label …). */
  defaults?: string[];
}

export interface ReportScores {
  [plugin: string]: number;
  total: number;
}

export interface ReportPod {
  /** `namespace/name`. */
  name: string;
  namespace: string;
  podName: string;
  /** The Pod's labels (omitted when it has none): the preview's search matches `key=value` on them. */
  labels?: Record<string, string>;
  status: PodStatus;
  node: string | null;
  /** The scheduler's message when the Pod fits nowhere; otherwise why it was not scheduled. */
  message?: string;
  priority: number;
  /** Feasible Nodes of the last attempt (omitted in summary detail; see feasibleCount). */
  feasible?: string[];
  feasibleCount: number;
  /**
   * Per Node: the filter reason(s), or null when the Node passed. Nodes not evaluated are
   * absent; empty when per-Node detail was not kept for the Pod (see filterReasons).
   */
  filters: Record<string, string | null>;
  /** Per rejected Node: the plugin that rejected it (with `filters`). */
  filterPlugins: Record<string, string>;
  /**
   * An unschedulable Pod without per-Node detail (summary): how many Nodes gave each reason,
   * the counts of the scheduler's message (`0/N nodes are available: <count> <reason>, …`).
   */
  filterReasons?: Record<string, number>;
  /** Per feasible Node: each score plugin's normalized score (0–100) and the weighted total. */
  scores: Record<string, ReportScores>;
  /** Score plugins that were skipped for this Pod (they add nothing). */
  skippedScorePlugins?: string[];
  /** Nodes with the same highest total (the first 100); the simulator picked one by its seed. */
  ties?: string[];
  /** How many Nodes share the highest total. */
  tieCount?: number;
  attempts: number;
  queuePosition?: number;
  workload?: { kind: string; name: string; namespace: string; replica?: number | string };
  preemption?: { node: string; victims: string[]; message: string };
  preemptedBy?: string;
  /** `status.nominatedNodeName` as written; `nominated` when the Pod went there, tried first and alone. */
  nominatedNodeName?: string;
  nominated?: boolean;
  /** An extra replica placed (or not) to answer a capacity question, not a Pod the workspace asks for. */
  capacityProbe?: boolean;
  warnings?: string[];
  source?: SourceLocation;
  /** The Services of the workspace that select the Pod (its namespace, its labels), when the workspace declares Services or NetworkPolicies. */
  services?: Array<{ name: string; type: string; ports: string[] }>;
  /** The NetworkPolicies that select the Pod, with their policy types. */
  networkPolicies?: Array<{ name: string; policyTypes: string[] }>;
}

/** Who selects a Pod of a namespace with these labels (undefined: the workspace declares no Service or NetworkPolicy). */
export type PodReachLookup = (namespace: string, labels: Record<string, string>) => Pick<ReportPod, 'services' | 'networkPolicies'> | undefined;

export interface ReportOptions {
  reach?: PodReachLookup;
}

export interface ScheduleReport {
  version: 1;
  schedulerVersion: string;
  /** `full`: per-Node filters and scores for every Pod; `summary`: the chosen Node's scores only. */
  detail: 'full' | 'summary';
  weights: Record<string, number>;
  resources: string[];
  summary: Record<PodStatus | 'nodes' | 'pods', number>;
  notes: string[];
  /** The answer to a capacity question (`--capacity`): how many more replicas fit, what stops the next. */
  capacity?: CapacityAnswer;
  nodes: ReportNode[];
  pods: ReportPod[];
}

export const SCORE_WEIGHTS: Record<string, number> = Object.fromEntries(SCORE_PLUGINS.map((p) => [p.name, p.weight]));

function resourceMap(resources: string[], values: Float64Array, keep: (i: number) => boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < resources.length; i++) if (keep(i)) out[resources[i]] = values[i];
  return out;
}

/** The Pods' overhead on a Node, summed per resource; undefined when no Pod has any. */
export function overheadSum(n: Pick<SimNode, 'pods'>): Record<string, number> | undefined {
  let out: Record<string, number> | undefined;
  for (const p of n.pods) {
    if (!p.overhead) continue;
    out ??= {};
    for (const [r, v] of Object.entries(p.overhead)) out[r] = (out[r] ?? 0) + v;
  }
  return out;
}

function reportNode(n: SimNode, resources: string[]): ReportNode {
  const keep = (i: number) => i < 4 || n.alloc[i] !== 0 || n.requested[i] !== 0;
  const out: ReportNode = {
    name: n.name,
    labels: { ...n.labels },
    taints: n.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    unschedulable: n.unschedulable,
    allocatable: resourceMap(resources, n.alloc, keep),
    requested: resourceMap(resources, n.requested, keep),
    pods: n.pods.map((p) => p.key),
    headroom: {},
  };
  out.requested.pods = n.pods.length;
  for (const r of Object.keys(out.allocatable)) out.headroom[r] = out.allocatable[r] - (out.requested[r] ?? 0);
  const overhead = overheadSum(n);
  if (overhead) out.overhead = overhead;
  const sharing = nodeSharing(n);
  if (sharesAnything(sharing)) out.sharing = sharing;
  if (n.source) out.source = n.source;
  if (n.defaults.length) out.defaults = n.defaults;
  return out;
}

function reportPod(r: PodResult, nodes: SimNode[], options: ReportOptions): ReportPod {
  const p = r.pod;
  const out: ReportPod = {
    name: p.key,
    namespace: p.namespace,
    podName: p.name,
    status: r.status,
    node: r.node ? r.node.name : null,
    priority: p.priority,
    feasibleCount: 0,
    filters: {},
    filterPlugins: {},
    scores: {},
    attempts: r.attempts,
  };
  if (r.message !== undefined) out.message = r.message;
  if (Object.keys(p.labels).length) out.labels = { ...p.labels };
  if (r.status === 'pinned' && r.node) {
    out.feasible = [r.node.name];
    out.feasibleCount = 1;
  }
  const rec = r.record;
  if (rec && r.status !== 'pinned') {
    out.feasibleCount = rec.feasibleCount;
    if (rec.preFilterReject) {
      out.feasible = [];
      if (rec.perNode) {
        const reason = rec.preFilterReject.reasons.join(', ');
        for (const n of nodes) {
          out.filters[n.name] = reason;
          out.filterPlugins[n.name] = rec.preFilterReject.plugin;
        }
      }
    } else {
      if (rec.feasible) out.feasible = Array.from(rec.feasible, (i) => nodes[i].name);
      else if (rec.feasibleCount === 0) out.feasible = [];
      if (rec.perNode) perNodeFilters(rec, nodes, out);
      const ran = rec.scores?.plugins ?? rec.chosen?.plugins;
      if (ran) {
        const skipped = SCORE_PLUGINS.filter((_, i) => !ran.includes(i)).map((s) => s.name);
        if (skipped.length) out.skippedScorePlugins = skipped;
      }
      if (rec.scores && rec.feasible) {
        const P = SCORE_PLUGINS.length;
        rec.feasible.forEach((nodeIdx, f) => {
          const s = {} as ReportScores;
          for (const pi of rec.scores!.plugins) s[SCORE_PLUGINS[pi].name] = rec.scores!.values[f * P + pi];
          s.total = rec.scores!.totals[f];
          out.scores[nodes[nodeIdx].name] = s;
        });
      } else if (rec.chosen && r.node) {
        const s = {} as ReportScores;
        rec.chosen.plugins.forEach((pi, k) => (s[SCORE_PLUGINS[pi].name] = rec.chosen!.values[k]));
        s.total = rec.chosen.total;
        out.scores[r.node.name] = s;
      }
      if (rec.ties) {
        out.ties = rec.ties.map((i) => nodes[i].name);
        out.tieCount = rec.tieCount ?? rec.ties.length;
      }
    }
  }
  if (r.queuePosition !== undefined) out.queuePosition = r.queuePosition;
  if (p.workload) out.workload = { ...p.workload };
  if (r.preemption) out.preemption = { node: r.preemption.node.name, victims: r.preemption.victims.map((v) => v.key), message: r.preemption.message };
  if (r.preemptedBy) out.preemptedBy = r.preemptedBy.key;
  if (p.nominatedNodeName) out.nominatedNodeName = p.nominatedNodeName;
  if (p.held) out.capacityProbe = true;
  if (rec?.nominated && r.status === 'scheduled') out.nominated = true;
  if (p.warnings.length) out.warnings = [...p.warnings];
  if (p.source) out.source = p.source;
  // Without per-Node verdicts, an unschedulable Pod says how many Nodes gave each reason.
  if (rec && !rec.perNode && rec.reasons && r.status === 'unschedulable') out.filterReasons = reasonCounts(rec.reasons);
  const reach = options.reach?.(p.namespace, p.labels);
  if (reach) {
    out.services = reach.services;
    out.networkPolicies = reach.networkPolicies;
  }
  return out;
}

/** One pass in Node order: null for feasible Nodes, the reasons for rejected ones, the PreFilterResult reason for Nodes it left out; Nodes not evaluated are absent. */
function perNodeFilters(rec: AttemptRecord, nodes: SimNode[], out: ReportPod): void {
  const feasibleSet = rec.feasible ? new Set(rec.feasible) : undefined;
  const absent = rec.absent && (rec.feasible || rec.feasibleCount === 0) ? rec.absent : undefined;
  for (const n of nodes) {
    if (feasibleSet?.has(n.index)) out.filters[n.name] = null;
    else {
      const st = rec.filters?.get(n.index) ?? (absent && !rec.candidates?.has(n.index) ? absent : undefined);
      if (st) {
        out.filters[n.name] = st.reasons.length === 1 ? st.reasons[0] : st.reasons.join(', ');
        out.filterPlugins[n.name] = st.plugin;
      }
    }
  }
}

/** Reasons sorted, so the keys do not depend on the order the Nodes were evaluated in. */
function reasonCounts(reasons: ReadonlyArray<[string, number]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [reason, n] of [...reasons].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[reason] = n;
  return out;
}

/**
 * The report in parts, for writers that stream it: every field but `nodes` and `pods` in the
 * report's key order, then the Nodes and the Pods made one at a time as they are iterated (a
 * large report never exists whole).
 */
export interface ScheduleReportParts {
  head: Omit<ScheduleReport, 'nodes' | 'pods'>;
  nodeCount: number;
  podCount: number;
  nodes(): Iterable<ReportNode>;
  pods(): Iterable<ReportPod>;
}

export function scheduleReportParts(result: SimulationResult, options: ReportOptions = {}): ScheduleReportParts {
  const summary: ScheduleReport['summary'] = { nodes: result.nodes.length, pods: result.pods.length, scheduled: 0, pinned: 0, unschedulable: 0, gated: 0, ignored: 0, rejected: 0, preempted: 0 };
  for (const r of result.pods) summary[r.status]++;
  return {
    head: {
      version: 1,
      schedulerVersion: result.schedulerVersion,
      detail: result.detail,
      weights: SCORE_WEIGHTS,
      resources: result.resources,
      summary,
      notes: result.notes,
      ...(result.capacity ? { capacity: { ...result.capacity } } : {}),
    },
    nodeCount: result.nodes.length,
    podCount: result.pods.length,
    *nodes() {
      for (const n of result.nodes) yield reportNode(n, result.resources);
    },
    *pods() {
      for (const r of result.pods) yield reportPod(r, result.nodes, options);
    },
  };
}

export function toScheduleReport(result: SimulationResult, options: ReportOptions = {}): ScheduleReport {
  const parts = scheduleReportParts(result, options);
  return { ...parts.head, nodes: [...parts.nodes()], pods: [...parts.pods()] };
}
