/**
 * Completion from the field schema: field names at any depth of a Pod, a Node or a workload
 * (type as detail, the API's description as documentation, only fields not written yet),
 * enum and boolean values, `apiVersion`/`kind` pairs (each completes the other), and whole
 * skeletons in an empty document.
 *
 * Where the cursor is, is read from the text, not the tree: while a key is half typed the YAML
 * around it is often broken (`ima` alone on a line is a key without a colon), and the tree
 * then says little. The lines above give the path: each holder is the nearest line above
 * whose key is indented less (a `- ` opens an item of a list).
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import type { ManifestDocument } from '../parse/manifests';
import type { Span } from '../parse/tree';
import { describeType, fieldOf, isModel, rootModel, typeSchema, type FieldSchema, type FieldType } from '../schema';
import { servedKinds } from '../schema/kinds';
import { keyLine, valueLine } from './cursor';
import { enumValues } from './enums';
import { escapeMarkdown } from '../util/escape';
import { SKELETONS } from './skeletons';

export interface SchemaCompletionOptions {
  /** The client takes snippets (placeholders, choices). */
  snippets: boolean;
}

/** A completion item with its edit in chunk-relative offsets (completion.ts makes ranges). */
export interface PlacedItem {
  item: CompletionItem;
  span: Span;
  newText: string;
  /** Further edits (the apiVersion line a kind brings along). */
  extra?: Array<{ span: Span; newText: string }>;
}

type Step = { key: string } | { item: true };

interface Shape {
  /** Leading spaces. */
  ind: number;
  /** Column of the last `- ` marker, -1 without one; how many there are. */
  dash: number;
  dashes: number;
  key?: string;
  /** Column of the key. */
  kc: number;
  /** The key's value is below it (nothing but a comment or an anchor after the colon). */
  opens: boolean;
}

/** How far up a holder is looked for (a key's parent is rarely far; hostile text is bounded). */
const MAX_LINES_UP = 5000;

