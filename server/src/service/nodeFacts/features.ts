/**
 * The Node manifest explains itself: a code lens above each Node (Pods placed, use against
 * allocatable), an inlay hint after its name (Pods placed, pending Pods it turns away), hovers
 * on its name (what the Pods there share of it), its labels (who selects them, who would stop
 * fitting without them), its taints (who tolerates, who is repelled) and its allocatable and
 * capacity (requests, overhead, headroom, which pending Pod needs how much more). And in a
 * Pod's manifest, on a host port, a hostPath volume or a host namespace flag: which other Pods
 * on the same Node share that host resource.
 *
 * All of it reads one NodeFactsView of the last simulation (view.ts); each request touches the
 * Nodes of its own file, and each hover one pass over the Pods.
 */
import type { CodeLens, InlayHint, Range } from 'vscode-languageserver-types';
import { InlayHintKind } from 'vscode-languageserver-types';
import type { K8sObject, ManifestFile } from '../parse/manifests';
import { documentAt } from '../parse/manifests';
import { child, type KEntry, type KNode, type KScalar, type Span } from '../parse/tree';
import { resourceList, toUnits } from '../scheduler/resources';
import type { Taint } from '../scheduler/tolerations';
import { targetAt } from '../sharing';
import { labelUsage, taintUsage } from './usage';
import type { NodeFactsView } from './view';
import { besideMarkdown, inlayLabel, inlayTooltip, labelMarkdown, podsLensTitle, resourceMarkdown, taintMarkdown, useLensTitle } from './words';
import { code, list } from '../sharing/markdown';

export interface NodeHover {
  markdown: string;
  /** File offsets of the hovered token. */
  start: number;
  end: number;
}

function scalar(n: KNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.v.type === 'null') return undefined;
  return n.v.type === 'string' ? n.v.value : (n as KScalar).text;
}

function within(s: Span, rel: number): boolean {
  return rel >= s.start && rel <= s.end;
}

interface PlacedNode {
  o: K8sObject;
  base: number;
  name: string;
  nameEntry: KEntry | undefined;
}

function* nodesOf(file: ManifestFile, from = 0, to = Infinity): Generator<PlacedNode> {
  for (const placed of file.documents) {
    if (placed.offset > to || placed.offset + placed.doc.text.length < from) continue;
    for (const o of placed.doc.objects) {
      if (o.kind !== 'Node' || !o.name) continue;
      const meta = child(o.node, 'metadata');
      const nameEntry = meta?.kind === 'map' ? meta.entries.find((e) => e.key === 'name') : undefined;
      yield { o, base: placed.offset, name: o.name, nameEntry };
    }
  }
}

/**
 * Two lenses above each Node the simulation read: its Pods and its use. Both open the preview
 * focused on the Node when the client has a preview command.
 */
export function nodeLenses(file: ManifestFile, view: NodeFactsView, previewCommand?: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const n of nodesOf(file)) {
    const s = view.summary(n.name);
    if (!s) continue;
    const first = n.o.node.entries[0]?.keySpan ?? n.o.node;
    const range = file.lines.range(n.base + first.start, n.base + first.end);
    const command = (title: string) => (previewCommand ? { title, command: previewCommand, arguments: [{ focusNode: n.name }] } : { title, command: '' });
    // The titles depend on the simulation only: made once per Node and result.
    s.titles ??= [podsLensTitle(s), useLensTitle(s)];
    out.push({ range, command: command(s.titles[0]) }, { range, command: command(s.titles[1]) });
  }
  return out;
}

/** After each Node's `metadata.name` in the range: Pods placed, pending Pods turned away. */
export function nodeInlayHints(file: ManifestFile, view: NodeFactsView, range?: Range): InlayHint[] {
  const from = range ? file.lines.offsetAt(range.start) : 0;
  const to = range ? file.lines.offsetAt(range.end) : file.text.length;
  const out: InlayHint[] = [];
  for (const n of nodesOf(file, from, to)) {
    if (!n.nameEntry) continue;
    const at = n.base + n.nameEntry.value.end;
    if (at < from || at > to) continue;
    const s = view.summary(n.name);
    if (!s) continue;
    const away = view.turnedAway(n.name);
    out.push({ position: file.lines.positionAt(at), label: inlayLabel(s, away), kind: InlayHintKind.Type, paddingLeft: true, tooltip: { kind: 'markdown', value: inlayTooltip(s, away) } });
  }
  return out;
}

