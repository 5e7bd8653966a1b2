/**
 * Navigation over the workspace between references and the objects they name: definition,
 * references, rename (names of ConfigMaps, Secrets, claims, ServiceAccounts and PriorityClasses,
 * and keys of ConfigMaps and Secrets, in every file the workspace holds), hover and completion.
 * Every answer is a walk over what the workspace model holds: linear in the workspace.
 */
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { documentAt, type ManifestDocument, type ManifestFile, type PlacedDocument } from '../parse/manifests';
import type { Span } from '../parse/tree';
import type { WorkspaceModel } from '../workspace/model';
import { declarationNamespace } from '../workspace/model';
import { declarationsOf, type Declaration } from '../workspace/declarations';
import type { DeclaredObject } from '../createPath/admission/types';
import { arr, obj, str } from '../model/plain';
import { isDNS1123Subdomain } from '../util/names';
import { configMapKeyErrors } from '../rules/container/envSelectors';
import { referencesOf, type RefKind, type Reference } from './collect';
import { declaredKeys, declaredNameNode, resolve } from './targets';
import { innerSpan, scalarEdit } from './edit';

/** Kinds a reference can name, whose declarations navigation knows. */
const NAV_KINDS: ReadonlySet<string> = new Set<RefKind>(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'PriorityClass', 'RuntimeClass', 'Namespace']);
/** Kinds whose names rename renames (the others are named by cluster administrators). */
const RENAMABLE: ReadonlySet<string> = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'PriorityClass']);

/** What is under the cursor: the name of an object or a key of one, at a reference or a declaration. */
export interface NavTarget {
  kind: string;
  namespace: string;
  name: string;
  /** Set for a ConfigMap or Secret key. */
  key?: string;
  /** The scalar under the cursor (chunk-relative) and its document. */
  span: Span;
  written: string;
  placed: PlacedDocument;
  /** The reference under the cursor, when it is one. */
  ref?: Reference;
  /** The declaration under the cursor, when it is one. */
  decl?: Declaration;
}

function within(s: Span, rel: number): boolean {
  return rel >= s.start && rel <= s.end;
}

export function targetAt(file: ManifestFile, offset: number): NavTarget | undefined {
  const placed = documentAt(file, offset);
  if (!placed || placed.doc.templated) return undefined;
  const rel = offset - placed.offset;
  for (const ref of referencesOf(placed.doc)) {
    if (within(ref.span, rel)) return { kind: ref.kind, namespace: ref.namespace, name: ref.name, span: ref.span, written: ref.name, placed, ref };
    for (const k of ref.keys) if (within(k.span, rel)) return { kind: ref.kind, namespace: ref.namespace, name: ref.name, key: k.key, span: k.span, written: k.key, placed, ref };
  }
  for (const decl of declarationsOf(placed.doc)) {
    if (!NAV_KINDS.has(decl.kind) || !within(decl.node, rel)) continue;
    const ns = declarationNamespace(decl);
    const n = declaredNameNode(decl);
    if (n && within(n, rel)) return { kind: decl.kind, namespace: ns, name: decl.name, span: n, written: decl.name, placed, decl };
    for (const k of declaredKeys(decl)) if (within(k.span, rel)) return { kind: decl.kind, namespace: ns, name: decl.name, key: k.key, span: k.span, written: k.key, placed, decl };
  }
  return undefined;
}

function loc(file: ManifestFile, placed: PlacedDocument, span: Span): Location {
  return { uri: file.uri, range: file.lines.range(placed.offset + span.start, placed.offset + span.end) };
}

/** Every declaration with the target's kind, namespace and name, with its file. */
function declarationsNamed(ws: WorkspaceModel, t: { kind: string; namespace: string; name: string }): Array<{ uri: string; decl: Declaration; object: DeclaredObject }> {
  const out: Array<{ uri: string; decl: Declaration; object: DeclaredObject }> = [];
  for (const d of ws.declared().get(t.kind, t.namespace)) {
    if (d.name !== t.name) continue;
    const at = ws.declarationOf(d.value);
    if (at) out.push({ ...at, object: d });
  }
  return out;
}

/** Where the target's object (or key) is declared. */
function declarationLocations(ws: WorkspaceModel, t: NavTarget): Location[] {
  const out: Location[] = [];
  for (const { uri, decl } of declarationsNamed(ws, t)) {
    if (t.key !== undefined) {
      for (const k of declaredKeys(decl)) {
        if (k.key !== t.key) continue;
        const l = ws.spanLocation(uri, decl, k.span.start, k.span.end);
        if (l) out.push(l);
      }
      continue;
    }
    const n = declaredNameNode(decl);
    const l = n && ws.spanLocation(uri, decl, n.start, n.end);
    if (l) out.push(l);
  }
  if (out.length === 0 && t.kind === 'PersistentVolumeClaim' && t.key === undefined) {
    // A claim a StatefulSet's controller creates: its claim template.
    const c = resolve(ws.declared(), 'PersistentVolumeClaim', t.namespace, t.name)?.claim;
    if (c) {
      const i = arr(obj(c.statefulSet.value.spec)?.volumeClaimTemplates).findIndex((x) => str(obj(obj(x)?.metadata)?.name) === c.template);
      const l = i >= 0 ? ws.locate(c.statefulSet.value, `spec.volumeClaimTemplates[${i}].metadata.name`) : undefined;
      if (l) out.push(l);
    }
  }
  return out;
}

