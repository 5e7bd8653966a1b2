/**
 * What a Service or a NetworkPolicy reads of a Pod (or of the Pods a workload's controller
 * creates from its template): the namespace, the labels, and the ports its containers declare.
 * Read once per document and cached with it (an edit elsewhere costs nothing), as plain data
 * that can also travel between threads (the CLI's check shares them).
 */
import type { ManifestDocument, K8sObject } from '../parse/manifests';
import type { Span } from '../parse/tree';
import { podSpecOf } from '../model/podSpecs';
import { int, objs, obj, str, stringMap, toPlain, type PlainObject } from '../model/plain';

export interface PortFact {
  /** The container that declares it. */
  container: string;
  name?: string;
  containerPort?: number;
  /** As written, defaulted to TCP (the API server's default). */
  protocol: string;
}

export interface PodFacts {
  /** `Pod`, or the workload kind whose template this is. */
  kind: string;
  /** The object's name ('' when it has none). */
  name: string;
  /** Namespace the Pods live in (the object's, else `default`). */
  namespace: string;
  labels: Record<string, string>;
  /**
   * Ports that a Service's named targetPort can resolve to, in upstream's search order
   * (FindPort): the app containers' first, then those of sidecars (init containers with
   * `restartPolicy: Always`). Plain init containers are not searched.
   */
  ports: PortFact[];
  /** Ports of plain init containers (they listen only before the app starts). */
  initPorts: PortFact[];
}

/** A Pod or template of a document, with where it is written. */
export interface PodEntry {
  facts: PodFacts;
  /** The object in its document. */
  object: K8sObject;
  /** The Pod's or template's `metadata` key, else the object's first key (document-relative). */
  span: Span;
  /** Upstream path of the labels (`metadata.labels`, `spec.template.metadata.labels`). */
  labelsPath: string;
}

const CACHE_KEY = 'reach.pods';
const NONE: readonly PodEntry[] = Object.freeze([]);

function portsOf(containers: PlainObject[], out: PortFact[]): void {
  for (const c of containers) {
    const container = str(c.name) ?? '';
    for (const p of objs(c.ports)) {
      const f: PortFact = { container, protocol: str(p.protocol) || 'TCP' };
      const name = str(p.name);
      if (name) f.name = name;
      const n = int(p.containerPort);
      if (n !== undefined) f.containerPort = n;
      out.push(f);
    }
  }
}

/** Facts of a Pod from its plain metadata and spec (a template's, or a Pod's). */
export function podFactsOf(kind: string, name: string, namespace: string, metadata: unknown, spec: unknown): PodFacts {
  const s = obj(spec);
  const ports: PortFact[] = [];
  const initPorts: PortFact[] = [];
  if (s) {
    portsOf(objs(s.containers), ports);
    const inits = objs(s.initContainers);
    portsOf(inits.filter((c) => c.restartPolicy === 'Always'), ports);
    portsOf(inits.filter((c) => c.restartPolicy !== 'Always'), initPorts);
  }
  return { kind, name, namespace: namespace || 'default', labels: stringMap(obj(metadata)?.labels), ports, initPorts };
}

function entryOf(object: K8sObject): PodEntry | undefined {
  const site = podSpecOf(object);
  if (!site) return undefined;
  // Only what is read: labels and the container lists, not the whole spec.
  const spec = Object.create(null) as PlainObject;
  for (const key of ['containers', 'initContainers']) {
    const e = site.spec.entries.find((x) => x.key === key);
    if (e) spec[key] = toPlain(e.value) ?? null;
  }
  const labels = site.metadata?.entries.find((x) => x.key === 'labels');
  const metadata = Object.create(null) as PlainObject;
  if (labels) metadata.labels = toPlain(labels.value) ?? null;
  const facts = podFactsOf(object.kind, object.name ?? '', object.namespace ?? '', metadata, spec);
  const metaEntry = site.metadata ? findEntryOf(object, site.metadataPath) : undefined;
  const span = metaEntry ?? object.node.entries[0]?.keySpan ?? object.node;
  return { facts, object, span: { start: span.start, end: span.end }, labelsPath: `${site.metadataPath}.labels` };
}

/** The key span of the entry at a dotted path of plain keys (`spec.template.metadata`). */
function findEntryOf(object: K8sObject, path: string): Span | undefined {
  let node = object.node;
  let span: Span | undefined;
  for (const key of path.split('.')) {
    const e = node.entries.find((x) => x.key === key);
    if (!e) return undefined;
    span = e.keySpan;
    if (e.value.kind !== 'map') return span;
    node = e.value;
  }
  return span;
}

/** The Pods and Pod templates of a document (cached with it). */
export function podEntriesOf(doc: ManifestDocument): readonly PodEntry[] {
  const cached = doc.cache.get(CACHE_KEY) as readonly PodEntry[] | undefined;
  if (cached) return cached;
  let out: readonly PodEntry[] = NONE;
  if (!doc.templated && doc.objects.length) {
    const list: PodEntry[] = [];
    for (const o of doc.objects) {
      const e = entryOf(o);
      if (e) list.push(e);
    }
    if (list.length) out = list;
  }
  doc.cache.set(CACHE_KEY, out);
  return out;
}

/**
 * A text that changes exactly when what Services and NetworkPolicies read of a document's Pods
 * changes (not when an image or a resource request does).
 */
export function factsSignature(entries: readonly PodEntry[]): string {
  return entries.length ? JSON.stringify(entries.map((e) => e.facts)) : '';
}