function capacityOf(status: KNode | undefined): Record<string, number> | undefined {
  const cap = child(status, 'capacity');
  if (!cap || cap.kind !== 'map') return undefined;
  const raw: Record<string, string> = {};
  for (const e of cap.entries) {
    const v = scalar(e.value);
    if (v !== undefined) raw[e.key] = v;
  }
  const out: Record<string, number> = {};
  for (const [r, milli] of resourceList(raw)) out[r] = toUnits(r, milli);
  return out;
}

function span(e: KEntry, rel: number): Span {
  return within(e.keySpan, rel) ? e.keySpan : { start: e.value.start, end: e.value.end };
}

/** The hover of a Node manifest at a file offset: its name, a label, a taint, allocatable or capacity. */
export function nodeHover(file: ManifestFile, offset: number, view: NodeFactsView): NodeHover | undefined {
  const placed = documentAt(file, offset);
  if (!placed) return undefined;
  const rel = offset - placed.offset;
  const o = placed.doc.objects.find((x) => x.kind === 'Node' && within(x.node, rel));
  if (!o?.name) return undefined;
  const s = view.summary(o.name);
  if (!s) return undefined;
  const at = (sp: Span, markdown: string): NodeHover => ({ markdown, start: placed.offset + sp.start, end: placed.offset + sp.end });
  const meta = child(o.node, 'metadata');
  if (meta?.kind === 'map') {
    const name = meta.entries.find((e) => e.key === 'name');
    if (name && (within(name.keySpan, rel) || within(name.value, rel))) return at(span(name, rel), sharingMarkdown(view, o.name));
    const labels = child(meta, 'labels');
    if (labels?.kind === 'map') {
      for (const e of labels.entries) {
        if (!within(e.keySpan, rel) && !within(e.value, rel)) continue;
        return at(span(e, rel), labelMarkdown(o.name, e.key, s.node.labels[e.key] ?? scalar(e.value), labelUsage(view, s.node, e.key)));
      }
    }
  }
  const taints = child(child(o.node, 'spec'), 'taints');
  if (taints?.kind === 'seq') {
    for (const item of taints.items) {
      if (!within(item, rel) || item.kind !== 'map') continue;
      const taint: Taint = { key: scalar(child(item, 'key')) ?? '', value: scalar(child(item, 'value')) ?? '', effect: scalar(child(item, 'effect')) ?? '' };
      const e = item.entries.find((x) => within(x.keySpan, rel) || within(x.value, rel));
      return at(e ? span(e, rel) : item, taintMarkdown(o.name, taint, taintUsage(view, s.node, taint)));
    }
  }
  const status = child(o.node, 'status');
  if (status?.kind === 'map') {
    for (const which of ['allocatable', 'capacity'] as const) {
      const e = status.entries.find((x) => x.key === which);
      if (!e || !(within(e.keySpan, rel) || within(e.value, rel))) continue;
      const inner = e.value.kind === 'map' ? e.value.entries.find((x) => within(x.keySpan, rel) || within(x.value, rel)) : undefined;
      return at(inner ? span(inner, rel) : e.keySpan, resourceMarkdown(view, s, which, which === 'capacity' ? capacityOf(status) : undefined, view.turnedAway(o.name)));
    }
  }
  return undefined;
}

