/**
 * Rule family: node — `ValidateNode` beyond ObjectMeta (which rules/metadata.ts covers):
 * taints (reported under `metadata.taints`, an upstream quirk), the scheduler's taint
 * annotation, pod CIDRs after v1→internal conversion, capacity/allocatable quantities after
 * defaulting (allocatable copies capacity when absent, so capacity errors appear twice), and
 * the swap capacity (reported under `metadata.nodeSwapStatus`). `spec.configSource` is
 * dropped on create and status is otherwise unchecked. See docs/rules.md.
 */
import type { KMap, KNode, Span } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { isValidLabelValue } from '../util/names';
import { isIntegerResource } from './container/requirements';
import { parseQuantity, quantityFromNumber, roundUp, isNegative, type Quantity } from '../util/quantity';
import { entry, msg, report, type ObjectRule, type RuleContext } from './context';
import { validateLabelName } from './spec/labelSelector';
import { goJSONString, goJSONStrings, intField, invalidRendered, itemMap, missingAt, nodeAt, seqField, strField, stringItems, structField, valueAt } from './spec/values';
import { INVALID_CIDR_MESSAGE, parseCIDRSloppy } from './meta/cidr';
import { canonicalQuantity } from './meta/quantityString';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TAINTS_ANNOTATION = 'scheduler.alpha.kubernetes.io/taints';

interface Taint {
  key: string;
  value: string;
  effect: string;
  timeAdded: string | null;
  /** Spans to point at: the item, and each field when written. */
  at: Span;
  keyAt?: Span;
  valueAt?: Span;
  effectAt?: Span;
}

/** Go's `json.Marshal` of an internal `core.Taint` (no json tags: Go field names). */
function taintJSON(t: Taint): string {
  const time = t.timeAdded === null ? 'null' : goJSONString(t.timeAdded);
  return `{"Key":${goJSONString(t.key)},"Value":${goJSONString(t.value)},"Effect":${goJSONString(t.effect)},"TimeAdded":${time}}`;
}

/** `validateNodeTaints`: key, value, effect, and uniqueness by (key, effect). */
function validateTaints(ctx: RuleContext, taints: Taint[], path: string): void {
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = indexPath(path, i);
    validateLabelName(ctx, 'node-taint', t.key, childPath(p, 'key'), t.keyAt ?? t.at);
    const vErrs = isValidLabelValue(t.value);
    if (vErrs.length) report(ctx, 'node-taint', 'Invalid', childPath(p, 'value'), t.valueAt ?? t.at, msg.invalid(t.value, vErrs.join(';')));
    if (t.effect === '') report(ctx, 'node-taint', 'Required', childPath(p, 'effect'), t.effectAt ?? t.at, msg.required());
    else if (!TAINT_EFFECTS.includes(t.effect)) report(ctx, 'node-taint', 'NotSupported', childPath(p, 'effect'), t.effectAt ?? t.at, msg.notSupported(t.effect, TAINT_EFFECTS));
    const keys = seen.get(t.effect);
    if (keys?.has(t.key)) {
      report(ctx, 'duplicate-node-taint', 'Duplicate', p, t.at, `Duplicate value: ${taintJSON(t)}: taints must be unique by key and effect pair`);
      return;
    }
    if (keys) keys.add(t.key);
    else seen.set(t.effect, new Set([t.key]));
  });
}

/** `spec.taints` items read as taints; items that fail to decode are skipped. */
function specTaints(spec: KMap): Taint[] {
  const s = seqField(spec, 'taints');
  const out: Taint[] = [];
  if (!s) return out;
  for (const n of s.items) {
    const m = itemMap(n);
    if (!m) continue;
    const key = strField(m, 'key');
    const value = strField(m, 'value');
    const effect = strField(m, 'effect');
    const time = strField(m, 'timeAdded');
    if (!key || !value || !effect) continue;
    const at = m.entries.length ? missingAt(m) : nodeAt(n);
    out.push({
      key: key.value,
      value: value.value,
      effect: effect.value,
      timeAdded: time?.set ? time.value : null,
      at,
      keyAt: key.e ? valueAt(key.e) : undefined,
      valueAt: value.e ? valueAt(value.e) : undefined,
      effectAt: effect.e ? valueAt(effect.e) : undefined,
    });
  }
  return out;
}

const taints: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const spec = structField(ctx.object.node, 'spec')?.m;
  if (spec) validateTaints(ctx, specTaints(spec), 'metadata.taints');
};

/** Go's case-insensitive match of a JSON key to a struct field. */
function jsonField(o: Record<string, unknown>, name: string): unknown {
  for (const k of Object.keys(o)) if (k.toLowerCase() === name.toLowerCase()) return o[k];
  return undefined;
}

