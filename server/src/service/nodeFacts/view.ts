/**
 * What a simulation says about each Node, in the shape the Node manifest's lens, hovers and
 * inlay hints read: the Pods placed there, use against allocatable, the Pods' overhead, what
 * they share of the Node (scheduler/nodeSharing.ts), who selects its labels, who tolerates or is
 * repelled by its taints, and which pending Pods it turns away and why.
 *
 * Built once per simulation result (the host keeps the result while the workspace is
 * unchanged; `nodeFactsOf` keeps one view per result), then each question is answered in time
 * linear in the Pods (grouped: the replicas of a workload share one template, so one of them
 * speaks for all), per Node memoised. Nothing here is Node × Pod up front.
 */
import type { PodResult, SimulationResult } from '../scheduler/framework';
import { matches, type Labels, type NodeSelectorTerm } from '../scheduler/labels';
import { nodeSharing, type NodeSharing } from '../scheduler/nodeSharing';
import { overheadSum } from '../scheduler/report';
import { isHardEffect, type Taint, type Toleration } from '../scheduler/tolerations';
import type { SimNode, SimPod } from '../scheduler/types';

/** Pods of one template (a workload's replicas) or one bare Pod. */
export interface PodGroup {
  /** `Deployment shop/web`, `Pod default/db`. */
  label: string;
  /** The first of them: it speaks for the template. */
  rep: SimPod;
  results: PodResult[];
}

export interface NodeSummary {
  node: SimNode;
  resources: string[];
  sharing: NodeSharing;
  /** The Pods' overhead summed (undefined: none). */
  overhead: Record<string, number> | undefined;
  /** The lens titles, once made. */
  titles?: [string, string];
}

export interface Shortfall {
  resource: string;
  /** How much more than the Node has free (cpu in millicores, else units). */
  more: number;
}

export interface TurnedAway {
  result: PodResult;
  /** What this Node lacks for a Pod whose selectors would take it: a taint, the cordon, room. */
  taint?: Taint;
  cordoned?: boolean;
  short: Shortfall[];
}

export class NodeFactsView {
  readonly nodes = new Map<string, SimNode>();
  readonly groups: PodGroup[] = [];
  /** Groups with an unschedulable Pod, with those Pods only. */
  readonly pendingGroups: PodGroup[] = [];
  private readonly summaries = new Map<string, NodeSummary>();
  private readonly turned = new Map<string, TurnedAway[]>();
  private readonly byUri = new Map<string, PodResult[]>();

