/**
 * Label selectors (metav1.LabelSelector → labels.Selector) and node selectors (component-helpers
 * nodeaffinity), with upstream semantics: a nil selector matches nothing, an empty one matches
 * everything, `NotIn` matches a missing label, `Gt`/`Lt` compare base-10 int64 values strictly
 * and never match an unparsable label. A requirement that upstream could not parse (an unknown
 * operator, the wrong number of values, a key that is not a qualified name, a value that is not
 * a label value, a Gt/Lt bound that is not an int64) makes its selector (or node selector term)
 * match nothing, which is what the scheduler does with it.
 */
import { arr, isObj, objs, str, strings, stringMap, type PlainObject } from '../model/plain';
import { isQualifiedName, isValidLabelValue } from '../util/names';

export type Labels = Record<string, string>;

export type Op = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  op: Op;
  values: string[];
  /** For Gt/Lt: the parsed bound. */
  bound?: bigint;
}

export interface Selector {
  /** `nothing`: matches no labels (nil selector or a parse error); `everything`: no requirements. */
  kind: 'nothing' | 'everything' | 'requirements';
  reqs: Requirement[];
  /** Canonical text; equal signatures select the same sets. */
  sig: string;
}

export const NOTHING: Selector = { kind: 'nothing', reqs: [], sig: '∅' };
export const EVERYTHING: Selector = { kind: 'everything', reqs: [], sig: '*' };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64). */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/**
 * labels.NewRequirement: besides the operator's arity, the key must be a qualified name and
 * every value a valid label value; a requirement that fails any of it is a parse error.
 */
function requirement(key: string, op: Op, values: string[]): Requirement | undefined {
  if (isQualifiedName(key).length > 0) return undefined;
  for (const v of values) if (isValidLabelValue(v).length > 0) return undefined;
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return undefined;
      return { key, op, values: [...new Set(values)].sort() };
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return undefined;
      return { key, op, values: [] };
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return undefined;
      const bound = parseInt64(values[0]);
      if (bound === undefined) return undefined;
      return { key, op, values, bound };
    }
  }
}

function fromRequirements(reqs: Requirement[]): Selector {
  if (reqs.length === 0) return EVERYTHING;
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.op < b.op ? -1 : a.op > b.op ? 1 : 0));
  const sig = reqs.map((r) => `${r.key} ${r.op} ${JSON.stringify(r.values)}`).join(',');
  return { kind: 'requirements', reqs, sig };
}

const LABEL_OPS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** metav1.LabelSelectorAsSelector. */
export function labelSelector(v: unknown): Selector {
  if (v === undefined || v === null) return NOTHING;
  if (!isObj(v)) return NOTHING;
  const reqs: Requirement[] = [];
  const ml = stringMap(v.matchLabels);
  for (const k of Object.keys(ml)) {
    const r = requirement(k, 'In', [ml[k]]);
    if (!r) return NOTHING;
    reqs.push(r);
  }
  for (const e of objs(v.matchExpressions)) {
    const op = str(e.operator);
    const key = str(e.key) ?? '';
    if (!op || !LABEL_OPS.has(op)) return NOTHING;
    const r = requirement(key, op as Op, strings(e.values));
    if (!r) return NOTHING;
    reqs.push(r);
  }
  return fromRequirements(reqs);
}

/** labels.SelectorFromSet. */
export function selectorFromSet(set: Labels): Selector {
  const reqs: Requirement[] = [];
  for (const k of Object.keys(set)) reqs.push({ key: k, op: 'In', values: [set[k]] });
  return fromRequirements(reqs);
}

/** Selector with extra requirements ANDed in (a `nothing` selector stays nothing). */
export function andSelector(base: Selector, extra: Requirement[]): Selector {
  if (base.kind === 'nothing' || extra.length === 0) return base;
  return fromRequirements([...base.reqs, ...extra]);
}

