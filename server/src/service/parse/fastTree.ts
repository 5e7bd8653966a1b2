/**
 * A fast reader for the block-style YAML that hand-written manifests are made of: block
 * mappings and sequences, plain and single-line quoted scalars, comments, simple block
 * scalars and one-line flow collections, anchors and aliases (each alias a copy of its node, as
 * buildTree makes it). It builds the same tree (same spans, same resolved scalars) that
 * `buildTree(parseDocument(text))` builds, at a fraction of the cost, and declines anything
 * else — merge keys, tags, multi-line flow collections, multi-line scalars, escapes, tabs, unresolved or
 * recursive aliases, errors of any kind — by returning undefined, so the `yaml` package reads
 * those documents (a 19 MiB document with one anchor per container took it 18 s and 2.4 GB). Declining is always safe; accepting
 * is only allowed where the result is identical (test/unit/fast-tree.test.ts compares both
 * readers on every fixture, the examples and fuzzed documents).
 *
 * Why it exists: parsing dominates validation time, and the `yaml` package's generality (a
 * CST, then documents with comments and source tokens, then our tree) costs several times a
 * direct read. The CLI's throughput and the time from opening a large file to diagnostics are
 * bounded by it.
 *
 * Spans follow the `yaml` package: a collection starts at its first key or `-` and ends where
 * its last value's node ends; a scalar's node ends after the rest of its line (comment and
 * newline included), a null value's at the end of its line (after a comment, if any, the
 * newline is included). Comment lines that trail the last item of a closing collection at or
 * beyond its indentation would extend those ends; the reader declines rather than model that.
 */
import { keyName, plainScalar, quotedScalar, NODE_BUDGET, type KEntry, type KMap, type KNode, type KScalar, type KSeq } from './tree';
import { resolvePlain } from './scalars';

/** Thrown internally to abandon the fast path; never escapes `fastTree`. */
const DECLINE: unique symbol = Symbol('decline');

/**
 * Characters the fast path leaves to the full parser: tabs, BOM, C0/C1 controls, non-characters,
 * and a CR that does not end a line (CRLF line ends are read: the `yaml` package ends a line's
 * content before its CR, as here).
 */
const UNSUPPORTED_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)/;
/** Document markers and directives inside a chunk (its leading `---` is handled separately). */
const MARKERS = /(^|\n)(\.\.\.|%)|\n---/;
/** Characters that cannot start a plain scalar here (anchors, aliases, tags, flow, block scalars …). */
const INDICATORS = new Set([...'&*!|>[]{},%@`'].map((c) => c.charCodeAt(0)));
const MAX_DEPTH = 200;
/** Nested flow collections read on one line (deeper ones go to the full reader). */
const MAX_FLOW_DEPTH = 20;
/** Distinct short texts a reader shares (Reader.interned). */
const INTERNED = 4096;
/** The `yaml` package rejects implicit keys longer than this. */
const MAX_KEY = 1024;

/** Anchor names the fast path reads (YAML allows more; the rest go to the full reader). */
const ANCHOR_NAME = /^[A-Za-z0-9_.-]+$/;

const AMPERSAND = 38;
const ASTERISK = 42;
const SPACE = 32;
const NL = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const QUESTION = 63;
const DQUOTE = 34;
const SQUOTE = 39;
const PIPE = 124;
const GT = 62;
const PLUS = 43;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;


class Reader {
  /** Start of the line holding the content `seek` found last. */
  private line = 0;
  /** Indents of comment lines passed since the last item began. */
  private comments: number[] = [];
  private depth = 0;
  /**
   * Where the node read last ends including what trails it on its line (the `yaml` package's
   * range[2]); a field rather than a returned pair, to allocate nothing per value.
   */
  private nodeEnd = 0;

  /** Anchored nodes by name, the latest of each name (YAML's rule), with their expanded sizes. */
  private anchors = new Map<string, { node: KNode; size: number }>();
  /** Anchors whose node is being read: an alias to one of them would be recursive. */
  private open = new Set<string>();
  /** Expanded size (nodes, aliases counted as what they copy) of anchored nodes and copies. */
  private sizes = new WeakMap<KNode, number>();
  /** Nodes copied for aliases so far: past NODE_BUDGET the full reader reports the bomb. */
  private copied = 0;

