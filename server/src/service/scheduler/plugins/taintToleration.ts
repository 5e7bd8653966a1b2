/**
 * TaintToleration. Filter: every NoSchedule/NoExecute taint must be tolerated (reason
 * `node(s) had untolerated taint(s)` since v1.34, `… taint {key: value}` before).
 * Score (weight 3): the number of PreferNoSchedule taints not tolerated by the Pod's
 * tolerations with an empty or PreferNoSchedule effect, normalized reversed.
 */
import type { FilterPlugin, ScorePlugin } from '../plugin';
import { defaultNormalize } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, type Status } from '../types';
import { firstUntoleratedHardTaint, toleratedBy, type Toleration } from '../tolerations';

export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';
const REJECT = status(PLUGIN.TaintToleration, UNRESOLVABLE, ERR_REASON_UNTOLERATED);
const legacy = new Map<string, Status>();

/** The v1.33 reason for the first untolerated taint. */
export function legacyTaintReason(key: string, value: string): string {
  return `node(s) had untolerated taint {${key}: ${value}}`;
}

export const taintTolerationFilter: FilterPlugin = {
  name: PLUGIN.TaintToleration,
  filter(c, node) {
    if (!node.hardTaints) return null;
    const taint = firstUntoleratedHardTaint(node.taints, c.pod.tolerations);
    if (!taint) return null;
    if (c.version !== '1.33') return REJECT;
    const reason = legacyTaintReason(taint.key, taint.value);
    let s = legacy.get(reason);
    if (!s) {
      s = status(PLUGIN.TaintToleration, UNRESOLVABLE, reason);
      if (legacy.size < 10_000) legacy.set(reason, s);
    }
    return s;
  },
};

const PREFER_KEY = 'TaintToleration/prefer';

export const taintTolerationScore: ScorePlugin = {
  name: PLUGIN.TaintToleration,
  weight: 3,
  preScore(c) {
    c.set(PREFER_KEY, c.pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule'));
    return true;
  },
  score(c, node) {
    if (node.preferTaints === 0) return 0;
    const tolerations = c.get<Toleration[]>(PREFER_KEY) ?? [];
    let n = 0;
    for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !toleratedBy(tolerations, t)) n++;
    return n;
  },
  normalize: (_c, scores, count) => defaultNormalize(scores, count, true),
};
