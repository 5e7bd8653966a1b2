/**
 * Who uses a Node's label or taint: the templates and Pods that select the label (nodeSelector,
 * required and preferred node affinity, topology keys of spread constraints and pod
 * (anti-)affinity), the Pods placed there that would stop fitting without it, and who
 * tolerates a taint or is repelled by it. One pass over the Pod groups per question.
 */
import { isHardEffect, type Taint } from '../scheduler/tolerations';
import type { SimNode, SimPod } from '../scheduler/types';
import { selectsNode, tolerationOf, type NodeFactsView, type PodGroup } from './view';

export interface LabelUse {
  group: PodGroup;
  /** How the template uses the label: `nodeSelector`, `required node affinity` … */
  how: string[];
}

export interface LabelUsage {
  uses: LabelUse[];
  /** Pods placed on the Node that would not fit there without the label, and why. */
  wouldStop: Array<{ pod: SimPod; why: string }>;
}

function mentions(reqs: ReadonlyArray<{ key: string }> | undefined, key: string): boolean {
  return reqs !== undefined && reqs.some((r) => r.key === key);
}

function howUsed(p: SimPod, node: SimNode, key: string): string[] {
  const how: string[] = [];
  if (p.nodeSelector && key in p.nodeSelector) how.push(p.nodeSelector[key] === node.labels[key] ? 'nodeSelector' : 'nodeSelector (another value)');
  if (p.requiredNodeAffinity?.terms.some((t) => mentions(t.labels?.reqs, key))) how.push('required node affinity');
  const preferred = p.preferredNodeTerms.filter((t) => mentions(t.term.labels?.reqs, key));
  if (preferred.length) how.push(`preferred node affinity (weight ${preferred.map((t) => t.weight).join(', ')})`);
  for (const c of p.spreadConstraints ?? []) if (c.topologyKey === key) how.push(`topology spread (maxSkew ${c.maxSkew}, ${c.whenUnsatisfiable})`);
  if (p.requiredAffinity.some((t) => t.topologyKey === key)) how.push('pod affinity topology (required)');
  if (p.requiredAntiAffinity.some((t) => t.topologyKey === key)) how.push('pod anti-affinity topology (required)');
  if (p.preferredAffinity.some((t) => t.topologyKey === key)) how.push('pod affinity topology (preferred)');
  if (p.preferredAntiAffinity.some((t) => t.topologyKey === key)) how.push('pod anti-affinity topology (preferred)');
  return how;
}

/** Why a Pod on the Node would stop fitting without the label, or undefined. */
function stopsWithout(p: SimPod, node: SimNode, without: SimNode['labels'], key: string): string | undefined {
  const stripped = { name: node.name, labels: without };
  if (selectsNode(p, node) && !selectsNode(p, stripped)) return p.nodeSelector && key in p.nodeSelector ? 'its nodeSelector needs it' : 'its required node affinity needs it';
  // PodTopologySpread's filter: a Node without a DoNotSchedule constraint's key is not a domain.
  if (p.spreadConstraints?.some((c) => c.topologyKey === key && c.whenUnsatisfiable === 'DoNotSchedule')) return 'a DoNotSchedule topology spread constraint counts domains by it';
  // InterPodAffinity's filter: required affinity needs the topology key on the Node.
  if (p.requiredAffinity.some((t) => t.topologyKey === key)) return 'its required pod affinity uses it as topology key';
  return undefined;
}

export function labelUsage(view: NodeFactsView, node: SimNode, key: string): LabelUsage {
  const uses: LabelUse[] = [];
  for (const g of view.groups) {
    const how = howUsed(g.rep, node, key);
    if (how.length) uses.push({ group: g, how });
  }
  const without = { ...node.labels };
  delete without[key];
  const wouldStop: LabelUsage['wouldStop'] = [];
  for (const p of node.pods) {
    const why = stopsWithout(p, node, without, key);
    if (why) wouldStop.push({ pod: p, why });
  }
  return { uses, wouldStop };
}

export interface TaintUsage {
  /** Templates and Pods that tolerate it (with tolerationSeconds for NoExecute). */
  tolerate: Array<{ group: PodGroup; seconds?: number }>;
  /** Templates whose selectors take this Node but which do not tolerate the taint. */
  repelled: PodGroup[];
  /** Pods on the Node (bound by nodeName) that do not tolerate a NoExecute taint: evicted. */
  evicted: SimPod[];
}

export function taintUsage(view: NodeFactsView, node: SimNode, taint: Taint): TaintUsage {
  const out: TaintUsage = { tolerate: [], repelled: [], evicted: [] };
  for (const g of view.groups) {
    const t = tolerationOf(g.rep.tolerations, taint);
    if (t) out.tolerate.push(t.seconds !== undefined && taint.effect === 'NoExecute' ? { group: g, seconds: t.seconds } : { group: g });
    else if (selectsNode(g.rep, node)) out.repelled.push(g);
  }
  if (taint.effect === 'NoExecute') for (const p of node.pods) if (!tolerationOf(p.tolerations, taint)) out.evicted.push(p);
  return out;
}

export { isHardEffect };