export function matchRequirement(r: Requirement, labels: Labels): boolean {
  const v = labels[r.key];
  switch (r.op) {
    case 'In':
      return v !== undefined && (r.values.length === 1 ? r.values[0] === v : r.values.includes(v));
    case 'NotIn':
      return v === undefined || !r.values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined || r.bound === undefined) return false;
      const n = parseInt64(v);
      if (n === undefined) return false;
      return r.op === 'Gt' ? n > r.bound : n < r.bound;
    }
  }
}

export function matches(sel: Selector, labels: Labels): boolean {
  if (sel.kind === 'everything') return true;
  if (sel.kind === 'nothing') return false;
  const reqs = sel.reqs;
  for (let i = 0; i < reqs.length; i++) if (!matchRequirement(reqs[i], labels)) return false;
  return true;
}

/** `labels.Selector.Empty()`: true only for a selector without requirements. */
export function isEmptySelector(sel: Selector): boolean {
  return sel.kind === 'everything';
}

// ---------------------------------------------------------------------------------------------
// Node selectors

export interface NodeSelectorTerm {
  /** undefined: no label part; `nothing` when it failed to parse. */
  labels?: Selector;
  /** `metadata.name` requirements (In/NotIn with one value); undefined: no field part. */
  fields?: Array<{ op: 'In' | 'NotIn'; key: string; value: string }>;
  /** A requirement upstream could not parse: the term never matches. */
  invalid: boolean;
}

export interface NodeSelector {
  terms: NodeSelectorTerm[];
  sig: string;
}

const NODE_OPS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

function isEmptyTerm(t: PlainObject): boolean {
  return arr(t.matchExpressions).length === 0 && arr(t.matchFields).length === 0;
}

/** One nodeSelectorTerm (or a preferred term's `preference`). */
export function nodeSelectorTerm(t: PlainObject): NodeSelectorTerm {
  const out: NodeSelectorTerm = { invalid: false };
  const exprs = arr(t.matchExpressions);
  if (exprs.length > 0) {
    const reqs: Requirement[] = [];
    for (const e of exprs) {
      if (!isObj(e)) {
        out.invalid = true;
        continue;
      }
      const op = str(e.operator);
      const r = op && NODE_OPS.has(op) ? requirement(str(e.key) ?? '', op as Op, strings(e.values)) : undefined;
      if (!r) out.invalid = true;
      else reqs.push(r);
    }
    out.labels = out.invalid ? NOTHING : fromRequirements(reqs);
  }
  const fields = arr(t.matchFields);
  if (fields.length > 0) {
    out.fields = [];
    for (const f of fields) {
      if (!isObj(f)) {
        out.invalid = true;
        continue;
      }
      const op = str(f.operator);
      const values = strings(f.values);
      if ((op === 'In' || op === 'NotIn') && values.length === 1) out.fields.push({ op, key: str(f.key) ?? '', value: values[0] });
      else out.invalid = true;
    }
  }
  return out;
}

/** A required node selector: its non-empty terms (ORed). */
export function nodeSelector(v: unknown): NodeSelector {
  const terms: NodeSelectorTerm[] = [];
  const raw = isObj(v) ? objs(v.nodeSelectorTerms) : [];
  for (const t of raw) if (!isEmptyTerm(t)) terms.push(nodeSelectorTerm(t));
  return { terms, sig: JSON.stringify(raw) };
}

export interface NodeLike {
  name: string;
  labels: Labels;
}

export function matchTerm(t: NodeSelectorTerm, node: NodeLike): boolean {
  if (t.invalid) return false;
  if (t.labels && !matches(t.labels, node.labels)) return false;
  if (t.fields) {
    for (const f of t.fields) {
      const v = f.key === 'metadata.name' ? node.name : '';
      if (f.op === 'In' ? v !== f.value : v === f.value) return false;
    }
  }
  return true;
}

export function matchNodeSelector(ns: NodeSelector, node: NodeLike): boolean {
  for (const t of ns.terms) if (matchTerm(t, node)) return true;
  return false;
}
