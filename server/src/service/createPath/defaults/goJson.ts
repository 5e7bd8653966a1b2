/**
 * The JSON ↔ Go struct round trip the API server puts every object through, walked along the
 * schema: decoding turns `null` into the Go zero value and zero values of omitempty fields
 * into "unset" (so defaulting sees what the Go defaulters see), ResourceLists are rounded up
 * to milli precision (SetDefaults_ResourceList), and encoding writes the fields Go always
 * serializes (`resources: {}`, `lastProbeTime: null`) and every quantity in canonical form.
 * Fields the schema does not know, and values of the wrong type, are left as they are
 * (strict decoding reports them).
 *
 * This runs over every field of every object the create path sees, so the schema is compiled
 * once per model (one lookup per key), paths are built only for the fields that change, and the
 * rounding pass walks only the fields that can hold a ResourceList.
 */
import { toPlain } from '../../model/plain';
import type { KMap, KNode, KSeq } from '../../parse/tree';
import { isModel, typeSchema, type FieldType } from '../../schema';
import { isObj, type Plain, type PlainObject } from '../../model/plain';
import { alwaysEmitted, goClass, zeroOf, type GoClass } from './goFields';
import { storedQuantity } from './quantityText';
import { copyTree, newObject, own, Recorder } from './record';

export interface GoPass {
  /**
   * SetDefaults_ResourceList: round the quantities of resource lists up to milli precision,
   * and nothing else. Only the fields that can hold a resource list are walked, without
   * decoding: this pass runs on decoded, defaulted objects, which decoding would leave as they
   * are (the test "decoding again changes nothing after defaulting" keeps that true).
   */
  round?: boolean;
  /** Serialize (after decoding, as every pass but `round` does): always-emitted fields, canonical quantities. */
  encode?: boolean;
}

/** Schema types nest a few dozen levels at most; anything deeper is not the API's shape. */
const MAX_DEPTH = 64;

/** What a walk does with a value of a schema type. */
type Shape =
  | { k: 'leaf' }
  | { k: 'quantity' }
  | { k: 'list' | 'map'; elem: Shape; elemType: FieldType }
  | { k: 'model'; model: string; compiled?: Model };

interface Field {
  type: FieldType;
  cls: GoClass;
  shape: Shape;
  /** The value can hold a resource list (a map of quantities) somewhere inside. */
  holdsList: boolean;
}

interface Model {
  fields: Map<string, Field>;
  /** The fields that can hold a resource list (what the rounding pass visits). */
  listHolders: Array<[string, Field]>;
  /** Some field is a quantity (encoding rewrites those: scalars must be looked up). */
  hasQuantity: boolean;
  /** Fields serialized even when unset, with their class. */
  emitted: Array<{ key: string; cls: GoClass; field: Field }>;
}

const LEAF: Shape = { k: 'leaf' };
const QUANTITY: Shape = { k: 'quantity' };
const MODELS = new Map<string, Model>();
const HOLDS_LIST = new Map<string, boolean>();

function shapeOf(t: FieldType): Shape {
  if (typeof t === 'object') {
    if ('array' in t) return { k: 'list', elem: shapeOf(t.array), elemType: t.array };
    return { k: 'map', elem: shapeOf(t.map), elemType: t.map };
  }
  if (t === 'quantity') return QUANTITY;
  return isModel(t) ? { k: 'model', model: t } : LEAF;
}

/** The models a field type refers to. */
function modelsIn(t: FieldType): string[] {
  if (typeof t === 'object') return modelsIn('array' in t ? t.array : t.map);
  return isModel(t) ? [t] : [];
}

/** Whether a value of this type can contain a map of quantities, given the models known to. */
function typeHolds(t: FieldType, holds: (model: string) => boolean): boolean {
  if (typeof t === 'object') {
    if ('map' in t && t.map === 'quantity') return true;
    return typeHolds('array' in t ? t.array : t.map, holds);
  }
  return isModel(t) && holds(t);
}

/**
 * Whether a value of this type can contain a map of quantities. The schema may refer to itself:
 * every model reachable from the type is settled at once, by a fixed point.
 */
