/**
 * Generic ephemeral volumes: `validateEphemeralVolumeSource` → `ValidatePersistentVolumeClaimTemplate`
 * (template metadata may only carry labels and annotations; `ValidatePersistentVolumeClaimSpec`
 * on the claim spec). Rule id `ephemeral-volume`.
 */
import type { KMap, KNode, Span } from '../../parse/tree';
import { childPath, keyPath } from '../../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { validateLabelSelector, validateLabels } from '../spec/labelSelector';
import { invalidRendered, seqField, stringItems, strField, structField, valueAt } from '../spec/values';
import { at } from './read';
import { canonicalQuantity, quantityOf } from './quantityText';

const RULE = 'ephemeral-volume';
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function checkEphemeralSource(ctx: RuleContext, src: KMap, path: string, owner: Span): void {
  const t = structField(src, 'volumeClaimTemplate');
  if (!t) return;
  const tPath = childPath(path, 'volumeClaimTemplate');
  if (!t.m) return report(ctx, RULE, 'Required', tPath, t.e ? t.e.keySpan : owner, msg.required());
  const tOwner = t.e!.keySpan;
  const meta = structField(t.m, 'metadata');
  if (meta?.m) checkTemplateMeta(ctx, meta.m, childPath(tPath, 'metadata'));
  const spec = structField(t.m, 'spec');
  if (!spec) return;
  const specMap: KMap = spec.m ?? { kind: 'map', start: tOwner.start, end: tOwner.end, entries: [] };
  checkClaimSpec(ctx, specMap, childPath(tPath, 'spec'), spec.e ? spec.e.keySpan : tOwner);
}

/** ObjectMeta fields (JSON key → upstream's lower-cased Go field name) that must stay unset. */
const META_FORBIDDEN: Record<string, string> = {
  name: 'name',
  generateName: 'generateName',
  namespace: 'namespace',
  selfLink: 'selfLink',
  uid: 'uID', // validateFieldAllowList lower-cases only the first rune of "UID"
  resourceVersion: 'resourceVersion',
  generation: 'generation',
  creationTimestamp: 'creationTimestamp',
  deletionTimestamp: 'deletionTimestamp',
  deletionGracePeriodSeconds: 'deletionGracePeriodSeconds',
  ownerReferences: 'ownerReferences',
  finalizers: 'finalizers',
  managedFields: 'managedFields',
};

/** Whether a decoded ObjectMeta field differs from its Go zero value. */
function nonZero(n: KNode, key: string): boolean {
  if (n.kind !== 'scalar') return true; // lists (even empty: non-nil slices) and objects
  switch (n.v.type) {
    case 'null':
      return false;
    case 'string':
      return n.v.value !== '';
    case 'int':
    case 'float':
      return key === 'deletionGracePeriodSeconds' || n.v.value !== 0; // a pointer is set even at 0
    default:
      return true;
  }
}

/** `ValidateTemplateObjectMeta`. */
function checkTemplateMeta(ctx: RuleContext, meta: KMap, path: string): void {
  const ann = structField(meta, 'annotations');
  if (ann?.m) {
    const aPath = childPath(path, 'annotations');
    let size = 0;
    for (const e of ann.m.entries) {
      for (const d of isQualifiedName(e.key.toLowerCase())) report(ctx, RULE, 'Invalid', aPath, e.keySpan, msg.invalid(e.key, d));
      size += e.key.length + (e.value.kind === 'scalar' && e.value.v.type === 'string' ? e.value.v.value.length : 0);
    }
    if (size > TOTAL_ANNOTATION_SIZE) report(ctx, RULE, 'TooLong', aPath, ann.e!.keySpan, msg.tooLong(TOTAL_ANNOTATION_SIZE));
  }
  validateLabels(ctx, RULE, structField(meta, 'labels')?.m ?? undefined, childPath(path, 'labels'));
  for (const e of meta.entries) {
    const lc = META_FORBIDDEN[e.key];
    if (lc && Object.prototype.hasOwnProperty.call(META_FORBIDDEN, e.key) && nonZero(e.value, e.key))
      report(ctx, RULE, 'Forbidden', childPath(path, lc), e.keySpan, msg.forbidden('cannot be set'));
  }
}

function nameErrors(ctx: RuleContext, map: KMap, key: string, path: string, owner: Span, check: (v: string) => string[]): void {
  const f = strField(map, key);
  if (!f || f.value === '') return;
  for (const d of check(f.value)) report(ctx, RULE, 'Invalid', childPath(path, key), at(f.e, owner), msg.invalid(f.value, d));
}

