/**
 * The cluster objects a document declares that other objects depend on: Namespaces,
 * ServiceAccounts, LimitRanges, PriorityClasses … (what admission reads) and the objects Pods
 * refer to by name. Read once per document (cached with it, so an edit elsewhere costs nothing)
 * and kept as plain JSON with the tree node they came from.
 */
import type { ManifestDocument } from '../parse/manifests';
import { child, type KMap, type KNode } from '../parse/tree';
import { isObj, toPlain, type PlainObject } from '../model/plain';

/** Kinds whose declarations change how other objects are admitted, scheduled or resolved. */
export const CONTEXT_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ServiceAccount',
  'LimitRange',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ResourceQuota',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Service',
  'NetworkPolicy',
  // Its volumeClaimTemplates provide the claims `<template>-<name>-<ordinal>` (references/).
  'StatefulSet',
]);

export interface Declaration {
  apiVersion: string;
  kind: string;
  name: string;
  /** Metadata namespace as written (empty when none). */
  namespace: string;
  value: PlainObject;
  node: KMap;
  doc: ManifestDocument;
}

const CACHE_KEY = 'workspace.declarations';
const NONE: readonly Declaration[] = Object.freeze([]);

function scalarString(n: KNode | undefined): string | undefined {
  return n && n.kind === 'scalar' && n.v.type === 'string' ? n.v.value : undefined;
}

function declarationAt(n: KNode | undefined, doc: ManifestDocument, out: Declaration[]): void {
  if (!n || n.kind !== 'map') return;
  const kind = scalarString(child(n, 'kind'));
  const apiVersion = scalarString(child(n, 'apiVersion'));
  if (!kind || !apiVersion || !CONTEXT_KINDS.has(kind)) return;
  const meta = child(n, 'metadata');
  const name = scalarString(child(meta, 'name'));
  if (!name) return;
  const value = toPlain(n);
  if (!isObj(value)) return;
  out.push({ apiVersion, kind, name, namespace: scalarString(child(meta, 'namespace')) ?? '', value, node: n, doc });
}

/** The declarations of one document (List items included), cached on the document. */
export function declarationsOf(doc: ManifestDocument): readonly Declaration[] {
  const cached = doc.cache.get(CACHE_KEY) as readonly Declaration[] | undefined;
  if (cached) return cached;
  let out: readonly Declaration[] = NONE;
  const root = doc.root;
  if (root && root.kind === 'map' && !doc.templated) {
    const list: Declaration[] = [];
    const kind = scalarString(child(root, 'kind'));
    const items = child(root, 'items');
    if (kind !== undefined && /List$/.test(kind) && items && items.kind === 'seq') for (const it of items.items) declarationAt(it, doc, list);
    else declarationAt(root, doc, list);
    if (list.length) out = list;
  }
  doc.cache.set(CACHE_KEY, out);
  return out;
}

const CONTEXT_KIND_LINE = new RegExp(`^[ \\t-]*kind:[ \\t]*["']?(${[...CONTEXT_KINDS].join('|')})["']?[ \\t]*(#.*)?\\r?$`, 'm');

/** Whether a text may declare context objects (a cheap test before parsing it for them). */
export function mayDeclareContext(text: string): boolean {
  return CONTEXT_KIND_LINE.test(text);
}

/**
 * The documents of a text that may declare context objects, with every other document replaced
 * by as many line breaks as it had: the same lines, so positions in what is kept stay true.
 * Lets a host hold the declarations of a large file without holding the rest of it.
 */
export function contextDocuments(text: string, split: (text: string) => Array<{ offset: number; text: string }>): string {
  const parts: string[] = [];
  for (const chunk of split(text)) {
    if (CONTEXT_KIND_LINE.test(chunk.text)) parts.push(chunk.text);
    else parts.push('\n'.repeat(lineBreaks(chunk.text)));
  }
  return parts.join('');
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
