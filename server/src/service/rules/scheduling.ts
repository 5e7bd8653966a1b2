/**
 * Rule family: scheduling — `validateAffinity` (node affinity, pod (anti-)affinity),
 * `ValidateTolerations` and `validateTopologySpreadConstraints` of upstream `ValidatePodSpec`.
 * The checks live in ./spec/{nodeAffinity,podAffinity,matchLabelKeys,tolerations,topologySpread}.ts.
 */
import { childPath } from '../diagnostics/finding';
import type { PodSpecRule } from './context';
import { podLabels } from './spec/matchLabelKeys';
import { nodeAffinity } from './spec/nodeAffinity';
import { podAffinity } from './spec/podAffinity';
import { tolerations } from './spec/tolerations';
import { topologySpread } from './spec/topologySpread';
import { structField } from './spec/values';

const affinity: PodSpecRule = (ctx, site) => {
  const a = structField(site.spec, 'affinity');
  if (!a?.m) return;
  const path = childPath(site.path, 'affinity');
  const na = structField(a.m, 'nodeAffinity');
  if (na?.m) nodeAffinity(ctx, na.m, childPath(path, 'nodeAffinity'));
  const labels = podLabels(ctx, site);
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const pa = structField(a.m, key);
    if (pa?.m) podAffinity(ctx, pa.m, childPath(path, key), labels);
  }
};

export const schedulingRules: PodSpecRule[] = [affinity, tolerations, topologySpread];
