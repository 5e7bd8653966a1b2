/**
 * YAML text → ManifestFile: the file split into its `---` documents, each parsed once into a
 * resolved tree, its syntax errors, and the Kubernetes objects it holds (a Pod, a Node, a
 * workload, or the items of a List/NodeList). Parsing never throws.
 *
 * A line starting with `---` or `...` is always a document boundary in YAML (such lines are
 * forbidden inside scalars), so splitting the text there is exact. That lets an edit re-parse
 * only the document it touched: documents whose text is unchanged are reused from the
 * previous ManifestFile (their spans are relative to their own start, so moving is free).
 */
import { parseDocument } from 'yaml';
import { LineIndex, lineBreakOf, loneCrAsLf, type LineBreak } from './lineIndex';
import { isSpace } from '../util/text';
import { fastTree } from './fastTree';
import { buildTree, child, type KMap, type KNode, type Span, type TreeProblem } from './tree';
import { resolveKind, type KindProblem } from '../schema/kinds';

/** The rule ids of what the reader finds (diagnostics/catalog.ts has them all). */
export type SyntaxCode = 'yaml-syntax' | TreeProblem['code'];

export interface SyntaxProblem extends Span {
  message: string;
  /** `yaml-syntax` for parser errors; tree problems keep their own code. */
  code: SyntaxCode;
}

/** One Kubernetes object found in a document. Paths are upstream-style prefixes. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  /** apiVersion without the version (`apps`, `` for core). */
  group: string;
  name?: string;
  namespace?: string;
  node: KMap;
  /** Path of this object inside the document, `''` for the root, `items[3]` in a List. */
  path: string;
}

/**
 * A document (or List item) of a built-in API group whose apiVersion/kind pair the API server
 * does not serve as written, or serves with a deprecation warning (createPath/kinds.ts). It is
 * reported, never validated as an object.
 */
export interface KindSite {
  /** `''` for the root, `items[3]` in a List. */
  path: string;
  node: KMap;
  problem: KindProblem;
}

export interface ManifestDocument {
  /** Text of the chunk (including its `---` line); identity for reuse across edits. */
  readonly text: string;
  readonly index: number;
  readonly root: KNode | undefined;
  readonly syntax: SyntaxProblem[];
  readonly objects: K8sObject[];
  readonly kindProblems: KindSite[];
  /** Helm/Go template markers: such documents are left alone. */
  readonly templated: boolean;
  /** Where the document's content starts within the chunk (after a `---` line). */
  readonly contentStart: number;
  /** Per-document cache slots for features (validation results, sharing models …). */
  readonly cache: Map<string, unknown>;
  /**
   * Set on the one chunk that holds the documents past MAX_DOCUMENTS, which are not read: how
   * many documents it holds (its `index` is how many were read before it). Such a chunk has
   * no tree, no objects and no problems of its own.
   */
  readonly unread?: number;
}

export interface PlacedDocument {
  doc: ManifestDocument;
  /** Offset of the chunk in the file. */
  offset: number;
}

export interface ManifestFile {
  readonly uri: string;
  readonly version: number;
  /**
   * The text as the engine reads it: the given text with each lone CR replaced by LF (see
   * `loneCrAsLf`), so that offsets, lines and LSP positions are those of the given text while
   * every search for a line end needs to know only LF (and CRLF).
   */
  readonly text: string;
  /** The file's own line break, for text inserted by quick fixes. */
  readonly lineBreak: LineBreak;
  readonly lines: LineIndex;
  readonly documents: PlacedDocument[];
  /** Set when the file is larger than the configured limit and was not parsed. */
  readonly tooLarge?: { size: number; limit: number };
}

export interface ParseOptions {
  /** Files larger than this (in UTF-16 code units) are not parsed. */
  maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/**
 * Documents read per file; the rest of the file is one unread chunk (`unread`), which
 * validation reports once. Each document costs a fixed amount on top of its text (a tree, the
 * create path, the rules): 100,000 tiny Pods in a 19 MiB file took 13 s and 1 GB to open, and
 * as many documents with a syntax error each (read by the `yaml` package) 30 s. Ten thousand
 * is far beyond real manifest bundles (a rendered Helm chart holds hundreds) and bounds that
 * fixed part to about a second.
 */
export const MAX_DOCUMENTS = 10_000;

/** The limit in force (MAX_DOCUMENTS; tests lower it to show the cut on small files). */
export const documentLimit = { max: MAX_DOCUMENTS };

/** How many documents a chunk of text holds (as splitDocuments would cut it). */
function documentCount(text: string): number {
  let n = 1;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    if (m[1] === '---' && m.index !== 0) n++;
    BOUNDARY.lastIndex = m.index + 3;
  }
  return n;
}