function unquoteKey(k: string): string {
  return (k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")) ? k.slice(1, -1) : k;
}

/** The shape of a line, or 'blank', 'end' (a document marker) or undefined (tabs). */
function shape(line: string): Shape | 'blank' | 'end' | undefined {
  if (/^\s*(#.*)?$/.test(line)) return 'blank';
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return 'end';
  let ind = 0;
  while (line.charCodeAt(ind) === 32) ind++;
  if (line.charCodeAt(ind) === 9) return undefined;
  let i = ind;
  let dash = -1;
  let dashes = 0;
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    dash = i;
    dashes++;
    i++;
    while (line[i] === ' ') i++;
  }
  const k = keyLine(line);
  if (!k) return { ind, dash, dashes, kc: -1, opens: false };
  const rest = line.slice(k.colon + 1);
  return { ind, dash, dashes, key: unquoteKey(line.slice(k.key, k.keyEnd)), kc: k.key, opens: /^\s*([&!]\S*\s*)?(#.*)?$/.test(rest) };
}

/** Lines of a chunk above `lineStart`, nearest first (without a CRLF's CR). */
function* linesAbove(text: string, lineStart: number): Generator<string> {
  let end = lineStart - 1;
  for (let n = 0; end >= 0 && n < MAX_LINES_UP; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    end = start - 1;
  }
}

function* linesBelow(text: string, lineEnd: number): Generator<string> {
  let start = text.indexOf('\n', lineEnd);
  for (let n = 0; start >= 0 && n < MAX_LINES_UP; n++) {
    start++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (end >= text.length) return;
    start = end;
  }
}

/**
 * The path from the document's root to what holds a line's content at column `col`: a key of a
 * map (`key`) or an item of a list whose `-` is at `col` (`item`). Undefined where the lines
 * above do not make one (a top-level list, tabs, a scalar continued).
 */
function ancestry(text: string, lineStart: number, col: number, mode: 'key' | 'item'): Step[] | undefined {
  const steps: Step[] = [];
  let cur = col;
  let m = mode;
  const enter = (sh: Shape): boolean => {
    steps.push({ key: sh.key! });
    if (sh.dash >= 0) {
      if (sh.dashes > 1) return false;
      steps.push({ item: true });
      cur = sh.dash;
      m = 'item';
    } else {
      cur = sh.kc;
      m = 'key';
    }
    return true;
  };
  for (const line of linesAbove(text, lineStart)) {
    const sh = shape(line);
    if (sh === 'blank') continue;
    if (sh === 'end' || sh === undefined) break;
    if (m === 'key') {
      if (sh.key !== undefined && sh.kc === cur) {
        // A sibling key; one after a `- ` starts the item map this key is in.
        if (sh.dash >= 0) {
          if (sh.dashes > 1) return undefined;
          steps.push({ item: true });
          cur = sh.dash;
          m = 'item';
        }
        continue;
      }
      if (sh.ind > cur || (sh.ind === cur && sh.dash === cur)) continue; // inside a sibling's value
      if (sh.key !== undefined && sh.kc < cur && sh.opens) {
        if (!enter(sh)) return undefined;
        continue;
      }
      return undefined;
    }
    if (sh.ind > cur || (sh.ind === cur && sh.dash === cur)) continue; // a sibling item or inside one
    if (sh.key !== undefined && sh.kc <= cur && sh.opens) {
      if (!enter(sh)) return undefined;
      continue;
    }
    return undefined;
  }
  if (m === 'item') return undefined;
  return steps.reverse();
}

function elementOf(t: FieldType): FieldType | undefined {
  return typeof t === 'object' && 'array' in t ? t.array : undefined;
}

interface Walked {
  t: FieldType;
  /** The model and field of the last key step, when it was a field of a model. */
  owner?: string;
  field?: string;
}

function walk(root: string, steps: Step[]): Walked | undefined {
  let w: Walked = { t: root };
  for (const s of steps) {
    const t = w.t;
    if ('item' in s) {
      const el = elementOf(t);
      if (el === undefined) return undefined;
      w = { t: el };
    } else if (typeof t === 'object' && 'map' in t) {
      w = { t: t.map };
    } else if (isModel(t)) {
      const f = fieldOf(t, s.key);
      if (!f) return undefined;
      w = { t: f.t, owner: t, field: s.key };
    } else return undefined;
  }
  return w;
}

/** apiVersion and kind as written at the top level of the chunk (read from the text). */
function topLevel(text: string, key: 'apiVersion' | 'kind'): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*["']?([^\\s"'#]+)`, 'm').exec(text);
  return m ? m[1] : undefined;
}

/** The keys already written in the map a new key at `col` would join. */
function siblingKeys(text: string, lineStart: number, lineEnd: number, col: number, startsItem: boolean): Set<string> {
  const out = new Set<string>();
  const scanUp = (lines: Iterable<string>): void => {
    for (const line of lines) {
      const sh = shape(line);
      if (sh === 'blank') continue;
      if (sh === 'end' || sh === undefined) return;
      if (sh.key !== undefined && sh.kc === col) {
        out.add(sh.key);
        if (sh.dash >= 0) return; // the first key of the item: its map starts here (or the next item does)
        continue;
      }
      if (sh.ind > col || (sh.ind === col && sh.dash === col)) continue;
      return;
    }
  };
  if (!startsItem) scanUp(linesAbove(text, lineStart));
  // Below: keys of the same map, up to the next item or a line indented less.
  for (const line of linesBelow(text, lineEnd)) {
    const sh = shape(line);
    if (sh === 'blank') continue;
    if (sh === 'end' || sh === undefined) break;
    if (sh.key !== undefined && sh.kc === col && sh.dash < 0) {
      out.add(sh.key);
      continue;
    }
    if (sh.ind > col || (sh.ind === col && sh.dash === col)) continue;
    break;
  }
  return out;
}

function markdownDoc(f: FieldSchema): { kind: 'markdown'; value: string } | undefined {
  const parts: string[] = [];
  if (f.r) parts.push('*Required.*');
  if (f.d) parts.push(escapeMarkdown(f.d));
  return parts.length ? { kind: 'markdown', value: parts.join('\n\n') } : undefined;
}

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];

/** A field name with the text that starts its value, as its type wants. */
function fieldItem(name: string, f: FieldSchema, root: string, owner: string, col: number, span: Span, opts: SchemaCompletionOptions, eol: string): PlacedItem {
  const t = f.t;
  const values = typeof t === 'string' && !isModel(t) ? (t === 'boolean' ? ['true', 'false'] : enumValues(root, owner, name)) : undefined;
  let plain: string;
  let snippet: string;
  const el = elementOf(t);
  if (el !== undefined) {
    // A list: the first item's dash at the key's column (as kubectl writes lists).
    plain = `${name}:${eol}${' '.repeat(col)}- `;
    snippet = `${plain}$0`;
  } else if ((typeof t === 'object' && 'map' in t) || isModel(t)) {
    plain = `${name}:${eol}${' '.repeat(col + 2)}`;
    snippet = `${plain}$0`;
  } else {
    plain = `${name}: `;
    snippet = values && values.length > 1 ? `${name}: \${1|${values.map((v) => v.replace(/[,|\\]/g, '\\$&')).join(',')}|}` : `${name}: $0`;
  }
  const deprecated = /^(Deprecated|DEPRECATED)\b/.test(f.d ?? '') || name === 'status';
  const rank = root === owner && TOP_ORDER.includes(name) ? `0${TOP_ORDER.indexOf(name)}` : f.r ? '1' : deprecated ? '3' : '2';
  const item: CompletionItem = {
    label: name,
    kind: CompletionItemKind.Field,
    detail: describeType(t),
    documentation: markdownDoc(f),
    sortText: `${rank}${name}`,
    filterText: name,
    insertTextMode: InsertTextMode.asIs,
  };
  if (opts.snippets) item.insertTextFormat = InsertTextFormat.Snippet;
  // What comes next is chosen from a list too: values of an enum, or the fields of a child.
  if (!(opts.snippets && values && values.length > 1) && (values || el !== undefined || isModel(t))) {
    item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  }
  return { item, span, newText: opts.snippets ? snippet.replace(/\n/g, eol) : plain };
}

function fieldItems(model: string, root: string, present: Set<string>, col: number, span: Span, opts: SchemaCompletionOptions, eol: string): PlacedItem[] {
  const schema = typeSchema(model);
  if (!schema) return [];
  const out: PlacedItem[] = [];
  for (const [name, f] of Object.entries(schema.f)) {
    if (present.has(name)) continue;
    out.push(fieldItem(name, f, root, model, col, span, opts, eol));
  }
  return out;
}

function valueItems(values: readonly string[], detail: string, span: Span): PlacedItem[] {
  return values.map((v, i) => ({
    item: { label: v, kind: CompletionItemKind.EnumMember, detail, sortText: String(i).padStart(3, '0'), filterText: v },
    span,
    newText: v,
  }));
}

// ---- apiVersion and kind ----------------------------------------------------------------------

/** Kind → the group versions that serve it by default, newest first; and the kinds Podsight validates. */
let KINDS: Map<string, string[]> | undefined;
function kindVersions(): Map<string, string[]> {
  if (KINDS) return KINDS;
  KINDS = new Map();
  for (const [gv, kinds] of servedKinds()) {
    for (const kind of kinds.keys()) {
      const l = KINDS.get(kind);
      if (l) l.push(gv);
      else KINDS.set(kind, [gv]);
    }
  }
  const ver = (gv: string): number => Number(/v(\d+)$/.exec(gv)?.[1] ?? 0);
  for (const l of KINDS.values()) l.sort((a, b) => ver(b) - ver(a) || a.localeCompare(b));
  return KINDS;
}

function validated(apiVersion: string, kind: string): boolean {
  return rootModel(apiVersion, kind) !== undefined;
}

function kindValueItems(text: string, lineStart: number, span: Span, eol: string): PlacedItem[] {
  const apiVersion = topLevel(text, 'apiVersion');
  const served = apiVersion ? servedKinds().get(apiVersion) : undefined;
  const out: PlacedItem[] = [];
  for (const [kind, gvs] of kindVersions()) {
    if (served && !served.has(kind)) continue;
    const gv = served ? apiVersion! : gvs[0];
    const ours = validated(gv, kind);
    const item: CompletionItem = {
      label: kind,
      kind: CompletionItemKind.Class,
      detail: apiVersion ? gv : `${gv} (adds apiVersion)`,
      sortText: `${ours ? 0 : 1}${kind}`,
      filterText: kind,
    };
    const placed: PlacedItem = { item, span, newText: kind };
    // No apiVersion yet: the kind brings its own, on the line above.
    if (!apiVersion) placed.extra = [{ span: { start: lineStart, end: lineStart }, newText: `apiVersion: ${gv}${eol}` }];
    out.push(placed);
  }
  return out;
}

function apiVersionValueItems(text: string, lineEnd: number, span: Span, eol: string): PlacedItem[] {
  const kind = topLevel(text, 'kind');
  const versions = kind ? kindVersions().get(kind) : undefined;
  const out: PlacedItem[] = [];
  if (versions) {
    versions.forEach((gv, i) => out.push({ item: { label: gv, kind: CompletionItemKind.Module, detail: `serves ${kind}`, sortText: String(i).padStart(3, '0'), filterText: gv }, span, newText: gv }));
    return out;
  }
  // No kind yet: the kinds Podsight validates as pairs (the kind line comes along), then every version.
  const toEnd: Span = { start: span.start, end: Math.max(span.end, lineEnd) };
  for (const [k, gvs] of kindVersions()) {
    if (!validated(gvs[0], k)) continue;
    out.push({
      item: { label: `${gvs[0]} ${k}`, kind: CompletionItemKind.Class, detail: `apiVersion: ${gvs[0]}, kind: ${k}`, sortText: `0${k}`, filterText: gvs[0] },
      span: toEnd,
      newText: `${gvs[0]}${eol}kind: ${k}`,
    });
  }
  for (const gv of servedKinds().keys()) out.push({ item: { label: gv, kind: CompletionItemKind.Module, sortText: `1${gv}`, filterText: gv }, span, newText: gv });
  return out;
}

function skeletonItems(span: Span, opts: SchemaCompletionOptions, eol: string): PlacedItem[] {
  return SKELETONS.map((s, i) => {
    const item: CompletionItem = {
      label: s.kind,
      kind: CompletionItemKind.Snippet,
      detail: `${s.kind} skeleton (${s.apiVersion})`,
      documentation: { kind: 'markdown', value: `\`\`\`yaml\n${s.plain}\`\`\`` },
      sortText: `0${i}`,
      filterText: s.kind,
      insertTextMode: InsertTextMode.asIs,
    };
    if (opts.snippets) item.insertTextFormat = InsertTextFormat.Snippet;
    return { item, span, newText: (opts.snippets ? s.snippet : s.plain).replace(/\n/g, eol) };
  });
}

/** Whether the chunk holds nothing but the line at `lineStart` (and `---`, comments, blanks). */
function onlyLine(text: string, lineStart: number, lineEnd: number): boolean {
  const empty = (s: string): boolean => s.split('\n').every((l) => /^\s*(#|---|$)/.test(l));
  return empty(text.slice(0, lineStart)) && empty(text.slice(lineEnd));
}

// ---- the entry --------------------------------------------------------------------------------

const WORD = /^[A-Za-z0-9_.\/-]*/;

export function schemaCompletion(doc: ManifestDocument, rel: number, opts: SchemaCompletionOptions, eol: string): PlacedItem[] {
  const text = doc.text;
  const lineStart = text.lastIndexOf('\n', rel - 1) + 1;
  let lineEnd = text.indexOf('\n', rel);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  const before = text.slice(lineStart, rel);
  const after = text.slice(rel, lineEnd);
  const rest = WORD.exec(after)![0];
  const apiVersion = topLevel(text, 'apiVersion');
  const kind = topLevel(text, 'kind');
  const root = apiVersion && kind ? rootModel(apiVersion, kind) : undefined;

  // `key: value` being typed (read by cursor.ts's linear reader).
  const v = valueLine(before);
  if (v) {
    const indent = before.length - before.trimStart().length;
    const dashes = v.key > indent && before[indent] === '-';
    if (/^\s*[^\s#]/.test(after.slice(rest.length)) && !v.quoted) return []; // more of a value follows
    const key = unquoteKey(before.slice(v.key, v.keyEnd));
    const col = v.key;
    const typed = before.slice(v.typed);
    const span: Span = { start: rel - typed.length, end: rel + rest.length };
    // Right after the colon: the value needs its space.
    const pad = (items: PlacedItem[]): PlacedItem[] => (v.gap === 0 && !v.quoted ? items.map((i) => ({ ...i, newText: ` ${i.newText}`, item: { ...i.item, filterText: ` ${i.item.filterText ?? i.item.label}` } })) : items);
    if (col === 0) {
      if (key === 'kind') return pad(kindValueItems(text, lineStart, span, eol));
      if (key === 'apiVersion') return pad(apiVersionValueItems(text, lineEnd, span, eol));
    }
    if (!root) return [];
    const steps = dashes ? withItem(ancestry(text, lineStart, indent, 'item')) : ancestry(text, lineStart, col, 'key');
    if (!steps) return [];
    const w = walk(root, [...steps, { key }]);
    if (!w || !w.owner) return [];
    if (w.t === 'boolean') return pad(valueItems(['true', 'false'], 'boolean', span));
    const values = typeof w.t === 'string' ? enumValues(root, w.owner, key) : undefined;
    return values ? pad(valueItems(values, `${w.owner.replace(/^V1/, '')}.${key}`, span)) : [];
  }

  // A new key, or a new list item (`- ` and what follows).
  const k = /^( *)((?:- +)?)([A-Za-z0-9_.\/-]*)$/.exec(before);
  if (!k || /^\s*:/.test(after.slice(rest.length))) return [];
  const [, ind, dash, typed] = k;
  const col = ind.length + dash.length;
  const span: Span = { start: rel - typed.length, end: rel + rest.length };
  if (col === 0) {
    const items: PlacedItem[] = [];
    if (onlyLine(text, lineStart, lineEnd)) items.push(...skeletonItems(span, opts, eol));
    if (root) {
      items.push(...fieldItems(root, root, siblingKeys(text, lineStart, lineEnd, 0, false), 0, span, opts, eol));
    } else {
      // Not a kind Podsight knows yet: apiVersion and kind start one.
      const have = siblingKeys(text, lineStart, lineEnd, 0, false);
      for (const name of ['apiVersion', 'kind'] as const) {
        if (have.has(name)) continue;
        items.push({
          item: { label: name, kind: CompletionItemKind.Field, detail: 'string', sortText: `1${name}`, filterText: name, command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } },
          span,
          newText: `${name}: `,
        });
      }
    }
    return items;
  }
  if (!root) return [];
  if (dash) {
    // A new item: the fields of the list's element, or its enum values.
    const steps = withItem(ancestry(text, lineStart, ind.length, 'item'));
    const w = steps && walk(root, steps);
    if (!w) return [];
    if (isModel(w.t)) return fieldItems(w.t, root, siblingKeys(text, lineStart, lineEnd, col, true), col, span, opts, eol);
    const holder = walk(root, steps.slice(0, -1));
    const last = steps[steps.length - 2];
    if (holder?.owner && last && 'key' in last) {
      const values = enumValues(root, holder.owner, last.key);
      if (values) return valueItems(values, `${holder.owner.replace(/^V1/, '')}.${last.key}`, span);
    }
    return [];
  }
  const steps = ancestry(text, lineStart, col, 'key');
  const w = steps && walk(root, steps);
  if (!w || !isModel(w.t)) return [];
  // A key at an item's column continues that item's map (the `- ` line above is its first key).
  return fieldItems(w.t, root, siblingKeys(text, lineStart, lineEnd, col, false), col, span, opts, eol);
}

function withItem(steps: Step[] | undefined): Step[] | undefined {
  return steps ? [...steps, { item: true }] : undefined;
}
