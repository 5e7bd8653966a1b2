/**
 * PodTopologySpread.
 *
 * Filter (the Pod's `DoNotSchedule` constraints): a Node lacking a constraint's topology key
 * is rejected `(missing required label)` (unresolvable); otherwise skew = matching Pods in the
 * Node's domain + (1 if the Pod matches its own selector) − the global minimum over eligible
 * domains (0 when there are fewer than `minDomains`), and skew > maxSkew rejects. Eligible
 * Nodes carry every topology key of the constraints and pass the inclusion policies
 * (`nodeAffinityPolicy: Honor` by default, `nodeTaintsPolicy: Ignore` by default).
 *
 * Score (weight 2, `ScheduleAnyway` constraints, or the system defaults — hostname maxSkew 3 and
 * zone maxSkew 5 — for Pods selected by a Service / ReplicaSet / ReplicationController /
 * StatefulSet): per constraint count·ln(domains + 2) + (maxSkew − 1), normalized so fewer
 * matching Pods score higher.
 *
 * Counts come from the cluster's PodCounters (Pods in the same namespace matching the
 * selector, per Node); which Nodes are eligible is cached per constraint set and Pod shape.
 */
import type { Cluster } from '../cluster';
import type { Cycle, FilterPlugin, ScorePlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, UNSCHEDULABLE, type SimNode, type SimPod, type SpreadConstraint } from '../types';
import { isEmptySelector, matches } from '../labels';
import { firstUntoleratedHardTaint } from '../tolerations';
import { HOSTNAME_LABEL } from '../inputs';

export const ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_MISSING_LABEL = `${ERR_REASON_CONSTRAINTS} (missing required label)`;
const REJECT = status(PLUGIN.PodTopologySpread, UNSCHEDULABLE, ERR_REASON_CONSTRAINTS);
const MISSING = status(PLUGIN.PodTopologySpread, UNRESOLVABLE, ERR_REASON_MISSING_LABEL);

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The system default constraints (PodTopologySpread `defaultingType: System`). */
function systemDefaults(pod: SimPod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  if (action !== 'ScheduleAnyway' || isEmptySelector(pod.defaultSpreadSelector)) return [];
  const base = { whenUnsatisfiable: 'ScheduleAnyway' as const, selector: pod.defaultSpreadSelector, minDomains: 1, nodeAffinityPolicy: 'Honor' as const, nodeTaintsPolicy: 'Ignore' as const };
  return [
    { ...base, maxSkew: 3, topologyKey: HOSTNAME_LABEL },
    { ...base, maxSkew: 5, topologyKey: ZONE_LABEL },
  ];
}

export function constraintsOf(pod: SimPod, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  if (pod.spreadConstraints !== undefined) return pod.spreadConstraints.filter((c) => c.whenUnsatisfiable === action);
  return systemDefaults(pod, action);
}

function hasAllKeys(node: SimNode, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
  return true;
}

function matchInclusion(cluster: Cluster, pod: SimPod, c: SpreadConstraint, node: SimNode): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !cluster.nodeMatchesPodAffinity(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && firstUntoleratedHardTaint(node.taints, pod.tolerations)) return false;
  return true;
}

/** Per constraint: which topology domain each Node belongs to. */
interface Domains {
  /** Node index → domain id when the Node counts for the constraint, else -1. */
  eligible: Int32Array;
  /** Node index → domain id of the Node's value when that value is a domain, else -1. */
  any: Int32Array;
  /** Domain id → topology value, and back. */
  values: string[];
  ids: Map<string, number>;
}

/**
 * The topology domains of each constraint: eligible Nodes carry every topology key (when
 * required) and pass the inclusion policies. Cached per constraint keys + policies + the Pod's
 * affinity (and tolerations when taints are honoured): every replica of a workload shares it.
 */
function domainsOf(cluster: Cluster, pod: SimPod, constraints: readonly SpreadConstraint[], requireAllKeys: boolean): Domains[] {
  const honorsTaints = constraints.some((c) => c.nodeTaintsPolicy === 'Honor');
  const key = JSON.stringify([
    requireAllKeys,
    constraints.map((c) => [c.topologyKey, c.nodeAffinityPolicy, c.nodeTaintsPolicy]),
    constraints.some((c) => c.nodeAffinityPolicy === 'Honor') ? pod.nodeAffinitySig : null,
    honorsTaints ? pod.tolerations : null,
  ]);
  return cluster.memo(`PodTopologySpread/domains/${key}`, () => {
    const N = cluster.nodes.length;
    return constraints.map((c) => {
      const eligible = new Int32Array(N).fill(-1);
      const any = new Int32Array(N).fill(-1);
      const ids = new Map<string, number>();
      const values: string[] = [];
      for (const node of cluster.nodes) {
        if (requireAllKeys && !hasAllKeys(node, constraints)) continue;
        if (!matchInclusion(cluster, pod, c, node)) continue;
        const v = node.labels[c.topologyKey] ?? '';
        let id = ids.get(v);
        if (id === undefined) {
          id = values.length;
          ids.set(v, id);
          values.push(v);
        }
        eligible[node.index] = id;
      }
      for (const node of cluster.nodes) {
        const v = node.labels[c.topologyKey];
        if (v !== undefined) any[node.index] = ids.get(v) ?? -1;
      }
      return { eligible, any, values, ids };
    });
  });
}