  constructor(private readonly t: string) {}

  /** The document: an optional `---` line, then one block collection, or nothing. */
  read(): { root: KNode | undefined } {
    const t = this.t;
    let from = 0;
    let marker = -1;
    if (t.startsWith('---')) {
      const eol = this.eol(3);
      if (eol !== 3) throw DECLINE; // content, spaces or a comment on the marker line
      marker = 3;
      from = this.lineEnd(3);
    }
    const p = this.seek(from);
    if (p < 0) {
      // A bare `---` is an empty (null) document; comments alone are no document at all.
      if (marker < 0) return { root: undefined };
      return { root: plainScalar('', marker, marker) };
    }
    const root = this.block(p);
    if (this.next < t.length && this.seek(this.next) >= 0) throw DECLINE; // content after the root collection
    return { root };
  }

  /** End (newline or end of text) of the line `seek` found last: most lookups are on it. */
  private lineEol = -1;

  /** Where the content of the line at p ends: its newline, the CR of a CRLF, or the end. */
  private eol(p: number): number {
    if (p >= this.line && p <= this.lineEol) return this.lineEol;
    return this.contentEnd(this.t.indexOf('\n', p));
  }

  private contentEnd(nl: number): number {
    if (nl < 0) return this.t.length;
    return nl > 0 && this.t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
  }

  /** End of the line at p including its line break. */
  private lineEnd(p: number): number {
    const e = this.t.indexOf('\n', p);
    return e < 0 ? this.t.length : e + 1;
  }

  /** From a line start, the first content character of the next line with content, or -1. */
  private seek(lineStart: number): number {
    const t = this.t;
    const n = t.length;
    let ls = lineStart;
    while (ls < n) {
      let p = ls;
      while (p < n && t.charCodeAt(p) === SPACE) p++;
      const c = p < n ? t.charCodeAt(p) : NL;
      if (c === NL || c === CR) {
        ls = c === CR ? p + 2 : p + 1;
        continue;
      }
      if (c === HASH) {
        this.comments.push(p - ls);
        ls = this.lineEnd(p);
        continue;
      }
      this.line = ls;
      this.lineEol = this.contentEnd(t.indexOf('\n', p));
      return p;
    }
    this.line = n;
    this.lineEol = -1;
    return -1;
  }

  /** The line after the last item read: where looking for the next item starts. */
  private next = 0;

  /** After an item: the next content, or -1. */
  private seekAfterItem(): number {
    return this.seek(this.next);
  }

  private column(p: number): number {
    return p - this.line;
  }

  /** A collection beginning at p (a block sequence or a block mapping). */
  private block(p: number): KNode {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    const r = this.isDash(p) ? this.seq(p) : this.map(p);
    this.depth--;
    return r;
  }

  private isDash(p: number): boolean {
    const t = this.t;
    if (t.charCodeAt(p) !== DASH) return false;
    const c = p + 1 < t.length ? t.charCodeAt(p + 1) : NL;
    return c === SPACE || c === NL || c === CR;
  }

  /**
   * Closing a collection at `col`: trailing comment lines at or beyond its indentation would
   * extend its end (and its last scalar's, beyond it). At the end of the document the root's
   * own trailing comments belong to the document instead.
   */
  private close(col: number, atEnd: boolean): void {
    const limit = atEnd && this.depth === 1 ? col + 1 : col;
    for (const c of this.comments) if (c >= limit) throw DECLINE;
  }

  /**
   * After an item of the collection at `col` (a sequence when `dashes`): where the next item
   * starts, or -1 when the collection ends there (then closed).
   */
  private following(col: number, dashes: boolean): number {
    const q = this.seekAfterItem();
    if (q < 0) {
      this.close(col, true);
      return -1;
    }
    const c = this.column(q);
    if (c > col) throw DECLINE;
    // A sequence ends at a line of its indentation without a dash: the next key of a parent
    // mapping that holds it (the parent checks that it does).
    if (c < col || (dashes && !this.isDash(q))) {
      this.close(col, false);
      return -1;
    }
    // A `- ` at a mapping's own indentation only follows a key with no inline value, and
    // `value` consumed it then.
    if (!dashes && this.isDash(q)) throw DECLINE;
    return q;
  }