  constructor(readonly result: SimulationResult) {
    for (const n of result.nodes) if (!this.nodes.has(n.name)) this.nodes.set(n.name, n);
    const groups = new Map<string, PodGroup>();
    const pending = new Map<string, PodGroup>();
    for (const r of result.pods) {
      const p = r.pod;
      // Capacity probes are not the workspace's Pods; rejected Pods never exist, ignored ones go to another scheduler.
      if (p.held || r.status === 'rejected' || r.status === 'ignored') continue;
      const key = p.workload ? `${p.workload.kind} ${p.workload.namespace}/${p.workload.name}` : `Pod ${p.key}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { label: key, rep: p, results: [] }));
      g.results.push(r);
      if (r.status === 'unschedulable') {
        let pg = pending.get(key);
        if (!pg) pending.set(key, (pg = { label: key, rep: p, results: [] }));
        pg.results.push(r);
      }
      if (p.source) {
        let list = this.byUri.get(p.source.uri);
        if (!list) this.byUri.set(p.source.uri, (list = []));
        list.push(r);
      }
    }
    this.groups.push(...groups.values());
    this.pendingGroups.push(...pending.values());
  }

  summary(name: string): NodeSummary | undefined {
    let s = this.summaries.get(name);
    if (s) return s;
    const node = this.nodes.get(name);
    if (!node) return undefined;
    s = { node, resources: this.result.resources, sharing: nodeSharing(node), overhead: overheadSum(node) };
    this.summaries.set(name, s);
    return s;
  }

  /**
   * Pending Pods whose nodeSelector and required node affinity take this Node, but which it
   * turns away: an untolerated NoSchedule/NoExecute taint, its cordon, or too little room.
   */
  turnedAway(name: string): TurnedAway[] {
    const cached = this.turned.get(name);
    if (cached) return cached;
    const node = this.nodes.get(name);
    const out: TurnedAway[] = [];
    if (node) {
      for (const g of this.pendingGroups) {
        if (!selectsNode(g.rep, node)) continue;
        const taint = node.taints.find((t) => isHardEffect(t.effect) && !toleratedBy(g.rep.tolerations, t));
        const short = shortfall(g.rep, node, this.result.resources);
        const cordoned = node.unschedulable && !g.rep.tolerations.some((t) => tolerates(t, UNSCHEDULABLE));
        if (!taint && !cordoned && short.length === 0) continue;
        for (const r of g.results) out.push({ result: r, ...(taint ? { taint } : {}), ...(cordoned ? { cordoned } : {}), short });
      }
    }
    this.turned.set(name, out);
    return out;
  }

  /** Pods made from the object whose range holds `line` in `uri` (a Pod, or a workload's replicas). */
  podsAt(uri: string, line: number): PodResult[] {
    const list = this.byUri.get(uri);
    if (!list) return [];
    return list.filter((r) => {
      const range = r.pod.source!.range;
      return range.start.line <= line && line <= range.end.line;
    });
  }
}

const UNSCHEDULABLE: Taint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  return t.operator === 'Exists' || ((t.operator === '' || t.operator === 'Equal') && t.value === taint.value);
}

/** The toleration that tolerates a taint, or undefined. */
export function tolerationOf(tolerations: Toleration[], taint: Taint): Toleration | undefined {
  return tolerations.find((t) => tolerates(t, taint));
}

function toleratedBy(tolerations: Toleration[], taint: Taint): boolean {
  return tolerationOf(tolerations, taint) !== undefined;
}

/**
 * A term against a Node. A DaemonSet's Pods are pinned to their own Node by a
 * `metadata.name` field term: for the template, only the label part counts.
 */
function termMatches(t: NodeSelectorTerm, node: { name: string; labels: Labels }, fields: boolean): boolean {
  if (t.invalid) return false;
  if (t.labels && !matches(t.labels, node.labels)) return false;
  if (fields && t.fields) {
    for (const f of t.fields) {
      const v = f.key === 'metadata.name' ? node.name : '';
      if (f.op === 'In' ? v !== f.value : v === f.value) return false;
    }
  }
  return true;
}

/** nodeSelector and required node affinity (NodeAffinity's filter), with these labels. */
export function selectsNode(p: SimPod, node: { name: string; labels: Labels }): boolean {
  if (p.nodeSelector) for (const k of Object.keys(p.nodeSelector)) if (node.labels[k] !== p.nodeSelector[k]) return false;
  const req = p.requiredNodeAffinity;
  if (req && req.terms.length > 0) {
    const fields = p.workload?.kind !== 'DaemonSet';
    if (!req.terms.some((t) => termMatches(t, node, fields))) return false;
  }
  return true;
}

/** What a Pod's requests need beyond the Node's free room (the pods count included). */
export function shortfall(p: SimPod, node: SimNode, resources: string[]): Shortfall[] {
  const out: Shortfall[] = [];
  for (const [i, units] of p.req) {
    if (i === 3) continue; // pods: counted below
    const free = node.alloc[i] - node.requested[i];
    if (units > free) out.push({ resource: resources[i], more: units - Math.max(free, 0) });
  }
  if (node.pods.length + 1 > node.alloc[3]) out.push({ resource: 'pods', more: node.pods.length + 1 - node.alloc[3] });
  return out;
}

/** One view per simulation result: the host keeps the result, this keeps what was derived from it. */
const views = new WeakMap<SimulationResult, NodeFactsView>();

export function nodeFactsOf(result: SimulationResult): NodeFactsView {
  let v = views.get(result);
  if (!v) views.set(result, (v = new NodeFactsView(result)));
  return v;
}
