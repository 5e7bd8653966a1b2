/**
 * ResourceLists as the API server holds them after decoding and defaulting: each value parsed
 * (util/quantity.ts) and rounded to milli precision away from zero (`SetDefaults_ResourceList`
 * → `Quantity.RoundUp(Milli)`), with the arithmetic `resourcehelper` uses to aggregate
 * container requests and limits. A malformed value keeps its entry (the key exists) with no
 * quantity: strict decoding reports it (validate/structure.ts), so no rule judges it again.
 */
import type { KNode, Span } from '../../parse/tree';
import type { Quantity } from '../../util/quantity';
import { canonicalQuantity, quantityOf } from '../volume/quantityText';
import { valueAt } from '../spec/values';

export interface ResEntry {
  name: string;
  /** Undefined when the value is malformed. */
  q: Quantity | undefined;
  /** Where to point for the entry (its value, or for a defaulted entry the value it came from). */
  span: Span;
  keySpan: Span;
  /** Set for entries the API server filled in: what they were copied from. */
  defaultedFrom?: string;
}

export type ResList = ResEntry[];

const ZERO: Quantity = { num: 0n, den: 1n, format: 'DecimalSI' };

/** Rounds to 10^-3 away from zero, as `Quantity.RoundUp(resource.Milli)` does. */
export function roundMilli(q: Quantity): Quantity {
  if (q.den <= 1000n) return q;
  const scaled = q.num * 1000n;
  let v = scaled / q.den; // truncates toward zero
  if (scaled % q.den !== 0n) v += q.num > 0n ? 1n : -1n;
  return { num: v, den: 1000n, format: q.format };
}

/** A ResourceList field: undefined when absent or null (a nil map) or not a map (decode error). */
export function readResourceList(n: KNode | undefined): ResList | undefined {
  if (!n || n.kind !== 'map') return undefined;
  return n.entries.map((e) => {
    // A JSON null value decodes to the zero Quantity.
    const isNull = e.value.kind === 'scalar' && e.value.v.type === 'null';
    const q = isNull ? ZERO : quantityOf(e.value);
    return { name: e.key, q: q && roundMilli(q), span: valueAt(e), keySpan: e.keySpan };
  });
}

export function text(q: Quantity): string {
  return canonicalQuantity(q);
}

function sameDen(a: Quantity, b: Quantity): [bigint, bigint, bigint] {
  if (a.den === b.den) return [a.num, b.num, a.den];
  return a.den > b.den ? [a.num, b.num * (a.den / b.den), a.den] : [a.num * (b.den / a.den), b.num, b.den];
}

/** `Quantity.Add`: a zero receiver takes the addend's format. */
export function add(a: Quantity, b: Quantity): Quantity {
  const [x, y, den] = sameDen(a, b);
  return { num: x + y, den, format: a.num === 0n ? b.format : a.format };
}

export function cmp(a: Quantity, b: Quantity): number {
  const [x, y] = sameDen(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `Quantity.Value()`: the integer value, rounded away from zero. */
export function intValue(q: Quantity): bigint {
  const v = q.num / q.den;
  return q.num % q.den === 0n ? v : v + (q.num > 0n ? 1n : -1n);
}

/** Name → quantity, keeping only decodable values (what a Go ResourceList holds). */
export type Amounts = Map<string, Quantity>;

export function amounts(list: ResList | undefined): Amounts {
  const m: Amounts = new Map();
  for (const e of list ?? []) if (e.q) m.set(e.name, e.q);
  return m;
}

/** resourcehelper `addResourceList`. */
export function addInto(into: Amounts, from: Amounts): void {
  for (const [k, q] of from) {
    const cur = into.get(k);
    into.set(k, cur ? add(cur, q) : q);
  }
}

/** resourcehelper `maxResourceList`. */
export function maxInto(into: Amounts, from: Amounts): void {
  for (const [k, q] of from) {
    const cur = into.get(k);
    if (!cur || cmp(q, cur) > 0) into.set(k, q);
  }
}

export interface ContainerAmounts {
  amounts: Amounts;
  /** An init container with `restartPolicy: Always`. */
  sidecar?: boolean;
}

/**
 * resourcehelper `AggregateContainerRequests` / `AggregateContainerLimits`: regular containers
 * and sidecars add up; each plain init container needs itself plus the sidecars started before
 * it; the Pod needs the larger of the two.
 *
 * Upstream takes, after every init container, the maximum with the whole running sum of the
 * sidecars, which costs (init containers × sidecar resources). Here a sidecar sum that init
 * containers saw unchanged is counted once, when it changes or at the end: the same
 * candidates, compared in the same order (so equal values keep the first one's format).
 */
export function aggregate(regular: ContainerAmounts[], init: ContainerAmounts[]): Amounts {
  const total: Amounts = new Map();
  for (const c of regular) addInto(total, c.amounts);
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  // Per sidecar resource: the first init container that may have seen its current sum alone
  // (not added to its own amount) since that sum was last counted.
  const since = new Map<string, number>();
  const raise = (k: string, q: Quantity): void => {
    const cur = initMax.get(k);
    if (!cur || cmp(q, cur) > 0) initMax.set(k, q);
  };
  const settle = (k: string, j: number): void => {
    if (since.get(k)! < j) raise(k, sidecars.get(k)!);
  };
  init.forEach((c, j) => {
    if (c.sidecar) {
      addInto(total, c.amounts);
      for (const [k, q] of c.amounts) {
        const cur = sidecars.get(k);
        if (cur) settle(k, j);
        sidecars.set(k, cur ? add(cur, q) : q);
        since.set(k, j); // this sidecar itself runs with the new sum
      }
    } else {
      for (const [k, q] of c.amounts) {
        const s = sidecars.get(k);
        if (!s) {
          raise(k, q);
          continue;
        }
        settle(k, j);
        raise(k, add(q, s));
        since.set(k, j + 1);
      }
    }
  });
  for (const k of sidecars.keys()) settle(k, init.length);
  maxInto(total, initMax);
  return total;
}

/** Requests after `SetDefaults_Pod`: each limit without a request is copied into requests. */
export function defaultRequests(limits: ResList | undefined, requests: ResList | undefined): ResList | undefined {
  if (!limits) return requests;
  const out = requests ? [...requests] : [];
  const named = new Set(out.map((r) => r.name));
  for (const l of limits) {
    if (!l.q || named.has(l.name)) continue;
    out.push({ ...l, defaultedFrom: 'limits' });
    named.add(l.name);
  }
  return out;
}
