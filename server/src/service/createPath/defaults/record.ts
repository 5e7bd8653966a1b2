/**
 * Small helpers over plain JSON objects that also keep the list of what the API server
 * changed: every default, every field set on create, every value rewritten.
 */
import { childPath, keyPath } from '../../diagnostics/finding';
import { isObj, newObject, type Plain, type PlainObject } from '../../model/plain';
import type { ChangeReason, CreateFinding, FieldChange } from './types';

export function own(o: PlainObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

export { newObject };

/**
 * A deep copy into null-prototype objects. Iterative, so a deeply nested value cannot exhaust
 * the stack; a value met again on its own path (a cycle) is copied as null.
 */
export function deepCopy(value: Plain): Plain {
  if (typeof value !== 'object' || value === null) return value;
  type Frame = { from: PlainObject | Plain[]; to: PlainObject | Plain[]; keys: string[]; i: number };
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  const open = (from: PlainObject | Plain[]): PlainObject | Plain[] => {
    const to = Array.isArray(from) ? new Array<Plain>(from.length) : newObject();
    stack.push({ from, to, keys: Array.isArray(from) ? [] : Object.keys(from), i: 0 });
    onPath.add(from);
    return to;
  };
  const root = open(value as PlainObject | Plain[]);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const n = Array.isArray(top.from) ? top.from.length : top.keys.length;
    if (top.i >= n) {
      onPath.delete(top.from);
      stack.pop();
      continue;
    }
    const key = Array.isArray(top.from) ? top.i : top.keys[top.i];
    top.i++;
    const v = (top.from as Record<string | number, Plain | undefined>)[key];
    if (v === undefined) continue;
    let out: Plain = v;
    if (typeof v === 'object' && v !== null) out = onPath.has(v) ? null : open(v as PlainObject | Plain[]);
    (top.to as Record<string | number, Plain>)[key] = out;
  }
  return root;
}

/** Past this depth copyTree hands the whole value to deepCopy (stack safety, cycles). */
const TREE_DEPTH = 256;
const TOO_DEEP = Symbol('too deep');

/**
 * deepCopy for values that are trees (what toPlain builds): recursive, without deepCopy's
 * bookkeeping of the path. A value nested deeper than TREE_DEPTH (hostile depth, or a cycle) is
 * copied by deepCopy instead, so the result is always deepCopy's.
 */
export function copyTree(value: Plain): Plain {
  if (typeof value !== 'object' || value === null) return value;
  const out = copyNode(value, 0);
  return out === TOO_DEEP ? deepCopy(value) : out;
}

function copyNode(from: PlainObject | Plain[], depth: number): PlainObject | Plain[] | typeof TOO_DEEP {
  if (depth > TREE_DEPTH) return TOO_DEEP;
  if (Array.isArray(from)) {
    const to = new Array<Plain>(from.length);
    for (let i = 0; i < from.length; i++) {
      const v = from[i];
      if (v === undefined) continue;
      if (typeof v !== 'object' || v === null) to[i] = v;
      else {
        const c = copyNode(v, depth + 1);
        if (c === TOO_DEEP) return c;
        to[i] = c;
      }
    }
    return to;
  }
  const to = newObject();
  for (const key of Object.keys(from)) {
    const v = from[key];
    if (v === undefined) continue;
    if (typeof v !== 'object' || v === null) to[key] = v;
    else {
      const c = copyNode(v, depth + 1);
      if (c === TOO_DEEP) return c;
      to[key] = c;
    }
  }
  return to;
}

/** Structural equality of plain values (objects compared by own keys, in any order). */
export function samePlain(a: Plain | undefined, b: Plain | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Plain[];
    return a.length === bb.length && a.every((x, i) => samePlain(x, bb[i]));
  }
  const ka = Object.keys(a);
  const bo = b as PlainObject;
  return ka.length === Object.keys(bo).length && ka.every((k) => own(bo, k) && samePlain((a as PlainObject)[k], bo[k]));
}

