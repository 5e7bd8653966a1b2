/**
 * The scheduler's cache: Nodes with the Pods assumed onto them, and the incremental indexes
 * that keep cross-Pod plugins cheap. Adding or removing a Pod updates
 * - the Node's requested and non-zero-requested resources, Pod count and host ports;
 * - every live PodCounter (Pods matching a namespace + label selector, counted per Node),
 *   which PodTopologySpread and InterPodAffinity read instead of scanning all Pods;
 * - the term groups of placed Pods' own (anti-)affinity terms, grouped by identical term,
 *   so the "existing Pods' terms" side of InterPodAffinity costs O(distinct terms).
 */
import type { AffinityTerm, SimNode, SimPod } from './types';
import { matchNodeSelector, matches, type Labels, type Selector } from './labels';
import type { VolumeState } from './volumes';

export interface Topology {
  /** Node index → domain id, -1 when the Node lacks the key. */
  ids: Int32Array;
  /** Domain id → value. */
  values: string[];
  byValue: Map<string, number>;
}

/**
 * A count per Node (only non-zero entries), with its sums per topology domain kept up to date
 * for every Node → domain mapping asked for: a plugin reading the counts by domain (both sides
 * of InterPodAffinity, PodTopologySpread's filter) then costs the number of domains, not the
 * number of Nodes holding matching Pods — which on a large cluster is most of them, every cycle.
 */
export class NodeTally {
  readonly byNode = new Map<number, number>();
  /** Per mapping asked for (a Topology's `ids`, or a spread constraint's eligible domains). */
  private readonly sums: Array<{ ids: Int32Array; sums: Float64Array; filled: number }> = [];
  add(node: number, delta: number): void {
    const v = (this.byNode.get(node) ?? 0) + delta;
    if (v === 0) this.byNode.delete(node);
    else this.byNode.set(node, v);
    for (const s of this.sums) {
      const id = s.ids[node];
      if (id < 0) continue;
      const was = s.sums[id];
      s.sums[id] = was + delta;
      // How many domains hold a count: "some Node with the key holds matching Pods" in O(1).
      if (was === 0) s.filled++;
      else if (was + delta === 0) s.filled--;
    }
  }
  /**
   * The counts summed per domain: `ids` maps a Node index to its domain id (-1: counted
   * nowhere), of `size` domains; `filled` is how many domains have a non-zero sum. The same
   * `ids` array (by identity) gets the same live sums back.
   */
  byDomain(ids: Int32Array, size: number): { sums: Float64Array; filled: number } {
    for (const s of this.sums) if (s.ids === ids) return s;
    const s = { ids, sums: new Float64Array(size), filled: 0 };
    for (const [idx, n] of this.byNode) {
      const id = ids[idx];
      if (id < 0) continue;
      if (s.sums[id] === 0) s.filled++;
      s.sums[id] += n;
    }
    this.sums.push(s);
    return s;
  }
}

export class PodCounter extends NodeTally {
  constructor(readonly match: (p: SimPod) => boolean) {
    super();
  }
}

export interface TermGroup {
  term: AffinityTerm;
  weight: number;
  /** Node index → number of placed Pods carrying this term there. */
  tally: NodeTally;
}

export class TermGroups {
  readonly groups = new Map<string, TermGroup>();
  update(terms: ReadonlyArray<AffinityTerm & { weight?: number }>, node: number, delta: number, weightOf: (t: AffinityTerm & { weight?: number }) => number): void {
    for (const t of terms) {
      const w = weightOf(t);
      const key = `${t.sig}|${w}`;
      let g = this.groups.get(key);
      if (!g) {
        if (delta < 0) continue;
        g = { term: t, weight: w, tally: new NodeTally() };
        this.groups.set(key, g);
      }
      g.tally.add(node, delta);
      if (g.tally.byNode.size === 0) this.groups.delete(key);
    }
  }
}

export class Cluster {
  readonly byName = new Map<string, SimNode>();
  private readonly counters = new Map<string, PodCounter>();
  /** Placed Pods' required anti-affinity terms (InterPodAffinity filter, symmetry). */
  readonly requiredAnti = new TermGroups();
  /** Placed Pods' required affinity terms (InterPodAffinity score, hardPodAffinityWeight). */
  readonly requiredAff = new TermGroups();
  readonly preferredAff = new TermGroups();
  readonly preferredAnti = new TermGroups();
  /** Whether any Node lists images (ImageLocality has work only then). */
  readonly anyImages: boolean;
  /** Claims, volumes, classes and CSINodes for the volume plugins (null: no Pod has volumes they read). */
  volumes: VolumeState | null = null;
  /** Changes with every placement or removal (retry bookkeeping). */
  generation = 0;
  private readonly affinityCache = new Map<string, Uint8Array>();
  private readonly topologies = new Map<string, Topology>();
  private readonly scratch = new Map<string, unknown>();
  /** The lowest priority of the placed Pods (Infinity: none), recomputed after a change. */
  private lowest: number | undefined;

  constructor(
    readonly nodes: SimNode[],
    readonly resources: string[],
    readonly namespaceLabels: (ns: string) => Labels,
  ) {
    for (const n of nodes) this.byName.set(n.name, n);
    this.anyImages = nodes.some((n) => n.images !== null && n.images.size > 0);
  }

  /** Whether a term (with its owner's namespace rules) selects the Pod. */
  termMatches(t: AffinityTerm, p: SimPod): boolean {
    if (!(t.namespaces.has(p.namespace) || (t.namespaceSelector.kind !== 'nothing' && matches(t.namespaceSelector, this.namespaceLabels(p.namespace))))) return false;
    return matches(t.selector, p.labels);
  }

