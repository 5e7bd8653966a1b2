/**
 * Document symbols — one per Kubernetes document (`Pod web`, `Node worker-1`), with the
 * containers and volumes of its Pod spec beneath — and folding ranges: each document, and
 * each multi-line mapping, sequence item and block scalar inside it (an editor that gets
 * folding ranges from a server stops folding by indentation, so the nested ones must come too).
 */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { K8sObject, ManifestDocument, ManifestFile, PlacedDocument } from '../parse/manifests';
import { LineIndex } from '../parse/lineIndex';
import { child, entry, type KNode, type Span } from '../parse/tree';
import { sharingOfDocument } from '../sharing';
import { sourceLabel } from '../sharing/volumes';
import { escapeText } from '../util/escape';
import type { PodSharing } from '../sharing/types';

const ROLE: Record<string, string> = { container: 'container', init: 'init container', sidecar: 'sidecar', ephemeral: 'ephemeral container' };

function text(n: KNode | undefined): string | undefined {
  return n && n.kind === 'scalar' && n.v.type === 'string' ? n.v.value : undefined;
}

function trimEnd(src: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(src[e - 1])) e--;
  return e;
}

function objectSymbol(file: ManifestFile, placed: PlacedDocument, o: { kind: string; name?: string; namespace?: string; apiVersion: string; node: KNode }, children: DocumentSymbol[]): DocumentSymbol {
  const base = placed.offset;
  const src = placed.doc.text;
  const end = trimEnd(src, o.node.start, o.node.end);
  const nameNode = child(child(o.node, 'metadata'), 'name');
  const sel: Span = nameNode && nameNode.kind === 'scalar' && nameNode.end > nameNode.start ? nameNode : (entry(o.node, 'kind')?.value ?? o.node);
  return {
    // Names are shown in the outline and breadcrumbs: hidden characters made visible.
    name: escapeText(`${o.kind} ${o.name ?? '(unnamed)'}`.slice(0, 200)),
    detail: escapeText(o.namespace ? `${o.namespace} · ${o.apiVersion}` : o.apiVersion),
    kind: o.kind === 'Node' ? SymbolKind.Struct : SymbolKind.Class,
    range: file.lines.range(base + o.node.start, base + Math.max(end, sel.end)),
    selectionRange: file.lines.range(base + sel.start, base + sel.end),
    children,
  };
}

function podChildren(file: ManifestFile, placed: PlacedDocument, pods: PodSharing[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const base = placed.offset;
  const src = placed.doc.text;
  for (const pod of pods) {
    for (const c of pod.containers) {
      const sel = c.nameSpan ?? { start: c.ref.node.start, end: c.ref.node.start };
      out.push({
        name: escapeText(c.label.slice(0, 200)) || '(unnamed)',
        detail: ROLE[c.role],
        kind: c.role === 'container' ? SymbolKind.Object : SymbolKind.Event,
        range: file.lines.range(base + c.ref.node.start, base + Math.max(sel.end, trimEnd(src, c.ref.node.start, c.ref.node.end))),
        selectionRange: file.lines.range(base + sel.start, base + sel.end),
      });
    }
    for (const v of pod.volumes) {
      const sel = v.nameSpan ?? { start: v.node.start, end: v.node.start };
      out.push({
        name: escapeText((v.name ?? `volume #${v.index + 1}`).slice(0, 200)) || '(unnamed)',
        detail: sourceLabel(v).slice(0, 200),
        kind: SymbolKind.Field,
        range: file.lines.range(base + v.node.start, base + Math.max(sel.end, trimEnd(src, v.node.start, v.node.end))),
        selectionRange: file.lines.range(base + sel.start, base + sel.end),
      });
    }
  }
  return out;
}

export function documentSymbols(file: ManifestFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const placed of file.documents) {
    const doc = placed.doc;
    if (doc.objects.length > 0) {
      // A List holds thousands of objects: their Pod specs grouped once, not searched per object.
      const podsOf = new Map<K8sObject, PodSharing[]>();
      for (const pod of sharingOfDocument(doc)) {
        const list = podsOf.get(pod.object);
        if (list) list.push(pod);
        else podsOf.set(pod.object, [pod]);
      }
      for (const o of doc.objects) out.push(objectSymbol(file, placed, o, podChildren(file, placed, podsOf.get(o) ?? [])));
      continue;
    }
    // Other Kubernetes documents (a Service, a ConfigMap): a symbol without children.
    const root = doc.root;
    const kind = text(child(root, 'kind'));
    const apiVersion = text(child(root, 'apiVersion'));
    if (root && root.kind === 'map' && kind && apiVersion) {
      const meta = child(root, 'metadata');
      out.push(objectSymbol(file, placed, { kind, apiVersion, name: text(child(meta, 'name')), namespace: text(child(meta, 'namespace')), node: root }, []));
    }
  }
  return out;
}

