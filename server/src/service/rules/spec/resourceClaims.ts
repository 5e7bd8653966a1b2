/**
 * `validatePodResourceClaims` (DynamicResourceAllocation, on in 1.35): each entry of
 * `spec.resourceClaims` has a unique DNS-label name and exactly one of `resourceClaimName` /
 * `resourceClaimTemplateName`, each a DNS subdomain. A static (mirror) Pod may not use claims
 * at all; upstream reports that once per claim on an empty path (Pods only: templates are
 * validated without their metadata).
 */
import { childPath, indexPath } from '../../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain } from '../../util/names';
import { entry, msg, report, type PodSpecRule } from '../context';
import { goJSONString, invalidRendered, itemMap, missingAt, nodeAt, seqField, strField, valueAt } from './values';

const RULE = 'pod-resource-claim';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** Go's json of the internal `core.PodResourceClaim` (no json tags: Go field names). */
function claimJSON(name: string, claimName: string | undefined, templateName: string | undefined): string {
  const ptr = (v: string | undefined) => (v === undefined ? 'null' : goJSONString(v));
  return `{"Name":${goJSONString(name)},"ResourceClaimName":${ptr(claimName)},"ResourceClaimTemplateName":${ptr(templateName)}}`;
}

export const resourceClaims: PodSpecRule = (ctx, site) => {
  const list = seqField(site.spec, 'resourceClaims');
  if (!list || list.items.length === 0) return;
  // Templates are validated without Pod metadata (`ValidatePodTemplateSpec` passes nil).
  const annotations = ctx.object.kind === 'Pod' && site.metadata ? entry(site.metadata, 'annotations')?.value : undefined;
  const mirror = annotations?.kind === 'map' && annotations.entries.some((e) => e.key === MIRROR_ANNOTATION);
  const listPath = childPath(site.path, 'resourceClaims');
  const seen = new Map<string, { start: number; end: number }>();
  list.items.forEach((item, i) => {
    const c = itemMap(item);
    if (!c) return;
    const anchor = missingAt(c, nodeAt(item));
    if (mirror) {
      report(ctx, RULE, 'Forbidden', '', anchor, msg.forbidden('static pods do not support resource claims'));
      return;
    }
    const p = indexPath(listPath, i);
    const name = strField(c, 'name');
    const claimName = strField(c, 'resourceClaimName');
    const templateName = strField(c, 'resourceClaimTemplateName');
    if (!name || !claimName || !templateName) return; // wrong types: a decoding error
    const namePath = childPath(p, 'name');
    const nameAt = name.e ? valueAt(name.e) : anchor;
    if (name.value === '') report(ctx, RULE, 'Required', namePath, nameAt, msg.required());
    else if (seen.has(name.value)) report(ctx, RULE, 'Duplicate', namePath, nameAt, msg.duplicate(name.value), [{ span: seen.get(name.value)!, message: `claim "${name.value}" is first named here` }]);
    else {
      for (const m of isDNS1123Label(name.value)) report(ctx, RULE, 'Invalid', namePath, nameAt, msg.invalid(name.value, m));
      seen.set(name.value, nameAt);
    }
    const cn = claimName.set ? claimName.value : undefined;
    const tn = templateName.set ? templateName.value : undefined;
    const rendered = claimJSON(name.value, cn, tn);
    if (cn !== undefined && tn !== undefined)
      report(ctx, RULE, 'Invalid', p, anchor, invalidRendered(rendered, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (cn === undefined && tn === undefined)
      report(ctx, RULE, 'Invalid', p, anchor, invalidRendered(rendered, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    for (const [key, f] of [['resourceClaimName', claimName], ['resourceClaimTemplateName', templateName]] as const) {
      if (!f.set || !f.e) continue;
      for (const m of isDNS1123Subdomain(f.value)) report(ctx, RULE, 'Invalid', childPath(p, key), valueAt(f.e), msg.invalid(f.value, m));
    }
  });
};
