/**
 * NodeAffinity. PreFilter: Skip without nodeSelector and required affinity; when every
 * required term pins `metadata.name In [...]`, only those Nodes are candidates (the others are
 * reported as `node(s) didn't satisfy plugin(s) [NodeAffinity]`), and an empty set rejects the
 * Pod (`pod affinity terms conflict`). Filter: nodeSelector AND required affinity.
 * Score (weight 2): the summed weights of matching preferred terms, normalized to 0..100.
 */
import type { FilterPlugin, ScorePlugin } from '../plugin';
import { defaultNormalize, SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE } from '../types';
import { matchTerm } from '../labels';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';
export const ERR_REASON_PREFILTER_RESULT = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
const REJECT = status(PLUGIN.NodeAffinity, UNRESOLVABLE, ERR_REASON_POD);
const CONFLICT = status(PLUGIN.NodeAffinity, UNRESOLVABLE, ERR_REASON_CONFLICT);

export const nodeAffinityFilter: FilterPlugin = {
  name: PLUGIN.NodeAffinity,
  preFilter(c) {
    const pod = c.pod;
    if (pod.requiredNodeAffinity === undefined && pod.nodeSelector === null) return SKIP;
    const names = pod.affinityNodeNames;
    if (names === undefined) return null;
    if (names.size === 0) return { reject: CONFLICT };
    return { nodeNames: names };
  },
  filter(c, node) {
    return c.cluster.nodeMatchesPodAffinity(c.pod, node) ? null : REJECT;
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: PLUGIN.NodeAffinity,
  weight: 2,
  preScore: (c) => c.pod.hasPreferredNodeAffinity,
  score(c, node) {
    let s = 0;
    for (const p of c.pod.preferredNodeTerms) if (matchTerm(p.term, node)) s += p.weight;
    return s;
  },
  normalize: (_c, scores, count) => defaultNormalize(scores, count, false),
};