function holdsList(t: FieldType): boolean {
  const reachable: string[] = [];
  const seen = new Set<string>();
  const stack = modelsIn(t).filter((m) => !HOLDS_LIST.has(m));
  for (const m of stack) seen.add(m);
  while (stack.length) {
    const m = stack.pop()!;
    reachable.push(m);
    const fields = typeSchema(m)?.f ?? {};
    for (const key of Object.keys(fields)) {
      for (const next of modelsIn(fields[key].t)) {
        if (seen.has(next) || HOLDS_LIST.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
  }
  const holds = new Set<string>();
  const known = (m: string) => holds.has(m) || HOLDS_LIST.get(m) === true;
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of reachable) {
      if (holds.has(m)) continue;
      const fields = typeSchema(m)?.f ?? {};
      if (Object.keys(fields).some((key) => typeHolds(fields[key].t, known))) {
        holds.add(m);
        changed = true;
      }
    }
  }
  for (const m of reachable) HOLDS_LIST.set(m, holds.has(m));
  return typeHolds(t, (m) => HOLDS_LIST.get(m) === true);
}

/** The compiled model of a model shape, kept on the shape (one lookup per schema edge). */
function modelOf(shape: { model: string; compiled?: Model }): Model {
  return (shape.compiled ??= compiled(shape.model));
}

function compiled(model: string): Model {
  let m = MODELS.get(model);
  if (m) return m;
  const fields = new Map<string, Field>();
  const schema = typeSchema(model)?.f ?? {};
  for (const key of Object.keys(schema)) {
    const type = schema[key].t;
    fields.set(key, { type, cls: goClass(model, key), shape: shapeOf(type), holdsList: holdsList(type) });
  }
  const emitted: Model['emitted'] = [];
  for (const [key, cls] of alwaysEmitted(model)) {
    const field = fields.get(key);
    if (field && zeroOf(cls) !== undefined) emitted.push({ key, cls, field });
  }
  let hasQuantity = false;
  for (const f of fields.values()) if (f.shape.k === 'quantity') hasQuantity = true;
  const listHolders: Model['listHolders'] = [];
  for (const [key, f] of fields) if (f.holdsList) listHolders.push([key, f]);
  m = { fields, listHolders, hasQuantity, emitted };
  MODELS.set(model, m);
  return m;
}

/** The path of the value being walked, as a stack of keys; its text is built only when recorded. */
class PathStack {
  private readonly keys: Array<string | number> = [];
  private readonly bracket: boolean[] = [];
  private n = 0;

  push(key: string | number, bracket: boolean): void {
    this.keys[this.n] = key;
    this.bracket[this.n] = bracket;
    this.n++;
  }

  pop(): void {
    this.n--;
  }

  /** `spec.containers[0].resources.limits[cpu]`, as childPath/indexPath/keyPath write it. */
  text(): string {
    let out = '';
    for (let i = 0; i < this.n; i++) {
      const k = this.keys[i];
      if (this.bracket[i]) out += `[${k}]`;
      else out += i === 0 ? (k as string) : `.${k}`;
    }
    return out;
  }
}

interface Walk {
  round: boolean;
  encode: boolean;
  rec: Recorder;
  path: PathStack;
}

export function goPass(root: PlainObject, model: string, pass: GoPass, rec: Recorder): void {
  walkObject(root, compiled(model), { round: !!pass.round, encode: !!pass.encode, rec, path: new PathStack() }, 0);
}

function isEmptyObject(v: PlainObject): boolean {
  for (const _ in v) return false;
  return true;
}

function isZeroOf(v: Plain, t: FieldType): boolean {
  if (typeof t === 'object') {
    if ('array' in t) return Array.isArray(v) && v.length === 0;
    return isObj(v) && isEmptyObject(v);
  }
  switch (t) {
    case 'string':
      return v === '';
    case 'integer':
    case 'number':
      return v === 0;
    case 'boolean':
      return v === false;
    default:
      return false;
  }
}

/** What `null` decodes to as an element of a list or map of this type. */
function elementZero(t: FieldType): Plain {
  if (typeof t === 'object') return null;
  switch (t) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
    case 'int-or-string':
      return 0;
    case 'boolean':
      return false;
    case 'quantity':
      return '0';
    case 'any':
      return null;
    default:
      return newObject();
  }
}

