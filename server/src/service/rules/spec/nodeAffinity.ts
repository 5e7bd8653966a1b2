/**
 * Node affinity (`validateNodeAffinity`): `ValidateNodeSelector` for the required terms,
 * `ValidatePreferredSchedulingTerms` for the preferred ones (whose label values are never
 * checked: a preferred term may still match on some node).
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { isDNS1123Subdomain, isValidLabelValue } from '../../util/names';
import { msg, report, type RuleContext } from '../context';
import { validateLabelName } from './labelSelector';
import { fieldAt, intField, itemMap, missingAt, nodeAt, seqField, strField, stringItems, structField } from './values';

/** `ValidateNodeSelectorRequirement` (matchExpressions of a node selector term). */
function nodeSelectorRequirement(ctx: RuleContext, rq: KMap, path: string, allowInvalidValues: boolean, fallback: Span): void {
  const rule = 'node-selector-requirement';
  const op = strField(rq, 'operator');
  const key = strField(rq, 'key');
  const values = seqField(rq, 'values');
  const vPath = childPath(path, 'values');
  const vAt = values?.e ? values.e.keySpan : fieldAt(rq, op, fallback);
  if (op && values) {
    const n = values.items.length;
    switch (op.value) {
      case 'In':
      case 'NotIn':
        if (n === 0) report(ctx, rule, 'Required', vPath, vAt, msg.required("must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (n > 0) report(ctx, rule, 'Forbidden', vPath, vAt, msg.forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (n !== 1) report(ctx, rule, 'Required', vPath, vAt, msg.required("must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        report(ctx, rule, 'Invalid', childPath(path, 'operator'), fieldAt(rq, op, fallback), msg.invalid(op.value, 'not a valid selector operator'));
    }
  }
  if (key) validateLabelName(ctx, rule, key.value, childPath(path, 'key'), fieldAt(rq, key, fallback));
  const vals = values && !allowInvalidValues ? stringItems(values.items) : undefined;
  vals?.forEach((v, i) => {
    for (const m of isValidLabelValue(v.value)) report(ctx, rule, 'Invalid', indexPath(vPath, i), nodeAt(v.node), msg.invalid(v.value, m));
  });
}

/** `ValidateNodeFieldSelectorRequirement`: only `metadata.name`, In/NotIn, exactly one node name. */
function nodeFieldSelectorRequirement(ctx: RuleContext, rq: KMap, path: string, fallback: Span): void {
  const rule = 'node-field-selector-requirement';
  const op = strField(rq, 'operator');
  const key = strField(rq, 'key');
  const values = seqField(rq, 'values');
  if (op && values) {
    if (op.value === 'In' || op.value === 'NotIn') {
      if (values.items.length !== 1)
        report(ctx, rule, 'Required', childPath(path, 'values'), values.e ? values.e.keySpan : fieldAt(rq, op, fallback), msg.required("must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else report(ctx, rule, 'Invalid', childPath(path, 'operator'), fieldAt(rq, op, fallback), msg.invalid(op.value, 'not a valid selector operator'));
  }
  if (!key) return;
  if (key.value !== 'metadata.name') {
    report(ctx, rule, 'Invalid', childPath(path, 'key'), fieldAt(rq, key, fallback), msg.invalid(key.value, 'not a valid field selector key'));
    return;
  }
  const vals = values ? stringItems(values.items) : undefined;
  vals?.forEach((v, i) => {
    for (const m of isDNS1123Subdomain(v.value)) report(ctx, rule, 'Invalid', indexPath(childPath(path, 'values'), i), nodeAt(v.node), msg.invalid(v.value, m));
  });
}

/** `ValidateNodeSelectorTerm`. */
function nodeSelectorTerm(ctx: RuleContext, term: KMap, path: string, allowInvalidValues: boolean): void {
  for (const [key, check] of [
    ['matchExpressions', (rq: KMap, p: string, fb: Span) => nodeSelectorRequirement(ctx, rq, p, allowInvalidValues, fb)],
    ['matchFields', (rq: KMap, p: string, fb: Span) => nodeFieldSelectorRequirement(ctx, rq, p, fb)],
  ] as const) {
    const s = seqField(term, key);
    s?.items.forEach((n, j) => {
      const rq = itemMap(n);
      if (rq) check(rq, indexPath(childPath(path, key), j), nodeAt(n));
    });
  }
}

/** The `weight` of a preferred term: 1–100 (absent = 0). */
export function weight(ctx: RuleContext, item: KMap, path: string, fallback: Span): void {
  const w = intField(item, 'weight');
  if (!w) return;
  const v = w.value ?? 0;
  if (v > 0 && v <= 100) return;
  report(ctx, 'affinity-weight', 'Invalid', childPath(path, 'weight'), fieldAt(item, w, fallback), msg.invalid(v, 'must be in the range 1-100'));
}

export function nodeAffinity(ctx: RuleContext, na: KMap, path: string): void {
  const req = structField(na, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (req?.m) {
    const rPath = childPath(path, 'requiredDuringSchedulingIgnoredDuringExecution');
    const terms = seqField(req.m, 'nodeSelectorTerms');
    const tPath = childPath(rPath, 'nodeSelectorTerms');
    if (terms && terms.items.length === 0) {
      const span = terms.e ? terms.e.keySpan : req.m.entries.length || !req.e ? missingAt(req.m) : req.e.keySpan;
      report(ctx, 'node-selector-terms-required', 'Required', tPath, span, msg.required('must have at least one node selector term'));
    }
    terms?.items.forEach((n, i) => {
      const term = itemMap(n);
      if (term) nodeSelectorTerm(ctx, term, indexPath(tPath, i), false);
    });
  }
  const pref = seqField(na, 'preferredDuringSchedulingIgnoredDuringExecution');
  const pPath = childPath(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  pref?.items.forEach((n, i) => {
    const item = itemMap(n);
    if (!item) return;
    const p = indexPath(pPath, i);
    weight(ctx, item, p, nodeAt(n));
    // Preferred terms always allow invalid label values (they can still match on one node).
    const term = structField(item, 'preference');
    if (term?.m) nodeSelectorTerm(ctx, term.m, childPath(p, 'preference'), true);
  });
}