/** `ValidateTaintsInNodeAnnotations`: the legacy JSON taint list annotation. */
const taintAnnotation: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const meta = structField(ctx.object.node, 'metadata')?.m;
  const ann = meta ? structField(meta, 'annotations')?.m : undefined;
  const e = ann ? entry(ann, TAINTS_ANNOTATION) : undefined;
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string' || e.value.v.value === '') return;
  const at = valueAt(e);
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.value.v.value);
  } catch (err) {
    report(ctx, 'node-taint', 'Invalid', 'metadata.annotations', at, msg.invalid(TAINTS_ANNOTATION, err instanceof Error ? err.message : String(err)));
    return;
  }
  if (parsed === null) return;
  const str = (v: unknown): string | undefined => (v === undefined || v === null ? '' : typeof v === 'string' ? v : undefined);
  const list: Taint[] = [];
  const bad = (detail: string) => report(ctx, 'node-taint', 'Invalid', 'metadata.annotations', at, msg.invalid(TAINTS_ANNOTATION, detail));
  if (!Array.isArray(parsed)) return bad('json: cannot unmarshal into Go value of type []core.Taint');
  for (const t of parsed) {
    if (t === null) {
      list.push({ key: '', value: '', effect: '', timeAdded: null, at });
      continue;
    }
    if (typeof t !== 'object' || Array.isArray(t)) return bad('json: cannot unmarshal into Go value of type core.Taint');
    const o = t as Record<string, unknown>;
    const key = str(jsonField(o, 'key'));
    const value = str(jsonField(o, 'value'));
    const effect = str(jsonField(o, 'effect'));
    if (key === undefined || value === undefined || effect === undefined) return bad('json: cannot unmarshal into Go struct field Taint of type string');
    const time = jsonField(o, 'timeAdded');
    list.push({ key, value, effect, timeAdded: typeof time === 'string' ? time : null, at });
  }
  validateTaints(ctx, list, childPath('metadata.annotations', TAINTS_ANNOTATION));
};

/**
 * `spec.podCIDRs` as the internal object holds it: a lone `podCIDR` becomes `podCIDRs[0]`,
 * and a `podCIDR` that disagrees with `podCIDRs[0]` replaces the whole list.
 */
const podCIDRs: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const spec = structField(ctx.object.node, 'spec')?.m;
  if (!spec) return;
  const single = strField(spec, 'podCIDR');
  const multi = seqField(spec, 'podCIDRs');
  const items = multi ? stringItems(multi.items) : undefined;
  if (!single || !items) return;
  let list: Array<{ value: string; at: Span }> = items.map((x) => ({ value: x.value, at: nodeAt(x.node) }));
  if (single.e && single.value !== '' && (list.length === 0 || list[0].value !== single.value)) list = [{ value: single.value, at: valueAt(single.e) }];
  if (list.length === 0) return;
  const path = 'spec.podCIDRs';
  const families = list.map((c, i) => {
    const f = parseCIDRSloppy(c.value);
    if (!f) report(ctx, 'node-pod-cidr', 'Invalid', indexPath(path, i), c.at, msg.invalid(c.value, INVALID_CIDR_MESSAGE));
    return f;
  });
  if (list.length > 1) {
    // An unparsable entry makes the dual-stack check fail as well.
    const dual = families.every((f) => f !== undefined) && families.includes('IPv4') && families.includes('IPv6');
    if (!dual || list.length > 2) {
      const at = multi?.e ? multi.e.keySpan : list[0].at;
      report(ctx, 'node-pod-cidr', 'Invalid', path, at, invalidRendered(goJSONStrings(list.map((c) => c.value)), 'may specify no more than one CIDR for each IP family'));
    }
  }
};


/** A quantity as decoded and then defaulted (rounded up to milli precision); undefined if it does not parse. */
function defaultedQuantity(n: KNode): Quantity | undefined {
  if (n.kind !== 'scalar') return undefined;
  const v = n.v;
  const r = v.type === 'int' || v.type === 'float' ? quantityFromNumber(v.value) : v.type === 'string' ? parseQuantity(v.value) : undefined;
  return r?.ok ? roundUp(r.q, 3) : undefined;
}

/**
 * `ValidateResourceQuantityValue` on each entry, path `status.<list>.<name>` (dot, raw key).
 * Values print in canonical form (`"1500m"`); spans point at the entries of `list`.
 */
function validateResourceList(ctx: RuleContext, list: KMap, path: string): void {
  for (const e of list.entries) {
    const q = defaultedQuantity(e.value);
    if (!q) continue; // malformed: a decode error, reported structurally
    const p = `${path}.${e.key}`;
    const shown = canonicalQuantity(q);
    if (isNegative(q)) report(ctx, 'node-resource-quantity', 'Invalid', p, valueAt(e), msg.invalid(shown, 'must be greater than or equal to 0'));
    // After defaulting the value is exact in thousandths (den divides 1000).
    if (isIntegerResource(e.key) && ((q.num * 1000n) / q.den) % 1000n !== 0n)
      report(ctx, 'node-resource-quantity', 'Invalid', p, valueAt(e), msg.invalid(shown, 'must be an integer'));
  }
}

const resources: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const status = structField(ctx.object.node, 'status')?.m;
  if (!status) return;
  const cap = structField(status, 'capacity');
  const alloc = structField(status, 'allocatable');
  if (cap?.m) validateResourceList(ctx, cap.m, 'status.capacity');
  if (alloc?.m) validateResourceList(ctx, alloc.m, 'status.allocatable');
  // SetDefaults_NodeStatus: a nil allocatable becomes a copy of capacity, errors and all.
  else if (alloc && cap?.m) validateResourceList(ctx, cap.m, 'status.allocatable');
};

/** `validateNodeSwapStatus`: reported under `metadata.nodeSwapStatus` (upstream quirk). */
const swapCapacity: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Node') return;
  const status = structField(ctx.object.node, 'status')?.m;
  const info = status ? structField(status, 'nodeInfo')?.m : undefined;
  const swap = info ? structField(info, 'swap')?.m : undefined;
  const c = swap ? intField(swap, 'capacity') : undefined;
  if (!c?.e || c.value === undefined || c.value > 0) return;
  report(ctx, 'node-swap-capacity', 'Invalid', 'metadata.nodeSwapStatus.capacity', valueAt(c.e), msg.invalid(c.value, 'must be greater than zero'));
};

export const nodeRules: ObjectRule[] = [taints, taintAnnotation, podCIDRs, resources, swapCapacity];
