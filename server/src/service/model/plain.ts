/**
 * Manifest trees read as plain values, by the scheduler, the create path and the workspace
 * model. They read the same documents as validation (no re-parse), as plain JavaScript
 * (objects that inherit nothing, so hostile keys such as `__proto__` are ordinary keys; see
 * newPlainObject), and leniently:
 * a field of the wrong type is treated as absent, never thrown on.
 */
import type { KNode } from '../parse/tree';
import { parseQuantity, quantityFromNumber, type Quantity } from '../util/quantity';

export type Plain = string | number | boolean | null | PlainObject | Plain[];
export interface PlainObject {
  [key: string]: Plain | undefined;
}

// The prototype of every plain object: empty, with no prototype itself, so hostile keys
// (`__proto__`, `constructor`, `toString`) are ordinary own keys, never inherited ones.
const NO_PROTOTYPE: object = Object.freeze(Object.create(null) as object);
function PlainRecord(): void {}
PlainRecord.prototype = NO_PROTOTYPE;

/**
 * A new empty object for plain values, with nothing inherited. Not `Object.create(null)`: V8
 * keeps such objects in dictionary mode (a hash table each: three times the memory of an
 * object with fast properties, and slower to read), which made a Pod of half a million
 * containers cost hundreds of megabytes per copy. Instances of a constructor whose prototype
 * is an empty null-prototype object get fast properties with the same semantics.
 */
export function newObject(): PlainObject {
  return new (PlainRecord as unknown as new () => PlainObject)();
}

/** Converts a tree to plain values; the first of duplicate keys wins (as `child()` does). */
export function toPlain(node: KNode | undefined): Plain | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.v.value;
    case 'seq': {
      const out: Plain[] = new Array(node.items.length);
      for (let i = 0; i < node.items.length; i++) out[i] = toPlain(node.items[i]) ?? null;
      return out;
    }
    case 'map': {
      const out = newObject();
      for (const e of node.entries) if (!(e.key in out)) out[e.key] = toPlain(e.value) ?? null;
      return out;
    }
  }
}

/** The same as newObject (the create path's name for it). */
export const newPlainObject = newObject;

export function isObj(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): PlainObject | undefined {
  return isObj(v) ? v : undefined;
}

export function arr(v: unknown): Plain[] {
  return Array.isArray(v) ? v : [];
}

/** Array of objects only (other items are skipped). */
export function objs(v: unknown): PlainObject[] {
  const out: PlainObject[] = [];
  if (Array.isArray(v)) for (const x of v) if (isObj(x)) out.push(x);
  return out;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A string, or the text of a number/boolean (label values written unquoted). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/** An integer (int scalar, or an integral float), else undefined. */
export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** `map[string]string` (labels, nodeSelector): non-string values are taken as their text. */
export function stringMap(v: unknown): Record<string, string> {
  const out = newPlainObject() as Record<string, string>;
  if (!isObj(v)) return out;
  for (const k of Object.keys(v)) {
    const t = text(v[k]);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

export function strings(v: unknown): string[] {
  const out: string[] = [];
  for (const x of arr(v)) {
    const t = text(x);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/** A quantity from a string or a number, undefined when malformed. */
export function quantity(v: unknown): Quantity | undefined {
  if (typeof v === 'string') {
    const r = parseQuantity(v);
    return r.ok ? r.q : undefined;
  }
  if (typeof v === 'number') {
    const r = quantityFromNumber(v);
    return r.ok ? r.q : undefined;
  }
  return undefined;
}

export function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}
