/**
 * Hover and completion at references: what the named object is (kind, namespace, name, where it
 * is declared, its keys with their sizes, its type), or that the workspace does not declare it;
 * the declared names and keys where a reference is being written.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import { documentAt, type ManifestFile } from '../parse/manifests';
import type { WorkspaceModel } from '../workspace/model';
import type { DeclaredObject } from '../createPath/admission/types';
import { arr, obj, str, strings, type PlainObject } from '../model/plain';
import { completionContext } from '../features/cursor';
import type { HoverPart } from '../features/hover';
import { markdownCode } from '../util/escape';
import { utf8Length } from '../util/text';
import { resolvePlain } from '../parse/scalars';
import { child, type KMap, type KNode } from '../parse/tree';
import { DEFAULT_NAMESPACE, isClusterScopedRef, type RefKind } from './collect';
import { KEY_MAPS, resolve } from './targets';
import { targetAt } from './navigate';

const MAX_KEYS_SHOWN = 20;

/** Bytes a key's value holds: text in `data`/`stringData` of a ConfigMap or `stringData`; base64 elsewhere. */
function valueBytes(kind: string, map: string, v: unknown): number {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
  const base64 = map === 'binaryData' || (kind === 'Secret' && map === 'data');
  if (!base64) return utf8Length(s);
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n.toLocaleString('en-US')} bytes`;
}

function fileName(uri: string): string {
  const i = uri.lastIndexOf('/');
  return decodeURIComponentSafe(i >= 0 ? uri.slice(i + 1) : uri);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function keyLines(kind: string, value: PlainObject, only?: string): string[] {
  const lines: string[] = [];
  let total = 0;
  let count = 0;
  for (const map of KEY_MAPS[kind] ?? []) {
    const m = obj(value[map]);
    if (!m) continue;
    for (const [k, v] of Object.entries(m)) {
      const b = valueBytes(kind, map, v);
      total += b;
      count++;
      if (only !== undefined && k !== only) continue;
      if (lines.length < MAX_KEYS_SHOWN) lines.push(`- ${markdownCode(k)} (${map}, ${bytes(b)})`);
    }
  }
  if (only === undefined) {
    if (count > MAX_KEYS_SHOWN) lines.push(`- … and ${count - MAX_KEYS_SHOWN} more`);
    lines.unshift(count === 0 ? 'No keys.' : `${count} key${count === 1 ? '' : 's'}, ${bytes(total)}:`);
  }
  return lines;
}

function objectFacts(kind: string, value: PlainObject): string[] {
  const spec = obj(value.spec);
  switch (kind) {
    case 'Secret':
      return [`Type: ${markdownCode(str(value.type) || 'Opaque')}`];
    case 'PersistentVolumeClaim': {
      const out: string[] = [];
      const storage = obj(obj(spec?.resources)?.requests)?.storage;
      if (storage !== undefined) out.push(`Requests ${markdownCode(String(storage))}`);
      const modes = strings(spec?.accessModes);
      if (modes.length) out.push(`access modes ${modes.map(markdownCode).join(', ')}`);
      const cls = str(spec?.storageClassName);
      if (cls !== undefined) out.push(`storage class ${markdownCode(cls)}`);
      return out.length ? [out.join(', ')] : [];
    }
    case 'PriorityClass':
      return [`Value ${markdownCode(String(value.value ?? 0))}${value.globalDefault === true ? ', the global default' : ''}`];
    case 'RuntimeClass':
      return [`Handler ${markdownCode(String(value.handler ?? ''))}`];
    case 'ServiceAccount': {
      const pulls = arr(value.imagePullSecrets).length;
      return pulls ? [`${pulls} image pull secret${pulls === 1 ? '' : 's'}`] : [];
    }
    default:
      return [];
  }
}

function where(kind: string, namespace: string, name: string): string {
  return isClusterScopedRef(kind as RefKind) || !namespace ? markdownCode(name) : markdownCode(`${namespace}/${name}`);
}

/** Hover on a reference or a declaration's name or key. */
export function referenceHover(ws: WorkspaceModel, file: ManifestFile, offset: number): HoverPart | null {
  const t = targetAt(file, offset);
  if (!t || (!t.ref && t.key === undefined)) return null; // a declaration's own name: field hover is enough
  const declared = ws.declared();
  const found = resolve(declared, t.kind as RefKind, t.namespace, t.name);
  const start = t.placed.offset + t.span.start;
  const end = t.placed.offset + t.span.end;
  const head = `**${t.kind}** ${where(t.kind, t.namespace, t.name)}`;
  if (!found) {
    const count = declared.get(t.kind, t.namespace).length;
    const ns = t.namespace ? ` in namespace ${markdownCode(t.namespace)}` : '';
    return { markdown: `${head}\n\nNot declared in the workspace (it declares ${count === 0 ? 'none' : count} of this kind${ns}).`, start, end };
  }
  if (found.claim) {
    const c = found.claim;
    return { markdown: `${head}\n\nCreated by the controller of StatefulSet ${markdownCode(c.statefulSet.name)} from its claim template ${markdownCode(c.template)} (ordinal ${c.ordinal}).`, start, end };
  }
  const object = found.object as DeclaredObject;
  const lines = [head];
  const at = ws.declarationOf(object.value);
  if (at) lines.push(`Declared in ${markdownCode(fileName(at.uri))}`);
  lines.push(...objectFacts(t.kind, object.value));
  if (t.kind === 'ConfigMap' || t.kind === 'Secret') {
    if (t.key !== undefined) {
      const k = keyLines(t.kind, object.value, t.key);
      lines.push(k.length ? `Key:\n${k.join('\n')}` : `No key ${markdownCode(t.key)}.`);
    } else lines.push(keyLines(t.kind, object.value).join('\n'));
  }
  return { markdown: lines.join('\n\n'), start, end };
}

type Slot = { kind: RefKind; key?: false } | { kind: 'ConfigMap' | 'Secret'; key: true; nameNode: KNode | undefined };

function asMap(n: KNode | undefined): KMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

/**
 * Which reference a value at the end of a path is: a name or a key, of which kind. `nodeAt(k)`
 * is the node of the path element `k` places before the last.
 */
function slotOf(path: Array<string | number>, nodeAt: (k: number) => KNode | undefined): Slot | undefined {
  const at = (i: number) => path[path.length - 1 - i];
  const last = at(0);
  const parent = at(1);
  if (last === 'name' && (parent === 'configMapKeyRef' || parent === 'configMapRef')) return { kind: 'ConfigMap' };
  if (last === 'name' && (parent === 'secretKeyRef' || parent === 'secretRef')) return { kind: 'Secret' };
  if (last === 'key' && (parent === 'configMapKeyRef' || parent === 'secretKeyRef')) return { kind: parent === 'configMapKeyRef' ? 'ConfigMap' : 'Secret', key: true, nameNode: child(asMap(nodeAt(1)), 'name') };
  if (last === 'name' && parent === 'configMap' && typeof at(2) === 'number') return { kind: 'ConfigMap' };
  if (last === 'secretName' && parent === 'secret') return { kind: 'Secret' };
  if (last === 'name' && parent === 'secret' && typeof at(2) === 'number' && at(3) === 'sources') return { kind: 'Secret' };
  if (last === 'key' && typeof parent === 'number' && at(2) === 'items' && (at(3) === 'configMap' || at(3) === 'secret')) {
    const projected = at(5) === 'sources';
    return { kind: at(3) === 'configMap' ? 'ConfigMap' : 'Secret', key: true, nameNode: child(asMap(nodeAt(3)), at(3) === 'secret' && !projected ? 'secretName' : 'name') };
  }
  if (last === 'claimName' && parent === 'persistentVolumeClaim') return { kind: 'PersistentVolumeClaim' };
  if (last === 'name' && typeof parent === 'number' && at(2) === 'imagePullSecrets') return { kind: 'Secret' };
  if (last === 'serviceAccountName' || last === 'serviceAccount') return { kind: 'ServiceAccount' };
  if (last === 'priorityClassName') return { kind: 'PriorityClass' };
  if (last === 'runtimeClassName') return { kind: 'RuntimeClass' };
  if (last === 'namespace' && parent === 'metadata' && (path.length === 2 || (path.length === 4 && path[0] === 'items'))) return { kind: 'Namespace' };
  return undefined;
}

function needsQuotes(v: string): boolean {
  return v === '' || resolvePlain(v).type !== 'string' || /^[\s!&*?|>'"%@`{}[\],#-]|[:#]\s|:$|\s#|\s$/.test(v);
}