/** What the Pods on a Node share of it: the hover of the Node's name. */
function sharingMarkdown(view: NodeFactsView, name: string): string {
  const s = view.summary(name)!;
  const sh = s.sharing;
  const lines = [`**${s.node.pods.length.toLocaleString('en-US')} Pod${s.node.pods.length === 1 ? '' : 's'} on ${code(name)}** in the scheduling simulation.`];
  const names = (keys: string[]) => list(keys.slice(0, 8).map(code)) + (keys.length > 8 ? ` (${keys.length} in all)` : '');
  if (sh.hostNetwork.length) lines.push('', `${sh.hostNetwork.length > 1 ? 'Share' : 'Uses'} the Node's network namespace (its IP and port space; every port they listen on is a port of the Node): ${names(sh.hostNetwork)}.`);
  const clashes = sh.hostPorts.filter((p) => p.clash);
  for (const c of clashes) lines.push('', `⚠ Host port ${c.port}/${c.protocol} held twice (Pods bound by nodeName; the scheduler would keep them apart): ${names(c.pods.map((p) => `${p.pod} on ${p.ip}`))}.`);
  if (sh.hostPorts.length) lines.push('', `Host ports held: ${sh.hostPorts.slice(0, 12).map((p) => `${code(`${p.port}/${p.protocol}`)} by ${names(p.pods.map((x) => x.pod))}${p.pods.some((x) => x.ip !== '0.0.0.0') ? ` (${[...new Set(p.pods.map((x) => x.ip))].join(', ')})` : ''}`).join('; ')}${sh.hostPorts.length > 12 ? `; and ${sh.hostPorts.length - 12} more` : ''}.`);
  for (const hp of sh.hostPaths) {
    const writers = hp.pods.filter((p) => !p.readOnly).map((p) => p.pod);
    const readers = hp.pods.filter((p) => p.readOnly).map((p) => p.pod);
    lines.push('', `hostPath ${code(hp.path)} shared by ${hp.pods.length} Pods: ${writers.length ? `written by ${names(writers)}` : 'nobody writes'}${readers.length ? `, read by ${names(readers)}` : ''}.`);
  }
  if (sh.hostPID.length) lines.push('', `See every process on the Node (hostPID): ${names(sh.hostPID)}.`);
  if (sh.hostIPC.length) lines.push('', `See every IPC object on the Node (hostIPC): ${names(sh.hostIPC)}.`);
  if (lines.length === 1) lines.push('', 'They share nothing of the Node beyond its resources: no hostNetwork, host ports, shared hostPath, hostPID or hostIPC.');
  return lines.join('\n');
}

/**
 * In a Pod's manifest (or a template's), on a port with a host port or in a hostNetwork Pod,
 * a hostPath volume, or the hostNetwork/hostPID/hostIPC flags: which other Pods placed on the
 * same Node share that host resource. Undefined elsewhere or when the Pod is not placed.
 */
export function besideOnNode(file: ManifestFile, offset: number, view: NodeFactsView): string | undefined {
  const placed = documentAt(file, offset);
  if (!placed) return undefined;
  const hit = targetAt(placed.doc, offset - placed.offset);
  if (!hit) return undefined;
  const t = hit.target;
  let what: string;
  let shares: (key: string, node: import('../scheduler/types').SimNode) => string[];
  if (t.kind === 'port') {
    const hostNetwork = hit.pod.hostNetwork.value;
    const port = t.port.hostPort ?? (hostNetwork ? t.port.number : undefined);
    if (port === undefined || port <= 0) return undefined;
    const proto = t.port.protocol || 'TCP';
    what = `host port ${port}/${proto}`;
    shares = (key, node) => {
      const use = view.summary(node.name)?.sharing.hostPorts.find((p) => p.port === port && p.protocol === proto);
      const others = (use?.pods ?? []).filter((p) => p.pod !== key).map((p) => p.pod);
      const net = (view.summary(node.name)?.sharing.hostNetwork ?? []).filter((p) => p !== key && !others.includes(p));
      return [...others, ...net.map((p) => `${p} (hostNetwork)`)];
    };
  } else if (t.kind === 'volume' && t.volume.source === 'hostPath') {
    const path = scalar(child(t.volume.sourceEntry?.value, 'path'));
    if (path === undefined) return undefined;
    what = `hostPath ${path}`;
    shares = (key, node) => (view.summary(node.name)?.sharing.hostPaths.find((h) => h.path === path)?.pods ?? []).filter((p) => p.pod !== key).map((p) => `${p.pod} (${p.readOnly ? 'reads' : 'writes'})`);
  } else if (t.kind === 'flag' && (t.flag === 'hostNetwork' || t.flag === 'hostPID' || t.flag === 'hostIPC')) {
    const flag = t.flag;
    what = flag;
    shares = (key, node) => (view.summary(node.name)?.sharing[flag] ?? []).filter((p) => p !== key);
  } else return undefined;
  const line = file.lines.positionAt(offset).line;
  const parts: Array<{ node: string; pod: string; others: string[] }> = [];
  for (const r of view.podsAt(file.uri, line)) {
    if (!r.node) continue;
    parts.push({ node: r.node.name, pod: r.pod.key, others: shares(r.pod.key, r.node) });
  }
  return parts.length ? besideMarkdown(parts, what) : undefined;
}
