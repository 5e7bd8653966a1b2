/**
 * Hover on any field of a validated object: its type, its description from the Kubernetes
 * API, and a link to the API reference.
 */
import type { Hover } from 'vscode-languageserver-types';
import type { K8sObject, ManifestFile, PlacedDocument } from '../parse/manifests';
import { documentAt } from '../parse/manifests';
import type { KEntry, KNode, Span } from '../parse/tree';
import { describeType, fieldOf, isModel, referenceLink, rootModel, typeSchema, type FieldSchema, type FieldType } from '../schema';
import { childPath, indexPath, keyPath } from '../validate/finding';
import { escapeMarkdown, markdownCode } from '../util/escape';

export interface FieldAt {
  object: K8sObject;
  /** Upstream path of the field. */
  path: string;
  field: FieldSchema;
  /** The model declaring the field. */
  owner: string;
  root: string;
  /** Where the field's key is (chunk-relative). */
  keySpan: Span;
  /** The value node, when the position is on the value. */
  value?: KNode;
  onKey: boolean;
}

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

function elementModel(t: FieldType): FieldType {
  if (typeof t === 'object') return 'array' in t ? elementModel(t.array) : elementModel(t.map);
  return t;
}

/** Finds the schema field at a chunk-relative offset inside an object. */
export function fieldAtOffset(object: K8sObject, offset: number): FieldAt | undefined {
  const root = rootModel(object.apiVersion, object.kind);
  if (!root) return undefined;
  let model: string = root;
  let node: KNode = object.node;
  let path = '';
  let found: FieldAt | undefined;
  for (let depth = 0; depth < 200; depth++) {
    if (node.kind !== 'map' || !within(node, offset)) return found;
    const e: KEntry | undefined = node.entries.find((x) => !x.merged && (within(x.keySpan, offset) || within(x.value, offset)));
    if (!e) return found;
    const f = fieldOf(model, e.key);
    if (!f) return found;
    path = childPath(path, e.key);
    const onKey = within(e.keySpan, offset);
    found = { object, path, field: f, owner: model, root, keySpan: e.keySpan, value: e.value, onKey };
    if (onKey) return found;
    // Descend through arrays and maps to the next model.
    let v: KNode = e.value;
    let t: FieldType = f.t;
    for (;;) {
      if (typeof t === 'object' && 'array' in t && v.kind === 'seq') {
        const i = v.items.findIndex((it) => within(it, offset));
        if (i < 0) return found;
        path = indexPath(path, i);
        v = v.items[i];
        t = t.array;
      } else if (typeof t === 'object' && 'map' in t && v.kind === 'map') {
        const me = v.entries.find((x) => within(x.keySpan, offset) || within(x.value, offset));
        if (!me) return found;
        path = keyPath(path, me.key);
        v = me.value;
        t = t.map;
      } else break;
    }
    if (!isModel(elementModel(t)) || typeof t !== 'string') return found;
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
  const f = fieldAtOffset(at.object, at.rel);
  if (!f) return null;
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
  const start = f.onKey ? f.keySpan.start : (f.value?.start ?? f.keySpan.start);
  const end = f.onKey ? f.keySpan.end : (f.value && f.value.kind === 'scalar' ? f.value.end : f.keySpan.end);
  const base = at.placed.offset;
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: file.lines.range(base + start, base + end),
  };
}