/** A scalar decoding leaves as it is whatever its field (only null and zero values change). */
function plainScalar(v: Plain): boolean {
  return typeof v !== 'object' && v !== '' && v !== 0 && v !== false;
}

function walkObject(o: PlainObject, m: Model, w: Walk, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (w.round && !w.rec.listing) return roundHolders(o, m, w, depth);
  const decode = !w.round;
  // Decoding changes only null and zero values; a plain scalar needs its field only when it
  // may be a quantity to write canonically.
  const skipScalars = decode && !(w.encode && m.hasQuantity);
  for (const key of Object.keys(o)) {
    let v = o[key];
    if (skipScalars ? plainScalar(v!) : !decode && (typeof v !== 'object' || v === null)) continue;
    const f = m.fields.get(key);
    if (!f || v === undefined) continue;
    if (decode) {
      if (v === null) {
        const z = zeroOf(f.cls);
        if (z === undefined) {
          delete o[key];
          continue;
        }
        o[key] = v = z;
      } else if (f.cls === 'o' && isZeroOf(v, f.type)) {
        delete o[key];
        continue;
      }
    } else if (!f.holdsList) continue;
    const shape = f.shape;
    if (shape.k === 'leaf' || (shape.k === 'quantity' && !w.encode)) continue;
    w.path.push(key, false);
    walkValue(o, key, v, shape, false, w, depth + 1);
    w.path.pop();
  }
  if (!w.encode) return;
  for (const { key, cls, field } of m.emitted) {
    if (own(o, key)) continue;
    const z = zeroOf(cls)!;
    o[key] = z;
    w.path.push(key, false);
    w.rec.note(w.path.text(), z, 'zero');
    if (isObj(z) && field.shape.k === 'model') walkObject(z, modelOf(field.shape), w, depth + 1);
    w.path.pop();
  }
}

/**
 * The rounding pass when no change is listed: the fields that can hold a resource list are
 * looked up directly, in the model's order rather than the object's (the same values result).
 */
function roundHolders(o: PlainObject, m: Model, w: Walk, depth: number): void {
  for (const [key, f] of m.listHolders) {
    const v = o[key];
    if (typeof v !== 'object' || v === null) continue;
    walkValue(o, key, v, f.shape, false, w, depth + 1);
  }
}

function walkValue(parent: PlainObject | Plain[], key: string | number, v: Plain, shape: Shape, inList: boolean, w: Walk, depth: number): void {
  switch (shape.k) {
    case 'quantity': {
      const round = w.round && inList;
      if (!w.encode && !round) return;
      const text = storedQuantity(v, round);
      if (text !== undefined && text !== v) {
        (parent as Record<string | number, Plain>)[key] = text;
        if (w.rec.listing) w.rec.note(w.path.text(), text, 'canonical');
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(v)) return;
      const decode = !w.round;
      const elem = shape.elem;
      for (let i = 0; i < v.length; i++) {
        if (decode && v[i] === null) v[i] = elementZero(shape.elemType);
        if (elem.k === 'leaf') continue;
        w.path.push(i, true);
        walkValue(v, i, v[i], elem, false, w, depth + 1);
        w.path.pop();
      }
      return;
    }
    case 'map': {
      if (!isObj(v)) return;
      const decode = !w.round;
      const elem = shape.elem;
      for (const k of Object.keys(v)) {
        if (decode && v[k] === null) v[k] = elementZero(shape.elemType);
        const item = v[k];
        if (item === undefined || elem.k === 'leaf') continue;
        w.path.push(k, true);
        walkValue(v, k, item, elem, true, w, depth + 1);
        w.path.pop();
      }
      return;
    }
    case 'model':
      if (isObj(v)) walkObject(v, modelOf(shape), w, depth);
      return;
  }
}

// ── Decoding while copying ──────────────────────────────────────────────────────────────
//
// The create path starts from a copy of the user's object and decodes it first; doing both in
// one walk visits every value once instead of twice. The result is exactly copyTree's copy
// after goPass(copy, model, {}): the same walk (decoding records nothing), on the same depth
// limits; a value too deep for a recursive copy takes that route.