function unreadChunk(text: string, index: number): ManifestDocument {
  const m = /^---[^\n]*\n?/.exec(text);
  const contentStart = m ? m[0].length : 0;
  return { text, index, root: undefined, syntax: [], objects: [], kindProblems: [], templated: false, contentStart, cache: new Map(), unread: documentCount(text) };
}

// At the start of a line: after LF or CR only (a multiline `^` would also start lines after
// U+2028 and U+2029, which are not line breaks in LSP or YAML 1.2).
const BOUNDARY = /(?<![^\n\r])(---|\.\.\.)(?=[ \t\r\n]|$)/g;

/**
 * Splits text into chunks; each chunk but the first starts at a `---` line. With `limit`, at
 * most that many chunks: the last one then holds the rest of the text, however many
 * documents that is.
 */
export function splitDocuments(text: string, limit = Infinity): Array<{ offset: number; text: string }> {
  const cuts: number[] = [0];
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m && cuts.length < limit; m = BOUNDARY.exec(text)) {
    if (m[1] === '---' && m.index !== 0) cuts.push(m.index);
    BOUNDARY.lastIndex = m.index + 3;
  }
  const out: Array<{ offset: number; text: string }> = [];
  for (let i = 0; i < cuts.length; i++) {
    const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
    out.push({ offset: cuts[i], text: text.slice(cuts[i], end) });
  }
  return out;
}

const WORKLOAD_KINDS = new Set([
  'v1/Pod', 'v1/Node', 'v1/PodTemplate', 'v1/ReplicationController',
  'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet',
  'batch/v1/Job', 'batch/v1/CronJob',
]);

/** `apiVersion/kind` key of the kinds Podsight validates, or undefined. */
export function kindKey(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return WORKLOAD_KINDS.has(key) ? key : undefined;
}

function scalarString(n: KNode | undefined): string | undefined {
  return n && n.kind === 'scalar' && n.v.type === 'string' ? n.v.value : undefined;
}

function objectAt(node: KNode | undefined, path: string, kindProblems: KindSite[]): K8sObject | undefined {
  if (!node || node.kind !== 'map') return undefined;
  const apiVersion = scalarString(child(node, 'apiVersion'));
  const kind = scalarString(child(node, 'kind'));
  if (!apiVersion || !kind) return undefined;
  if (!kindKey(apiVersion, kind)) {
    const r = resolveKind(apiVersion, kind, { hasMetadata: child(node, 'metadata')?.kind === 'map' });
    if (r.status !== 'known' && r.status !== 'other') kindProblems.push({ path, node, problem: r });
    return undefined;
  }
  const meta = child(node, 'metadata');
  const slash = apiVersion.indexOf('/');
  return {
    apiVersion,
    kind,
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    name: scalarString(child(meta, 'name')),
    namespace: scalarString(child(meta, 'namespace')),
    node,
    path,
  };
}

function findObjects(root: KNode | undefined, kindProblems: KindSite[]): K8sObject[] {
  if (!root || root.kind !== 'map') return [];
  const kind = scalarString(child(root, 'kind'));
  const apiVersion = scalarString(child(root, 'apiVersion'));
  if (apiVersion === 'v1' && kind !== undefined && /^[A-Za-z]*List$/.test(kind)) {
    const items = child(root, 'items');
    if (!items || items.kind !== 'seq') return [];
    const out: K8sObject[] = [];
    items.items.forEach((it, i) => {
      const o = objectAt(it, `items[${i}]`, kindProblems);
      if (o) out.push(o);
    });
    return out;
  }
  const o = objectAt(root, '', kindProblems);
  return o ? [o] : [];
}

/**
 * Helm/Go template markers: a `{{` with a `}}` anywhere after it, or a `{{` (or `{{-`) that
 * only whitespace separates from the end of its line. (As the regular expression
 * `/\{\{[\s\S]*?\}\}|\{\{-?\s*$/m` says, read without its backtracking: that regex scans to
 * the end of the text from every `{{`, quadratic on a document full of them.)
 */
export function isTemplated(text: string): boolean {
  const first = text.indexOf('{{');
  if (first < 0) return false;
  if (text.indexOf('}}', first + 2) >= 0) return true;
  for (let i = first; i >= 0; i = text.indexOf('{{', i + 1)) {
    let j = i + 2;
    if (text.charCodeAt(j) === 45 /* - */) j++;
    // Whitespace runs after two `{{` never overlap: the scans add up to the text's length.
    for (; ; j++) {
      if (j >= text.length) return true;
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
      if (!isSpace(c)) break;
    }
  }
  return false;
}

