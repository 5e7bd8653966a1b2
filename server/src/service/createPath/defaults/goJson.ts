/**
 * The JSON ↔ Go struct round trip the API server puts every object through, walked along the
 * schema: decoding turns `null` into the Go zero value and zero values of omitempty fields
 * into "unset" (so defaulting sees what the Go defaulters see), ResourceLists are rounded up
 * to milli precision (SetDefaults_ResourceList), and encoding writes the fields Go always
 * serializes (`resources: {}`, `lastProbeTime: null`) and every quantity in canonical form.
 * Fields the schema does not know, and values of the wrong type, are left as they are
 * (strict decoding reports them).
 */
import { childPath, indexPath, keyPath } from '../../validate/finding';
import { fieldOf, isModel, type FieldType } from '../../schema';
import { isObj, type Plain, type PlainObject } from '../../scheduler/values';
import { alwaysEmitted, goClass, zeroOf } from './goFields';
import { storedQuantity } from './quantityText';
import { newObject, own, type Recorder } from './record';

export interface GoPass {
  /** Round ResourceList quantities up to milli precision (SetDefaults_ResourceList). */
  round?: boolean;
  /** Serialize: write always-emitted fields and canonical quantities. */
  encode?: boolean;
}

/** Schema types nest a few dozen levels at most; anything deeper is not the API's shape. */
const MAX_DEPTH = 64;

export function goPass(root: PlainObject, model: string, pass: GoPass, rec: Recorder): void {
  walkObject(root, model, '', pass, rec, 0);
}

function isZeroOf(v: Plain, t: FieldType): boolean {
  if (typeof t === 'object') {
    if ('array' in t) return Array.isArray(v) && v.length === 0;
    return isObj(v) && Object.keys(v).length === 0;
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

function walkObject(o: PlainObject, model: string, path: string, pass: GoPass, rec: Recorder, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const key of Object.keys(o)) {
    const f = fieldOf(model, key);
    if (!f) continue;
    const cls = goClass(model, key);
    let v = o[key];
    if (v === undefined) continue;
    if (v === null) {
      const z = zeroOf(cls);
      if (z === undefined) {
        delete o[key];
        continue;
      }
      o[key] = v = z;
    } else if (cls === 'o' && isZeroOf(v, f.t)) {
      delete o[key];
      continue;
    }
    walkValue(o, key, v, f.t, childPath(path, key), false, pass, rec, depth + 1);
  }
  if (!pass.encode) return;
  for (const [key, cls] of alwaysEmitted(model)) {
    if (own(o, key)) continue;
    const f = fieldOf(model, key);
    const z = zeroOf(cls);
    if (!f || z === undefined) continue;
    o[key] = z;
    rec.note(childPath(path, key), z, 'zero');
    if (isObj(z) && isModel(f.t)) walkObject(z, f.t, childPath(path, key), pass, rec, depth + 1);
  }
}

function walkValue(
  parent: PlainObject | Plain[],
  key: string | number,
  v: Plain,
  t: FieldType,
  path: string,
  inList: boolean,
  pass: GoPass,
  rec: Recorder,
  depth: number,
): void {
  if (t === 'quantity') {
    if (!pass.encode && !(pass.round && inList)) return;
    const text = storedQuantity(v, !!pass.round && inList);
    if (text !== undefined && text !== v) {
      (parent as Record<string | number, Plain>)[key] = text;
      rec.note(path, text, 'canonical');
    }
    return;
  }
  if (typeof t === 'object') {
    if ('array' in t) {
      if (!Array.isArray(v)) return;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === null) v[i] = elementZero(t.array);
        walkValue(v, i, v[i], t.array, indexPath(path, i), false, pass, rec, depth + 1);
      }
      return;
    }
    if (!isObj(v)) return;
    for (const k of Object.keys(v)) {
      if (v[k] === null) v[k] = elementZero(t.map);
      const item = v[k];
      if (item !== undefined) walkValue(v, k, item, t.map, keyPath(path, k), true, pass, rec, depth + 1);
    }
    return;
  }
  if (isModel(t) && isObj(v)) walkObject(v, t, path, pass, rec, depth);
}