const TOO_DEEP = Symbol('too deep');
/** As copyTree's: past this depth the copy is left to copyTree (stack safety, cycles). */
const TREE_DEPTH = 256;

type Copied = Plain | typeof TOO_DEEP;

/** copyTree(object), decoded (goPass with no flags). */
export function decodedCopy(object: PlainObject, model: string): PlainObject {
  const out = copyDecodedObject(object, compiled(model), 0);
  if (out !== TOO_DEEP) return out as PlainObject;
  const copy = copyTree(object) as PlainObject;
  goPass(copy, model, {}, new Recorder());
  return copy;
}

function copyDecodedObject(o: PlainObject, m: Model, depth: number): Copied {
  if (depth > MAX_DEPTH) return copyPlain(o, depth);
  const out = newObject();
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v === undefined) continue;
    if (plainScalar(v)) {
      out[key] = v;
      continue;
    }
    const f = m.fields.get(key);
    if (!f) {
      const c = copyPlain(v, depth + 1);
      if (c === TOO_DEEP) return c;
      out[key] = c;
      continue;
    }
    if (v === null) {
      const z = zeroOf(f.cls);
      if (z !== undefined) out[key] = z;
      continue;
    }
    if (f.cls === 'o' && isZeroOf(v, f.type)) continue;
    const c = copyDecodedValue(v, f.shape, depth + 1);
    if (c === TOO_DEEP) return c;
    out[key] = c;
  }
  return out;
}

function copyDecodedValue(v: Plain, shape: Shape, depth: number): Copied {
  if (typeof v !== 'object' || v === null) return v;
  switch (shape.k) {
    case 'list': {
      if (!Array.isArray(v)) break;
      const out = new Array<Plain>(v.length);
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        if (item === undefined) continue;
        const c = item === null ? elementZero(shape.elemType) : copyDecodedValue(item, shape.elem, depth + 1);
        if (c === TOO_DEEP) return c;
        out[i] = c;
      }
      return out;
    }
    case 'map': {
      if (!isObj(v)) break;
      const out = newObject();
      for (const k of Object.keys(v)) {
        const item = v[k];
        if (item === undefined) continue;
        const c = item === null ? elementZero(shape.elemType) : copyDecodedValue(item, shape.elem, depth + 1);
        if (c === TOO_DEEP) return c;
        out[k] = c;
      }
      return out;
    }
    case 'model':
      if (isObj(v)) return copyDecodedObject(v, modelOf(shape), depth);
      break;
  }
  return copyPlain(v, depth);
}

function copyPlain(v: Plain, depth: number): Copied {
  if (typeof v !== 'object' || v === null) return v;
  if (depth > TREE_DEPTH) return TOO_DEEP;
  if (Array.isArray(v)) {
    const out = new Array<Plain>(v.length);
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (item === undefined) continue;
      const c = copyPlain(item, depth + 1);
      if (c === TOO_DEEP) return c;
      out[i] = c;
    }
    return out;
  }
  const out = newObject();
  for (const k of Object.keys(v)) {
    const item = v[k];
    if (item === undefined) continue;
    const c = copyPlain(item, depth + 1);
    if (c === TOO_DEEP) return c;
    out[k] = c;
  }
  return out;
}

// ── Decoding straight from the tree ─────────────────────────────────────────────────────
//
// Validation holds each object as its parsed tree; converting it to plain values and then
// making the decoding copy builds every object twice. These read the tree instead and give
// exactly decodedCopy(toPlain(node), model): the same walk over the same values, in the same
// order, with the same depth limits (toPlain keeps the first of duplicate keys: so do these).

/**
 * decodedCopy(toPlain(map), model), without toPlain's intermediate tree. With `round`, the
 * rounding pass as well (goPass with `round`, recording nothing), on the way: the quantities of
 * resource lists are rounded as they are copied.
 */
export function decodedCopyOfTree(map: KMap, model: string, round = false): PlainObject {
  const out = treeDecodedObject(map, compiled(model), 0, round);
  if (out !== TOO_DEEP) return out as PlainObject;
  const copy = decodedCopy(toPlain(map) as PlainObject, model);
  if (round) goPass(copy, model, { round: true }, new Recorder(false));
  return copy;
}

