/**
 * Hover on any field of a validated object: its type, its description from the Kubernetes
 * API, and a link to the API reference.
 */
import type { Hover } from 'vscode-languageserver-types';
import type { K8sObject, ManifestFile, PlacedDocument } from '../parse/manifests';
import { documentAt } from '../parse/manifests';
import type { KEntry, KNode, Span } from '../parse/tree';
import { describeType, fieldOf, isModel, referenceLink, rootModel, typeSchema, type FieldSchema, type FieldType } from '../schema';
import { childPath, indexPath, keyPath } from '../diagnostics/finding';
import { escapeMarkdown, markdownCode } from '../util/escape';

export interface FieldAt {
  object: K8sObject;
  /** Upstream path of the field. */
  path: string;
  field: FieldSchema;
  /** The model declaring the field. */
  owner: string;
  root: string;
  /**
   * What the cursor is on (chunk-relative), which the field describes: its key, a scalar of
   * its value (an item, a map value, a key of a map-typed field), or a flow collection of its
   * value. Undefined when the cursor is between those (indentation, spaces before a value, a
   * `-`) or on something the field does not describe (an unknown field inside it).
   */
  span?: Span;
}

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

function elementModel(t: FieldType): FieldType {
  if (typeof t === 'object') return 'array' in t ? elementModel(t.array) : elementModel(t.map);
  return t;
}

/** A collection written in flow style (`[…]`, `{…}`) starts at its bracket. */
function isFlow(n: KNode, text: string): boolean {
  const c = text.charCodeAt(n.start);
  return c === 0x5b || c === 0x7b;
}

/** The node the cursor is on, when it is a scalar or a flow collection (else undefined). */
function leafAt(n: KNode, offset: number, text: string): Span | undefined {
  if (!within(n, offset)) return undefined;
  if (n.kind === 'scalar') return n;
  return isFlow(n, text) ? n : undefined;
}

/** Finds the schema field at a chunk-relative offset inside an object of a document `text`. */
export function fieldAtOffset(object: K8sObject, offset: number, text: string): FieldAt | undefined {
  const root = rootModel(object.apiVersion, object.kind);
  if (!root) return undefined;
  let model: string = root;
  let node: KNode = object.node;
  let path = '';
  let found: FieldAt | undefined;
  for (let depth = 0; depth < 200; depth++) {
    if (node.kind !== 'map') {
      // A scalar or a sequence where an object belongs: it is the field's value.
      if (found) found.span = leafAt(node, offset, text);
      return found;
    }
    if (!within(node, offset)) return found;
    const e: KEntry | undefined = node.entries.find((x) => !x.merged && (within(x.keySpan, offset) || within(x.value, offset)));
    // Between the entries of an object (or on an unknown field): nothing the field above describes.
    if (!e) return found && isFlow(node, text) ? { ...found, span: node } : found;
    const f = fieldOf(model, e.key);
    if (!f) return found;
    path = childPath(path, e.key);
    if (within(e.keySpan, offset)) return { object, path, field: f, owner: model, root, span: e.keySpan };
    found = { object, path, field: f, owner: model, root };
    // Descend through arrays and maps to the next model.
    let v: KNode = e.value;
    let t: FieldType = f.t;
    for (;;) {
      if (typeof t === 'object' && 'array' in t && v.kind === 'seq') {
        const i = v.items.findIndex((it) => within(it, offset));
        if (i < 0) return { ...found, span: leafAt(v, offset, text) };
        path = indexPath(path, i);
        v = v.items[i];
        t = t.array;
      } else if (typeof t === 'object' && 'map' in t && v.kind === 'map') {
        const me = v.entries.find((x) => within(x.keySpan, offset) || within(x.value, offset));
        if (!me) return { ...found, span: leafAt(v, offset, text) };
        path = keyPath(path, me.key);
        if (within(me.keySpan, offset)) return { ...found, span: me.keySpan };
        v = me.value;
        t = t.map;
      } else break;
    }
    if (!isModel(elementModel(t)) || typeof t !== 'string') return { ...found, span: leafAt(v, offset, text) };
    model = t;
    node = v;
  }
  return found;
}

export function locate(file: ManifestFile, offset: number): { placed: PlacedDocument; object: K8sObject; rel: number } | undefined {
  const placed = documentAt(file, offset);
  if (!placed) return undefined;
  const rel = offset - placed.offset;
  const object = placed.doc.objects.find((o) => within(o.node, rel));
  return object ? { placed, object, rel } : undefined;
}

export function fieldHover(file: ManifestFile, offset: number): Hover | null {
  const at = locate(file, offset);
  if (!at) return null;
  const f = fieldAtOffset(at.object, at.rel, at.placed.doc.text);
  // Only what the cursor is on: in indentation or on an unknown field, no hover (rather than
  // the enclosing field's text over a range that does not hold the cursor).
  if (!f?.span) return null;
  const name = f.path.slice(f.path.lastIndexOf('.') + 1).replace(/\[.*$/, '');
  // The path carries map keys from the manifest (labels, annotations …): written as code.
  const lines = [
    `**${escapeMarkdown(name)}** \`${describeType(f.field.t)}\`${f.field.r ? ' · required' : ''}`,
    '',
    markdownCode(`${f.object.kind}.${f.path}`),
    '',
  ];
  // Fields typed by a model often carry no description of their own; the model's says it.
  const doc = f.field.d || (isModel(f.field.t) ? typeSchema(f.field.t)?.d : undefined);
  if (doc) lines.push(doc, '');
  lines.push(`[API reference](${referenceLink(f.root, isModel(f.field.t) ? f.field.t : f.owner)})`);
  const base = at.placed.offset;
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: file.lines.range(base + f.span.start, base + f.span.end),
  };
}