/**
 * Nesting the `yaml` package is not asked to read. It gives up near 1,250 levels of flow
 * collections or `- - -` sequences (its recursion runs out of stack, earlier on a smaller
 * stack), but only after reading the whole document at a few microseconds a character: a
 * 20 MB bracket bomb took over a minute to be told "too deep".
 */
export const MAX_NESTING = 1000;

const NESTING_MESSAGE = 'Nesting too deep to read: this document nests more levels than can be followed';

/**
 * Where a document first nests deeper than MAX_NESTING levels of flow collections (`[`, `{`)
 * or of sequences opened on one line (`- - -`), or -1. One pass; it skips quoted and block
 * scalars and comments, and counts brackets only inside flow collections (a bracket in a plain
 * scalar of block context is text). What it does not recognise it leaves to the parser: it can
 * miss deep nesting (the parser then reports it, slowly), not invent it.
 */
export function nestingTooDeep(text: string): number {
  // In blocks through a small function: V8 runs one long loop of a rarely called function
  // badly at times (a 5 MB line took 45 s instead of 30 ms after documents of random bytes),
  // while a function called per block is compiled the ordinary way.
  const state: Scan = { depth: 0, lineStart: true, dashes: 0, prev: 10, found: -1 };
  for (let i = 0; i < text.length && state.found < 0; ) i = scanBlock(text, i, Math.min(text.length, i + 8192), state);
  return state.found;
}

interface Scan {
  depth: number;
  /** Only spaces and `- ` seen on this line. */
  lineStart: boolean;
  dashes: number;
  /** The last character that is not a space or tab. */
  prev: number;
  found: number;
}

/** Scans `text` from `from` until `to` (or past it, to the end of a quoted or block scalar); returns where it stopped. */
function scanBlock(text: string, from: number, to: number, st: Scan): number {
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      st.lineStart = true;
      st.dashes = 0;
      st.prev = c;
      continue;
    }
    if (c === 32 || c === 9) continue;
    if (st.lineStart && st.depth === 0 && c === 45 /* - */) {
      const n = text.charCodeAt(i + 1);
      if (n === 32 || n === 9) {
        if (++st.dashes > MAX_NESTING) {
          st.found = i;
          return text.length;
        }
        st.prev = c;
        continue;
      }
    }
    st.lineStart = false;
    if (c === 35 /* # */ && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      const nl = text.indexOf('\n', i);
      return nl < 0 ? text.length : nl;
    }
    const p = st.prev;
    // A node starts after a line start, `- `, `: `, `? ` (block), or `[`, `{`, `,`, `:` (flow).
    const nodeStart = p === 10 || p === 45 || p === 58 || p === 63 || (st.depth > 0 && (p === 91 || p === 123 || p === 44));
    if ((c === 34 || c === 39) /* " ' */ && nodeStart) {
      st.prev = c;
      return endOfQuoted(text, i, c) + 1;
    }
    if ((c === 124 || c === 62) /* | > */ && nodeStart && st.depth === 0) return endOfBlockScalar(text, i);
    if ((c === 91 || c === 123) /* [ { */ && (st.depth > 0 || nodeStart)) {
      if (++st.depth > MAX_NESTING) {
        st.found = i;
        return text.length;
      }
    } else if ((c === 93 || c === 125) /* ] } */ && st.depth > 0) st.depth--;
    st.prev = c;
  }
  return i;
}