/** `ValidatePersistentVolumeClaimSpec` (create options: VolumeAttributesClass GA). */
function checkClaimSpec(ctx: RuleContext, spec: KMap, path: string, owner: Span): void {
  const modes = seqField(spec, 'accessModes');
  const mPath = childPath(path, 'accessModes');
  if (modes && modes.items.length === 0) report(ctx, RULE, 'Required', mPath, modes.e ? modes.e.keySpan : owner, msg.required('at least 1 access mode is required'));
  const sel = structField(spec, 'selector');
  if (sel?.m) validateLabelSelector(ctx, RULE, sel.m, childPath(path, 'selector'));
  const list = modes ? stringItems(modes.items) : undefined;
  if (list) {
    let rwop = false;
    let other = false;
    for (const { value, node } of list) {
      if (!ACCESS_MODES.includes(value)) report(ctx, RULE, 'NotSupported', mPath, node.end > node.start ? node : owner, msg.notSupported(value, ACCESS_MODES));
      if (value === 'ReadWriteOncePod') rwop = true;
      else if (ACCESS_MODES.includes(value)) other = true;
    }
    if (rwop && other) report(ctx, RULE, 'Forbidden', mPath, modes!.e ? modes!.e.keySpan : owner, msg.forbidden('may not use ReadWriteOncePod with other access modes'));
  }
  checkStorageRequest(ctx, spec, path, owner);
  nameErrors(ctx, spec, 'storageClassName', path, owner, isDNS1123Subdomain);
  const vm = strField(spec, 'volumeMode');
  if (vm?.set && !VOLUME_MODES.includes(vm.value)) report(ctx, RULE, 'NotSupported', childPath(path, 'volumeMode'), at(vm.e, owner), msg.notSupported(vm.value, VOLUME_MODES));
  const ds = structField(spec, 'dataSource');
  const dsr = structField(spec, 'dataSourceRef');
  if (ds?.m) checkDataSource(ctx, ds.m, childPath(path, 'dataSource'), ds.e!.keySpan, false);
  if (dsr?.m) checkDataSource(ctx, dsr.m, childPath(path, 'dataSourceRef'), dsr.e!.keySpan, true);
  const refNs = dsr?.m ? strField(dsr.m, 'namespace') : undefined;
  if (dsr?.m && refNs && refNs.value !== '') {
    // The bad value is a *field.Path, which encoding/json renders as {}.
    if (ds?.m) report(ctx, RULE, 'Invalid', path, ds.e!.keySpan, invalidRendered('{}', 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (ds?.m && dsr?.m && !sameReference(ds.m, dsr.m)) {
    report(ctx, RULE, 'Invalid', path, ds.e!.keySpan, invalidRendered('{}', 'must match dataSourceRef'));
  }
  nameErrors(ctx, spec, 'volumeAttributesClassName', path, owner, isDNS1123Subdomain);
}

function checkStorageRequest(ctx: RuleContext, spec: KMap, path: string, owner: Span): void {
  const res = structField(spec, 'resources');
  if (!res) return;
  const req = res.m ? structField(res.m, 'requests') : { m: null };
  if (!req) return;
  const sPath = keyPath(childPath(path, 'resources'), 'storage');
  const e = req.m ? entry(req.m, 'storage') : undefined;
  if (!e) return report(ctx, RULE, 'Required', sPath, req.e ? req.e.keySpan : res.e ? res.e.keySpan : owner, msg.required());
  const q = quantityOf(e.value);
  if (q && q.num <= 0n) report(ctx, RULE, 'Invalid', sPath, valueAt(e), msg.invalid(canonicalQuantity(q), 'must be greater than zero'));
}

/** `validateDataSource` / `validateDataSourceRef`. */
function checkDataSource(ctx: RuleContext, ref: KMap, path: string, owner: Span, isRef: boolean): void {
  const name = strField(ref, 'name');
  const kind = strField(ref, 'kind');
  const group = strField(ref, 'apiGroup');
  if (!name || !kind || !group) return;
  if (name.value === '') report(ctx, RULE, 'Required', childPath(path, 'name'), at(name.e, owner), msg.required());
  if (kind.value === '') report(ctx, RULE, 'Required', childPath(path, 'kind'), at(kind.e, owner), msg.required());
  if (group.value === '' && kind.value !== 'PersistentVolumeClaim')
    report(ctx, RULE, 'Invalid', path, at(kind.e, owner), msg.invalid(kind.value, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (group.value !== '') for (const d of isDNS1123Subdomain(group.value)) report(ctx, RULE, 'Invalid', childPath(path, 'apiGroup'), at(group.e, owner), msg.invalid(group.value, d));
  if (isRef) nameErrors(ctx, ref, 'namespace', path, owner, isDNS1123Label);
}

/** `isDataSourceEqualDataSourceRef`: apiGroup pointers deep-equal, kind and name equal. */
function sameReference(a: KMap, b: KMap): boolean {
  const ga = strField(a, 'apiGroup');
  const gb = strField(b, 'apiGroup');
  if (ga?.set !== gb?.set || ga?.value !== gb?.value) return false;
  return strField(a, 'kind')?.value === strField(b, 'kind')?.value && strField(a, 'name')?.value === strField(b, 'name')?.value;
}
