/**
 * Go to definition, find references and rename between the names a Pod spec uses twice:
 * volumes and their mounts (and env `fileKeyRef.volumeName`), and container ports and the
 * probes and lifecycle hooks that name them. Names are scoped as the API server and the
 * kubelet scope them: volume names per Pod, port names per container.
 */
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ManifestFile, PlacedDocument } from '../parse/manifests';
import type { Span } from '../parse/tree';
import { sharingAt, targetAt } from '../sharing';
import type { ContainerShare, PodSharing, PortShare } from '../sharing/types';
import { isDNS1123Label, isValidPortName } from '../util/names';

export type NameSymbol =
  | { kind: 'volume'; pod: PodSharing; name: string; span: Span }
  | { kind: 'port'; pod: PodSharing; container: ContainerShare; name: string; span: Span };

/** The volume or port name at a file offset. */
export function symbolAt(file: ManifestFile, offset: number): { placed: PlacedDocument; symbol: NameSymbol } | undefined {
  const at = sharingAt(file, offset);
  if (!at?.pod) return undefined;
  const hit = targetAt(at.placed.doc, at.rel);
  if (!hit) return undefined;
  const t = hit.target;
  const pod = hit.pod;
  const inside = (s: Span | undefined): s is Span => !!s && at.rel >= s.start && at.rel <= s.end;
  let symbol: NameSymbol | undefined;
  if (t.kind === 'volume' && t.volume.name !== undefined && inside(t.volume.nameSpan)) symbol = { kind: 'volume', pod, name: t.volume.name, span: t.volume.nameSpan };
  else if (t.kind === 'mount' && t.mount.volumeName !== undefined && inside(t.mount.nameSpan)) symbol = { kind: 'volume', pod, name: t.mount.volumeName, span: t.mount.nameSpan };
  else if (t.kind === 'volumeRef' && inside(t.ref.span)) symbol = { kind: 'volume', pod, name: t.ref.name, span: t.ref.span };
  else if (t.kind === 'port' && t.port.name !== undefined && inside(t.port.nameSpan)) symbol = { kind: 'port', pod, container: t.port.container, name: t.port.name, span: t.port.nameSpan };
  else if (t.kind === 'portRef' && t.ref.name !== undefined && inside(t.ref.span)) symbol = { kind: 'port', pod, container: t.ref.container, name: t.ref.name, span: t.ref.span };
  return symbol ? { placed: at.placed, symbol } : undefined;
}

interface Occurrence {
  span: Span;
  declaration: boolean;
}

