/**
 * DefaultPreemption (PostFilter): can evicting lower-priority Pods make room?
 *
 * Nodes whose Filter status was UnschedulableAndUnresolvable (or that a PreFilterResult left
 * out) are `Preemption is not helpful for scheduling`. Each other Node is dry-run: without a
 * Pod of strictly lower priority it is `No preemption victims found for incoming pod`;
 * otherwise all lower-priority Pods are removed and the filters run again — a failure is
 * reported with that filter's reasons, a success makes the Node a candidate, whose victims
 * are then minimised by reprieving the most important Pods first. The candidate with the
 * lowest highest-victim priority, then lowest priority sum, then fewest victims is chosen.
 * A Pod with `preemptionPolicy: Never` is not eligible.
 */
import type { Cluster } from '../cluster';
import { PLUGIN, status, UNRESOLVABLE, UNSCHEDULABLE, type SimNode, type SimPod, type Status } from '../types';
import { fitError, NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL, PREEMPTION_POLICY_NEVER, ReasonHistogram } from '../message';

const NOT_HELPFUL = status(PLUGIN.DefaultPreemption, UNRESOLVABLE, PREEMPTION_NOT_HELPFUL);
const NO_VICTIMS = status(PLUGIN.DefaultPreemption, UNRESOLVABLE, NO_PREEMPTION_VICTIMS);

export interface Candidate {
  node: SimNode;
  victims: SimPod[];
}

export interface PreemptionOutcome {
  /** The text after `preemption: ` when no candidate was found. */
  message?: string;
  /** The chosen candidate when preemption would succeed. */
  candidate?: Candidate;
}

/** Runs the Pod's PreFilter + Filter on one Node of the current cluster state. */
export type FilterOnNode = (pod: SimPod, node: SimNode) => Status | null;

/** MoreImportantPod: higher priority first, then the earlier Pod (workspace order). */
function moreImportant(a: SimPod, b: SimPod): number {
  return b.priority - a.priority || a.index - b.index;
}

function selectVictims(cluster: Cluster, pod: SimPod, node: SimNode, filterOnNode: FilterOnNode): { status?: Status; victims?: SimPod[] } {
  // Most Nodes of a failed attempt hold no lower-priority Pod: tell without building a list.
  if (!node.pods.some((p) => p.priority < pod.priority)) return { status: NO_VICTIMS };
  const potential = node.pods.filter((p) => p.priority < pod.priority);
  potential.sort(moreImportant);
  const generation = cluster.generation;
  const order = node.pods.slice();
  for (const p of potential) cluster.removePod(p);
  const victims: SimPod[] = [];
  try {
    const st = filterOnNode(pod, node);
    if (st) return { status: st };
    for (const p of potential) {
      cluster.addPod(p, node);
      if (filterOnNode(pod, node)) {
        cluster.removePod(p);
        victims.push(p);
      }
    }
    return { victims };
  } finally {
    // Restore the Node as it was (victims included).
    for (const p of potential) if (p.node !== node) cluster.addPod(p, node);
    node.pods.length = 0;
    node.pods.push(...order);
    cluster.generation = generation;
  }
}

function pickOne(candidates: Candidate[]): Candidate {
  let best = candidates[0];
  const key = (c: Candidate): [number, number, number] => {
    let highest = -Infinity;
    let sum = 0;
    for (const v of c.victims) {
      if (v.priority > highest) highest = v.priority;
      sum += v.priority + 2 ** 31;
    }
    return [highest, sum, c.victims.length];
  };
  let bestKey = key(best);
  for (let i = 1; i < candidates.length; i++) {
    const k = key(candidates[i]);
    if (k[0] < bestKey[0] || (k[0] === bestKey[0] && (k[1] < bestKey[1] || (k[1] === bestKey[1] && k[2] < bestKey[2])))) {
      best = candidates[i];
      bestKey = k;
    }
  }
  return best;
}

/**
 * `filterStatus` gives the Filter status of each Node (by index) that the Filter rejected;
 * Nodes without one (left out by a PreFilterResult) are not helped by preemption.
 */
export function preempt(cluster: Cluster, pod: SimPod, filterStatus: (nodeIndex: number) => Status | null | undefined, filterOnNode: FilterOnNode): PreemptionOutcome {
  if (pod.preemptionPolicy === 'Never') return { message: PREEMPTION_POLICY_NEVER };
  const candidates: Candidate[] = [];
  const hist = new ReasonHistogram();
  // No placed Pod of lower priority anywhere: no Node has victims (a Pod that fits nowhere
  // among its equals is the common case; the dry runs would each find none).
  const anyVictims = cluster.hasPodBelow(pod.priority);
  for (const node of cluster.nodes) {
    const st = filterStatus(node.index);
    if (!st || st.code !== UNSCHEDULABLE) {
      hist.addStatus(NOT_HELPFUL);
      continue;
    }
    if (!anyVictims) {
      hist.addStatus(NO_VICTIMS);
      continue;
    }
    const r = selectVictims(cluster, pod, node, filterOnNode);
    if (r.victims && r.victims.length > 0) candidates.push({ node, victims: r.victims });
    else {
      const s = r.status ?? status(PLUGIN.DefaultPreemption, UNRESOLVABLE, `expected at least one victim pod on node "${node.name}"`);
      hist.addStatus(s);
    }
  }
  if (candidates.length > 0) return { candidate: pickOne(candidates) };
  return { message: fitError(cluster.nodes.length, hist.toString()) };
}
