/**
 * InterPodAffinity.
 *
 * Filter, in upstream order:
 * 1. the Pod's required affinity: every term's topology domain on the Node must hold a Pod
 *    matching all terms (unless no such Pod exists anywhere and the Pod matches its own
 *    terms: the first of a co-located group) — `node(s) didn't match pod affinity rules`,
 *    unresolvable; a Node without a term's topology key never satisfies it;
 * 2. the Pod's required anti-affinity — `node(s) didn't match pod anti-affinity rules`;
 * 3. placed Pods' required anti-affinity that the Pod matches (symmetry) —
 *    `node(s) didn't satisfy existing pods anti-affinity rules`.
 * Score (weight 2): ± weights of the Pod's preferred terms per matching placed Pod, + 1
 * (hardPodAffinityWeight) per placed Pod whose required affinity the Pod matches, ± weights
 * of placed Pods' preferred terms the Pod matches, credited per topology domain, min–max
 * normalized.
 *
 * Counts come from the cluster's PodCounters and term groups, never from a scan of all Pods.
 */
import type { Cycle, FilterPlugin, ScorePlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, UNSCHEDULABLE, type AffinityTerm, type SimNode } from '../types';
import type { Cluster, NodeTally, TermGroups } from '../cluster';

export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const AFFINITY = status(PLUGIN.InterPodAffinity, UNRESOLVABLE, ERR_REASON_AFFINITY);
const ANTI = status(PLUGIN.InterPodAffinity, UNSCHEDULABLE, ERR_REASON_ANTI_AFFINITY);
const EXISTING = status(PLUGIN.InterPodAffinity, UNSCHEDULABLE, ERR_REASON_EXISTING_ANTI_AFFINITY);

/** One tally's live sums per domain, counted `factor` times. */
interface Part {
  sums: Float64Array;
  factor: number;
}

/** The count of domain `id`: Σ factor × sum over the parts (in the order they were added). */
function countAt(parts: readonly Part[], id: number): number {
  let v = 0;
  for (let i = 0; i < parts.length; i++) v += parts[i].factor * parts[i].sums[id];
  return v;
}

/**
 * Counts per topology domain, per topology key (domain ids from `Cluster.topology`): upstream's
 * (key, value) → count maps, held as references to the tallies' live sums per domain rather
 * than added up: a cycle then costs the number of terms, and each Node the Filter or Score
 * reads costs the number of parts of its keys. (Copying the sums cost the number of domains
 * per term and cycle: 5,000 on a 5,000-Node cluster with a hostname term.) The sums stay
 * valid through the cycle: nothing is placed between PreFilter and the end of Score, and the
 * dry runs of nominated Pods take back what they placed before this cycle's Filter reads on.
 */
class DomainCounts {
  readonly byKey = new Map<string, Part[]>();
  /** Some contribution was recorded (upstream's map is non-empty). */
  touched = false;
  constructor(private readonly c: Cycle) {}
  /**
   * Adds `factor × count` to the domain of `key` of every Node the tally counts (Nodes without
   * the key add nothing; with `skipUnlabelled`, Nodes without any label neither).
   */
  addAll(key: string, tally: NodeTally, factor: number, skipUnlabelled = false): void {
    if (tally.byNode.size === 0) return;
    const cluster = this.c.cluster;
    const topo = cluster.topology(key);
    const d = tally.byDomain(skipUnlabelled ? labelledIds(cluster, key) : topo.ids, topo.values.length);
    if (d.filled === 0) return;
    const parts = this.byKey.get(key);
    if (parts) parts.push({ sums: d.sums, factor });
    else this.byKey.set(key, [{ sums: d.sums, factor }]);
    this.touched = true;
  }
  /** Whether any domain holds a positive count (upstream: the map has an entry). */
  anyPositive(): boolean {
    for (const [key, parts] of this.byKey) {
      const size = this.c.cluster.topology(key).values.length;
      for (let i = 0; i < size; i++) if (countAt(parts, i) > 0) return true;
    }
    return false;
  }
}

/**
 * The topology's domain ids with Nodes that carry no label at all left out (upstream's score
 * skips them); the topology's own array when no labelled-ness changes anything, so the tally
 * keeps one set of sums for both.
 */
function labelledIds(cluster: Cluster, key: string): Int32Array {
  return cluster.memo(`InterPodAffinity/labelled/${key}`, () => {
    const ids = cluster.topology(key).ids;
    let out = ids;
    for (const n of cluster.nodes) {
      if (n.labelCount !== 0 || ids[n.index] < 0) continue;
      if (out === ids) out = ids.slice();
      out[n.index] = -1;
    }
    return out;
  });
}

/** A topology key's domain ids per Node and the counts per domain (undefined: all zero). */
interface KeyCounts {
  ids: Int32Array;
  counts: Part[] | undefined;
}

/** Per term or key, looked up once per cycle: the Filter runs on every Node. */
interface FilterState {
  /** Per required affinity term. */
  affinity: KeyCounts[];
  affinityAny: boolean;
  /** Per required anti-affinity term with a count somewhere. */
  anti: KeyCounts[];
  /** Per topology key of placed Pods' anti-affinity terms that match the Pod. */
  existingAnti: KeyCounts[];
  matchesOwnTerms: boolean;
}

