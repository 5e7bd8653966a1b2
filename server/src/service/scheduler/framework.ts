/**
 * The scheduling framework of the default profile, run sequentially over the queue:
 * PreFilter → Filter (profile order, first rejection wins per Node) → PostFilter (message,
 * preemption) → PreScore → Score → NormalizeScore → × weight → sum → select, then "assume"
 * the Pod onto the chosen Node so that every later Pod sees it.
 *
 * Queue order is PrioritySort: higher priority first, then workspace order. Pods with
 * `spec.nodeName` are bound before anything is scheduled; gated Pods, Pods for another
 * scheduler and finished Pods never enter the queue. A Pod rejected because of other Pods'
 * placement (topology spread, inter-pod affinity) is retried after later Pods were placed, as
 * the real scheduler requeues it on Pod events; successful preemption evicts its victims and
 * binds the preemptor to the nominated Node (victims owned by a workload are recreated and
 * queued again, as their controller would).
 */
import { Cluster } from './cluster';
import { Cycle, type FilterPlugin, type ScorePlugin } from './plugin';
import type { Inputs } from './inputs';
import {
  DEFAULT_SCHEDULER_VERSION,
  PLUGIN,
  status,
  UNRESOLVABLE,
  type DetailLevel,
  type PodStatus,
  type SchedulerVersion,
  type SimNode,
  type SimPod,
  type SimulateOptions,
  type Status,
  type CapacityAnswer,
} from './types';
import { DRA_STATE_NOT_FOUND, fitError, NO_NODES_AVAILABLE, PREEMPTION_NOT_HELPFUL, postFilterText, ReasonHistogram } from './message';
import { pick } from './random';
import { nodeTreeOrder } from './nodeTree';
import { nodeUnschedulable } from './plugins/nodeUnschedulable';
import { nodeName } from './plugins/nodeName';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taintToleration';
import { ERR_REASON_PREFILTER_RESULT, nodeAffinityFilter, nodeAffinityScore } from './plugins/nodeAffinity';
import { nodePorts } from './plugins/nodePorts';
import { insufficient, nodeResourcesFitFilter, nodeResourcesFitScore } from './plugins/nodeResourcesFit';
import { podTopologySpreadFilter, podTopologySpreadScore } from './plugins/podTopologySpread';
import { interPodAffinityFilter, interPodAffinityScore } from './plugins/interPodAffinity';
import { balancedAllocation } from './plugins/balancedAllocation';
import { imageLocality } from './plugins/imageLocality';
import { preempt, type Candidate } from './plugins/defaultPreemption';
import { volumeRestrictions } from './plugins/volumeRestrictions';
import { nodeVolumeLimits } from './plugins/nodeVolumeLimits';
import { volumeBinding } from './plugins/volumeBinding';
import { volumeZone } from './plugins/volumeZone';

/** Filter plugins in profile order (apis/config/v1/default_plugins.go). */
export const FILTER_PLUGINS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeName,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodePorts,
  nodeResourcesFitFilter,
  volumeRestrictions,
  nodeVolumeLimits,
  volumeBinding,
  volumeZone,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

/** Score plugins in profile order, index-aligned with SCORE_PLUGINS. */
export const SCORE_PLUGIN_IMPLS: readonly ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  nodeResourcesFitScore,
  podTopologySpreadScore,
  interPodAffinityScore,
  balancedAllocation,
  imageLocality,
];

const P = SCORE_PLUGIN_IMPLS.length;
const ABSENT = status(PLUGIN.NodeAffinity, UNRESOLVABLE, ERR_REASON_PREFILTER_RESULT);
/** Plugins whose rejections can be lifted by other Pods being placed. */
const POD_EVENT_PLUGINS = new Set<string>([PLUGIN.PodTopologySpread, PLUGIN.InterPodAffinity]);
const MAX_RETRY_PASSES = 8;
export const AUTO_DETAIL_LIMIT = 250_000;
/**
 * Tied Nodes listed per Pod (the count is always kept). In a uniform cluster most Pods tie on
 * dozens of Nodes; listing them all made up most of the preview's message (5,000 Pods on 500
 * Nodes: 9 MB), which the webview must receive on every update.
 */
