/**
 * Rule family: volumes — upstream `ValidateVolumes` / `validateVolumeSource` (names, exactly
 * one source, every source's own checks; see rules/volume/) and the Pod-create-only check that
 * projected service account tokens need a service account. See docs/rules.md.
 */
import { childPath, indexPath } from '../validate/finding';
import { msg, report, type PodSpecRule } from './context';
import { itemMap, seqField, strField, structField } from './spec/values';
import { analyzeVolumes } from './volume/analyze';

/** Everything `ValidateVolumes` reports (the analysis is shared with the mount rules). */
const volumes: PodSpecRule = (ctx, site) => {
  for (const f of analyzeVolumes(ctx.object, site).findings) ctx.out.push(f);
};

/**
 * `validatePodMetadataAndSpec` (Pods only, not templates): a serviceAccountToken projection
 * is Forbidden when no service account is named (after `serviceAccount` → `serviceAccountName`
 * conversion). In a live cluster the ServiceAccount admission plugin usually sets `default`
 * first, so the API server then accepts the Pod; the rule reports the field-validation result.
 */
const tokenWithoutAccount: PodSpecRule = (ctx, { spec, path }) => {
  if (ctx.object.kind !== 'Pod') return;
  const sa = strField(spec, 'serviceAccountName');
  const dep = strField(spec, 'serviceAccount');
  if (!sa || sa.value !== '' || !dep || dep.value !== '') return;
  const vols = seqField(spec, 'volumes');
  if (!vols) return;
  vols.items.forEach((item, vi) => {
    const v = itemMap(item);
    const projected = v && structField(v, 'projected');
    if (!projected?.m) return;
    const sources = seqField(projected.m, 'sources');
    if (!sources) return;
    sources.items.forEach((s, si) => {
      const src = itemMap(s);
      const token = src && structField(src, 'serviceAccountToken');
      if (!token?.m) return;
      const p = childPath(indexPath(childPath(childPath(indexPath(childPath(path, 'volumes'), vi), 'projected'), 'sources'), si), 'serviceAccountToken');
      report(ctx, 'service-account-token-without-account', 'Forbidden', p, token.e!.keySpan, msg.forbidden('must not be specified when serviceAccountName is not set'));
    });
  });
};

export const volumesRules: PodSpecRule[] = [volumes, tokenWithoutAccount];