  /** The live counter for `key`, created by scanning the placed Pods once. */
  counter(key: string, match: (p: SimPod) => boolean): PodCounter {
    let c = this.counters.get(key);
    if (!c) {
      c = new PodCounter(match);
      for (const n of this.nodes) {
        let k = 0;
        for (const p of n.pods) if (match(p)) k++;
        if (k) c.add(n.index, k);
      }
      this.counters.set(key, c);
    }
    return c;
  }

  /** Pods in namespace `ns` matching `sel` (PodTopologySpread's count). */
  selectorCounter(ns: string, sel: Selector): PodCounter {
    return this.counter(`sel\u0000${ns}\u0000${sel.sig}`, (p) => p.namespace === ns && matches(sel, p.labels));
  }

  /** Pods matched by a term. */
  termCounter(t: AffinityTerm): PodCounter {
    return this.counter(`term\u0000${t.matchSig}`, (p) => this.termMatches(t, p));
  }

  /** Pods matched by every one of `terms`. */
  allTermsCounter(terms: AffinityTerm[]): PodCounter {
    return this.counter(`all\u0000${terms.map((t) => t.matchSig).join('\u0001')}`, (p) => terms.every((t) => this.termMatches(t, p)));
  }

  /** Whether the Node satisfies the Pod's nodeSelector and required node affinity (cached per Pod shape). */
  nodeMatchesPodAffinity(pod: SimPod, node: SimNode): boolean {
    if (pod.nodeSelector === null && pod.requiredNodeAffinity === undefined) return true;
    let cache = this.affinityCache.get(pod.nodeAffinitySig);
    if (!cache) {
      cache = new Uint8Array(this.nodes.length);
      this.affinityCache.set(pod.nodeAffinitySig, cache);
    }
    const c = cache[node.index];
    if (c !== 0) return c === 1;
    let ok = true;
    const sel = pod.nodeSelector;
    if (sel) for (const k in sel) if (node.labels[k] !== sel[k]) ok = false;
    if (ok && pod.requiredNodeAffinity) ok = matchNodeSelector(pod.requiredNodeAffinity, node);
    cache[node.index] = ok ? 1 : 2;
    return ok;
  }

  /**
   * The domains of a topology key: each Node's domain id (its value's index in `values`), -1
   * when the Node lacks the key. Nodes never change during a simulation, so this is computed
   * once per key.
   */
  topology(key: string): Topology {
    let t = this.topologies.get(key);
    if (!t) {
      const ids = new Int32Array(this.nodes.length).fill(-1);
      const values: string[] = [];
      const byValue = new Map<string, number>();
      for (const n of this.nodes) {
        const v = n.labels[key];
        if (v === undefined) continue;
        let id = byValue.get(v);
        if (id === undefined) {
          id = values.length;
          values.push(v);
          byValue.set(v, id);
        }
        ids[n.index] = id;
      }
      t = { ids, values, byValue };
      this.topologies.set(key, t);
    }
    return t;
  }

  /** A per-simulation memo for plugins (keyed by the plugin). */
  memo<T>(key: string, make: () => T): T {
    let v = this.scratch.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.scratch.set(key, v);
    }
    return v;
  }

  addPod(p: SimPod, n: SimNode): void {
    this.update(p, n, 1);
    n.pods.push(p);
    p.node = n;
  }

  removePod(p: SimPod): void {
    const n = p.node;
    if (!n) return;
    const i = n.pods.indexOf(p);
    if (i >= 0) n.pods.splice(i, 1);
    this.update(p, n, -1);
    p.node = null;
  }

  /** Whether some placed Pod has a priority below `priority` (preemption has candidates only then). */
  hasPodBelow(priority: number): boolean {
    if (this.lowest === undefined) {
      let m = Infinity;
      for (const n of this.nodes) for (const p of n.pods) if (p.priority < m) m = p.priority;
      this.lowest = m;
    }
    return this.lowest < priority;
  }

  private update(p: SimPod, n: SimNode, delta: number): void {
    this.generation++;
    this.lowest = undefined;
    const req = p.req;
    for (let i = 0; i < req.length; i++) n.requested[req[i][0]] += delta * req[i][1];
    n.nonZeroCpu += delta * p.nonZeroCpu;
    n.nonZeroMem += delta * p.nonZeroMem;
    if (p.hostPorts.length) {
      n.ports ??= new Map();
      for (const hp of p.hostPorts) {
        let m = n.ports.get(hp.ip);
        if (!m) {
          m = new Map();
          n.ports.set(hp.ip, m);
        }
        const k = `${hp.protocol}/${hp.port}`;
        const v = (m.get(k) ?? 0) + delta;
        if (v <= 0) m.delete(k);
        else m.set(k, v);
      }
    }
    for (const c of this.counters.values()) if (c.match(p)) c.add(n.index, delta);
    if (p.requiredAntiAffinity.length) this.requiredAnti.update(p.requiredAntiAffinity, n.index, delta, () => 0);
    if (p.requiredAffinity.length) this.requiredAff.update(p.requiredAffinity, n.index, delta, () => 1);
    if (p.preferredAffinity.length) this.preferredAff.update(p.preferredAffinity, n.index, delta, (t) => t.weight ?? 0);
    if (p.preferredAntiAffinity.length) this.preferredAnti.update(p.preferredAntiAffinity, n.index, delta, (t) => t.weight ?? 0);
  }
}
