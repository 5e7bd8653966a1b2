/**
 * The order in which kube-scheduler walks the Nodes: its cache keeps them in a NodeTree, one
 * list per zone (zones in the order their first Node arrived, Nodes in the order they arrived),
 * and the snapshot lists them zone by zone in turns — the first Node of every zone, then the
 * second of every zone, and so on (backend/cache/node_tree.go `list`). With node sampling
 * (percentageOfNodesToScore) this decides which Nodes a Pod is tried on; evaluating every Node
 * it decides only the order of ties. The workspace order stands for the order of arrival.
 */
import type { Labels } from './labels';

/** component-helpers GetZoneKey: the deprecated beta labels first, then the GA ones. */
export function zoneKey(labels: Labels): string {
  const zone = labels['failure-domain.beta.kubernetes.io/zone'] ?? labels['topology.kubernetes.io/zone'] ?? '';
  const region = labels['failure-domain.beta.kubernetes.io/region'] ?? labels['topology.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

/** The Nodes in NodeTree list order. Linear in the number of Nodes. */
export function nodeTreeOrder<N extends { labels: Labels }>(nodes: readonly N[]): N[] {
  const zones: N[][] = [];
  const byKey = new Map<string, N[]>();
  for (const n of nodes) {
    const key = zoneKey(n.labels);
    let list = byKey.get(key);
    if (!list) {
      list = [];
      byKey.set(key, list);
      zones.push(list);
    }
    list.push(n);
  }
  if (zones.length === 1) return zones[0];
  // Exhausted zones leave the round, so each round costs what it outputs: linear overall even
  // with one large zone among thousands of single-Node ones.
  const out: N[] = [];
  let active = zones;
  for (let i = 0; active.length > 0; i++) {
    const next: N[][] = [];
    for (const z of active) {
      out.push(z[i]);
      if (i + 1 < z.length) next.push(z);
    }
    active = next;
  }
  return out;
}