/** Definition: from a reference (or a key of one) to its declaration, in whichever file it is. */
export function definition(ws: WorkspaceModel, file: ManifestFile, offset: number): Location[] {
  const t = targetAt(file, offset);
  if (!t) return [];
  if (t.decl) return [loc(file, t.placed, t.span)];
  return declarationLocations(ws, t);
}

interface Occurrence {
  uri: string;
  file: ManifestFile;
  placed: PlacedDocument;
  span: Span;
  written: string;
  declaration: boolean;
}

/** Every place the target's name (or key) is written: references in every file, and declarations. */
function occurrences(ws: WorkspaceModel, t: NavTarget): Occurrence[] {
  const out: Occurrence[] = [];
  for (const file of ws.files()) {
    for (const placed of file.documents) {
      for (const ref of referencesOf(placed.doc)) {
        if (ref.kind !== t.kind || ref.namespace !== t.namespace || ref.name !== t.name) continue;
        if (t.key === undefined) out.push({ uri: file.uri, file, placed, span: ref.span, written: ref.name, declaration: false });
        else for (const k of ref.keys) if (k.key === t.key) out.push({ uri: file.uri, file, placed, span: k.span, written: k.key, declaration: false });
      }
    }
  }
  for (const { uri, decl } of declarationsNamed(ws, t)) {
    const file = ws.get(uri);
    const placed = file?.documents.find((p) => p.doc === decl.doc);
    if (!file || !placed) continue;
    if (t.key === undefined) {
      const n = declaredNameNode(decl);
      if (n) out.push({ uri, file, placed, span: n, written: decl.name, declaration: true });
    } else {
      for (const k of declaredKeys(decl)) if (k.key === t.key) out.push({ uri, file, placed, span: k.span, written: k.key, declaration: true });
    }
  }
  return out;
}

export function references(ws: WorkspaceModel, file: ManifestFile, offset: number, includeDeclaration: boolean): Location[] {
  const t = targetAt(file, offset);
  if (!t) return [];
  return occurrences(ws, t)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => loc(o.file, o.placed, o.span));
}

function renamable(t: NavTarget): boolean {
  return t.key !== undefined ? t.kind === 'ConfigMap' || t.kind === 'Secret' : RENAMABLE.has(t.kind);
}

export function prepareRename(file: ManifestFile, offset: number): { range: Range; placeholder: string } | null {
  const t = targetAt(file, offset);
  if (!t || !renamable(t)) return null;
  const text = t.placed.doc.text;
  const inner = innerSpan(text, t.span);
  if (text.slice(inner.start, inner.end) !== t.written) return null; // escapes or block scalars
  return { range: file.lines.range(t.placed.offset + inner.start, t.placed.offset + inner.end), placeholder: t.written };
}

export type ReferenceRename = { edit: WorkspaceEdit } | { error: string } | null;

/** Renames an object or a key everywhere: its declarations and every reference, across files. */
export function rename(ws: WorkspaceModel, file: ManifestFile, offset: number, newName: string): ReferenceRename {
  const t = targetAt(file, offset);
  if (!t || !renamable(t)) return null;
  if (newName === t.written) return { edit: { changes: {} } };
  const errs = t.key !== undefined ? configMapKeyErrors(newName) : isDNS1123Subdomain(newName);
  if (errs.length) return { error: `"${newName}" is not a valid ${t.key !== undefined ? `${t.kind} key` : `${t.kind} name`}: ${errs[0]}` };
  if (t.key === undefined && declarationsNamed(ws, { ...t, name: newName }).length > 0) return { error: `The workspace already declares ${t.kind} "${newName}"${t.namespace ? ` in namespace "${t.namespace}"` : ''}` };
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const o of occurrences(ws, t)) {
    const e = scalarEdit(o.placed.doc.text, o.span, o.written, newName);
    const where = `${o.uri}#${o.placed.offset + o.span.start}`;
    if (seen.has(where)) continue; // aliases share one source span
    seen.add(where);
    if (!e) return { error: `Cannot rename: "${o.written}" is written with escapes or as a block scalar in ${o.uri}` };
    (changes[o.uri] ??= []).push({ range: o.file.lines.range(o.placed.offset + e.span.start, o.placed.offset + e.span.end), newText: e.newText });
  }
  return { edit: { changes } };
}

/** The document of a declaration's object (for hover texts that show where it lives). */
export function declarationDocument(ws: WorkspaceModel, object: DeclaredObject): { uri: string; doc: ManifestDocument; decl: Declaration } | undefined {
  const at = ws.declarationOf(object.value);
  return at ? { uri: at.uri, doc: at.decl.doc, decl: at.decl } : undefined;
}