/** At most this many folding ranges per file (VS Code keeps 5,000 by default); the outer ones are kept. */
export const MAX_FOLDING_RANGES = 5_000;

interface RelFold {
  start: number;
  end: number;
  depth: number;
}

function docFolds(doc: ManifestDocument): RelFold[] {
  const cached = doc.cache.get('folding') as RelFold[] | undefined;
  if (cached) return cached;
  const src = doc.text;
  const lines = new LineIndex(src);
  const out: RelFold[] = [];
  const line = (o: number): number => lines.positionAt(o).line;
  const lastLine = (start: number, end: number): number => line(Math.max(start, trimEnd(src, start, end) - 1));
  // The document itself, from its `---` line (or first line) to its last non-blank line.
  const firstContent = /\S/.exec(src)?.index;
  if (firstContent !== undefined) {
    const s = line(firstContent);
    const e = lastLine(firstContent, src.length);
    if (e > s) out.push({ start: s, end: e, depth: 0 });
  }
  if (doc.root) {
    const visit = (n: KNode, depth: number, budget: { left: number }): void => {
      if (--budget.left < 0) return;
      if (n.kind === 'map') {
        for (const e of n.entries) {
          if (e.merged) continue;
          const v = e.value;
          if (v.end > v.start && v.start >= e.keySpan.end) {
            const s = line(e.keySpan.start);
            const l = lastLine(v.start, v.end);
            if (l > s) out.push({ start: s, end: l, depth });
          }
          if (v.start >= e.keySpan.end) visit(v, depth + 1, budget);
        }
      } else if (n.kind === 'seq') {
        for (const it of n.items) {
          if (it.kind === 'map' && it.end > it.start) {
            const s = line(it.start);
            const l = lastLine(it.start, it.end);
            if (l > s) out.push({ start: s, end: l, depth });
          }
          visit(it, depth + 1, budget);
        }
      }
    };
    visit(doc.root, 1, { left: 1_000_000 });
  } else {
    indentFolds(src, lines, out);
  }
  // One range per start line (editors keep only one): the largest.
  const byStart = new Map<number, RelFold>();
  for (const f of out) {
    const prev = byStart.get(f.start);
    if (!prev || f.end > prev.end) byStart.set(f.start, prev && prev.depth < f.depth ? { ...f, depth: prev.depth } : f);
  }
  const result = [...byStart.values()].sort((a, b) => a.start - b.start);
  doc.cache.set('folding', result);
  return result;
}

/** Folding by indentation, for documents without a tree (templated YAML). */
function indentFolds(src: string, lines: LineIndex, out: RelFold[]): void {
  const n = lines.lineCount;
  const stack: Array<{ indent: number; line: number }> = [];
  let lastNonBlank = -1;
  for (let i = 0; i <= n; i++) {
    let indent = -1;
    if (i < n) {
      const s = lines.lineStart(i);
      const e = i + 1 < n ? lines.lineStart(i + 1) : src.length;
      const t = src.slice(s, e);
      if (!/^\s*(#.*)?$/.test(t)) indent = /^[ \t]*/.exec(t)![0].length;
      else continue;
    }
    while (stack.length && (indent < 0 || indent <= stack[stack.length - 1].indent)) {
      const top = stack.pop()!;
      if (lastNonBlank > top.line) out.push({ start: top.line, end: lastNonBlank, depth: stack.length + 1 });
    }
    if (indent >= 0) {
      stack.push({ indent, line: i });
      lastNonBlank = i;
    }
  }
}

export function foldingRanges(file: ManifestFile): FoldingRange[] {
  const all: Array<RelFold & { base: number }> = [];
  for (const placed of file.documents) {
    const folds = docFolds(placed.doc);
    const base = file.lines.positionAt(placed.offset).line;
    for (const f of folds) all.push({ ...f, base });
  }
  let kept = all;
  if (all.length > MAX_FOLDING_RANGES) kept = [...all].sort((a, b) => a.depth - b.depth).slice(0, MAX_FOLDING_RANGES);
  return kept.map((f) => ({ startLine: f.base + f.start, endLine: f.base + f.end, ...(f.depth === 0 ? { kind: FoldingRangeKind.Region } : {}) }));
}
