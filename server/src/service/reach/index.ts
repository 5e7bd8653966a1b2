/**
 * Who can reach a Pod: the Services that select it (and which of its ports they expose) and
 * the NetworkPolicies that select it, over the declared workspace. Built once per workspace
 * state (declarations and Pod facts) and asked many questions; every lookup goes through
 * indexes by namespace and by label pair, so answering for every Pod stays near linear (bounded
 * by the size of the answers).
 */
import type { Location } from 'vscode-languageserver-types';
import type { PlainObject } from '../model/plain';
import { editDistance } from '../util/closestNames';
import type { PodFacts } from './podFacts';
import { selectsPod, serviceFacts, type ServiceFacts } from './service';
import { networkPolicyFacts, type NetworkPolicyFacts } from './networkPolicy';

export * from './podFacts';
export * from './service';
export * from './networkPolicy';
export type { PodReach } from './explain';

/** A Pod or template the workspace holds; `ref` is the host's handle to place it (a document entry). */
export interface IndexedPod {
  facts: PodFacts;
  uri: string;
  /** Where it is written, when the host knows it without the document (the CLI's shared facts). */
  location?: Location;
  ref?: unknown;
}

export interface IndexedService {
  facts: ServiceFacts;
  /** The declared object (as the workspace model holds it). */
  value: PlainObject;
  uri: string;
}

export interface IndexedPolicy {
  facts: NetworkPolicyFacts;
  value: PlainObject;
  uri: string;
}

/** A selector pair of a Service that a Pod's labels miss narrowly. */
export interface NearMiss {
  pod: IndexedPod;
  /** The selector key whose pair is off. */
  key: string;
  /** What the Service should say instead: the Pod's value (same key), or the Pod's key (same value). */
  suggestion: { key: string; value: string };
  /** Which half of the pair is misspelt. */
  part: 'value' | 'key';
}

function pair(k: string, v: string): string {
  return `${k}\u0000${v}`;
}

/** Words longer than this are no candidates for a did-you-mean (label values are at most 63). */
const MAX_NEAR = 100;

/**
 * Words one small edit from a given one, found without comparing it with every word: each
 * word is filed under itself and each of its one-character deletions (lower-cased), so two
 * words one insertion, deletion, substitution or swap of neighbours apart share an entry.
 */
class NearIndex {
  private readonly byVariant = new Map<string, Set<string>>();

  add(word: string): void {
    if (word.length > MAX_NEAR) return;
    for (const v of variants(word.toLowerCase())) {
      const set = this.byVariant.get(v);
      if (set) set.add(word);
      else this.byVariant.set(v, new Set([word]));
    }
  }

  /** The closest first, at most 3. */
  near(wrote: string): string[] {
    if (wrote.length > MAX_NEAR) return [];
    const lower = wrote.toLowerCase();
    const scored = new Map<string, number>();
    for (const v of variants(lower)) {
      for (const k of this.byVariant.get(v) ?? []) {
        if (k === wrote || scored.has(k)) continue;
        const d = k.toLowerCase() === lower ? 0 : swapped(wrote, k) ? 1 : editDistance(wrote, k, 1);
        if (d <= 1) scored.set(k, d);
      }
    }
    return [...scored].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3).map(([k]) => k);
  }
}