/** Matching Pods per domain, over eligible Nodes. */
function countsByDomain(cluster: Cluster, pod: SimPod, c: SpreadConstraint, d: Domains): Int32Array {
  // countPodsMatchSelector counts nothing for an empty (or nil) selector.
  if (c.selector.kind !== 'requirements') return new Int32Array(d.values.length);
  // The counter's live sums over these eligible domains (`d` is shared by every Pod of one
  // shape, so they are kept up to date as Pods are placed instead of recounted per cycle); a
  // copy, as the cycle holds it while dry runs place and remove nominated Pods.
  return Int32Array.from(cluster.selectorCounter(pod.namespace, c.selector).byDomain(d.eligible, d.values.length).sums);
}

interface FilterState {
  constraints: SpreadConstraint[];
  /** Per constraint, the topology's domain ids (-1: the Node lacks the key), read per Node instead of its labels. */
  keyIds: Int32Array[];
  domains: Domains[];
  counts: Int32Array[];
  minMatch: number[];
  selfMatch: number[];
}

const FILTER_KEY = 'PodTopologySpread/filter';

export const podTopologySpreadFilter: FilterPlugin = {
  name: PLUGIN.PodTopologySpread,
  preFilter(c) {
    const constraints = constraintsOf(c.pod, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const domains = domainsOf(c.cluster, c.pod, constraints, true);
    const st: FilterState = { constraints, keyIds: constraints.map((con) => c.cluster.topology(con.topologyKey).ids), domains, counts: [], minMatch: [], selfMatch: [] };
    constraints.forEach((con, i) => {
      const counts = countsByDomain(c.cluster, c.pod, con, domains[i]);
      let min = Number.MAX_SAFE_INTEGER;
      for (let k = 0; k < counts.length; k++) if (counts[k] < min) min = counts[k];
      // Fewer eligible domains than minDomains: the global minimum is taken as 0.
      if (counts.length < con.minDomains) min = 0;
      st.counts.push(counts);
      st.minMatch.push(min);
      st.selfMatch.push(matches(con.selector, c.pod.labels) ? 1 : 0);
    });
    c.set(FILTER_KEY, st);
    return null;
  },
  filter(c, node) {
    const st = c.get<FilterState>(FILTER_KEY);
    if (!st) return null;
    for (let i = 0; i < st.constraints.length; i++) {
      const con = st.constraints[i];
      if (st.keyIds[i][node.index] < 0) return MISSING;
      const id = st.domains[i].any[node.index];
      const skew = (id >= 0 ? st.counts[i][id] : 0) + st.selfMatch[i] - st.minMatch[i];
      if (skew > con.maxSkew) return REJECT;
    }
    return null;
  },
};

interface ScoreState {
  constraints: SpreadConstraint[];
  ignored: Set<number>;
  counts: Array<Map<string, number>>;
  weights: number[];
}

const SCORE_KEY = 'PodTopologySpread/score';

export const podTopologySpreadScore: ScorePlugin = {
  name: PLUGIN.PodTopologySpread,
  weight: 2,
  preScore(c: Cycle, feasible) {
    const pod = c.pod;
    const constraints = constraintsOf(pod, 'ScheduleAnyway');
    if (constraints.length === 0 || c.cluster.nodes.length === 0) return false;
    // Only explicit constraints require every topology key (so system defaults still spread
    // over hostnames on Nodes without a zone label).
    const requireAll = pod.spreadConstraints !== undefined;
    const ignored = new Set<number>();
    const counts = constraints.map(() => new Map<string, number>());
    const sizes = constraints.map(() => 0);
    for (const node of feasible) {
      if (requireAll && !hasAllKeys(node, constraints)) {
        ignored.add(node.index);
        continue;
      }
      constraints.forEach((con, i) => {
        if (con.topologyKey === HOSTNAME_LABEL) return;
        const v = node.labels[con.topologyKey] ?? '';
        if (!counts[i].has(v)) {
          counts[i].set(v, 0);
          sizes[i]++;
        }
      });
    }
    const weights = constraints.map((con, i) => Math.log((con.topologyKey === HOSTNAME_LABEL ? feasible.length - ignored.size : sizes[i]) + 2));
    const domains = domainsOf(c.cluster, pod, constraints, requireAll);
    constraints.forEach((con, i) => {
      if (con.topologyKey === HOSTNAME_LABEL) return;
      const byDomain = countsByDomain(c.cluster, pod, con, domains[i]);
      // Only values of scored Nodes are counted (TopologyValueToPodCounts).
      for (const v of counts[i].keys()) {
        const id = domains[i].ids.get(v);
        if (id !== undefined) counts[i].set(v, byDomain[id]);
      }
    });
    c.set(SCORE_KEY, { constraints, ignored, counts, weights } satisfies ScoreState);
    return true;
  },
  score(c, node) {
    const st = c.get<ScoreState>(SCORE_KEY);
    if (!st || st.ignored.has(node.index)) return 0;
    let score = 0;
    for (let i = 0; i < st.constraints.length; i++) {
      const con = st.constraints[i];
      const v = node.labels[con.topologyKey];
      if (v === undefined) continue;
      let cnt: number;
      if (con.topologyKey === HOSTNAME_LABEL) {
        cnt = con.selector.kind === 'requirements' ? (c.cluster.selectorCounter(c.pod.namespace, con.selector).byNode.get(node.index) ?? 0) : 0;
      } else cnt = st.counts[i].get(v) ?? 0;
      score += cnt * st.weights[i] + (con.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalize(c, scores, count, feasible) {
    const st = c.get<ScoreState>(SCORE_KEY);
    if (!st) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < count; i++) {
      if (st.ignored.has(feasible[i].index)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < count; i++) {
      if (st.ignored.has(feasible[i].index)) scores[i] = 0;
      else if (max === 0) scores[i] = 100;
      else scores[i] = Math.floor((100 * (max + min - scores[i])) / max);
    }
  },
};
