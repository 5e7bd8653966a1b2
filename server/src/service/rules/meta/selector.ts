/**
 * `metav1.LabelSelectorAsSelector` and `Selector.Matches`, to judge whether a workload's
 * selector selects its own Pod template. A nil selector selects nothing, an empty one
 * everything; a selector that fails to convert (bad key, value, operator or value count)
 * is an error upstream reports separately.
 */
import { entry, type KMap, type KNode } from '../../parse/tree';
import { isQualifiedName, isValidLabelValue } from '../../util/names';
import { seqField, strField, stringItems } from '../spec/values';

type Op = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** A label value; a symbol stands for a value the server generates (a uid), unknowable here. */
export type LabelValue = string | symbol;

interface Requirement {
  key: string;
  op: Op;
  values: LabelValue[];
}

export type Selector = { kind: 'nothing' } | { kind: 'everything' } | { kind: 'reqs'; reqs: Requirement[] } | { kind: 'error' };

export type LabelSet = Map<string, LabelValue>;

function validRequirement(key: string, op: Op, values: string[]): boolean {
  if (isQualifiedName(key).length) return false;
  if ((op === 'In' || op === 'NotIn') && values.length === 0) return false;
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length !== 0) return false;
  return values.every((v) => isValidLabelValue(v).length === 0);
}

/**
 * The selector of a `LabelSelector` node (`undefined`/null = nil). `extraMatchLabels` are
 * matchLabels the server adds before validation (a Job's generated controller-uid).
 */
export function asSelector(sel: KNode | undefined, extraMatchLabels: Array<[string, LabelValue]> = []): Selector {
  if (!sel || (sel.kind === 'scalar' && sel.v.type === 'null')) {
    if (!extraMatchLabels.length) return { kind: 'nothing' };
  } else if (sel.kind !== 'map') return { kind: 'error' }; // a decode error; nothing to judge
  const map: KMap | undefined = sel && sel.kind === 'map' ? sel : undefined;
  const reqs: Requirement[] = [];
  const ml = entry(map, 'matchLabels')?.value;
  if (ml && ml.kind === 'map') {
    for (const e of ml.entries) {
      const v = e.value.kind === 'scalar' && (e.value.v.type === 'string' || e.value.v.type === 'null') ? (e.value.v.type === 'string' ? e.value.v.value : '') : undefined;
      if (v === undefined) return { kind: 'error' };
      if (!validRequirement(e.key, 'In', [v])) return { kind: 'error' };
      reqs.push({ key: e.key, op: 'In', values: [v] });
    }
  } else if (ml && !(ml.kind === 'scalar' && ml.v.type === 'null')) return { kind: 'error' };
  for (const [k, v] of extraMatchLabels) reqs.push({ key: k, op: 'In', values: [v] });
  const exprs = map ? seqField(map, 'matchExpressions') : { items: [] };
  if (!exprs) return { kind: 'error' };
  for (const r of exprs.items) {
    if (r.kind !== 'map') return { kind: 'error' };
    const key = strField(r, 'key');
    const op = strField(r, 'operator');
    const vs = seqField(r, 'values');
    const values = vs ? stringItems(vs.items) : undefined;
    if (!key || !op || !values) return { kind: 'error' };
    if (op.value !== 'In' && op.value !== 'NotIn' && op.value !== 'Exists' && op.value !== 'DoesNotExist') return { kind: 'error' };
    const vals = values.map((x) => x.value);
    if (!validRequirement(key.value, op.value, vals)) return { kind: 'error' };
    reqs.push({ key: key.value, op: op.value, values: vals });
  }
  if (reqs.length === 0) return { kind: 'everything' };
  return { kind: 'reqs', reqs };
}

export function isEmptySelector(s: Selector): boolean {
  return s.kind === 'everything';
}

/** `Selector.Matches(labels)`; a symbol value equals only the same symbol. */
export function selectorMatches(s: Selector, labels: LabelSet): boolean {
  if (s.kind === 'nothing' || s.kind === 'error') return false;
  if (s.kind === 'everything') return true;
  for (const r of s.reqs) {
    const has = labels.has(r.key);
    const v = labels.get(r.key);
    const inSet = has && r.values.some((x) => x === v);
    switch (r.op) {
      case 'In':
        if (!inSet) return false;
        break;
      case 'NotIn':
        if (inSet) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** The string labels of a `map[string]string` node (non-strings are decode errors: skipped). */
export function labelSet(n: KNode | undefined): LabelSet {
  const out: LabelSet = new Map();
  if (!n || n.kind !== 'map') return out;
  for (const e of n.entries) {
    const v = e.value;
    if (v.kind === 'scalar' && v.v.type === 'string') out.set(e.key, v.v.value);
    else if (v.kind === 'scalar' && v.v.type === 'null') out.set(e.key, '');
  }
  return out;
}
