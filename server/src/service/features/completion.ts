/**
 * Completion where the manifest knows the answer: a mount's volume from the declared volumes,
 * a probe's or hook's named port from the container's ports, nodeSelector and node-affinity
 * keys and values from the labels of the Nodes in the workspace, tolerations from their taints;
 * then what the field schema knows (schemaCompletion.ts): field names, enum values,
 * apiVersion/kind pairs and skeletons.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { ManifestFile, PlacedDocument } from '../parse/manifests';
import { documentAt } from '../parse/manifests';
import { child, type KNode } from '../parse/tree';
import { resolvePlain } from '../parse/scalars';
import { podAt } from '../sharing';
import { sourceLabel, lifetimeTag } from '../sharing/volumes';
import { volumeMarkdown } from '../sharing/explain';
import type { PodSharing } from '../sharing/types';
import { completionContext, pathAfter, type CompletionContext, type Seg } from './cursor';
import type { WorkspaceIndex } from './workspaceIndex';
import { schemaCompletion, type SchemaCompletionOptions } from './schemaCompletion';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const PROBES = new Set(['livenessProbe', 'readinessProbe', 'startupProbe']);
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

type Path = Array<string | number>;

function scalarText(n: KNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.v.type === 'null') return undefined;
  return n.v.type === 'string' ? n.v.value : n.text;
}

/** Whether a plain scalar would not read back as this string (YAML 1.2 core types, indicators). */
export function needsQuotes(v: string): boolean {
  return v === '' || resolvePlain(v).type !== 'string' || /^[\s!&*?|>'"%@`{}[\],#-]|[:#]\s|:$|\s#|\s$/.test(v);
}

function nodesOf(list: string[]): string {
  return list.length > 3 ? `${list.slice(0, 3).join(', ')} +${list.length - 3}` : list.join(', ');
}

export function completion(file: ManifestFile, position: Position, workspace?: WorkspaceIndex, options: SchemaCompletionOptions = { snippets: false }): CompletionList | null {
  const offset = file.lines.offsetAt(position);
  const placed = documentAt(file, offset);
  if (!placed || placed.doc.templated) return null;
  const rel = offset - placed.offset;
  const known = manifestItems(file, placed, rel, workspace) ?? [];
  // What the manifest knows (volume names, Node labels) first, then what the schema knows.
  const range = (s: { start: number; end: number }) => file.lines.range(placed.offset + s.start, placed.offset + s.end);
  const have = new Set(known.map((i) => i.label));
  for (const p of schemaCompletion(placed.doc, rel, options, file.lineBreak)) {
    if (have.has(p.item.label)) continue;
    const it = p.item;
    it.textEdit = { range: range(p.span), newText: p.newText };
    if (p.extra) it.additionalTextEdits = p.extra.map((e) => ({ range: range(e.span), newText: e.newText }));
    it.sortText = `1${it.sortText ?? it.label}`;
    known.push(it);
  }
  return known.length ? { isIncomplete: false, items: known } : null;
}

/** Items from the manifest itself: a Pod's volumes and ports, the workspace's Node labels and taints. */
function manifestItems(file: ManifestFile, placed: PlacedDocument, rel: number, workspace: WorkspaceIndex | undefined): CompletionItem[] | null {
  const ctx = completionContext(placed.doc, rel);
  if (!ctx) return null;
  const pod = podAt(placed.doc, rel);
  if (!pod) return null;
  const path = pathAfter(ctx.chain.segs, pod.site.spec);
  if (!path || path.length === 0) return null;
  const items = itemsFor(ctx, path, pod, workspace);
  if (!items || items.length === 0) return null;
  const range = file.lines.range(placed.offset + ctx.replace.start, placed.offset + ctx.replace.end);
  const quoted = /["']$/.test(placed.doc.text.slice(0, ctx.replace.start));
  for (const it of items) {
    let text = it.insertText ?? it.label;
    if (!quoted && ctx.mode !== 'key' && needsQuotes(text)) text = JSON.stringify(text);
    if (ctx.needsSpace) text = ` ${text}`;
    it.textEdit = { range, newText: text };
    it.filterText = ctx.needsSpace ? ` ${it.label}` : it.label;
    it.sortText = `0${it.sortText ?? ''}`;
    delete it.insertText;
  }
  return items;
}

/** The item node of a chain at a path index (path indexes count from after the spec). */
function segNode(ctx: CompletionContext, path: Path, at: number): KNode | undefined {
  const s: Seg | undefined = ctx.chain.segs[ctx.chain.segs.length - path.length + at];
  if (!s) return undefined;
  return 'key' in s ? s.entry.value : s.item;
}

function itemsFor(ctx: CompletionContext, path: Path, pod: PodSharing, ws: WorkspaceIndex | undefined): CompletionItem[] | undefined {
  const last = path[path.length - 1];
  if (ctx.mode === 'value') {
    if (CONTAINER_LISTS.has(String(path[0])) && typeof path[1] === 'number') {
      const cnode = segNode(ctx, path, 1);
      const container = pod.containers.find((c) => c.ref.node === cnode);
      if ((path[2] === 'volumeMounts' || path[2] === 'volumeDevices') && path.length === 5 && last === 'name') return volumeItems(pod, container?.ref.node);
      if (path[2] === 'env' && last === 'volumeName' && path[path.length - 2] === 'fileKeyRef') return volumeItems(pod, undefined);
      const isPortRef = last === 'port' && (path[path.length - 2] === 'httpGet' || path[path.length - 2] === 'tcpSocket')
        && ((path.length === 5 && PROBES.has(String(path[2]))) || (path.length === 6 && path[2] === 'lifecycle'));
      if (isPortRef && container) {
        return container.ports.filter((p) => p.name !== undefined).map((p, i) => ({
          label: p.name!,
          kind: CompletionItemKind.Reference,
          detail: `${p.number ?? '?'}/${p.protocol} of ${container.label}`,
          sortText: String(i).padStart(4, '0'),
        }));
      }
      return undefined;
    }
    if (!ws) return undefined;
    if (path[0] === 'nodeSelector' && path.length === 2) return labelValueItems(ws, String(last));
    if (path.includes('nodeAffinity') && path[path.length - 3] === 'matchExpressions' && last === 'key') return labelKeyItems(ws, new Set());
    if (path.includes('nodeAffinity') && path[path.length - 3] === 'matchFields' && last === 'key') {
      return [{ label: 'metadata.name', kind: CompletionItemKind.Field, detail: 'the only field Nodes can be selected by' }];
    }
    if (path[0] === 'tolerations' && typeof path[1] === 'number' && path.length === 3) {
      const item = segNode(ctx, path, 1);
      const key = scalarText(child(item, 'key'));
      return tolerationItems(ws, String(last), key);
    }
    return undefined;
  }
  if (ctx.mode === 'item') {
    if (!ws) return undefined;
    if (path.includes('nodeAffinity') && last === 'values' && (path[path.length - 3] === 'matchExpressions' || path[path.length - 3] === 'matchFields')) {
      const expr = segNode(ctx, path, path.length - 2);
      const present = new Set<string>();
      const vals = child(expr, 'values');
      if (vals && vals.kind === 'seq') for (const v of vals.items) { const t = scalarText(v); if (t) present.add(t); }
      if (path[path.length - 3] === 'matchFields') {
        return ws.nodes().filter((n) => !present.has(n.name)).map((n) => ({ label: n.name, kind: CompletionItemKind.Value, detail: 'Node' }));
      }
      const key = scalarText(child(expr, 'key'));
      if (!key) return undefined;
      return labelValueItems(ws, key).filter((i) => !present.has(i.label));
    }
    return undefined;
  }
  // A new key.
  if (!ws) return undefined;
  if (path[0] === 'nodeSelector' && path.length === 1) {
    const existing = segNode(ctx, path, 0);
    const have = new Set<string>();
    if (existing && existing.kind === 'map') for (const e of existing.entries) if (e.key !== ctx.typed) have.add(e.key);
    return labelKeyItems(ws, have).map((it) => ({
      ...it,
      insertText: `${it.label}: `,
      command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
    }));
  }
  return undefined;
}

function volumeItems(pod: PodSharing, containerNode: KNode | undefined): CompletionItem[] {
  const out: CompletionItem[] = [];
  pod.volumes.forEach((v, i) => {
    if (v.name === undefined) return;
    const already = containerNode !== undefined && v.mounts.some((m) => m.container.ref.node === containerNode);
    const users = [...new Set(v.mounts.map((m) => m.container.label))];
    const tag = lifetimeTag(v.lifetime);
    out.push({
      label: v.name,
      kind: CompletionItemKind.Reference,
      detail: `${sourceLabel(v)}${tag ? ` · ${tag}` : ''}${users.length ? ` · mounted by ${users.join(', ')}` : ' · not mounted yet'}`,
      documentation: { kind: 'markdown', value: volumeMarkdown(pod, v) },
      // Volumes this container does not mount yet come first.
      sortText: `${already ? 1 : 0}${String(i).padStart(4, '0')}`,
    });
  });
  return out;
}

function labelKeyItems(ws: WorkspaceIndex, exclude: Set<string>): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const [key, values] of ws.labels()) {
    if (exclude.has(key)) continue;
    const nodes = values.flatMap((v) => v.nodes);
    out.push({
      label: key,
      kind: CompletionItemKind.Field,
      detail: `on ${nodesOf(nodes)}`,
      documentation: { kind: 'markdown', value: values.map((v) => `- \`${v.value.replace(/`/g, "'")}\` — ${v.nodes.join(', ')}`).join('\n') },
      // Labels that tell Nodes apart are the useful ones: fewer Nodes first.
      sortText: `${String(nodes.length).padStart(5, '0')}${key}`,
    });
  }
  return out;
}