  private map(first: number): KNode {
    const col = this.column(first);
    const entries: KEntry[] = [];
    let p = first;
    let end = first;
    for (;;) {
      this.comments.length = 0;
      const after = this.key(p);
      if (after < 0) throw DECLINE; // a scalar where a key belongs
      const name = this.keyName;
      const keySpan = { start: this.keyStart, end: this.keyEnd };
      const value = this.value(after, col, true);
      entries.push({ key: name, keySpan, value });
      end = this.nodeEnd;
      const q = this.following(col, false);
      if (q < 0) break;
      p = q;
    }
    const map: KMap = { kind: 'map', start: first, end, entries: fitted(entries) };
    this.nodeEnd = end;
    return map;
  }

  private seq(first: number): KNode {
    const col = this.column(first);
    const items: KNode[] = [];
    let p = first;
    let end = first;
    for (;;) {
      this.comments.length = 0;
      items.push(this.value(p + 1, col, false));
      end = this.nodeEnd;
      const q = this.following(col, true);
      if (q < 0) break;
      p = q;
    }
    const seq: KSeq = { kind: 'seq', start: first, end, items: fitted(items) };
    this.nodeEnd = end;
    return seq;
  }

  /**
   * The value after a key's `:` or a sequence's `-` (at `from`, on the same line), belonging
   * to a collection at `col`. Sets `next` to the line after the value.
   */
  private value(from: number, col: number, inMap: boolean): KNode {
    const t = this.t;
    let p = from;
    while (p < t.length && t.charCodeAt(p) === SPACE) p++;
    const c = p < t.length ? t.charCodeAt(p) : NL;
    if (c === NL || c === CR || c === HASH) {
      // Nothing inline: a nested collection on the following lines, or null.
      const lineEnd = this.lineEnd(p);
      const q = this.seek(lineEnd);
      if (q >= 0) {
        const qc = this.column(q);
        if (qc > col || (inMap && qc === col && this.isDash(q))) return this.block(q);
      }
      // Null. Its end, which becomes its collection's when it is the last item: the end of
      // its line, or, when a comment follows (on its line or the next ones), the `yaml`
      // package runs it on to the next content (or the end of the document).
      this.nodeEnd = c === HASH || this.comments.length > 0 ? (q >= 0 ? q : t.length) : this.eol(p);
      // The caller seeks again from the next line; forget what this look-ahead saw.
      this.next = lineEnd;
      this.comments.length = 0;
      return plainScalar('', p, p);
    }
    if (!inMap && c === DASH && this.isDash(p)) throw DECLINE; // `- - x`: nested compact sequence
    if (!inMap) {
      if (this.key(p) >= 0) {
        // `- key: value`: a mapping whose indentation is the column of its first key.
        if (++this.depth > MAX_DEPTH) throw DECLINE;
        const r = this.map(p);
        this.depth--;
        return r;
      }
    }
    if (c === AMPERSAND) return this.anchored(p, col, inMap);
    if (c === ASTERISK) return this.alias(p);
    if (c === PIPE || c === GT) return this.blockScalar(p, col);
    if (c === LBRACKET || c === LBRACE) return this.flow(p);
    const s = this.scalar(p);
    this.next = this.lineEnd(p);
    this.nodeEnd = this.next;
    return s;
  }

  /** The name of an anchor or alias whose indicator is at p; sets `nameEnd`. */
  private propertyName(p: number): string {
    const t = this.t;
    let i = p + 1;
    while (i < t.length) {
      const ch = t.charCodeAt(i);
      if (ch === SPACE || ch === NL || ch === CR) break;
      i++;
    }
    const name = t.slice(p + 1, i);
    if (!ANCHOR_NAME.test(name)) throw DECLINE;
    this.nameEnd = i;
    return name;
  }

  private nameEnd = 0;

