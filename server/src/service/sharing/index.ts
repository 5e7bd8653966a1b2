/**
 * What the containers of each Pod (and Pod template) share, computed lazily per document and
 * cached in `ManifestDocument.cache` under `sharing`: an edit elsewhere in the file reuses it.
 */
import type { ManifestDocument, ManifestFile, PlacedDocument } from '../parse/manifests';
import { documentAt } from '../parse/manifests';
import { entry, type Span } from '../parse/tree';
import { podSpecOf } from '../model/podSpecs';
import { computeSharing } from './compute';
import type { PodSharing, SharingTarget } from './types';

export type * from './types';
export { concurrent } from './compute';

export const CACHE_KEY = 'sharing';

interface DocSharing {
  pods: PodSharing[];
  targets: Map<PodSharing, SharingTarget[]>;
}

function compute(doc: ManifestDocument): DocSharing {
  const pods: PodSharing[] = [];
  for (const object of doc.objects) {
    const site = podSpecOf(object);
    if (site) pods.push(computeSharing(object, site));
  }
  return { pods, targets: new Map() };
}

function docSharing(doc: ManifestDocument): DocSharing {
  let s = doc.cache.get(CACHE_KEY) as DocSharing | undefined;
  if (!s) {
    s = compute(doc);
    doc.cache.set(CACHE_KEY, s);
  }
  return s;
}

/** The sharing models of the Pod specs in one document (computed once per document text). */
export function sharingOfDocument(doc: ManifestDocument): PodSharing[] {
  return docSharing(doc).pods;
}

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

/** The Pod spec containing a chunk-relative offset (its object, not just its spec). */
export function podAt(doc: ManifestDocument, rel: number): PodSharing | undefined {
  let best: PodSharing | undefined;
  for (const p of sharingOfDocument(doc)) {
    if (within(p.object.node, rel) && (!best || p.site.spec.start >= best.site.spec.start)) best = p;
  }
  return best;
}

function targetsOf(doc: ManifestDocument, pod: PodSharing): SharingTarget[] {
  const s = docSharing(doc);
  let list = s.targets.get(pod);
  if (list) return list;
  list = [];
  const spec = pod.site.spec;
  for (const c of pod.containers) {
    if (c.nameSpan) list.push({ kind: 'container', container: c, span: c.nameSpan });
    const ne = entry(c.ref.node, 'name');
    if (ne) list.push({ kind: 'container', container: c, span: ne.keySpan });
    for (const r of c.portRefs) {
      list.push({ kind: 'portRef', ref: r, span: r.span });
      list.push({ kind: 'portRef', ref: r, span: r.keySpan });
    }
  }
  for (const p of pod.ports) {
    list.push({ kind: 'port', port: p, span: { start: p.node.start, end: p.node.end }, field: 'item' });
    for (const e of p.node.entries) {
      const field = e.key === 'containerPort' || e.key === 'hostPort' || e.key === 'name' || e.key === 'protocol' || e.key === 'hostIP' ? e.key : undefined;
      if (!field) continue;
      list.push({ kind: 'port', port: p, span: e.keySpan, field });
      if (e.value.kind === 'scalar') list.push({ kind: 'port', port: p, span: { start: e.value.start, end: e.value.end }, field });
    }
  }
  for (const v of pod.volumes) {
    list.push({ kind: 'volume', volume: v, span: { start: v.node.start, end: v.node.end }, field: 'item' });
    const ne = entry(v.node, 'name');
    if (ne) list.push({ kind: 'volume', volume: v, span: ne.keySpan, field: 'name' });
    if (v.nameSpan) list.push({ kind: 'volume', volume: v, span: v.nameSpan, field: 'name' });
    if (v.sourceEntry && !v.sourceEntry.merged) list.push({ kind: 'volume', volume: v, span: v.sourceEntry.keySpan, field: 'source' });
    for (const r of v.nameRefs) list.push({ kind: 'volumeRef', ref: r, span: r.span });
  }
  for (const r of pod.volumeRefs) if (!r.volume) list.push({ kind: 'volumeRef', ref: r, span: r.span });
  for (const m of pod.mounts) {
    list.push({ kind: 'mount', mount: m, span: { start: m.node.start, end: m.node.end }, field: 'item' });
    for (const e of m.node.entries) {
      const field = e.key === 'name' || e.key === 'readOnly' || e.key === 'subPath' || e.key === 'mountPropagation'
        ? e.key
        : e.key === 'mountPath' || e.key === 'devicePath'
          ? 'mountPath'
          : e.key === 'subPathExpr'
            ? 'subPath'
            : undefined;
      if (!field) continue;
      list.push({ kind: 'mount', mount: m, span: e.keySpan, field });
      if (e.value.kind === 'scalar') list.push({ kind: 'mount', mount: m, span: { start: e.value.start, end: e.value.end }, field });
    }
  }
  for (const e of spec.entries) {
    if (e.merged) continue;
    switch (e.key) {
      case 'hostNetwork':
      case 'hostIPC':
      case 'hostPID':
      case 'shareProcessNamespace':
      case 'hostUsers':
      case 'hostname':
      case 'subdomain':
      case 'setHostnameAsFQDN':
        list.push({ kind: 'flag', flag: e.key, span: e.keySpan });
        if (e.value.kind === 'scalar') list.push({ kind: 'flag', flag: e.key, span: { start: e.value.start, end: e.value.end } });
        break;
      case 'containers':
      case 'initContainers':
      case 'volumes':
        list.push({ kind: 'list', list: e.key, span: e.keySpan });
        break;
    }
  }
  s.targets.set(pod, list);
  return list;
}

/** The most specific sharing target at a chunk-relative offset. */
export function targetAt(doc: ManifestDocument, rel: number): { pod: PodSharing; target: SharingTarget } | undefined {
  const pod = podAt(doc, rel);
  if (!pod) return undefined;
  let best: SharingTarget | undefined;
  for (const t of targetsOf(doc, pod)) {
    if (!within(t.span, rel)) continue;
    if (!best || t.span.end - t.span.start < best.span.end - best.span.start) best = t;
  }
  return best ? { pod, target: best } : undefined;
}

/** The document and Pod at a file offset. */
export function sharingAt(file: ManifestFile, offset: number): { placed: PlacedDocument; rel: number; pod: PodSharing | undefined } | undefined {
  const placed = documentAt(file, offset);
  if (!placed) return undefined;
  const rel = offset - placed.offset;
  return { placed, rel, pod: podAt(placed.doc, rel) };
}

export { computeSharing } from './compute';
export { sourceLabel, lifetimeSentence, lifetimeTag, alwaysReadOnly } from './volumes';
