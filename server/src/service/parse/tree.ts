/**
 * A compact, resolved view of one YAML document: maps, sequences and scalars with their
 * source offsets (relative to the document's chunk), scalars resolved the way the API server
 * resolves them, aliases followed and merge keys (`<<`) applied. Building it is bounded: an
 * alias bomb or a merge-key chain exhausts a node budget instead of the machine.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, visit as yamlVisit, type Document, type Node as YNode, Scalar } from 'yaml';
import { resolvePlain, resolveTagged, yaml12Difference, type ScalarValue } from './scalars';

export interface Span {
  start: number;
  end: number;
}

export interface KEntry {
  key: string;
  keySpan: Span;
  value: KNode;
  /** True when the entry was brought in by a merge key rather than written in this map. */
  merged?: boolean;
}

export interface KMap extends Span {
  kind: 'map';
  entries: KEntry[];
}

export interface KSeq extends Span {
  kind: 'seq';
  items: KNode[];
}

export interface KScalar extends Span {
  kind: 'scalar';
  v: ScalarValue;
  /** The scalar's text as written (after YAML unescaping). */
  text: string;
  /** Unquoted and untagged: resolved by the YAML 1.1 rules. */
  plain: boolean;
  /** How a YAML 1.2 reader would differ, when it would. */
  yaml12?: string;
}

export type KNode = KMap | KSeq | KScalar;

export interface TreeProblem {
  message: string;
  span: Span;
  code: 'yaml-complexity' | 'yaml-alias';
}

export interface TreeResult {
  root: KNode | undefined;
  problems: TreeProblem[];
}

/** A plain (unquoted, untagged) scalar, resolved by the YAML 1.1 rules. */
export function plainScalar(text: string, start: number, end: number): KScalar {
  const v = resolvePlain(text);
  const yaml12 = yaml12Difference(text, v);
  return yaml12 ? { kind: 'scalar', start, end, v, text, plain: true, yaml12 } : { kind: 'scalar', start, end, v, text, plain: true };
}

/** A quoted scalar: always a string. */
export function quotedScalar(text: string, start: number, end: number): KScalar {
  return { kind: 'scalar', start, end, v: { type: 'string', value: text }, text, plain: false };
}

/** A mapping key as sigs.k8s.io/yaml names it: non-string keys become their JSON text. */
export function keyName(s: KScalar): string {
  if (s.v.type === 'null') return s.plain ? 'null' : s.text;
  return s.v.type === 'string' ? s.v.value : String(s.v.value);
}

/** Upper bound on nodes materialised per document, counting alias and merge expansions. */
export const NODE_BUDGET = 500_000;

