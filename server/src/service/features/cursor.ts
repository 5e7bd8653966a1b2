/**
 * Where a position is in a document's tree: the chain of map entries and sequence items that
 * contain it, and — for completion, where the text is half typed — the field being written,
 * found from the text of the line and the indentation of the lines above it.
 */
import type { ManifestDocument } from '../parse/manifests';
import type { KEntry, KNode, Span } from '../parse/tree';
import { isSpace } from '../util/text';

export type Seg = { key: string; entry: KEntry } | { index: number; item: KNode };

export interface Chain {
  segs: Seg[];
  /** The node the chain ends in (an entry's value or an item). */
  node: KNode | undefined;
  /** True when the offset is on the last entry's key. */
  onKey: boolean;
}

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

/** The chain of entries and items containing a chunk-relative offset. */
export function chainAt(root: KNode | undefined, rel: number): Chain {
  const segs: Seg[] = [];
  let node: KNode | undefined = root;
  for (let depth = 0; node && depth < 256; depth++) {
    if (node.kind === 'map') {
      const e: KEntry | undefined = node.entries.find((x) => !x.merged && within(x.keySpan, rel)) ?? node.entries.find((x) => !x.merged && within(x.value, rel) && x.value.end > x.value.start);
      if (!e) break;
      segs.push({ key: e.key, entry: e });
      if (within(e.keySpan, rel) && !(within(e.value, rel) && e.value.end > e.value.start && rel > e.keySpan.end)) return { segs, node: e.value, onKey: true };
      node = e.value;
    } else if (node.kind === 'seq') {
      const i = node.items.findIndex((it) => within(it, rel));
      if (i < 0) break;
      segs.push({ index: i, item: node.items[i] });
      node = node.items[i];
    } else break;
  }
  return { segs, node: segs.length ? lastNode(segs) : root, onKey: false };
}

function lastNode(segs: Seg[]): KNode {
  const s = segs[segs.length - 1];
  return 'key' in s ? s.entry.value : s.item;
}

/** Path of a chain from the segment whose node is `from` (exclusive): `['containers', 0, 'name']`. */
export function pathAfter(segs: Seg[], from: KNode): Array<string | number> | undefined {
  const i = segs.findIndex((s) => ('key' in s ? s.entry.value : s.item) === from);
  if (i < 0) return undefined;
  return segs.slice(i + 1).map((s) => ('key' in s ? s.key : s.index));
}

export interface CompletionContext {
  /** `value`: after `key: `; `item`: after `- ` in a sequence; `key`: a new key in a map. */
  mode: 'value' | 'item' | 'key';
  /** The chain to the field whose value is being written (value), the sequence holder (item), or the map holder (key). */
  chain: Chain;
  /** The text typed so far and the span to replace (chunk-relative). */
  typed: string;
  replace: Span;
  /** Whether a space must be inserted before the value (cursor right after a colon). */
  needsSpace: boolean;
}

