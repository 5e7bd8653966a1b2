/**
 * Copy-on-write editing of plain objects: plugins never mutate their input, and copying only
 * the objects and arrays on the paths they write keeps a plugin linear in what it changes
 * (no deep clone of large Pods, no recursion on deeply nested hostile input).
 */
import { isObj, newObject, type Plain, type PlainObject } from '../../model/plain';
import { copyTree } from '../defaults/record';

type Key = string | number;
type Container = PlainObject | Plain[];

export { newObject };

/** A null-prototype object from entries (hostile keys such as `__proto__` stay ordinary keys). */
export function plainObject(entries: Record<string, Plain | undefined>): PlainObject {
  const o = newObject();
  // `entries` is an object literal: for-in reads its own keys, without a list of them.
  for (const k in entries) {
    const v = entries[k];
    if (v !== undefined) o[k] = v;
  }
  return o;
}

function copyObject(o: PlainObject): PlainObject {
  const c = newObject();
  for (const k of Object.keys(o)) c[k] = o[k];
  return c;
}

export class Draft {
  private owned: Set<object> | undefined;
  /** The writable copy of the input, made on the first write. */
  private root: PlainObject | undefined;
  private changed = false;

  /**
   * `inPlace`: the input is the caller's to give up (createObject's own copy), so it is written
   * as it is, without copies. A plugin then sees its own writes in its input: it reads what it
   * needs before writing (as it must anyway to be correct in both modes).
   */
  constructor(
    private readonly input: PlainObject,
    private readonly inPlace = false,
  ) {}

  /** The edited object, or the input itself when nothing was written. */
  result(): PlainObject {
    return this.changed && this.root ? this.root : this.input;
  }

  /** The object at `path`, writable; missing steps (or steps of another type) become new objects. */
  object(path: readonly Key[]): PlainObject {
    return this.walk(path, 'object') as PlainObject;
  }

  /** The array at `path`, writable; a missing step (or one of another type) becomes []. */
  array(path: readonly Key[]): Plain[] {
    return this.walk(path, 'array') as Plain[];
  }

  /**
   * Writes a copy of `value`: the edited object never shares a part with anything else (a
   * declared object, or another place of the input), so later steps may change it in place.
   */
  set(path: readonly Key[], key: string, value: Plain): void {
    this.object(path)[key] = copyTree(value);
    this.changed = true;
  }

  push(path: readonly Key[], value: Plain): void {
    this.array(path).push(copyTree(value));
    this.changed = true;
  }

  /** set() of a value made for this write, that nothing else holds a part of: kept as it is. */
  setNew(path: readonly Key[], key: string, value: Plain): void {
    this.object(path)[key] = value;
    this.changed = true;
  }

  /** push() of a value made for this write, that nothing else holds a part of: kept as it is. */
  pushNew(path: readonly Key[], value: Plain): void {
    this.array(path).push(value);
    this.changed = true;
  }

  /** Removes a field (a no-op when it is absent). */
  remove(path: readonly Key[], key: string): void {
    let probe: unknown = this.root ?? this.input;
    for (const k of path) probe = isObj(probe) || Array.isArray(probe) ? (probe as Record<Key, unknown>)[k] : undefined;
    if (!isObj(probe) || !Object.prototype.hasOwnProperty.call(probe, key)) return;
    delete this.object(path)[key];
    this.changed = true;
  }

  private walk(path: readonly Key[], last: 'object' | 'array'): Container {
    if (this.inPlace) return this.walkInPlace(path, last);
    if (!this.root) {
      this.owned = new Set();
      this.root = this.own(copyObject(this.input));
    }
    let cur: Container = this.root;
    for (let i = 0; i < path.length; i++) {
      const want = i + 1 < path.length ? (typeof path[i + 1] === 'number' ? 'array' : 'object') : last;
      cur = this.child(cur, path[i], want);
    }
    return cur;
  }

  private walkInPlace(path: readonly Key[], last: 'object' | 'array'): Container {
    this.root = this.input;
    let cur: Container = this.input;
    for (let i = 0; i < path.length; i++) {
      const want = i + 1 < path.length ? (typeof path[i + 1] === 'number' ? 'array' : 'object') : last;
      const holder = cur as Record<Key, Plain | undefined>;
      const next = holder[path[i]];
      if (want === 'object' ? isObj(next) : Array.isArray(next)) cur = next as Container;
      else {
        cur = want === 'object' ? newObject() : [];
        holder[path[i]] = cur;
        this.changed = true;
      }
    }
    return cur;
  }

  private child(parent: Container, key: Key, want: 'object' | 'array'): Container {
    const holder = parent as Record<Key, Plain | undefined>;
    const cur = holder[key];
    if (want === 'object' && isObj(cur)) {
      if (this.owned!.has(cur)) return cur;
      const c = this.own(copyObject(cur));
      holder[key] = c;
      return c;
    }
    if (want === 'array' && Array.isArray(cur)) {
      if (this.owned!.has(cur)) return cur;
      const c = this.own(cur.slice());
      holder[key] = c;
      return c;
    }
    const fresh = this.own(want === 'object' ? newObject() : []);
    holder[key] = fresh;
    this.changed = true;
    return fresh;
  }

  private own<T extends object>(x: T): T {
    this.owned!.add(x);
    return x;
  }
}