/** Completion of declared names and keys where a reference's value is being written. */
export function referenceCompletion(ws: WorkspaceModel, file: ManifestFile, position: Position): CompletionList | null {
  const offset = file.lines.offsetAt(position);
  const placed = documentAt(file, offset);
  if (!placed || placed.doc.templated) return null;
  const rel = offset - placed.offset;
  const ctx = completionContext(placed.doc, rel);
  if (!ctx || ctx.mode !== 'value') return null;
  const segs = ctx.chain.segs;
  const object = placed.doc.objects.find((o) => rel >= o.node.start && rel <= o.node.end) ?? (placed.doc.objects.length === 1 ? placed.doc.objects[0] : undefined);
  if (!object) return null;
  const path = segs.map((s) => ('key' in s ? s.key : s.index));
  const nodeAt = (k: number): KNode | undefined => {
    const s = segs[segs.length - 1 - k];
    return s ? ('key' in s ? s.entry.value : s.item) : undefined;
  };
  const slot = slotOf(path, nodeAt);
  if (!slot) return null;
  const namespace = isClusterScopedRef(slot.kind) ? '' : object.namespace || DEFAULT_NAMESPACE;
  const declared = ws.declared();
  const items: CompletionItem[] = [];
  if (slot.key) {
    const nameNode = slot.nameNode;
    const name = nameNode && nameNode.kind === 'scalar' && nameNode.v.type === 'string' ? nameNode.v.value : undefined;
    const found = name !== undefined ? resolve(declared, slot.kind, namespace, name)?.object : undefined;
    if (!found) return null;
    const envOnly = path.includes('env') && slot.kind === 'ConfigMap';
    const seen = new Set<string>();
    for (const map of KEY_MAPS[slot.kind] ?? []) {
      if (envOnly && map !== 'data') continue;
      const m = obj(found.value[map]);
      if (!m) continue;
      for (const [k, v] of Object.entries(m)) {
        if (seen.has(k)) continue;
        seen.add(k);
        items.push({ label: k, kind: CompletionItemKind.Property, detail: `${slot.kind} ${namespace}/${name} · ${map} · ${bytes(valueBytes(slot.kind, map, v))}` });
      }
    }
  } else {
    const seen = new Set<string>();
    for (const d of declared.get(slot.kind, namespace)) {
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      const at = ws.declarationOf(d.value);
      items.push({ label: d.name, kind: CompletionItemKind.Reference, detail: `${slot.kind}${namespace ? ` in ${namespace}` : ''}${at ? ` · ${fileName(at.uri)}` : ''}` });
    }
  }
  if (items.length === 0) return null;
  const range = file.lines.range(placed.offset + ctx.replace.start, placed.offset + ctx.replace.end);
  const quoted = /["']$/.test(placed.doc.text.slice(0, ctx.replace.start));
  for (const it of items) {
    let text = it.label;
    if (!quoted && needsQuotes(text)) text = JSON.stringify(text);
    if (ctx.needsSpace) text = ` ${text}`;
    it.textEdit = { range, newText: text };
    it.filterText = ctx.needsSpace ? ` ${it.label}` : it.label;
  }
  return { isIncomplete: false, items };
}