const MAX_TIES_KEPT = 16;

export interface ScoreDetail {
  /** Indices into SCORE_PLUGINS of the plugins that ran (the others were skipped). */
  plugins: number[];
  /** Normalized scores, `values[f * 7 + plugin]` for feasible Node f. */
  values: Int16Array;
  /** Weighted totals per feasible Node. */
  totals: Float64Array;
}

export interface AttemptRecord {
  /** Nodes the Filter ran on. */
  evaluated: number;
  feasibleCount: number;
  /** Feasible Node indices, in evaluation order (kept with detail). */
  feasible?: Int32Array;
  /**
   * Per-Node detail was kept for this attempt (detail `full`, or the Pod is in `detailFor`):
   * `filters`, `feasible`, `candidates` and `scores` are set. Otherwise nothing is kept per Node.
   */
  perNode: boolean;
  /** Filter status of each rejected Node (per-Node detail only). */
  filters?: Map<number, Status>;
  /**
   * Unschedulable: how many Nodes gave each reason (PreFilter, Filter and PreFilterResult
   * rejections) — the histogram of the scheduler's message, in first-seen order. Always kept:
   * it is what a Pod without per-Node detail reports instead of its per-Node verdicts.
   */
  reasons?: Array<[string, number]>;
  /** Status of Nodes a PreFilterResult left out (`didn't satisfy plugin(s) [NodeAffinity]`). */
  absent?: Status;
  /** Nodes a PreFilterResult kept (indices), when there was one (per-Node detail only). */
  candidates?: Set<number>;
  /** A PreFilter rejected the Pod outright. */
  preFilterReject?: Status;
  /** The Pod went to its `status.nominatedNodeName`, tried first and alone (no scoring). */
  nominated?: boolean;
  /** Per-plugin scores of every feasible Node (detail), when two or more were feasible. */
  scores?: ScoreDetail;
  /** Node indices sharing the highest total (two or more: a tie broken by the seed); the first 100. */
  ties?: number[];
  /** How many Nodes share the highest total. */
  tieCount?: number;
  /** The chosen Node's scores (always kept): plugin index → normalized score, and the total. */
  chosen?: { plugins: number[]; values: number[]; total: number };
}

export interface PodResult {
  pod: SimPod;
  status: PodStatus;
  node: SimNode | null;
  /** The scheduler's message (unschedulable), or why the Pod was not scheduled. */
  message?: string;
  attempts: number;
  /** Position in the scheduling queue (first attempt), for queued Pods. */
  queuePosition?: number;
  record?: AttemptRecord;
  /** Preemption this Pod caused to be placed. */
  preemption?: { node: SimNode; victims: SimPod[]; message: string };
  /** The Pod that preempted this one. */
  preemptedBy?: SimPod;
  /** Internal: cluster generation at the last failed attempt, and whether Pod events may help. */
  lastGeneration?: number;
  retriable?: boolean;
}

export interface SchedulingProgress {
  /** 0 for the first pass over the queue, then the retry passes. */
  pass: number;
  /** Scheduling attempts made in this pass. */
  done: number;
  /** Attempts this pass will make as far as known (`done` + the Pods still queued). */
  total: number;
  finished: boolean;
}

export interface SimulationResult {
  schedulerVersion: SchedulerVersion;
  nodes: SimNode[];
  /** One per Pod, in workspace order. */
  pods: PodResult[];
  resources: string[];
  notes: string[];
  detail: 'full' | 'summary';
  /** Scheduling attempts made (queue pops). */
  cycles: number;
  /** The answer to SimulateOptions.capacity. */
  capacity?: CapacityAnswer;
}

/** numFeasibleNodesToFind (percentageOfNodesToScore). */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < 100 || percentage >= 100) return numAllNodes;
  let p = percentage;
  if (p <= 0) {
    p = 50 - Math.floor(numAllNodes / 125);
    if (p < 5) p = 5;
  }
  const n = Math.floor((numAllNodes * p) / 100);
  return n < 100 ? 100 : n;
}

