/**
 * metav1 label validation (apimachinery `pkg/apis/meta/v1/validation`): `ValidateLabelName`,
 * `ValidateLabels`, `ValidateLabelSelector`, `ValidateLabelSelectorRequirement`. Reusable by any
 * family that validates a LabelSelector (pod affinity, topology spread, workload selectors).
 */
import type { KMap, KNode, Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { isQualifiedName, isValidLabelValue } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { missingAt, nodeAt, seqField, strField, stringItems, valueAt } from './values';
import type { RuleId } from '../../diagnostics/catalog';

/** `ValidateLabelName`: one Invalid per qualified-name message, on `path`. */
export function validateLabelName(ctx: RuleContext, rule: RuleId, key: string, path: string, span: Span): void {
  for (const m of isQualifiedName(key)) report(ctx, rule, 'Invalid', path, span, msg.invalid(key, m));
}

/** `ValidateLabels`: keys and values of a `map[string]string`, all reported on `path` (no key). */
export function validateLabels(ctx: RuleContext, rule: RuleId, labels: KNode | undefined, path: string): void {
  if (!labels || labels.kind !== 'map') return;
  for (const e of labels.entries) {
    validateLabelName(ctx, rule, e.key, path, e.keySpan);
    const v = e.value;
    if (v.kind !== 'scalar') continue;
    const value = v.v.type === 'string' ? v.v.value : v.v.type === 'null' ? '' : undefined;
    if (value === undefined) continue; // wrong type: a decode error, reported structurally
    for (const m of isValidLabelValue(value)) report(ctx, rule, 'Invalid', path, valueAt(e), msg.invalid(value, m));
  }
}

/** A requirement the API server appends to a selector before validating it (matchLabelKeys merge). */
export interface AddedRequirement {
  key: string;
  operator: 'In' | 'NotIn';
  value: string;
  /** What the user wrote that caused it (the matchLabelKeys item). */
  span: Span;
}

export interface SelectorOptions {
  /** Skip label-value checks on requirement values (preferred node affinity terms). */
  allowInvalidValues?: boolean;
  /** Unknown operators pass (never for Pods; kept for parity with upstream options). */
  allowUnknownOperator?: boolean;
}

/** `ValidateLabelSelectorRequirement` on one `matchExpressions[i]` item. */
export function validateLabelSelectorRequirement(ctx: RuleContext, rule: RuleId, req: KNode, path: string, opts: SelectorOptions = {}): void {
  if (req.kind !== 'map') return;
  const op = strField(req, 'operator');
  const key = strField(req, 'key');
  const values = seqField(req, 'values');
  const vals = values ? stringItems(values.items) : undefined;
  const valuesAt = values?.e ? values.e.keySpan : missingAt(req);
  if (op && values) {
    const n = values.items.length;
    switch (op.value) {
      case 'In':
      case 'NotIn':
        if (n === 0) report(ctx, rule, 'Required', childPath(path, 'values'), valuesAt, msg.required("must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (n > 0) report(ctx, rule, 'Forbidden', childPath(path, 'values'), valuesAt, msg.forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        if (!opts.allowUnknownOperator)
          report(ctx, rule, 'Invalid', childPath(path, 'operator'), op.e ? valueAt(op.e) : missingAt(req), msg.invalid(op.value, 'not a valid selector operator'));
    }
  }
  if (key) validateLabelName(ctx, rule, key.value, childPath(path, 'key'), key.e ? valueAt(key.e) : missingAt(req));
  if (!opts.allowInvalidValues && vals) checkValues(ctx, rule, vals, childPath(path, 'values'));
}

function checkValues(ctx: RuleContext, rule: RuleId, vals: Array<{ value: string; node: KNode }>, path: string): void {
  vals.forEach((v, i) => {
    for (const m of isValidLabelValue(v.value)) report(ctx, rule, 'Invalid', indexPath(path, i), nodeAt(v.node), msg.invalid(v.value, m));
  });
}

/**
 * `ValidateLabelSelector`: `matchLabels` as labels (path `…matchLabels`, no key), each
 * `matchExpressions[i]` as a requirement. `added` are requirements the server appended.
 */
export function validateLabelSelector(
  ctx: RuleContext,
  rule: RuleId,
  sel: KNode | undefined,
  path: string,
  opts: SelectorOptions = {},
  added: AddedRequirement[] = [],
): void {
  if (!sel || sel.kind !== 'map') return;
  const ml = strMapEntry(sel, 'matchLabels');
  if (ml) validateLabels(ctx, rule, ml, childPath(path, 'matchLabels'));
  const exprs = seqField(sel, 'matchExpressions');
  const ePath = childPath(path, 'matchExpressions');
  const n = exprs ? exprs.items.length : 0;
  if (exprs) exprs.items.forEach((r, i) => validateLabelSelectorRequirement(ctx, rule, r, indexPath(ePath, i), opts));
  added.forEach((a, j) => {
    const p = indexPath(ePath, n + j);
    validateLabelName(ctx, rule, a.key, childPath(p, 'key'), a.span);
    if (!opts.allowInvalidValues)
      for (const m of isValidLabelValue(a.value)) report(ctx, rule, 'Invalid', indexPath(childPath(p, 'values'), 0), a.span, msg.invalid(a.value, m));
  });
}

function strMapEntry(map: KMap, key: string): KNode | undefined {
  const v = entry(map, key)?.value;
  return v && v.kind === 'map' ? v : undefined;
}

/**
 * The label keys a selector uses, in upstream's iteration order for the matchLabelKeys
 * overlap check: `matchLabels` keys, then each expression key (user-written, then added).
 */
export function selectorKeys(sel: KMap, added: AddedRequirement[] = []): { matchLabels: Set<string>; expressions: string[] } {
  const matchLabels = new Set<string>();
  const ml = strMapEntry(sel, 'matchLabels');
  if (ml && ml.kind === 'map') for (const e of ml.entries) matchLabels.add(e.key);
  const expressions: string[] = [];
  const exprs = seqField(sel, 'matchExpressions');
  if (exprs)
    for (const r of exprs.items) {
      if (r.kind !== 'map') continue;
      const k = strField(r, 'key');
      if (k) expressions.push(k.value);
    }
  for (const a of added) expressions.push(a.key);
  return { matchLabels, expressions };
}
