/**
 * Where a position is in a document's tree: the chain of map entries and sequence items that
 * contain it, and — for completion, where the text is half typed — the field being written,
 * found from the text of the line and the indentation of the lines above it.
 */
import type { ManifestDocument } from '../parse/manifests';
import type { KEntry, KNode, Span } from '../parse/tree';

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

const VALUE = /^(\s*(?:-\s+)*)([^\s#'"{}[\],][^:#]*?|"[^"]*"|'[^']*')[ \t]*:([ \t]*)(["']?)([^\s#"']*)$/;
const ITEM = /^(\s*)-[ \t]+(["']?)([^\s#:"']*)$/;
const KEY = /^(\s*)([^\s#:'"-][^\s#:]*|)$/;
const KEY_LINE = /^(\s*)(?:-[ \t]+)*([^\s#'"{}[\],][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0].length : 0;
}

/** The column of the key on a key line (after any `- ` markers). */
function keyColumn(line: string): number | undefined {
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  return line.indexOf(m[2], m[1].length);
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

  let m = VALUE.exec(before);
  if (m) {
    const keyAt = lineStart + before.indexOf(m[2], m[1].length);
    const chain = chainAt(doc.root, keyAt);
    if (!chain.onKey || chain.segs.length === 0) return undefined;
    const typed = m[5];
    const start = rel - typed.length;
    return { mode: 'value', chain, typed, replace: { start, end: rel + rest.length }, needsSpace: m[3] === '' && m[4] === '' };
  }
  m = ITEM.exec(before);
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
