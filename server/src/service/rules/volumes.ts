/**
 * Rule family: volumes — upstream `ValidateVolumes` / `validateVolumeSource` (names, exactly
 * one source, every source's own checks; see rules/volume/). The Pod-create-only check that a
 * projected service account token needs a service account never fails on create: the
 * ServiceAccount admission plugin sets `default` first (createPath/admission). See docs/rules.md.
 */
import type { PodSpecRule } from './context';
import { analyzeVolumes } from './volume/analyze';

/** Everything `ValidateVolumes` reports (the analysis is shared with the mount rules). */
const volumes: PodSpecRule = (ctx, site) => {
  for (const f of analyzeVolumes(ctx.object, site).findings) ctx.out.push(f);
};

export const volumesRules: PodSpecRule[] = [volumes];