  /**
   * A value with an anchor (`&name value`, or `&name` with a collection on the lines below).
   * The tree is the value's own: an anchor only matters to the aliases that name it. An
   * anchored empty value (null) is left to the full reader.
   */
  private anchored(p: number, col: number, inMap: boolean): KNode {
    const t = this.t;
    const name = this.propertyName(p);
    let i = this.nameEnd;
    while (i < t.length && t.charCodeAt(i) === SPACE) i++;
    const c = i < t.length ? t.charCodeAt(i) : NL;
    if (c === AMPERSAND || c === ASTERISK || c === NL || c === CR || c === HASH) {
      // Nothing inline: only a collection below is read here (an anchored null is not).
      if (c === AMPERSAND || c === ASTERISK) throw DECLINE;
    } else if (!inMap && this.key(i) >= 0) throw DECLINE; // `- &a k: v` anchors the key
    // The same name again inside: its later definition would win, not this one's end.
    if (this.open.has(name)) throw DECLINE;
    this.open.add(name);
    const node = this.value(this.nameEnd, col, inMap);
    this.open.delete(name);
    if (node.kind === 'scalar' && node.start === node.end && node.v.type === 'null') throw DECLINE;
    const size = this.sizeOf(node);
    if (node.kind !== 'scalar') this.sizes.set(node, size);
    this.anchors.set(name, { node, size });
    return node;
  }

  /**
   * An alias (`*name`): a copy of the anchored node, with its spans, as the full reader builds
   * it. Copies count against NODE_BUDGET; past it (an alias bomb) the full reader answers.
   */
  private alias(p: number): KNode {
    const name = this.propertyName(p);
    const a = this.anchors.get(name);
    // Unknown, or naming an anchor still being read (recursive): the full reader reports it.
    if (!a || this.open.has(name)) throw DECLINE;
    this.rest(this.nameEnd);
    this.copied += a.size;
    if (this.copied > NODE_BUDGET) throw DECLINE;
    const node = copyNode(a.node);
    if (node.kind !== 'scalar') this.sizes.set(node, a.size);
    this.next = this.lineEnd(p);
    this.nodeEnd = this.next;
    return node;
  }

  /**
   * Nodes in a tree. Anchored nodes and copies have theirs remembered, and a count stops at
   * them, so nested anchors count each node once.
   */
  private sizeOf(n: KNode): number {
    if (n.kind === 'scalar') return 1;
    const known = this.sizes.get(n);
    if (known !== undefined) return known;
    let size = 1;
    if (n.kind === 'map') for (const e of n.entries) size += this.sizeOf(e.value);
    else for (const it of n.items) size += this.sizeOf(it);
    return size;
  }

  /**
   * A flow collection on one line: `[]`, `{}`, sequences and mappings of plain or quoted
   * scalars, nested (`["sh", "-c"]`, `{matchLabels: {app: web}}`), the flow forms manifests
   * use. Keys are plain and followed by `: `; a plain scalar holding `:`, `#` or a bracket, a
   * trailing comma, a key without a value, anything over more than one line is declined.
   */
  private flow(p: number): KNode {
    const node = this.flowCollection(p, this.eol(p), 0);
    this.rest(this.flowEnd);
    this.next = this.lineEnd(p);
    this.nodeEnd = this.next;
    return node;
  }

  /** Where the flow collection or scalar read last ends (after its closing bracket). */
  private flowEnd = 0;