function keyCounts(c: Cycle, d: DomainCounts, key: string): KeyCounts {
  return { ids: c.cluster.topology(key).ids, counts: d.byKey.get(key) };
}

const FILTER_KEY = 'InterPodAffinity/filter';

export const interPodAffinityFilter: FilterPlugin = {
  name: PLUGIN.InterPodAffinity,
  preFilter(c) {
    const { cluster, pod } = c;
    const existingAnti = new DomainCounts(c);
    for (const g of cluster.requiredAnti.groups.values()) {
      if (!cluster.termMatches(g.term, pod)) continue;
      existingAnti.addAll(g.term.topologyKey, g.tally, 1);
    }
    const req = pod.requiredAffinity;
    const anti = pod.requiredAntiAffinity;
    if (!existingAnti.touched && req.length === 0 && anti.length === 0) return SKIP;
    const affinity = new DomainCounts(c);
    if (req.length) {
      const matching = cluster.allTermsCounter(req);
      for (const t of req) affinity.addAll(t.topologyKey, matching, 1);
    }
    const antiCounts = new DomainCounts(c);
    for (const t of anti) antiCounts.addAll(t.topologyKey, cluster.termCounter(t), 1);
    const matchesOwnTerms = req.length > 0 && req.every((t) => cluster.termMatches(t, pod));
    c.set(FILTER_KEY, {
      affinity: req.map((t) => keyCounts(c, affinity, t.topologyKey)),
      affinityAny: affinity.anyPositive(),
      anti: antiCounts.touched ? anti.map((t) => keyCounts(c, antiCounts, t.topologyKey)) : [],
      existingAnti: [...existingAnti.byKey.keys()].map((key) => keyCounts(c, existingAnti, key)),
      matchesOwnTerms,
    } satisfies FilterState);
    return null;
  },
  filter(c, node) {
    const st = c.get<FilterState>(FILTER_KEY);
    if (!st) return null;
    const idx = node.index;
    if (st.affinity.length) {
      let podsExist = true;
      for (const k of st.affinity) {
        const id = k.ids[idx];
        if (id < 0) return AFFINITY; // the Node lacks the term's topology key
        if (!k.counts || countAt(k.counts, id) <= 0) podsExist = false;
      }
      if (!podsExist && !(!st.affinityAny && st.matchesOwnTerms)) return AFFINITY;
    }
    for (const k of st.anti) {
      const id = k.ids[idx];
      if (id >= 0 && k.counts && countAt(k.counts, id) > 0) return ANTI;
    }
    for (const k of st.existingAnti) {
      const id = k.ids[idx];
      if (id >= 0 && k.counts && countAt(k.counts, id) > 0) return EXISTING;
    }
    return null;
  },
};

const SCORE_KEY = 'InterPodAffinity/score';
export const HARD_POD_AFFINITY_WEIGHT = 1;

function addIncoming(c: Cycle, terms: ReadonlyArray<AffinityTerm & { weight: number }>, sign: number, into: DomainCounts): void {
  for (const t of terms) into.addAll(t.topologyKey, c.cluster.termCounter(t), sign * t.weight, true);
}

function addExisting(c: Cycle, groups: TermGroups, sign: number, into: DomainCounts): void {
  for (const g of groups.groups.values()) {
    if (c.cluster.termMatches(g.term, c.pod)) into.addAll(g.term.topologyKey, g.tally, sign * g.weight, true);
  }
}

interface ScoreState {
  counts: DomainCounts;
  keys: Array<{ ids: Int32Array; parts: Part[] }>;
}

export const interPodAffinityScore: ScorePlugin = {
  name: PLUGIN.InterPodAffinity,
  weight: 2,
  preScore(c, feasible) {
    if (feasible.length === 0) return false;
    const pod = c.pod;
    const counts = new DomainCounts(c);
    if (pod.preferredAffinity.length) addIncoming(c, pod.preferredAffinity, 1, counts);
    if (pod.preferredAntiAffinity.length) addIncoming(c, pod.preferredAntiAffinity, -1, counts);
    addExisting(c, c.cluster.requiredAff, 1, counts);
    addExisting(c, c.cluster.preferredAff, 1, counts);
    addExisting(c, c.cluster.preferredAnti, -1, counts);
    // Nothing applies: upstream skips the plugin.
    if (!counts.touched) return false;
    const keys = [...counts.byKey].map(([key, parts]) => ({ ids: c.cluster.topology(key).ids, parts }));
    c.set(SCORE_KEY, { counts, keys } satisfies ScoreState);
    return true;
  },
  score(c, node: SimNode) {
    const st = c.get<ScoreState>(SCORE_KEY);
    if (!st) return 0;
    let s = 0;
    for (const k of st.keys) {
      const id = k.ids[node.index];
      if (id >= 0) s += countAt(k.parts, id);
    }
    return s;
  },
  normalize(_c, scores, count) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      if (scores[i] > max) max = scores[i];
      if (scores[i] < min) min = scores[i];
    }
    const diff = max - min;
    for (let i = 0; i < count; i++) scores[i] = diff > 0 ? Math.trunc(100 * ((scores[i] - min) / diff)) : 0;
  },
};