/** A binary heap ordered by priority (desc), then sequence (asc). */
class Queue {
  private readonly items: Array<{ pod: SimPod; seq: number }> = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: { pod: SimPod; seq: number }, b: { pod: SimPod; seq: number }): boolean {
    return a.pod.priority !== b.pod.priority ? a.pod.priority > b.pod.priority : a.seq < b.seq;
  }
  push(pod: SimPod, seq: number): void {
    const it = this.items;
    it.push({ pod, seq });
    let i = it.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(it[i], it[parent])) break;
      [it[i], it[parent]] = [it[parent], it[i]];
      i = parent;
    }
  }
  pop(): SimPod | undefined {
    const it = this.items;
    if (it.length === 0) return undefined;
    const top = it[0];
    const last = it.pop()!;
    if (it.length > 0) {
      it[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < it.length && this.less(it[l], it[m])) m = l;
        if (r < it.length && this.less(it[r], it[m])) m = r;
        if (m === i) break;
        [it[i], it[m]] = [it[m], it[i]];
        i = m;
      }
    }
    return top.pod;
  }
}

const KUBELET_REASON: Record<string, string> = { 'Too many pods': 'OutOfpods' };

export class Simulator {
  readonly cluster: Cluster;
  private readonly version: SchedulerVersion;
  private readonly percentage: number;
  private readonly seed: number;
  private readonly detailAll: boolean;
  private readonly detailFor: Set<string>;
  private readonly results: PodResult[];
  private nextStartNodeIndex = 0;
  /** The Nodes in the order kube-scheduler walks them (nodeTree.ts). */
  private readonly order: SimNode[];
  /** The capacity question's extra replicas, tried one at a time once everything else is done. */
  private readonly held: PodResult[] = [];
  private heldNext = 0;
  /** Pods queued with a `status.nominatedNodeName` of a declared Node, by Node index, until their own cycle. */
  private readonly nominated = new Map<number, SimPod[]>();
  /** Per score plugin, the scores of the feasible Nodes of the current cycle. */
  private readonly scoreBufs: Float64Array[];
  private readonly totalsBuf: Float64Array;
  private readonly feasibleBuf: SimNode[] = [];
  private readonly statusBuf: Array<Status | null>;
  private readonly rejectedBuf: Int32Array;
  private cycles = 0;
  private seq = 0;
  private readonly queue = new Queue();
  /** Unschedulable messages and reason counts by their text (internMessage). */
  private readonly interned = { messages: new Map<string, string>(), reasons: new Map<string, Array<[string, number]>>() };
  private started = false;
  private finished = false;
  private pass = 0;
  /** `cycles` when the current pass began. */
  private passStart = 0;
  private position = 0;

  constructor(
    private readonly inputs: Inputs,
    options: SimulateOptions = {},
  ) {
    this.version = options.schedulerVersion ?? DEFAULT_SCHEDULER_VERSION;
    this.cluster = new Cluster(inputs.nodes, inputs.resources, inputs.namespaceLabels);
    this.cluster.volumes = inputs.volumes ?? null;
    this.order = nodeTreeOrder(this.cluster.nodes);
    this.percentage = options.percentageOfNodesToScore ?? 0;
    this.seed = options.seed ?? 0;
    this.detailFor = new Set(options.detailFor ?? []);
    const level: DetailLevel = options.detail ?? 'auto';
    const queued = inputs.pods.filter((p) => !p.nodeName).length;
    const pairs = queued * inputs.nodes.length;
    const fullLimit = options.maxDetailPairs ?? Infinity;
    this.detailAll = (level === 'full' && pairs <= fullLimit) || (level === 'auto' && pairs <= AUTO_DETAIL_LIMIT);
    if (level === 'full' && pairs > fullLimit) {
      inputs.notes.push(`per-Node detail of every Pod was asked for, but ${queued} Pods × ${inputs.nodes.length} Nodes is more than ${fullLimit} pairs: summary detail (ask for the Pods you need by name)`);
    }
    const size = Math.max(1, inputs.nodes.length);
    this.scoreBufs = SCORE_PLUGIN_IMPLS.map(() => new Float64Array(size));
    this.totalsBuf = new Float64Array(size);
    this.statusBuf = new Array<Status | null>(inputs.nodes.length).fill(null);
    this.rejectedBuf = new Int32Array(size);
    this.results = inputs.pods.map((pod) => {
      return { pod, status: 'unschedulable', node: null, attempts: 0 };
    });
  }

