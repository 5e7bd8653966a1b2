/**
 * `ValidateAvoidPodsInNodeAnnotations`: the legacy `scheduler.alpha.kubernetes.io/preferAvoidPods`
 * Node annotation must hold a JSON `AvoidPods` whose entries each name a controller in
 * `podSignature.podController`. Paths keep upstream's shape (`metadata.annotations.AvoidPods`
 * for a document that does not decode, the annotation key as a path segment for entries).
 * JSON syntax errors are worded by the JavaScript parser, not Go's.
 */
import { entry, msg, report, type ObjectRule } from './context';
import { structField, valueAt } from './spec/values';

const RULE = 'node-prefer-avoid-pods';
const KEY = 'scheduler.alpha.kubernetes.io/preferAvoidPods';

/** Go's case-insensitive match of a JSON key to a struct field. */
function jsonField(o: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const preferAvoidPods: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const meta = structField(ctx.object.node, 'metadata')?.m;
  const ann = meta ? structField(meta, 'annotations')?.m : undefined;
  const e = ann ? entry(ann, KEY) : undefined;
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string' || e.value.v.value === '') return;
  const at = valueAt(e);
  const bad = (detail: string) => report(ctx, RULE, 'Invalid', 'metadata.annotations.AvoidPods', at, msg.invalid(KEY, detail));
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.value.v.value);
  } catch (err) {
    bad(err instanceof Error ? err.message : String(err));
    return;
  }
  if (parsed === null) return;
  if (!isObject(parsed)) return bad('json: cannot unmarshal into Go value of type v1.AvoidPods');
  const list = jsonField(parsed, 'preferAvoidPods');
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) return bad('json: cannot unmarshal into Go struct field AvoidPods.preferAvoidPods of type []v1.PreferAvoidPodsEntry');
  list.forEach((item: unknown, i) => {
    const p = `metadata.annotations.${KEY}[${i}]`;
    if (item !== null && !isObject(item)) return bad('json: cannot unmarshal into Go struct field AvoidPods.preferAvoidPods of type v1.PreferAvoidPodsEntry');
    const sig = isObject(item) ? jsonField(item, 'podSignature') : undefined;
    const controllerRef = isObject(sig) ? jsonField(sig, 'podController') : undefined;
    if (!isObject(controllerRef)) {
      report(ctx, RULE, 'Required', `${p}.PodSignature`, at, msg.required());
      return;
    }
    const controller = jsonField(controllerRef, 'controller');
    if (controller === true) return;
    if (controller !== undefined && controller !== null && typeof controller !== 'boolean')
      return bad('json: cannot unmarshal into Go struct field OwnerReference.preferAvoidPods.podSignature.podController.controller of type bool');
    if (controller === false) report(ctx, RULE, 'Invalid', `${p}.PodSignature.PodController.Controller`, at, msg.invalid(false, 'must point to a controller'));
    // Upstream dereferences the missing pointer: the request fails with an internal error.
    else report(ctx, RULE, 'Invalid', `${p}.PodSignature.PodController.Controller`, at, msg.invalid(null, 'must be set to true (without it the API server fails the request with an internal error)'));
  });
};