/** A key met again in a map: toPlain keeps the first, whether or not decoding kept its value. */
function repeated(out: PlainObject, dropped: Set<string> | undefined, key: string): boolean {
  return key in out || (dropped !== undefined && dropped.has(key));
}

function treeDecodedObject(n: KMap, m: Model, depth: number, round: boolean): Copied {
  if (depth > MAX_DEPTH) return treePlain(n, depth);
  const out = newObject();
  const entries = n.entries;
  // Keys whose value decoding left out, so that a later duplicate is still passed over.
  let dropped: Set<string> | undefined;
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i].key;
    if (repeated(out, dropped, key)) continue;
    const node = entries[i].value;
    if (node.kind === 'scalar') {
      const v = node.v.value;
      if (plainScalar(v)) {
        out[key] = v;
        continue;
      }
      const f = m.fields.get(key);
      if (!f) out[key] = v;
      else if (v === null) {
        const z = zeroOf(f.cls);
        if (z !== undefined) out[key] = z;
        else (dropped ??= new Set()).add(key);
      } else if (f.cls === 'o' && isZeroOf(v, f.type)) (dropped ??= new Set()).add(key);
      else out[key] = v;
      continue;
    }
    const f = m.fields.get(key);
    if (f && f.cls === 'o' && isEmptyCollectionOf(node, f.type)) {
      (dropped ??= new Set()).add(key);
      continue;
    }
    const c = f ? treeDecodedValue(node, f.shape, depth + 1, round) : treePlain(node, depth + 1);
    if (c === TOO_DEEP) return c;
    out[key] = c;
  }
  return out;
}

/** isZeroOf(toPlain(node), t) for a map or a sequence. */
function isEmptyCollectionOf(node: KMap | KSeq, t: FieldType): boolean {
  if (typeof t !== 'object') return false;
  if ('array' in t) return node.kind === 'seq' && node.items.length === 0;
  return node.kind === 'map' && node.entries.length === 0;
}

function treeDecodedValue(node: KNode, shape: Shape, depth: number, round: boolean): Copied {
  if (node.kind === 'scalar') return node.v.value;
  switch (shape.k) {
    case 'list': {
      if (node.kind !== 'seq') break;
      const items = node.items;
      const out = new Array<Plain>(items.length);
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const c = item.kind === 'scalar' && item.v.value === null ? elementZero(shape.elemType) : treeDecodedValue(item, shape.elem, depth + 1, round);
        if (c === TOO_DEEP) return c;
        out[i] = c;
      }
      return out;
    }
    case 'map': {
      if (node.kind !== 'map') break;
      const out = newObject();
      const entries = node.entries;
      for (let i = 0; i < entries.length; i++) {
        const key = entries[i].key;
        if (key in out) continue;
        const item = entries[i].value;
        let c = item.kind === 'scalar' && item.v.value === null ? elementZero(shape.elemType) : treeDecodedValue(item, shape.elem, depth + 1, round);
        if (c === TOO_DEEP) return c;
        // The rounding pass: a quantity that is an entry of a map (a resource list).
        if (round && shape.elem.k === 'quantity') c = storedQuantity(c, true) ?? c;
        out[key] = c;
      }
      return out;
    }
    case 'model':
      if (node.kind === 'map') return treeDecodedObject(node, modelOf(shape), depth, round);
      break;
  }
  return treePlain(node, depth);
}

/** copyPlain(toPlain(node), depth). */
function treePlain(node: KNode, depth: number): Copied {
  if (node.kind === 'scalar') return node.v.value;
  if (depth > TREE_DEPTH) return TOO_DEEP;
  if (node.kind === 'seq') {
    const items = node.items;
    const out = new Array<Plain>(items.length);
    for (let i = 0; i < items.length; i++) {
      const c = treePlain(items[i], depth + 1);
      if (c === TOO_DEEP) return c;
      out[i] = c;
    }
    return out;
  }
  const out = newObject();
  const entries = node.entries;
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i].key;
    if (key in out) continue;
    const c = treePlain(entries[i].value, depth + 1);
    if (c === TOO_DEEP) return c;
    out[key] = c;
  }
  return out;
}