  /** The whole simulation at once (`step` until done, then `result`). */
  run(): SimulationResult {
    while (!this.step());
    return this.result();
  }

  /**
   * One unit of work: the first call binds pinned Pods and fills the queue; every later call is
   * one scheduling cycle (one Pod popped), or the end of a pass (requeueing the Pods other Pods'
   * placement may help). Returns true once the simulation is complete. Callers that must stay
   * responsive (the language server) or show progress (the CLI) interleave their own work
   * between steps; the engine keeps no clock.
   */
  step(): boolean {
    if (this.finished) return true;
    const queue = this.queue;
    if (!this.started) {
      this.started = true;
      this.enqueueAll(queue);
      this.passStart = this.cycles;
      return false;
    }
    const pod = queue.pop();
    if (pod) {
      const r = this.resultOf(pod);
      if (r.queuePosition === undefined) r.queuePosition = this.position++;
      this.scheduleOne(r, queue);
      return false;
    }
    // End of a pass: requeue Pods whose rejection other Pods' placement may have lifted.
    let requeued = 0;
    if (this.pass < MAX_RETRY_PASSES) {
      for (const r of this.results) {
        if (r.status === 'unschedulable' && r.retriable && r.lastGeneration !== this.cluster.generation && r.attempts > 0 && !r.pod.held) {
          queue.push(r.pod, this.seq++);
          requeued++;
        }
      }
    }
    if (requeued === 0) {
      if (this.tryHeld()) return false;
      this.finished = true;
      return true;
    }
    this.pass++;
    this.passStart = this.cycles;
    return false;
  }

  /** Where the simulation is: Pods attempted in this pass, of those queued for it (evicted Pods join the pass). */
  progress(): SchedulingProgress {
    const done = this.cycles - this.passStart;
    return { pass: this.pass, done, total: done + this.queue.size, finished: this.finished };
  }

  /** The outcome so far (complete once `step` returned true). */
  result(): SimulationResult {
    return {
      schedulerVersion: this.version,
      nodes: this.cluster.nodes,
      // Extra replicas of a capacity question that were never tried are not Pods of the answer.
      pods: this.held.length > this.heldNext ? this.results.filter((r) => !r.pod.held || r.attempts > 0) : this.results,
      resources: this.inputs.resources,
      notes: this.inputs.notes,
      detail: this.detailAll ? 'full' : 'summary',
      cycles: this.cycles,
      ...(this.inputs.capacity ? { capacity: this.inputs.capacity } : {}),
    };
  }