const ITEM = /^(\s*)-[ \t]+(["']?)([^\s#:"']*)$/;
const KEY = /^(\s*)([^\s#:'"-][^\s#:]*|)$/;

// ---- key lines, read without backtracking -------------------------------------------------
//
// The two line shapes completion reads were regular expressions (kept in
// test/unit/linear.test.ts, which checks these readers against them):
//   a value being typed  /^(\s*(?:-\s+)*)(KEY)[ \t]*:([ \t]*)(["']?)([^\s#"']*)$/
//   a key line           /^(\s*)(?:-[ \t]+)*(KEY)[ \t]*:(?:[ \t]|$)/
// with KEY = [^\s#'"{}[\],][^:#]*?|"[^"]*"|'[^']*'. On a long line of spaces or `- - - …`
// without the colon they want, their backtracking is quadratic. Read directly: the leading
// whitespace and each `-` gap are taken whole (a shorter take leaves whitespace where a key
// must start); a plain key runs to the first `:` or `#` after its first character, and only
// the last `- ` (the key then starting at its dash) can give a second candidate — every
// earlier one ends at the same colon, so it succeeds or fails with it.

// On character codes (a line can be megabytes long; see util/text.isSpace). NaN past the end.
const isWs = (c: number): boolean => isSpace(c);
const isBlank = (c: number): boolean => c === 32 || c === 9;
/** Characters a plain key may not start with. */
const NOT_KEY_START = new Set([...'#\'"{}[],'].map((c) => c.charCodeAt(0)));
const COLON = 58;
const HASH = 35;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;

interface KeyAt {
  /** Where the leading whitespace ends. */
  indent: number;
  /** The key: its start, its end, and the colon after it. */
  key: number;
  keyEnd: number;
  colon: number;
}

/** The key of `s` (see above); `gap` is the class of whitespace after each `-`. */
function readKey(s: string, gap: (c: number) => boolean, tail: (colon: number) => boolean): KeyAt | undefined {
  const at = (i: number): number => s.charCodeAt(i);
  let indent = 0;
  while (isWs(at(indent))) indent++;
  let start = indent;
  let lastDash = -1;
  while (at(start) === DASH && gap(at(start + 1))) {
    lastDash = start;
    start++;
    while (gap(at(start))) start++;
  }
  const keyAt = (k: number, quoted: boolean): KeyAt | undefined => {
    if (k >= s.length) return undefined;
    const c0 = at(k);
    let keyEnd: number;
    let colon: number;
    if (c0 === DQUOTE || c0 === SQUOTE) {
      if (!quoted) return undefined;
      const close = s.indexOf(s[k], k + 1);
      if (close < 0) return undefined;
      keyEnd = close + 1;
      colon = keyEnd;
      while (isBlank(at(colon))) colon++;
      if (at(colon) !== COLON) return undefined;
    } else {
      if (isWs(c0) || NOT_KEY_START.has(c0)) return undefined;
      colon = k + 1;
      while (colon < s.length && at(colon) !== COLON && at(colon) !== HASH) colon++;
      if (at(colon) !== COLON) return undefined;
      keyEnd = colon;
      while (keyEnd > k + 1 && isBlank(at(keyEnd - 1))) keyEnd--;
    }
    return tail(colon) ? { indent, key: k, keyEnd, colon } : undefined;
  };
  return keyAt(start, true) ?? (lastDash >= 0 ? keyAt(lastDash, false) : undefined);
}

/** A key line: the key is followed by `:` and a blank or the end of the line. */
export function keyLine(line: string): KeyAt | undefined {
  return readKey(line, isBlank, (colon) => colon + 1 === line.length || isBlank(line.charCodeAt(colon + 1)));
}

/** `key: value-being-typed` before the cursor: where the key is and what follows its colon. */
export function valueLine(before: string): { key: number; keyEnd: number; gap: number; quoted: boolean; typed: number } | undefined {
  let result: { gap: number; quoted: boolean; typed: number } | undefined;
  const k = readKey(before, isWs, (colon) => {
    let g = colon + 1;
    while (isBlank(before.charCodeAt(g))) g++;
    const q = before.charCodeAt(g);
    const quoted = q === DQUOTE || q === SQUOTE;
    const typed = quoted ? g + 1 : g;
    for (let i = typed; i < before.length; i++) {
      const c = before.charCodeAt(i);
      if (isWs(c) || c === HASH || c === DQUOTE || c === SQUOTE) return false;
    }
    result = { gap: g - colon - 1, quoted, typed };
    return true;
  });
  return k && result ? { key: k.key, keyEnd: k.keyEnd, ...result } : undefined;
}

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0].length : 0;
}

/** The column of the key on a key line (after any `- ` markers). */
function keyColumn(line: string): number | undefined {
  const m = keyLine(line);
  if (!m) return undefined;
  return line.indexOf(line.slice(m.key, m.keyEnd), m.indent);
}

/**
 * The completion context at a chunk-relative offset, or undefined where nothing is being
 * written that completion could know.
 */
export function completionContext(doc: ManifestDocument, rel: number): CompletionContext | undefined {
  const text = doc.text;
  if (!doc.root) return undefined;
  const lineStart = text.lastIndexOf('\n', rel - 1) + 1;
  let lineEnd = text.indexOf('\n', rel);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, rel);
  const after = text.slice(rel, lineEnd);
  const rest = /^[^\s#"',\]}]*/.exec(after)?.[0] ?? '';

  const v = valueLine(before);
  if (v) {
    const keyAt = lineStart + v.key;
    const chain = chainAt(doc.root, keyAt);
    if (!chain.onKey || chain.segs.length === 0) return undefined;
    const typed = before.slice(v.typed);
    const start = rel - typed.length;
    return { mode: 'value', chain, typed, replace: { start, end: rel + rest.length }, needsSpace: v.gap === 0 && !v.quoted };
  }
  let m = ITEM.exec(before);
  if (m) {
    const col = m[1].length;
    const holder = findHolder(text, lineStart, col, true);
    if (holder === undefined) return undefined;
    const chain = chainAt(doc.root, holder);
    if (!chain.onKey) return undefined;
    const typed = m[3];
    return { mode: 'item', chain, typed, replace: { start: rel - typed.length, end: rel + rest.length }, needsSpace: false };
  }
  m = KEY.exec(before);
  if (m && !/^\s*:/.test(after)) {
    const col = m[1].length;
    const holder = findHolder(text, lineStart, col, false);
    if (holder === undefined) return undefined;
    const chain = chainAt(doc.root, holder);
    if (!chain.onKey) return undefined;
    const typed = m[2];
    return { mode: 'key', chain, typed, replace: { start: rel - typed.length, end: rel + rest.length }, needsSpace: false };
  }
  return undefined;
}

/**
 * The offset of the key that holds a line at column `col`: the nearest line above whose key
 * is indented less (for a sequence item, also a key at the same column: `key:\n- item`).
 */
function findHolder(text: string, lineStart: number, col: number, item: boolean): number | undefined {
  let end = lineStart - 1;
  for (let guard = 0; end > 0 && guard < 5000; guard++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    // Without the CR of a CRLF (a lone CR is an LF by now: see loneCrAsLf).
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    end = start - 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const ind = indentOf(line);
    const kc = keyColumn(line);
    if (item) {
      if (ind > col) continue;
      if (ind === col && /^\s*-(\s|$)/.test(line)) continue; // a sibling item
      if (kc === undefined) return undefined;
      // The key must end its line (its value is the sequence).
      if (!/:[ \t]*(#.*)?$/.test(line)) return undefined;
      if (kc > col) return undefined;
      return start + kc;
    }
    if (ind >= col && !(kc !== undefined && kc < col)) continue;
    if (kc === undefined || kc >= col) return undefined;
    if (!/:[ \t]*(#.*)?$/.test(line)) return undefined;
    return start + kc;
  }
  return undefined;
}
