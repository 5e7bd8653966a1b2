/**
 * The stored object as `kubectl get -o yaml` prints it, for a read-only "Preview as stored"
 * document. kubectl turns the API server's JSON into YAML with go-yaml v2, which sorts map
 * keys with its own order (runs of digits compare as numbers, letters before other
 * characters), indents lists at their parent's column, writes multi-line strings as literal
 * blocks, folds long lines at 80 columns and double-quotes a string that would otherwise read
 * as another type. The fields the API server sets itself are named in a comment, and
 * placeholders (see storedObject's serverAssigned) are marked where they stand.
 */
import { Document, isMap, isScalar, isSeq, Scalar, visit, type Node as YNode } from 'yaml';
import { resolvePlain } from '../../parse/scalars';
import type { Plain, PlainObject } from '../../model/plain';
import { SERVER_SET_METADATA } from './prepare';

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** A key read once for go-yaml's comparison: code points, and which are letters and digits. */
interface KeyRunes {
  cp: number[];
  letter: boolean[];
  digit: boolean[];
}

function runesOf(key: string): KeyRunes {
  const chars = Array.from(key);
  return { cp: chars.map((c) => c.codePointAt(0)!), letter: chars.map((c) => LETTER.test(c)), digit: chars.map((c) => DIGIT.test(c)) };
}

/** go-yaml v2's keyList.Less for string keys. */
function runesLess(a: KeyRunes, b: KeyRunes): boolean {
  const n = Math.min(a.cp.length, b.cp.length);
  for (let i = 0; i < n; i++) {
    if (a.cp[i] === b.cp[i]) continue;
    const al = a.letter[i];
    const bl = b.letter[i];
    if (al && bl) return a.cp[i] < b.cp[i];
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (a.cp[i] === 48 || b.cp[i] === 48) {
      for (let j = i - 1; j >= 0 && a.digit[j]; j--) {
        if (a.cp[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    // Runs of digits compare by value (int64 arithmetic, as in Go).
    let ai = i;
    for (; ai < a.cp.length && a.digit[ai]; ai++) an = BigInt.asIntN(64, an * 10n + BigInt(a.cp[ai] - 48));
    let bi = i;
    for (; bi < b.cp.length && b.digit[bi]; bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(b.cp[bi] - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return a.cp[i] < b.cp[i];
  }
  return a.cp.length < b.cp.length;
}

export function goYamlKeyLess(a: string, b: string): boolean {
  return runesLess(runesOf(a), runesOf(b));
}

/** Keys in go-yaml's order; each key is decomposed once, so sorting stays n·log n comparisons. */
export function goYamlSortKeys(keys: string[]): string[] {
  const decorated = keys.map((k) => ({ k, r: runesOf(k) }));
  decorated.sort((x, y) => (runesLess(x.r, y.r) ? -1 : runesLess(y.r, x.r) ? 1 : 0));
  return decorated.map((d) => d.k);
}

/** A copy with every map's keys in go-yaml's order, as Maps (iterative: depth cannot exhaust the stack). */
function sorted(value: Plain): unknown {
  if (typeof value !== 'object' || value === null) return value;
  type Out = Map<string, unknown> | unknown[];
  const open = (v: PlainObject | Plain[]): Out => (Array.isArray(v) ? [] : new Map<string, unknown>());
  const root = open(value);
  const stack: Array<[PlainObject | Plain[], Out]> = [[value, root]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    const put = (k: string, v: Plain | undefined): void => {
      if (v === undefined) return;
      let out: unknown = v;
      if (typeof v === 'object' && v !== null) {
        out = open(v);
        stack.push([v, out as Out]);
      }
      if (Array.isArray(to)) to.push(out);
      else to.set(k, out);
    };
    if (Array.isArray(from)) for (const v of from) put('', v);
    else for (const k of goYamlSortKeys(Object.keys(from))) put(k, from[k]);
  }
  return root;
}

/** Whether go-yaml would read the string back as something else when written plain. */
function needsDoubleQuotes(s: string): boolean {
  if (s.includes('\n')) return false;
  return resolvePlain(s).type !== 'string' || BASE60_FLOAT.test(s);
}

/** Splits `spec.template.metadata.labels[job-name]` / `spec.containers[0].name` into keys and indexes. */
function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') i++;
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) break;
      const inner = path.slice(i + 1, close);
      out.push(/^[0-9]+$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

export interface RenderOptions {
  /** Paths holding placeholders (storedObject's serverAssigned): marked with a comment. */
  serverAssigned?: string[];
}

/** The YAML text of a stored object, as kubectl would print it. */
export function renderStoredYaml(stored: PlainObject, options: RenderOptions = {}): string {
  const doc = new Document(sorted(stored));
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (needsDoubleQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const meta = doc.get('metadata', true);
  if (isMap(meta)) {
    meta.commentBefore = ` ${SERVER_SET_METADATA.join(', ')}: set by the API server when the object is created`;
  }
  for (const path of options.serverAssigned ?? []) {
    const node = doc.getIn(pathSegments(path), true) as YNode | undefined;
    const note = ' placeholder: the API server sets this value when the object is created';
    if (isScalar(node)) node.comment = note;
    else if (isMap(node) || isSeq(node)) node.commentBefore = note;
  }
  return doc.toString({ indentSeq: false, lineWidth: 80, singleQuote: true, blockQuote: 'literal', nullStr: 'null' });
}