  /** Binds pinned Pods first, settles those the scheduler never sees, and queues the others. */
  private enqueueAll(queue: Queue): void {
    for (const r of this.results) {
      const pod = r.pod;
      if (pod.rejected) {
        r.status = 'rejected';
        r.message = pod.rejected;
        const answer = this.inputs.capacity;
        if (pod.held && answer && !answer.problem) answer.problem = `the API server refuses its Pods: ${pod.rejected}`;
      } else if (pod.evicted) {
        r.status = 'preempted';
        r.message = pod.evicted;
      } else if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
        r.status = 'ignored';
        r.message = `phase ${pod.phase}: the scheduler ignores finished Pods`;
      } else if (pod.nodeName) this.bindPinned(r);
      else if (pod.schedulerName !== 'default-scheduler') {
        r.status = 'ignored';
        r.message = `spec.schedulerName is "${pod.schedulerName}": not scheduled by default-scheduler`;
      } else if (pod.schedulingGates.length) {
        r.status = 'gated';
        r.message = `Scheduling is blocked due to non-empty scheduling gates (${pod.schedulingGates.join(', ')})`;
      } else if (pod.held) this.held.push(r);
      else {
        queue.push(pod, this.seq++);
        const at = pod.nominatedNodeName ? this.cluster.byName.get(pod.nominatedNodeName) : undefined;
        if (at) {
          const list = this.nominated.get(at.index);
          if (list) list.push(pod);
          else this.nominated.set(at.index, [pod]);
        }
      }
    }
  }

  /**
   * The capacity question: the next extra replica, scheduled in a cycle of its own behind
   * everything else (its preemption victims requeue before the next one). False once one fit
   * nowhere or none is left; the ones never tried leave the result.
   */
  private tryHeld(): boolean {
    const answer = this.inputs.capacity;
    if (!answer || this.heldNext >= this.held.length) return false;
    const last = this.heldNext > 0 ? this.held[this.heldNext - 1] : undefined;
    if (last && last.status !== 'scheduled') return false;
    const r = this.held[this.heldNext++];
    r.queuePosition = this.position++;
    this.scheduleOne(r, this.queue);
    answer.tried++;
    if (r.status === 'scheduled') answer.fit++;
    else answer.blocker = { pod: r.pod.key, message: r.message ?? r.status };
    return true;
  }

  /** The nomination ends with the Pod's own cycle: bound, or cleared when it fits nowhere. */
  private dropNomination(pod: SimPod): void {
    const at = pod.nominatedNodeName ? this.cluster.byName.get(pod.nominatedNodeName) : undefined;
    if (!at) return;
    const list = this.nominated.get(at.index);
    if (!list) return;
    const i = list.indexOf(pod);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.nominated.delete(at.index);
  }

  /**
   * RunFilterPluginsWithNominatedPods: on a Node that Pods of equal or higher priority are
   * nominated to, the Pod must fit with them there (their resources, ports and affinities held
   * for them) and also without them. Null: no such Pods, decide as usual.
   */
  private withNominated(pod: SimPod, node: SimNode): Status | null | undefined {
    const list = this.nominated.get(node.index);
    if (!list) return undefined;
    const held = list.filter((p) => p !== pod && p.priority >= pod.priority && !p.node);
    if (held.length === 0) return undefined;
    const cluster = this.cluster;
    const generation = cluster.generation;
    for (const p of held) cluster.addPod(p, node);
    try {
      return this.filterOnNode(pod, node);
    } finally {
      for (let i = held.length - 1; i >= 0; i--) cluster.removePod(held[i]);
      // A dry run: no Pod event happened.
      cluster.generation = generation;
    }
  }

  /** Filter of one Node in the current cycle, with the nominated Pods held for it first. */
  private filterNode(cycle: Cycle, active: FilterPlugin[], node: SimNode): Status | null {
    if (this.nominated.size > 0) {
      const held = this.withNominated(cycle.pod, node);
      if (held) return held;
    }
    for (let j = 0; j < active.length; j++) {
      const st = active[j].filter(cycle, node);
      if (st) return st;
    }
    return null;
  }

  private bindPinned(r: PodResult): void {
    const pod = r.pod;
    r.status = 'pinned';
    const node = this.cluster.byName.get(pod.nodeName!);
    if (!node) {
      r.message = `spec.nodeName "${pod.nodeName}" names no Node in the workspace: the Pod is bound to it and stays Pending`;
      return;
    }
    // The kubelet admits a bound Pod with the same resource check (and rejects it if it fails).
    const fit = insufficient(pod, node, this.cluster.resources, this.version);
    if (fit) {
      const why = fit.reasons.map((x) => KUBELET_REASON[x] ?? x.replace(/^Insufficient /, 'OutOf')).join(', ');
      pod.warnings.push(`the kubelet on ${node.name} would reject this Pod (${why}); the simulation still counts it there, as the scheduler's cache would until then`);
    }
    if (!this.cluster.nodeMatchesPodAffinity(pod, node)) pod.warnings.push(`the kubelet on ${node.name} would reject this Pod (NodeAffinity): the Node does not match its nodeSelector/affinity`);
    this.cluster.addPod(pod, node);
    r.node = node;
  }

  /** Assume: the Pod is placed on the Node, and Reserve binds its waiting volume claims there. */
  private assume(pod: SimPod, node: SimNode): void {
    this.cluster.volumes?.reserve(pod, node);
    this.cluster.addPod(pod, node);
  }

  /** A Pod's result: `index` is its place in the workspace order, which `results` follows. */
  private resultOf(pod: SimPod): PodResult {
    return this.results[pod.index];
  }

  private keepsDetail(pod: SimPod): boolean {
    return this.detailAll || this.detailFor.has(pod.key);
  }

  /** PreFilter of every plugin: the active Filter plugins, or a rejection, and the candidate names. */
  private preFilter(cycle: Cycle): { active: FilterPlugin[]; names?: Set<string>; reject?: Status } {
    const active: FilterPlugin[] = [];
    let names: Set<string> | undefined;
    for (const p of FILTER_PLUGINS) {
      if (!p.preFilter) {
        active.push(p);
        continue;
      }
      const r = p.preFilter(cycle);
      if (r === null) active.push(p);
      else if ('skip' in r) continue;
      else if ('reject' in r) return { active, reject: r.reject };
      else {
        names = names ? new Set([...names].filter((n) => r.nodeNames.has(n))) : r.nodeNames;
        active.push(p);
      }
    }
    return { active, names };
  }

  /** PreFilter + Filter of one Pod on one Node of the current state (preemption dry runs). */
  private filterOnNode = (pod: SimPod, node: SimNode): Status | null => {
    const cycle = new Cycle(this.cluster, pod, this.version);
    const pre = this.preFilter(cycle);
    if (pre.reject) return pre.reject;
    if (pre.names && !pre.names.has(node.name)) return ABSENT;
    for (const p of pre.active) {
      const s = p.filter(cycle, node);
      if (s) return s;
    }
    return null;
  };

  private scheduleOne(r: PodResult, queue: Queue): void {
    const pod = r.pod;
    const cluster = this.cluster;
    const nodes = cluster.nodes;
    const N = nodes.length;
    const detail = this.keepsDetail(pod);
    this.cycles++;
    r.attempts++;
    r.retriable = false;
    r.lastGeneration = cluster.generation;
    if (N === 0) {
      r.status = 'unschedulable';
      r.message = NO_NODES_AVAILABLE;
      r.record = { evaluated: 0, feasibleCount: 0, perNode: detail, reasons: [] };
      return;
    }
    const cycle = new Cycle(cluster, pod, this.version);
    const pre = this.preFilter(cycle);
    if (pre.reject) {
      // Every Node carries the PreFilter status; DynamicResources (v1.34+) never stored its
      // state, so its PostFilter answers "not found" and preemption does not run.
      const tail = this.version === '1.33' ? postFilterText(this.version, fitError(N, `${N} ${PREEMPTION_NOT_HELPFUL}`)) : DRA_STATE_NOT_FOUND;
      // 1.33's preemption ran and cleared the nomination; later versions' PostFilter failed
      // before it could, so the nomination stands.
      if (this.version === '1.33') this.dropNomination(pod);
      r.status = 'unschedulable';
      r.message = fitError(N, pre.reject.reasons.join(', '), tail);
      r.record = { evaluated: 0, feasibleCount: 0, perNode: detail, preFilterReject: pre.reject, reasons: pre.reject.reasons.map((x) => [x, N]) };
      return;
    }
    const active = pre.active;
    // evaluateNominatedNode: the Node an earlier preemption nominated is tried first and alone;
    // if it passes, the Pod goes there without scoring (upstream does not ask PreFilter's Node
    // names here either: the Filter of NodeAffinity checks them).
    const nominatedNode = pod.nominatedNodeName ? cluster.byName.get(pod.nominatedNodeName) : undefined;
    if (nominatedNode) {
      this.dropNomination(pod);
      if (this.filterNode(cycle, active, nominatedNode) === null) {
        const record: AttemptRecord = { evaluated: 1, feasibleCount: 1, perNode: detail, nominated: true };
        if (detail) {
          record.filters = new Map();
          record.feasible = Int32Array.of(nominatedNode.index);
        }
        r.record = record;
        this.assume(pod, nominatedNode);
        r.status = 'scheduled';
        r.node = nominatedNode;
        r.message = undefined;
        return;
      }
    }
    let candidates: SimNode[] = this.order;
    let candidateSet: Set<number> | undefined;
    if (pre.names) {
      candidates = this.order.filter((n) => pre.names!.has(n.name));
      candidateSet = new Set(candidates.map((n) => n.index));
    }
    const total = candidates.length;
    const toFind = numFeasibleNodesToFind(this.percentage, total);
    const start = total > 0 && toFind < total ? this.nextStartNodeIndex % total : 0;
    const feasible = this.feasibleBuf;
    feasible.length = 0;
    // The Nodes rejected in this cycle (their statuses in statusBuf): a buffer reused by every cycle.
    const rejected = this.rejectedBuf;
    let rejectedCount = 0;
    const statusBuf = this.statusBuf;
    let retriable = false;
    let processed = 0;
    for (let i = 0; i < total; i++) {
      const node = candidates[(start + i) % total];
      const st = this.filterNode(cycle, active, node);
      processed++;
      if (st === null) {
        feasible.push(node);
        if (feasible.length >= toFind) break;
      } else {
        statusBuf[node.index] = st;
        rejected[rejectedCount++] = node.index;
        if (POD_EVENT_PLUGINS.has(st.plugin)) retriable = true;
      }
    }
    if (toFind < total) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % N;
    const F = feasible.length;
    const record: AttemptRecord = { evaluated: processed, feasibleCount: F, perNode: detail };
    if (pre.names) {
      record.absent = ABSENT;
      if (detail) record.candidates = candidateSet;
    }
    if (detail) {
      const filters = new Map<number, Status>();
      for (let k = 0; k < rejectedCount; k++) filters.set(rejected[k], statusBuf[rejected[k]]!);
      record.filters = filters;
      record.feasible = Int32Array.from(feasible, (n) => n.index);
    }
    r.record = record;

    if (F === 0) {
      // The rejected Nodes' statuses stay in statusBuf for the message and preemption, then go.
      try {
        this.unschedulable(r, record, rejectedCount, candidates.length, retriable, queue);
      } finally {
        for (let k = 0; k < rejectedCount; k++) statusBuf[rejected[k]] = null;
      }
      return;
    }
    for (let k = 0; k < rejectedCount; k++) statusBuf[rejected[k]] = null;
    let chosen: SimNode;
    if (F === 1) chosen = feasible[0];
    else chosen = this.score(cycle, feasible, record, detail);
    this.assume(pod, chosen);
    r.status = 'scheduled';
    r.node = chosen;
    r.message = undefined;
  }

  private score(cycle: Cycle, feasible: SimNode[], record: AttemptRecord, detail: boolean): SimNode {
    const F = feasible.length;
    const totals = this.totalsBuf;
    totals.fill(0, 0, F);
    const ran: number[] = [];
    const values = detail ? new Int16Array(F * P) : undefined;
    for (let pi = 0; pi < P; pi++) {
      const plugin = SCORE_PLUGIN_IMPLS[pi];
      if (plugin.preScore && !plugin.preScore(cycle, feasible)) continue;
      ran.push(pi);
      const buf = this.scoreBufs[pi];
      for (let i = 0; i < F; i++) buf[i] = plugin.score(cycle, feasible[i]);
      plugin.normalize?.(cycle, buf, F, feasible);
      const w = plugin.weight;
      for (let i = 0; i < F; i++) totals[i] += w * buf[i];
      if (values) for (let i = 0; i < F; i++) values[i * P + pi] = buf[i];
    }
    let best = -Infinity;
    let tieCount = 0;
    for (let i = 0; i < F; i++) {
      if (totals[i] > best) {
        best = totals[i];
        tieCount = 1;
      } else if (totals[i] === best) tieCount++;
    }
    let winner = 0;
    const chosenTie = tieCount === 1 ? 0 : pick(tieCount, this.seed, `${cycle.pod.key}#${this.resultOf(cycle.pod).attempts}`);
    const ties: number[] = [];
    for (let i = 0, k = 0; i < F; i++) {
      if (totals[i] !== best) continue;
      if (k === chosenTie) winner = i;
      if (tieCount > 1 && ties.length < MAX_TIES_KEPT) ties.push(feasible[i].index);
      k++;
    }
    if (tieCount > 1) {
      record.ties = ties;
      record.tieCount = tieCount;
    }
    if (values) record.scores = { plugins: ran, values, totals: totals.slice(0, F) };
    record.chosen = { plugins: ran, values: ran.map((pi) => this.scoreBufs[pi][winner]), total: totals[winner] };
    return feasible[winner];
  }

  /** The first `rejectedCount` entries of rejectedBuf: the Nodes the Filter rejected, their statuses in statusBuf. */
  private unschedulable(r: PodResult, record: AttemptRecord, rejectedCount: number, candidateCount: number, retriable: boolean, queue: Queue): void {
    const pod = r.pod;
    const N = this.cluster.nodes.length;
    const statusBuf = this.statusBuf;
    const hist = new ReasonHistogram();
    const rejected = this.rejectedBuf;
    for (let k = 0; k < rejectedCount; k++) hist.addStatus(statusBuf[rejected[k]]!);
    if (record.absent && N > candidateCount) hist.addStatus(record.absent, N - candidateCount);
    const body = hist.toString();
    record.reasons = this.interned.reasons.get(body) ?? this.interned.reasons.set(body, hist.entries()).get(body)!;
    const outcome = preempt(this.cluster, pod, (idx) => statusBuf[idx], this.filterOnNode);
    r.node = null;
    r.status = 'unschedulable';
    r.retriable = retriable;
    r.lastGeneration = this.cluster.generation;
    if (outcome.candidate) {
      // Preemption succeeds: no PostFilter text; the victims are evicted and the Pod, retried
      // with its nominated Node, lands there.
      r.message = fitError(N, body);
      this.evict(pod, outcome.candidate, queue);
      if (!this.filterOnNode(pod, outcome.candidate.node)) {
        this.assume(pod, outcome.candidate.node);
        r.status = 'scheduled';
        r.node = outcome.candidate.node;
        r.preemption = { node: outcome.candidate.node, victims: outcome.candidate.victims, message: r.message };
        r.message = undefined;
      }
      return;
    }
    r.message = this.internMessage(fitError(N, body, postFilterText(this.version, outcome.message!)));
  }

  /**
   * One copy of each distinct message: the replicas of a workload that fits nowhere share one,
   * however long the message (one reason per distinct taint can make it as long as the Nodes).
   */
  private internMessage(m: string): string {
    const known = this.interned.messages.get(m);
    if (known !== undefined) return known;
    this.interned.messages.set(m, m);
    return m;
  }

  private evict(by: SimPod, c: Candidate, queue: Queue): void {
    for (const v of c.victims) {
      this.cluster.removePod(v);
      const vr = this.resultOf(v);
      vr.status = 'preempted';
      vr.node = null;
      vr.preemptedBy = by;
      vr.message = `preempted by ${by.key} (priority ${by.priority}) on ${c.node.name}`;
      // A controller recreates its Pod, which queues again; a bare or pinned Pod is gone.
      if (v.workload && !v.nodeName) {
        vr.status = 'unschedulable';
        vr.record = undefined;
        queue.push(v, this.seq++);
      }
    }
  }
}
