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

/** Pods of one namespace, indexed by label pair, key and value. */
class NamespacePods {
  readonly all: IndexedPod[] = [];
  readonly byPair = new Map<string, IndexedPod[]>();
  /** Per label key, the distinct values (for near misses). */
  readonly valuesOf = new Map<string, Set<string>>();
  /** Per label value, the distinct keys. */
  readonly keysOf = new Map<string, Set<string>>();

  add(p: IndexedPod): void {
    this.all.push(p);
    for (const k in p.facts.labels) {
      const v = p.facts.labels[k];
      const key = pair(k, v);
      const list = this.byPair.get(key);
      if (list) list.push(p);
      else this.byPair.set(key, [p]);
      let vs = this.valuesOf.get(k);
      if (!vs) this.valuesOf.set(k, (vs = new Set()));
      vs.add(v);
      let ks = this.keysOf.get(v);
      if (!ks) this.keysOf.set(v, (ks = new Set()));
      ks.add(k);
    }
  }
}

const NO_PODS: readonly IndexedPod[] = Object.freeze([]);

export class ReachIndex {
  private readonly pods = new Map<string, NamespacePods>();
  private readonly servicesByNs = new Map<string, IndexedService[]>();
  private readonly policiesByNs = new Map<string, NetworkPolicyFacts[]>();
  private readonly selected = new Map<IndexedService, readonly IndexedPod[]>();
  private readonly byValue = new Map<PlainObject, IndexedService>();
  private readonly policyByValue = new Map<PlainObject, IndexedPolicy>();
  private selectedByAny: Set<IndexedPod> | undefined;

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

  /** The Services that select a Pod (same namespace, selector among its labels). */
  servicesSelecting(pod: PodFacts): IndexedService[] {
    const out: IndexedService[] = [];
    for (const s of this.servicesByNs.get(pod.namespace) ?? []) if (selectsPod(s.facts, pod)) out.push(s);
    return out;
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
    for (const k of keys) {
      const values = ns.valuesOf.get(k);
      if (values) {
        for (const v of near(sel[k], values)) {
          if (v === sel[k]) continue;
          for (const p of ns.byPair.get(pair(k, v)) ?? []) {
            if (taken.has(p) || seen.has(p) || !holdsOthers(p, k)) continue;
            seen.add(p);
            out.push({ pod: p, key: k, suggestion: { key: k, value: v }, part: 'value' });
          }
        }
      }
      const keysWithValue = ns.keysOf.get(sel[k]);
      if (keysWithValue) {
        for (const k2 of near(k, keysWithValue)) {
          if (k2 === k) continue;
          for (const p of ns.byPair.get(pair(k2, sel[k])) ?? []) {
            if (taken.has(p) || seen.has(p) || !holdsOthers(p, k) || p.facts.labels[k] !== undefined) continue;
            seen.add(p);
            out.push({ pod: p, key: k, suggestion: { key: k2, value: sel[k] }, part: 'key' });
          }
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

/** Two characters swapped side by side (`wbe` for `web`). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Label values (or keys) a misspelt one is likely meant to be: the same but for case, one edit
 * away, two swapped neighbours, or two edits away in a longer word. The closest first, at most 3.
 */
function near(wrote: string, known: Iterable<string>): string[] {
  const lower = wrote.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const k of known) {
    if (k === wrote || Math.abs(k.length - wrote.length) > 2) continue;
    const d = k.toLowerCase() === lower ? 0 : swapped(wrote, k) ? 1 : editDistance(wrote, k, 2);
    if (d <= 1 || (d === 2 && wrote.length >= 5)) scored.push([k, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3).map(([k]) => k);
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
