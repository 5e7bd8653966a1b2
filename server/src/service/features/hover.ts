/**
 * The sharing half of the hover: what a container, port, volume, mount or namespace flag
 * shares with whom. The façade puts it above the field documentation in one hover. With a
 * WorkspaceIndex, nodeSelector entries and tolerations also say which declared Nodes match.
 */
import type { Hover } from 'vscode-languageserver-types';
import type { ManifestFile } from '../parse/manifests';
import { child, type KNode } from '../parse/tree';
import { sharingAt, targetAt } from '../sharing';
import { code, list, targetMarkdown } from '../sharing/explain';
import type { PodSharing } from '../sharing/types';
import { chainAt, pathAfter } from './cursor';
import type { NodeFacts, NodeTaint, WorkspaceIndex } from './workspaceIndex';

export interface HoverPart {
  markdown: string;
  /** File offsets of the hovered token. */
  start: number;
  end: number;
}

/** The sharing explanation at a file offset, or null. A failure reaches the host (guarded(), its log). */
export function sharingHover(file: ManifestFile, offset: number, workspace?: WorkspaceIndex): HoverPart | null {
  const at = sharingAt(file, offset);
  if (!at?.pod) return null;
  const base = at.placed.offset;
  const hit = targetAt(at.placed.doc, at.rel);
  if (hit) return { markdown: targetMarkdown(hit.pod, hit.target), start: base + hit.target.span.start, end: base + hit.target.span.end };
  if (workspace) {
    const s = schedulingHover(at.pod, at.placed.doc.root, at.rel, workspace);
    if (s) return { markdown: s.markdown, start: base + s.start, end: base + s.end };
  }
  return null;
}

/** One hover from the sharing part (on top) and the field documentation (below). */
export function combineHover(file: ManifestFile, sharing: HoverPart | null, field: Hover | null): Hover | null {
  if (!sharing) return field;
  const fieldText = field && typeof field.contents === 'object' && 'value' in field.contents ? field.contents.value : undefined;
  const value = fieldText ? `${sharing.markdown}\n\n---\n\n${fieldText}` : sharing.markdown;
  return { contents: { kind: 'markdown', value }, range: field?.range ?? file.lines.range(sharing.start, sharing.end) };
}

function text(n: KNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.v.type === 'null') return undefined;
  return n.v.type === 'string' ? n.v.value : n.text;
}

function nodeNames(ns: string[]): string {
  return list(ns.map(code));
}

/** Whether a toleration tolerates a taint (core/v1 helper ToleratesTaint). */
export function tolerates(t: { key?: string; operator?: string; value?: string; effect?: string }, taint: NodeTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  const op = t.operator || 'Equal';
  if (!t.key) return op === 'Exists';
  if (t.key !== taint.key) return false;
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

function taintText(t: NodeTaint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

function schedulingHover(pod: PodSharing, root: KNode | undefined, rel: number, ws: WorkspaceIndex): { markdown: string; start: number; end: number } | undefined {
  const nodes = ws.nodes();
  if (nodes.length === 0) return undefined;
  const chain = chainAt(root, rel);
  const path = pathAfter(chain.segs, pod.site.spec);
  if (!path || path.length < 2) return undefined;
  const last = chain.segs[chain.segs.length - 1];
  const total = `${nodes.length} Node${nodes.length > 1 ? 's' : ''} declared in the workspace`;
  if (path[0] === 'nodeSelector' && path.length === 2 && 'key' in last) {
    const key = last.key;
    const value = text(last.entry.value) ?? '';
    const match = nodes.filter((n) => n.labels.get(key) === value).map((n) => n.name);
    const md = match.length
      ? `Nodes with ${code(`${key}: ${value}`)}: ${nodeNames(match)} (${match.length} of ${total}).`
      : `⚠ None of the ${total} has ${code(`${key}: ${value}`)}${labelValues(nodes, key)}.`;
    const span = chain.onKey ? last.entry.keySpan : { start: last.entry.value.start, end: last.entry.value.end };
    return { markdown: md, ...span };
  }
  if (path[0] === 'tolerations' && typeof path[1] === 'number') {
    const item = ('index' in chain.segs[chain.segs.length - path.length + 1] ? (chain.segs[chain.segs.length - path.length + 1] as { item: KNode }).item : undefined);
    if (!item || item.kind !== 'map') return undefined;
    const tol = { key: text(child(item, 'key')), operator: text(child(item, 'operator')), value: text(child(item, 'value')), effect: text(child(item, 'effect')) };
    const hits: string[] = [];
    const seen = new Set<string>();
    for (const n of nodes) for (const t of n.taints) {
      if (!tolerates(tol, t)) continue;
      const s = `${code(taintText(t))} of ${code(n.name)}`;
      if (!seen.has(s)) seen.add(s), hits.push(s);
    }
    // On a field of the toleration, that field; elsewhere in it, the whole toleration (a
    // range that holds the cursor).
    const span = 'key' in last ? (chain.onKey ? last.entry.keySpan : { start: last.entry.value.start, end: last.entry.value.end }) : { start: item.start, end: item.end };
    const md = hits.length ? `Tolerates ${list(hits)}.` : `Tolerates no taint of the ${total}.`;
    return { markdown: md, ...span };
  }
  return undefined;
}

function labelValues(nodes: NodeFacts[], key: string): string {
  const vals = [...new Set(nodes.map((n) => n.labels.get(key)).filter((v): v is string => v !== undefined))];
  return vals.length ? ` (values of ${code(key)}: ${list(vals.map(code))})` : ` (no Node has the label ${code(key)})`;
}