  private flowSpaces(i: number, eol: number): number {
    const t = this.t;
    while (i < eol && t.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** The `[`/`{` collection at p, on the line ending at eol. */
  private flowCollection(p: number, eol: number, depth: number): KNode {
    if (depth > MAX_FLOW_DEPTH) throw DECLINE;
    const t = this.t;
    const isMap = t.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const entries: KEntry[] = [];
    const items: KNode[] = [];
    let i = this.flowSpaces(p + 1, eol);
    if (t.charCodeAt(i) !== close) {
      for (;;) {
        if (i >= eol) throw DECLINE;
        if (isMap) {
          const keyStart = i;
          const c = t.charCodeAt(i);
          if (c === DQUOTE || c === SQUOTE || INDICATORS.has(c) || c === HASH || c === DASH || c === QUESTION || c === COLON) throw DECLINE;
          while (i < eol) {
            const ch = t.charCodeAt(i);
            if (ch === COLON || ch === COMMA || ch === HASH || ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE || ch === DQUOTE || ch === SQUOTE) break;
            i++;
          }
          // `key: ` only: `{a}`, `{a:b}`, `{"a": b}` and the like go to the full reader.
          if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE) throw DECLINE;
          let e = i;
          while (e > keyStart && t.charCodeAt(e - 1) === SPACE) e--;
          if (e - keyStart > MAX_KEY) throw DECLINE;
          const text = this.interned(keyStart, e);
          if (text === '<<') throw DECLINE;
          const key = resolvePlain(text).type === 'string' ? text : keyName(plainScalar(text, keyStart, e));
          const value = this.flowValue(this.flowSpaces(i + 1, eol), eol, close, depth);
          entries.push({ key, keySpan: { start: keyStart, end: e }, value });
        } else items.push(this.flowValue(i, eol, close, depth));
        i = this.flowSpaces(this.flowEnd, eol);
        const d = t.charCodeAt(i);
        if (i < eol && d === close) break;
        if (i >= eol || d !== COMMA) throw DECLINE;
        i = this.flowSpaces(i + 1, eol);
        if (t.charCodeAt(i) === close) throw DECLINE; // a trailing comma
      }
    }
    this.flowEnd = i + 1;
    return isMap ? { kind: 'map', start: p, end: i + 1, entries: fitted(entries) } : { kind: 'seq', start: p, end: i + 1, items: fitted(items) };
  }

  /** A value inside a flow collection closed by `close`: a nested collection or a scalar; sets flowEnd. */
  private flowValue(i: number, eol: number, close: number, depth: number): KNode {
    const t = this.t;
    if (i >= eol) throw DECLINE;
    const c = t.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(i, eol, depth + 1);
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(i);
      this.flowEnd = q.end;
      return quotedScalar(q.text, i, q.end);
    }
    if (INDICATORS.has(c) || c === HASH) throw DECLINE;
    if (c === DASH || c === QUESTION || c === COLON) {
      const n = t.charCodeAt(i + 1);
      if (n === SPACE || n === COMMA || n === close) throw DECLINE;
    }
    const start = i;
    while (i < eol) {
      const ch = t.charCodeAt(i);
      if (ch === COMMA || ch === close) break;
      // `:`, `#`, other brackets and braces make it a richer flow form.
      if (ch === COLON || ch === HASH || ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE) throw DECLINE;
      i++;
    }
    let e = i;
    while (e > start && t.charCodeAt(e - 1) === SPACE) e--;
    this.flowEnd = e;
    return this.plain(start, e);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar with optional chomping, its content more
   * indented than the collection at `col`. Explicit indentation indicators, more-indented
   * folded lines and other rarities are declined.
   */
  private blockScalar(p: number, col: number): KNode {
    const t = this.t;
    const n = t.length;
    const folded = t.charCodeAt(p) === GT;
    let h = p + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const ch = t.charCodeAt(h);
    if (ch === DASH) {
      chomp = 'strip';
      h++;
    } else if (ch === PLUS) {
      chomp = 'keep';
      h++;
    }
    this.rest(h);
    let ls = this.lineEnd(p);
    if (ls >= n) throw DECLINE;
    // Indentation of the first non-empty line; leading empty lines may not be deeper.
    let indent = -1;
    let maxLeading = 0;
    for (let q = ls; q < n; ) {
      let i = q;
      while (i < n && t.charCodeAt(i) === SPACE) i++;
      if (i >= n) break;
      const c = t.charCodeAt(i);
      if (c === NL || c === CR) {
        maxLeading = Math.max(maxLeading, i - q);
        q = c === CR ? i + 2 : i + 1;
        continue;
      }
      indent = i - q;
      break;
    }
    if (indent <= col || maxLeading > indent) throw DECLINE; // empty, or a leading line too deep
    const lines: string[] = [];
    let trailingEmpty = 0;
    let contentEnd = ls;
    let keepEnd = ls;
    while (ls < n) {
      const nl = t.indexOf('\n', ls);
      if (nl < 0) throw DECLINE; // content running into the end without a newline
      const e = this.contentEnd(nl);
      let i = ls;
      while (i < e && t.charCodeAt(i) === SPACE) i++;
      if (i === e) {
        if (i - ls > indent) throw DECLINE; // spaces beyond the indentation on an empty line
        trailingEmpty++;
        ls = nl + 1;
        keepEnd = ls;
        continue;
      }
      if (i - ls < indent) break;
      if (folded && i - ls > indent) throw DECLINE; // more-indented folded lines keep their breaks
      for (let k = 0; k < trailingEmpty; k++) lines.push('');
      trailingEmpty = 0;
      lines.push(t.slice(ls + indent, e));
      ls = nl + 1;
      contentEnd = ls;
      keepEnd = ls;
    }
    let body: string;
    if (folded) {
      body = '';
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k];
        // An empty line stands for a line break; a break between two text lines folds to a space.
        if (line === '') body += '\n';
        else body += k === 0 || lines[k - 1] === '' ? line : ` ${line}`;
      }
    } else body = lines.join('\n');
    const value = chomp === 'strip' ? body : chomp === 'clip' ? `${body}\n` : `${body}\n${'\n'.repeat(trailingEmpty)}`;
    const end = chomp === 'keep' ? keepEnd : contentEnd;
    this.next = end;
    this.nodeEnd = end;
    return quotedScalar(value, p, end);
  }

  /** A scalar value that must end on its line (a trailing comment is allowed). */
  private scalar(p: number): KScalar {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(p);
      this.rest(q.end);
      return quotedScalar(q.text, p, q.end);
    }
    this.plainStart(p);
    const eol = this.eol(p);
    let cut = eol;
    for (let i = p; i < eol; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SPACE) {
        cut = i;
        break;
      }
      if (ch === COLON) {
        const n = i + 1 < t.length ? t.charCodeAt(i + 1) : NL;
        if (n === SPACE || n === NL || n === CR) throw DECLINE; // `a: b: c` is an error
      }
    }
    let e = cut;
    while (e > p && t.charCodeAt(e - 1) === SPACE) e--;
    return this.plain(p, e);
  }

  /** What may follow a quoted scalar on its line: spaces, then a comment or the end. */
  private rest(from: number): void {
    const t = this.t;
    let i = from;
    while (i < t.length && t.charCodeAt(i) === SPACE) i++;
    const c = i < t.length ? t.charCodeAt(i) : NL;
    if (c === NL || c === CR) return;
    if (c === HASH && i > from) return;
    throw DECLINE;
  }

  private plainStart(p: number): void {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (INDICATORS.has(c)) throw DECLINE;
    if (c === DASH || c === QUESTION || c === COLON) {
      const n = p + 1 < t.length ? t.charCodeAt(p + 1) : NL;
      if (n === SPACE || n === NL || n === CR) throw DECLINE;
    }
  }

  private quoted(p: number): { text: string; end: number } {
    const t = this.t;
    const eol = this.eol(p);
    if (t.charCodeAt(p) === DQUOTE) {
      const e = t.indexOf('"', p + 1);
      if (e < 0 || e > eol) throw DECLINE; // multi-line
      const text = t.slice(p + 1, e);
      if (text.includes('\\')) throw DECLINE; // escapes
      return { text, end: e + 1 };
    }
    let i = p + 1;
    for (;;) {
      const e = t.indexOf("'", i);
      if (e < 0 || e > eol) throw DECLINE;
      if (t.charCodeAt(e + 1) === SQUOTE) {
        i = e + 2;
        continue;
      }
      return { text: t.slice(p + 1, e).replace(/''/g, "'"), end: e + 1 };
    }
  }

  /**
   * Short texts read before, by text: one string for every `name`, `image` or `nginx` of a
   * file instead of one each (a tree of half a million containers held a million copies of
   * its two keys). At most INTERNED texts, so unique keys cannot grow it without bound.
   */
  private strings = new Map<string, string>();

  private interned(p: number, e: number): string {
    const text = this.t.slice(p, e);
    if (e - p > 40) return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size < INTERNED) this.strings.set(text, text);
    return text;
  }

  /** Resolved values of short plain scalars read before, by text (values are never changed). */
  private values = new Map<string, KScalar>();

  /**
   * The plain scalar at [p, e): its resolved value shared with earlier scalars of the same
   * text (half a million `image: nginx` held half a million equal value objects).
   */
  private plain(p: number, e: number): KScalar {
    const text = this.interned(p, e);
    const known = e - p <= 40 ? this.values.get(text) : undefined;
    if (known) {
      return known.yaml12 === undefined
        ? { kind: 'scalar', start: p, end: e, v: known.v, text, plain: true }
        : { kind: 'scalar', start: p, end: e, v: known.v, text, plain: true, yaml12: known.yaml12 };
    }
    const s = plainScalar(text, p, e);
    if (e - p <= 40 && this.values.size < INTERNED) this.values.set(text, s);
    return s;
  }

  /** Name and span of the key `key` found last. */
  private keyName = '';
  private keyStart = 0;
  private keyEnd = 0;

  /**
   * A mapping key at p (`key:` followed by a space or the end of the line): sets keyName,
   * keyStart and keyEnd and returns the offset after the colon; -1 when there is no key.
   */
  private key(p: number): number {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(p);
      let i = q.end;
      while (i < t.length && t.charCodeAt(i) === SPACE) i++;
      if (t.charCodeAt(i) !== COLON) return -1;
      const n = i + 1 < t.length ? t.charCodeAt(i + 1) : NL;
      if (n !== SPACE && n !== NL && n !== CR) throw DECLINE;
      if (q.end - p > MAX_KEY) throw DECLINE;
      this.keyName = q.text;
      this.keyStart = p;
      this.keyEnd = q.end;
      return i + 1;
    }
    if (c === HASH) return -1;
    const eol = this.eol(p);
    for (let i = p; i < eol; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && i > p && t.charCodeAt(i - 1) === SPACE) return -1;
      if (ch !== COLON) continue;
      const n = i + 1 < t.length ? t.charCodeAt(i + 1) : NL;
      if (n !== SPACE && n !== NL && n !== CR) continue;
      this.plainStart(p);
      let e = i;
      while (e > p && t.charCodeAt(e - 1) === SPACE) e--;
      if (e === p || e - p > MAX_KEY) throw DECLINE;
      const text = this.interned(p, e);
      if (text === '<<') throw DECLINE; // merge keys need the full reader
      // A key that reads as a number, boolean or null is named by its JSON text.
      this.keyName = resolvePlain(text).type === 'string' ? text : keyName(plainScalar(text, p, e));
      this.keyStart = p;
      this.keyEnd = e;
      return i + 1;
    }
    return -1;
  }
}

/**
 * A small array built by pushing, copied to its exact length. V8 gives a pushed array room for
 * 16 more items at once; a tree of half a million two-key maps kept that room for ever (150 of
 * the 800 bytes a container's map took). Large arrays keep theirs (at most half their size).
 */
function fitted<T>(a: T[]): T[] {
  return a.length < 16 ? a.slice() : a;
}

/** A fresh copy of a tree (the full reader builds each alias anew; nothing may share nodes). */
function copyNode(n: KNode): KNode {
  if (n.kind === 'scalar') return { ...n };
  if (n.kind === 'seq') return { kind: 'seq', start: n.start, end: n.end, items: n.items.map(copyNode) };
  return { kind: 'map', start: n.start, end: n.end, entries: n.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, value: copyNode(e.value) })) };
}

/**
 * The tree of one document chunk, or undefined when the fast path does not apply (then the
 * caller parses with the `yaml` package). Never throws.
 */
export function fastTree(text: string): { root: KNode | undefined } | undefined {
  if (UNSUPPORTED_CHARS.test(text) || MARKERS.test(text)) return undefined;
  try {
    return new Reader(text).read();
  } catch {
    // DECLINE, or (a bug in the fast path) anything else: the full reader answers either way.
    return undefined;
  }
}