/** The closing quote of a quoted scalar opening at `i` (`\\` escapes in double quotes, `''` in single), or the end. */
function endOfQuoted(text: string, i: number, quote: number): number {
  let j = i;
  for (;;) {
    j = text.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (j < 0) return text.length;
    if (quote === 34) {
      let slashes = 0;
      while (text.charCodeAt(j - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) return j;
    } else if (text.charCodeAt(j + 1) === 39) j++;
    else return j;
  }
}

/** Where the text of a block scalar whose indicator is at `i` ends: its last line break (the lines below indented deeper than its own). */
function endOfBlockScalar(text: string, i: number): number {
  const start = text.lastIndexOf('\n', i) + 1;
  let indent = 0;
  while (text.charCodeAt(start + indent) === 32) indent++;
  let next = text.indexOf('\n', i);
  while (next >= 0) {
    let k = next + 1;
    while (text.charCodeAt(k) === 32) k++;
    if (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13 && k - next - 1 <= indent) return next;
    next = text.indexOf('\n', next + 1);
  }
  return text.length;
}

export function parseDocumentChunk(text: string, index: number): ManifestDocument {
  const templated = isTemplated(text);
  const m = /^---[^\n]*\n?/.exec(text);
  const contentStart = m ? m[0].length : 0;
  const cache = new Map<string, unknown>();
  if (templated) {
    return { text, index, root: undefined, syntax: [], objects: [], kindProblems: [], templated, contentStart, cache };
  }
  // Most manifests are plain block YAML: read those directly; the full parser takes the rest.
  const fast = fastTree(text);
  const kindProblems: KindSite[] = [];
  if (fast) return { text, index, root: fast.root, syntax: [], objects: findObjects(fast.root, kindProblems), kindProblems, templated, contentStart, cache };
  const tooDeep = nestingTooDeep(text);
  if (tooDeep >= 0) {
    const syntax: SyntaxProblem[] = [{ message: NESTING_MESSAGE, start: tooDeep, end: tooDeep + 1, code: 'yaml-syntax' }];
    return { text, index, root: undefined, syntax, objects: [], kindProblems: [], templated, contentStart, cache };
  }
  const ydoc = parseDocument(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const syntax: SyntaxProblem[] = ydoc.errors.map((e) => ({
    message: cleanYamlMessage(e.message),
    start: e.pos[0],
    end: Math.max(e.pos[1], e.pos[0] + 1),
    code: 'yaml-syntax',
  }));
  let tree: ReturnType<typeof buildTree>;
  try {
    tree = buildTree(ydoc);
  } catch (err) {
    // buildTree is written not to throw; this guards against the unforeseen (stack depth).
    syntax.push({ message: `Could not read this document: ${err instanceof Error ? err.message : String(err)}`, start: contentStart, end: contentStart, code: 'yaml-complexity' });
    tree = { root: undefined, problems: [] };
  }
  for (const p of tree.problems as TreeProblem[]) syntax.push({ message: p.message, start: p.span.start, end: p.span.end, code: p.code });
  // A document with syntax errors is still inspected for objects: the parser recovers, and
  // users want feedback while they type. Its kind must still be readable.
  return {
    text,
    index,
    root: tree.root,
    syntax,
    objects: findObjects(tree.root, kindProblems),
    kindProblems,
    templated,
    contentStart,
    cache,
  };
}

function cleanYamlMessage(msg: string): string {
  // The parser recovers from running out of stack on absurd nesting; say what it means.
  if (/Maximum call stack size exceeded/.test(msg)) return NESTING_MESSAGE;
  // The yaml package appends " at line X, column Y" and a code frame; the range says that.
  return msg.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/**
 * Parses a file, reusing documents of `previous` whose text did not change.
 */
export function parseManifestFile(uri: string, version: number, given: string, previous?: ManifestFile, options: ParseOptions = {}): ManifestFile {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const lineBreak = lineBreakOf(given);
  if (given.length > limit) {
    return { uri, version, text: given, lineBreak, lines: new LineIndex(given), documents: [], tooLarge: { size: given.length, limit } };
  }
  const text = loneCrAsLf(given);
  const lines = new LineIndex(text);
  // Previous documents by text, each list taken from the front (a cursor, not shift(): a file
  // of thousands of identical documents would move the whole list for every one).
  const reuse = new Map<string, { docs: ManifestDocument[]; next: number }>();
  let previousUnread: ManifestDocument | undefined;
  if (previous) {
    for (const p of previous.documents) {
      if (p.doc.unread !== undefined) {
        previousUnread = p.doc;
        continue;
      }
      const list = reuse.get(p.doc.text);
      if (list) list.docs.push(p.doc);
      else reuse.set(p.doc.text, { docs: [p.doc], next: 0 });
    }
  }
  const max = documentLimit.max;
  const chunks = splitDocuments(text, max + 1);
  const documents: PlacedDocument[] = chunks.map((chunk, i) => {
    if (i === max) {
      // The unread rest, kept when unchanged (counting its documents is a pass over it).
      const same = previousUnread?.text === chunk.text ? previousUnread : undefined;
      return { doc: same ?? unreadChunk(chunk.text, i), offset: chunk.offset };
    }
    const list = reuse.get(chunk.text);
    const cached = list && list.next < list.docs.length ? list.docs[list.next++] : undefined;
    const doc = cached && cached.index === i ? cached : cached ? { ...cached, index: i } : parseDocumentChunk(chunk.text, i);
    return { doc, offset: chunk.offset };
  });
  return { uri, version, text, lineBreak, lines, documents };
}

/** The document containing a file offset. */
export function documentAt(file: ManifestFile, offset: number): PlacedDocument | undefined {
  const docs = file.documents;
  let lo = 0;
  let hi = docs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (docs[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return docs[lo];
}
