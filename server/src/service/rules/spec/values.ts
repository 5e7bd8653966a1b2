/**
 * Reading fields the way the API server sees them after decoding: an absent or `null` field
 * is Go's zero value, a value of the wrong JSON type means decoding failed (structure.ts
 * reports that) so field rules must stay silent about it.
 */
import type { KEntry, KMap, KNode, Span } from '../../parse/tree';
import { entry } from '../context';

/** A string field: `value` is `''` when absent or null; undefined result = wrong type. */
export interface StrField {
  value: string;
  /** The entry, when the field is written (even as null). */
  e?: KEntry;
  /** True when the field holds a string (a Go pointer field would be non-nil). */
  set: boolean;
}

// The answers for an absent field, shared: rules ask for absent fields of every container of
// a Pod (half a million containers asked ~20 times each made as many objects). Frozen, so a
// caller that tried to change one would fail loudly.
const ABSENT_STR: StrField = Object.freeze({ value: '', set: false });
const ABSENT_INT: IntField = Object.freeze({ value: undefined });
const ABSENT_SEQ: { items: KNode[] } = Object.freeze({ items: Object.freeze([]) as unknown as KNode[] });
const ABSENT_STRUCT: { m: KMap | null } = Object.freeze({ m: null });

export function strField(map: KMap, key: string): StrField | undefined {
  const e = entry(map, key);
  if (!e) return ABSENT_STR;
  const v = e.value;
  if (v.kind !== 'scalar') return undefined;
  if (v.v.type === 'null') return { value: '', e, set: false };
  if (v.v.type !== 'string') return undefined;
  return { value: v.v.value, e, set: true };
}

/** An integer field: `value` undefined when absent or null (nil pointer / zero). */
export interface IntField {
  value: number | undefined;
  e?: KEntry;
}

export function intField(map: KMap, key: string): IntField | undefined {
  const e = entry(map, key);
  if (!e) return ABSENT_INT;
  const v = e.value;
  if (v.kind !== 'scalar') return undefined;
  if (v.v.type === 'null') return { value: undefined, e };
  if (v.v.type === 'int' || (v.v.type === 'float' && Number.isInteger(v.v.value))) return { value: v.v.value as number, e };
  return undefined;
}

/** A list field's items, or undefined when the field holds something other than a list. */
export function seqField(map: KMap, key: string): { items: KNode[]; e?: KEntry } | undefined {
  const e = entry(map, key);
  if (!e) return ABSENT_SEQ;
  const v = e.value;
  if (v.kind === 'seq') return { items: v.items, e };
  if (v.kind === 'scalar' && v.v.type === 'null') return { items: [], e };
  return undefined;
}

/** The string items of a `[]string` list (non-strings are decode errors; callers skip the list). */
export function stringItems(items: KNode[]): Array<{ value: string; node: KNode }> | undefined {
  const out: Array<{ value: string; node: KNode }> = [];
  for (const n of items) {
    if (n.kind !== 'scalar') return undefined;
    if (n.v.type === 'null') out.push({ value: '', node: n });
    else if (n.v.type === 'string') out.push({ value: n.v.value, node: n });
    else return undefined;
  }
  return out;
}

/** A list item as a struct: the map, `{}` for a `null` item (JSON null decodes to the zero
 * struct), undefined for anything else (a decode error). */
export function itemMap(n: KNode): KMap | undefined {
  if (n.kind === 'map') return n;
  if (n.kind === 'scalar' && n.v.type === 'null') return { kind: 'map', start: n.start, end: n.end, entries: [] };
  return undefined;
}

/** Where to point for a value: the value itself, or its key when the value is empty. */
export function valueAt(e: KEntry): Span {
  return e.value.end > e.value.start ? { start: e.value.start, end: e.value.end } : e.keySpan;
}

/** Where to point for something missing inside `map`: its first key, or the map itself. */
export function missingAt(map: KMap, fallback?: Span): Span {
  const first = map.entries[0];
  if (first) return first.keySpan;
  if (fallback) return fallback;
  return { start: map.start, end: Math.min(map.end, map.start + 1) };
}

/** Span of a list item (scalars whole, collections their first character). */
export function nodeAt(n: KNode): Span {
  return n.kind === 'scalar' || n.end - n.start <= 1 ? { start: n.start, end: Math.max(n.end, n.start) } : { start: n.start, end: n.start + 1 };
}

const GO_JSON_ESCAPES = /[<>&\u2028\u2029]/g;

/** Go's `json.Marshal` of a string (HTML-escaped, as encoding/json does by default). */
export function goJSONString(s: string): string {
  return JSON.stringify(s).replace(GO_JSON_ESCAPES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's `json.Marshal` of a `[]string`, as upstream renders list-valued bad values. */
export function goJSONStrings(list: string[]): string {
  return `[${list.map(goJSONString).join(',')}]`;
}

/** `Invalid value: <pre-rendered>: detail` for values Go renders through encoding/json. */
export function invalidRendered(rendered: string, detail: string): string {
  return `Invalid value: ${rendered}: ${detail}`;
}

/** A struct-valued field: the map, `null` for nil (absent or null), undefined for a decode error. */
export function structField(map: KMap, key: string): { m: KMap | null; e?: KEntry } | undefined {
  const e = entry(map, key);
  if (!e) return ABSENT_STRUCT;
  if (e.value.kind === 'map') return { m: e.value, e };
  if (e.value.kind === 'scalar' && e.value.v.type === 'null') return { m: null, e };
  return undefined;
}

/** Where to point for field `f` of `map`: its value, else (missing) the map's first key, else `fallback`. */
export function fieldAt(map: KMap, f: { e?: KEntry } | undefined, fallback: Span): Span {
  return f?.e ? valueAt(f.e) : map.entries.length ? missingAt(map) : fallback;
}