function occurrences(s: NameSymbol): Occurrence[] {
  const out: Occurrence[] = [];
  if (s.kind === 'volume') {
    for (const v of s.pod.volumes) if (v.name === s.name && v.nameSpan) out.push({ span: v.nameSpan, declaration: true });
    for (const m of s.pod.mounts) if (m.volumeName === s.name && m.nameSpan) out.push({ span: m.nameSpan, declaration: false });
    for (const r of s.pod.volumeRefs) if (r.name === s.name) out.push({ span: r.span, declaration: false });
  } else {
    for (const p of s.container.ports) if (p.name === s.name && p.nameSpan) out.push({ span: p.nameSpan, declaration: true });
    for (const r of s.container.portRefs) if (r.name === s.name) out.push({ span: r.span, declaration: false });
  }
  // Aliased nodes share one source span: list each place once.
  const seen = new Set<string>();
  return out.filter((o) => {
    const k = `${o.span.start}:${o.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function loc(file: ManifestFile, placed: PlacedDocument, span: Span): Location {
  return { uri: file.uri, range: file.lines.range(placed.offset + span.start, placed.offset + span.end) };
}

function portSpan(p: PortShare): Span | undefined {
  return p.nameSpan ?? p.numberSpan ?? { start: p.node.start, end: p.node.start };
}

/** Definition: a mount's volume, a probe's named (or numbered) port, a declaration itself. */
export function definition(file: ManifestFile, offset: number): Location[] {
  const at = sharingAt(file, offset);
  if (!at?.pod) return [];
  const hit = targetAt(at.placed.doc, at.rel);
  if (!hit) return [];
  const t = hit.target;
  const volumeDecl = (name: string | undefined): Location[] => {
    const v = hit.pod.volumes.find((x) => x.name === name);
    return v?.nameSpan ? [loc(file, at.placed, v.nameSpan)] : [];
  };
  switch (t.kind) {
    case 'mount':
      return t.field === 'name' || t.field === 'item' ? volumeDecl(t.mount.volumeName) : [];
    case 'volumeRef':
      return volumeDecl(t.ref.name);
    case 'volume':
      return t.field === 'name' && t.volume.nameSpan ? [loc(file, at.placed, t.volume.nameSpan)] : [];
    case 'portRef': {
      const target = t.ref.target;
      const span = target ? (t.ref.name !== undefined ? target.nameSpan : target.numberSpan) ?? portSpan(target) : undefined;
      return span ? [loc(file, at.placed, span)] : [];
    }
    case 'port':
      return t.field === 'name' && t.port.nameSpan ? [loc(file, at.placed, t.port.nameSpan)] : [];
    default:
      return [];
  }
}

export function references(file: ManifestFile, offset: number, includeDeclaration: boolean): Location[] {
  const s = symbolAt(file, offset);
  if (!s) return [];
  return occurrences(s.symbol).filter((o) => includeDeclaration || !o.declaration).map((o) => loc(file, s.placed, o.span));
}

/** The text span of a name inside its scalar (without quotes), as written in the source. */
function nameRange(text: string, span: Span): { span: Span } {
  const q = text[span.start];
  if ((q === '"' || q === "'") && span.end - span.start >= 2 && text[span.end - 1] === q) return { span: { start: span.start + 1, end: span.end - 1 } };
  return { span };
}

export function prepareRename(file: ManifestFile, offset: number): { range: Range; placeholder: string } | null {
  const s = symbolAt(file, offset);
  if (!s) return null;
  const text = s.placed.doc.text;
  const r = nameRange(text, s.symbol.span);
  if (text.slice(r.span.start, r.span.end) !== s.symbol.name) return null; // escapes or block scalars: not safely renamable
  return { range: file.lines.range(s.placed.offset + r.span.start, s.placed.offset + r.span.end), placeholder: s.symbol.name };
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string } | null;

/** Renames a volume (its mounts and fileKeyRefs) or a port name (its probes and hooks). */
export function rename(file: ManifestFile, offset: number, newName: string): RenameResult {
  const s = symbolAt(file, offset);
  if (!s) return null;
  const sym = s.symbol;
  if (newName === sym.name) return { edit: { changes: { [file.uri]: [] } } };
  if (sym.kind === 'volume') {
    const errs = isDNS1123Label(newName);
    if (errs.length) return { error: `"${newName}" is not a valid volume name: ${errs[0]}` };
    if (sym.pod.volumes.some((v) => v.name === newName)) return { error: `This Pod already has a volume named "${newName}"` };
  } else {
    const errs = isValidPortName(newName);
    if (errs.length) return { error: `"${newName}" is not a valid port name: it ${errs.join(', ')}` };
    if (sym.container.ports.some((p) => p.name === newName)) return { error: `Container "${sym.container.label}" already has a port named "${newName}"` };
  }
  const text = s.placed.doc.text;
  const edits: TextEdit[] = [];
  for (const o of occurrences(sym)) {
    const r = nameRange(text, o.span);
    const written = text.slice(r.span.start, r.span.end);
    const span = written === sym.name ? r.span : o.span;
    const newText = written === sym.name ? newName : JSON.stringify(newName);
    edits.push({ range: file.lines.range(s.placed.offset + span.start, s.placed.offset + span.end), newText });
  }
  return { edit: { changes: { [file.uri]: edits } } };
}