/** JSON text with object keys sorted, so equal values give equal text (iterative: depth is no risk). */
export function canonicalJson(value: Plain | undefined): string {
  type Token = { text: string } | { value: Plain | undefined };
  const out: string[] = [];
  const stack: Token[] = [{ value }];
  const pushAll = (tokens: Token[]) => {
    for (let i = tokens.length - 1; i >= 0; i--) stack.push(tokens[i]);
  };
  while (stack.length) {
    const t = stack.pop()!;
    if ('text' in t) {
      out.push(t.text);
      continue;
    }
    const v = t.value;
    if (Array.isArray(v)) {
      const tokens: Token[] = [{ text: '[' }];
      v.forEach((x, i) => tokens.push(...(i ? [{ text: ',' }] : []), { value: x }));
      tokens.push({ text: ']' });
      pushAll(tokens);
    } else if (isObj(v)) {
      const tokens: Token[] = [{ text: '{' }];
      Object.keys(v)
        .sort()
        .forEach((k, i) => tokens.push({ text: `${i ? ',' : ''}${JSON.stringify(k)}:` }, { value: v[k] }));
      tokens.push({ text: '}' });
      pushAll(tokens);
    } else out.push(JSON.stringify(v ?? null) ?? 'null');
  }
  return out.join('');
}

export class Recorder {
  readonly changes: FieldChange[] = [];
  readonly findings: CreateFinding[] = [];

  /**
   * `keepChanges: false`: changes are made but not listed. `findingsOnly`: the object made is
   * not wanted, only the findings on the way (validation's run): writes that no later step of
   * the create path reads may be left out (each such skip says why it is safe; the create path's
   * tests compare this run's findings with the full run's).
   */
  constructor(
    private readonly keepChanges = true,
    readonly findingsOnly = false,
  ) {}

  /** Whether changes are listed (when not, the order in which they are made does not matter). */
  get listing(): boolean {
    return this.keepChanges;
  }

  note(path: string, value: Plain, by: ChangeReason): void {
    if (this.keepChanges) this.changes.push({ path, value: copyTree(value), by });
  }

  /** Sets `key` when it is absent (the Go zero value, after decoding), and records it. */
  fill(o: PlainObject, key: string, value: Plain, path: string, by: ChangeReason = 'default'): boolean {
    if (own(o, key)) return false;
    o[key] = value;
    this.note(path, value, by);
    return true;
  }

  /**
   * fill() of `parent.key`: the path is built only when the change is listed (the findings-only
   * run fills thousands of fields and lists none).
   */
  fillIn(o: PlainObject, key: string, value: Plain, parent: string, by: ChangeReason = 'default'): boolean {
    if (own(o, key)) return false;
    o[key] = value;
    if (this.keepChanges) this.note(childPath(parent, key), value, by);
    return true;
  }

  /** fill() of the map entry `parent[key]`, its path built only when the change is listed. */
  fillEntry(o: PlainObject, key: string, value: Plain, parent: string, by: ChangeReason = 'default'): boolean {
    if (own(o, key)) return false;
    o[key] = value;
    if (this.keepChanges) this.note(keyPath(parent, key), value, by);
    return true;
  }

  /** Overwrites `key` when its value differs, and records it. */
  put(o: PlainObject, key: string, value: Plain, path: string, by: ChangeReason): void {
    if (own(o, key) && samePlain(o[key], value)) return;
    o[key] = value;
    this.note(path, value, by);
  }

  /** The object at `key`, created (and recorded) when absent; undefined when it holds something else. */
  object(o: PlainObject, key: string, path: string, by: ChangeReason = 'default'): PlainObject | undefined {
    if (!own(o, key)) {
      const created = newObject();
      o[key] = created;
      this.note(path, created, by);
      return created;
    }
    const v = o[key];
    return isObj(v) ? v : undefined;
  }

  finding(f: CreateFinding): void {
    this.findings.push(f);
  }
}