function labelValueItems(ws: WorkspaceIndex, key: string): CompletionItem[] {
  const values = ws.labels().get(key) ?? [];
  return values.map((v) => ({ label: v.value, kind: CompletionItemKind.Value, detail: `${key} on ${nodesOf(v.nodes)}` }));
}

function tolerationItems(ws: WorkspaceIndex, field: string, key: string | undefined): CompletionItem[] | undefined {
  const taints = ws.taints();
  if (field === 'key') {
    const byKey = new Map<string, string[]>();
    for (const t of taints) {
      const l = byKey.get(t.key) ?? [];
      l.push(`${t.effect ?? ''} on ${nodesOf(t.nodes)}`);
      byKey.set(t.key, l);
    }
    return [...byKey].map(([k, d]) => ({ label: k, kind: CompletionItemKind.Field, detail: `taint ${d.join('; ')}` }));
  }
  const relevant = key ? taints.filter((t) => t.key === key) : taints;
  if (field === 'value') {
    const seen = new Set<string>();
    const out: CompletionItem[] = [];
    for (const t of relevant) {
      if (t.value === undefined || seen.has(t.value)) continue;
      seen.add(t.value);
      out.push({ label: t.value, kind: CompletionItemKind.Value, detail: `${t.key}=${t.value}:${t.effect ?? ''} on ${nodesOf(t.nodes)}` });
    }
    return out;
  }
  if (field === 'effect') {
    const used = new Map<string, string[]>();
    for (const t of relevant) {
      if (!t.effect) continue;
      const nodes = used.get(t.effect);
      if (!nodes) used.set(t.effect, [...t.nodes]);
      else for (const n of t.nodes) nodes.push(n);
    }
    return EFFECTS.map((e, i) => ({
      label: e,
      kind: CompletionItemKind.EnumMember,
      detail: used.has(e) ? `tainted on ${nodesOf(used.get(e)!)}` : undefined,
      sortText: `${used.has(e) ? 0 : 1}${i}`,
    }));
  }
  return undefined;
}