function variants(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Two characters swapped side by side (`wbe` for `web`). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Pods of one namespace, indexed by label pair; near-miss indexes made when first asked. */
class NamespacePods {
  readonly all: IndexedPod[] = [];
  readonly byPair = new Map<string, IndexedPod[]>();
  private valueIndex: Map<string, NearIndex> | undefined;
  private keyIndex: NearIndex | undefined;

  add(p: IndexedPod): void {
    this.all.push(p);
    for (const k in p.facts.labels) {
      const key = pair(k, p.facts.labels[k]);
      const list = this.byPair.get(key);
      if (list) list.push(p);
      else this.byPair.set(key, [p]);
    }
  }

  /** Label values of a key one small edit from `wrote`. */
  nearValues(key: string, wrote: string): string[] {
    if (!this.valueIndex) {
      this.valueIndex = new Map();
      const seen = new Set<string>();
      for (const p of this.all) {
        for (const k in p.facts.labels) {
          const v = p.facts.labels[k];
          const id = pair(k, v);
          if (seen.has(id)) continue;
          seen.add(id);
          let idx = this.valueIndex.get(k);
          if (!idx) this.valueIndex.set(k, (idx = new NearIndex()));
          idx.add(v);
        }
      }
    }
    return this.valueIndex.get(key)?.near(wrote) ?? [];
  }

  /** Label keys one small edit from `wrote`. */
  nearKeys(wrote: string): string[] {
    if (!this.keyIndex) {
      this.keyIndex = new NearIndex();
      const seen = new Set<string>();
      for (const p of this.all) for (const k in p.facts.labels) if (!seen.has(k)) seen.add(k), this.keyIndex.add(k);
    }
    return this.keyIndex.near(wrote);
  }
}

const NO_PODS: readonly IndexedPod[] = Object.freeze([]);

/** Pods looked at per Service for near misses (a few are named; the look is bounded). */
const NEAR_MISS_LOOKS = 1000;

export class ReachIndex {
  private readonly pods = new Map<string, NamespacePods>();
  private readonly servicesByNs = new Map<string, IndexedService[]>();
  private readonly policiesByNs = new Map<string, NetworkPolicyFacts[]>();
  private readonly selected = new Map<IndexedService, readonly IndexedPod[]>();
  private readonly byValue = new Map<PlainObject, IndexedService>();
  private readonly policyByValue = new Map<PlainObject, IndexedPolicy>();
  private selectedByAny: Set<IndexedPod> | undefined;
  private readonly servicesByPair = new Map<string, IndexedService[]>();
  private readonly order = new Map<IndexedService, number>();

  constructor(
    pods: Iterable<IndexedPod>,
    declared: Iterable<{ kind: string; value: PlainObject; uri: string }>,
    /** The user declared the workspace to be the whole cluster. */
    readonly complete = false,
  ) {
    for (const p of pods) {
      let ns = this.pods.get(p.facts.namespace);
      if (!ns) this.pods.set(p.facts.namespace, (ns = new NamespacePods()));
      ns.add(p);
    }
    for (const d of declared) {
      if (d.kind === 'Service') {
        const s: IndexedService = { facts: serviceFacts(d.value), value: d.value, uri: d.uri };
        push(this.servicesByNs, s.facts.namespace, s);
        this.byValue.set(d.value, s);
        this.order.set(s, this.order.size);
        const sel = s.facts.selector;
        const first = sel ? Object.keys(sel).sort()[0] : undefined;
        if (sel && first !== undefined) push(this.servicesByPair, `${s.facts.namespace}\u0000${pair(first, sel[first])}`, s);
      } else if (d.kind === 'NetworkPolicy') {
        const np: IndexedPolicy = { facts: networkPolicyFacts(d.value), value: d.value, uri: d.uri };
        push(this.policiesByNs, np.facts.namespace, np.facts);
        this.policyByValue.set(d.value, np);
      }
    }
  }

  /** Whether the workspace declares any Service or NetworkPolicy (else nothing here is known). */
  declaresAny(): boolean {
    return this.byValue.size > 0 || this.policyByValue.size > 0;
  }

  /** The Service a declared object stands for. */
  service(value: PlainObject): IndexedService | undefined {
    return this.byValue.get(value);
  }

  policy(value: PlainObject): IndexedPolicy | undefined {
    return this.policyByValue.get(value);
  }

  /** How many Pods and templates the workspace declares in a namespace. */
  podCount(namespace: string): number {
    return this.pods.get(namespace)?.all.length ?? 0;
  }

  /** The Pods and templates a Service selects, in workspace order. */
  selectedBy(s: IndexedService): readonly IndexedPod[] {
    const hit = this.selected.get(s);
    if (hit) return hit;
    let out: readonly IndexedPod[] = NO_PODS;
    const sel = s.facts.selector;
    const ns = this.pods.get(s.facts.namespace);
    if (sel && ns) {
      // Start from the rarest pair: every selected Pod holds it.
      let smallest: IndexedPod[] | undefined;
      for (const k in sel) {
        const list = ns.byPair.get(pair(k, sel[k])) ?? [];
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      const list = (smallest ?? []).filter((p) => selectsPod(s.facts, p.facts));
      if (list.length) out = list;
    }
    this.selected.set(s, out);
    return out;
  }

  /** The Services that select a Pod (same namespace, selector among its labels), in workspace order. */
  servicesSelecting(pod: PodFacts): IndexedService[] {
    // Each Service is filed under one pair of its selector: a Service that selects the Pod is
    // filed under one of the Pod's own pairs.
    const out: IndexedService[] = [];
    for (const k in pod.labels) {
      for (const s of this.servicesByPair.get(`${pod.namespace}\u0000${pair(k, pod.labels[k])}`) ?? []) if (selectsPod(s.facts, pod)) out.push(s);
    }
    return out.length > 1 ? out.sort((a, b) => this.order.get(a)! - this.order.get(b)!) : out;
  }

  /** The NetworkPolicies of a namespace. */
  policiesIn(namespace: string): readonly NetworkPolicyFacts[] {
    return this.policiesByNs.get(namespace) ?? [];
  }

  /**
   * Pods and templates that no Service selects while this Service's selector misses their
   * labels narrowly: every pair but one held, and the one off by a small edit of its value (or
   * of its key). Only asked of Services that select nothing.
   */
  nearMisses(s: IndexedService): NearMiss[] {
    const sel = s.facts.selector;
    const ns = this.pods.get(s.facts.namespace);
    if (!sel || !ns) return [];
    const taken = this.selectedByAnyService();
    const keys = Object.keys(sel);
    const out: NearMiss[] = [];
    const seen = new Set<IndexedPod>();
    const holdsOthers = (p: IndexedPod, except: string): boolean => keys.every((k) => k === except || p.facts.labels[k] === sel[k]);
    // Only the first few are named: past a bounded look, stop (linear in the Services).
    let budget = NEAR_MISS_LOOKS;
    const look = (): boolean => budget-- > 0;
    for (const k of keys) {
      for (const v of ns.nearValues(k, sel[k])) {
        for (const p of ns.byPair.get(pair(k, v)) ?? []) {
          if (!look()) return out;
          if (taken.has(p) || seen.has(p) || !holdsOthers(p, k)) continue;
          seen.add(p);
          out.push({ pod: p, key: k, suggestion: { key: k, value: v }, part: 'value' });
        }
      }
      for (const k2 of ns.nearKeys(k)) {
        for (const p of ns.byPair.get(pair(k2, sel[k])) ?? []) {
          if (!look()) return out;
          if (taken.has(p) || seen.has(p) || !holdsOthers(p, k) || p.facts.labels[k] !== undefined) continue;
          seen.add(p);
          out.push({ pod: p, key: k, suggestion: { key: k2, value: sel[k] }, part: 'key' });
        }
      }
    }
    return out;
  }

  private selectedByAnyService(): Set<IndexedPod> {
    if (this.selectedByAny) return this.selectedByAny;
    const set = new Set<IndexedPod>();
    for (const list of this.servicesByNs.values()) for (const s of list) for (const p of this.selectedBy(s)) set.add(p);
    return (this.selectedByAny = set);
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