export function buildTree(doc: Document.Parsed): TreeResult {
  const out: TreeResult = { root: undefined, problems: [] };
  let budget = NODE_BUDGET;
  let exhausted = false;
  const resolving = new Set<YNode>();

  const spanOf = (n: { range?: [number, number, number] | null }): Span => {
    const r = n.range;
    return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
  };

  const scalarOf = (s: Scalar): KScalar => {
    const text = s.value == null ? '' : String(s.value);
    const span = spanOf(s);
    const tagged = s.tag && s.tag !== '!' ? resolveTagged(text, s.tag) : undefined;
    if (tagged) return { kind: 'scalar', ...span, v: tagged, text, plain: false };
    return s.type === 'PLAIN' && !s.tag ? plainScalar(text, span.start, span.end) : quotedScalar(text, span.start, span.end);
  };

  // Alias.resolve walks the whole document to find its anchor, which makes a document of n
  // aliases cost n². Instead the anchors are listed once, in document order, and an alias
  // takes the last node with its anchor name that starts before it (YAML's rule).
  let anchors: Map<string, Array<{ at: number; node: unknown }>> | undefined;
  const anchorIndex = (): Map<string, Array<{ at: number; node: unknown }>> => {
    if (anchors) return anchors;
    const index = new Map<string, Array<{ at: number; node: unknown }>>();
    yamlVisit(doc, {
      Node(_key, n) {
        const name = (n as { anchor?: string }).anchor;
        if (!name || isAlias(n)) return;
        const list = index.get(name) ?? [];
        list.push({ at: n.range?.[0] ?? 0, node: n });
        index.set(name, list);
      },
    });
    anchors = index;
    return index;
  };
  const resolved = new Map<Alias, unknown>();
  const resolveAlias = (a: Alias): unknown => {
    if (resolved.has(a)) return resolved.get(a);
    const list = anchorIndex().get(a.source);
    const at = a.range?.[0] ?? Infinity;
    let target: unknown;
    if (list) {
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].at < at) {
          target = list[mid].node;
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    resolved.set(a, target);
    return target;
  };

  const deref = (n: unknown, at: Span): unknown => {
    let cur = n;
    for (let hops = 0; isAlias(cur); hops++) {
      const target = resolveAlias(cur as Alias);
      if (!target || hops > 100) {
        out.problems.push({ code: 'yaml-alias', message: `Unresolved alias *${(cur as Alias).source}`, span: at });
        return null;
      }
      cur = target;
    }
    return cur;
  };

  const keyText = (k: unknown): string => (isScalar(k) ? keyName(scalarOf(k)) : '');

  const exhaust = (at: Span): void => {
    if (exhausted) return;
    exhausted = true;
    out.problems.push({
      code: 'yaml-complexity',
      message: `Document too complex: more than ${NODE_BUDGET.toLocaleString('en-US')} nodes after expanding aliases and merge keys; validation stopped here`,
      span: at,
    });
  };

  // Expanded size of each collection built (a scalar counts 1): what walking it costs.
  const sizes = new WeakMap<KNode, number>();
  const sizeOf = (n: KNode): number => (n.kind === 'scalar' ? 1 : (sizes.get(n) ?? 1));

  // A merge source is read for its entries only, so one reading serves every map that merges
  // it; each merged entry is charged its value's expanded size, which keeps the work of a
  // merge-key chain proportional to the budget instead of growing with the cube of its length.
  const mergeMemo = new Map<unknown, KNode>();
  const mergeSource = (src: unknown, at: Span): KNode => {
    const key = isAlias(src) ? resolveAlias(src as Alias) : src;
    const hit = key ? mergeMemo.get(key) : undefined;
    if (hit) return hit;
    const node = visit(src, at);
    if (key && !exhausted) mergeMemo.set(key, node);
    return node;
  };

  const visit = (raw: unknown, fallback: Span): KNode => {
    const before = budget;
    if (exhausted || --budget < 0) {
      exhaust(fallback);
      return { kind: 'scalar', ...fallback, v: { type: 'null', value: null }, text: '', plain: true };
    }
    const n = deref(raw, fallback);
    if (n == null) return { kind: 'scalar', ...fallback, v: { type: 'null', value: null }, text: '', plain: true };
    if (isScalar(n)) return scalarOf(n);
    if (resolving.has(n as YNode)) {
      out.problems.push({ code: 'yaml-alias', message: 'Recursive alias: a node contains itself', span: fallback });
      return { kind: 'scalar', ...fallback, v: { type: 'null', value: null }, text: '', plain: true };
    }
    if (isSeq(n)) {
      const span = spanOf(n);
      resolving.add(n);
      const items = n.items.map((it) => visit(it, isScalar(it) || isMap(it) || isSeq(it) || isAlias(it) ? spanOf(it as YNode) : span));
      resolving.delete(n);
      const seq: KSeq = { kind: 'seq', ...span, items };
      sizes.set(seq, before - budget);
      return seq;
    }
    if (isMap(n)) {
      const span = spanOf(n);
      resolving.add(n);
      const entries: KEntry[] = [];
      const seen = new Map<string, KEntry>();
      const merges: Array<{ value: unknown; at: Span }> = [];
      const map: KMap = { kind: 'map', ...span, entries };
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YNode | null;
        const keySpan = keyNode && 'range' in keyNode && keyNode.range ? spanOf(keyNode) : span;
        if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
          merges.push({ value: pair.value, at: keySpan });
          continue;
        }
        const key = keyText(keyNode);
        const valueSpan = pair.value && (pair.value as YNode).range ? spanOf(pair.value as YNode) : { start: keySpan.end, end: keySpan.end };
        const value = pair.value == null
          ? ({ kind: 'scalar', start: keySpan.end, end: keySpan.end, v: { type: 'null', value: null }, text: '', plain: true } as KScalar)
          : visit(pair.value, valueSpan);
        const entry: KEntry = { key, keySpan, value };
        // Later duplicates stay in `entries` (structural validation reports them); the first
        // occurrence is what merge keys are compared against.
        if (!seen.has(key)) seen.set(key, entry);
        entries.push(entry);
      }
      // Merge keys: written entries win; earlier merged maps win over later ones (YAML 1.1).
      for (const m of merges) {
        const target = deref(m.value, m.at);
        const sources = isSeq(target) ? target.items : [target];
        for (const src of sources) {
          if (exhausted) break;
          const k = mergeSource(src, m.at);
          if (k.kind !== 'map') continue;
          for (const e of k.entries) {
            if (seen.has(e.key)) continue;
            budget -= sizeOf(e.value);
            if (budget < 0) {
              exhaust(m.at);
              break;
            }
            const me: KEntry = { key: e.key, keySpan: m.at, value: e.value, merged: true };
            seen.set(e.key, me);
            entries.push(me);
          }
        }
      }
      resolving.delete(n);
      sizes.set(map, before - budget);
      return map;
    }
    return { kind: 'scalar', ...fallback, v: { type: 'null', value: null }, text: '', plain: true };
  };

  if (doc.contents != null) out.root = visit(doc.contents, spanOf(doc.contents as YNode));
  return out;
}

/** Maps with at least this many entries get a key index on their first lookup. */
const INDEXED_FROM = 16;
const keyIndexes = new WeakMap<KMap, Map<string, KEntry>>();

/**
 * The entry for `key` in a map (the first, when a key is written twice), if present. Small
 * maps are scanned; a large one is indexed once, so rules that look a key up per item of some
 * list stay linear even when a hostile map has many thousands of keys. Trees are never
 * changed after they are built, so the index stays true.
 */
export function entry(map: KNode | undefined, key: string): KEntry | undefined {
  if (!map || map.kind !== 'map') return undefined;
  const es = map.entries;
  if (es.length < INDEXED_FROM) {
    for (let i = 0; i < es.length; i++) if (es[i].key === key) return es[i];
    return undefined;
  }
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const e of es) if (!index.has(e.key)) index.set(e.key, e);
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

export function child(map: KNode | undefined, key: string): KNode | undefined {
  return entry(map, key)?.value;
}

export function stringAt(map: KNode | undefined, key: string): string | undefined {
  const v = child(map, key);
  return v && v.kind === 'scalar' && v.v.type === 'string' ? v.v.value : undefined;
}
