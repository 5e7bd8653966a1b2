/**
 * The references a document's Pods and Pod templates make to other objects, read once per
 * document (cached with it) from the tree, with the span of each name and key as written:
 * ConfigMaps and Secrets (env `valueFrom`, `envFrom`, volumes and projected sources with their
 * `items[].key`), PersistentVolumeClaims (`persistentVolumeClaim.claimName`), image pull
 * Secrets, the ServiceAccount, PriorityClass and RuntimeClass a Pod names, and the Namespace of
 * every object. Names are looked up in the referrer's namespace: its `metadata.namespace`, or
 * "default" when it names none (what kubectl uses without a context namespace; a template's own
 * metadata.namespace is ignored, as controllers ignore it).
 */
import type { ManifestDocument, K8sObject } from '../parse/manifests';
import { child, type KMap, type KNode, type KScalar, type Span } from '../parse/tree';
import { podSpecOf, type PodSpecSite } from '../model/podSpecs';

export type RefKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount' | 'PriorityClass' | 'RuntimeClass' | 'Namespace';

/** Where a reference is written, which decides the words of its diagnostic. */
export type RefSite = 'env' | 'envFrom' | 'volume' | 'projected' | 'claim' | 'pullSecret' | 'serviceAccount' | 'priorityClass' | 'runtimeClass' | 'namespace';

export interface KeyRef {
  key: string;
  span: Span;
  /** Upstream path of the key field, relative to the object. */
  field: string;
}

/**
 * The path of one item of a list, `${prefix}${index}${suffix}`, joined only when a finding
 * needs it: a list of a million pull secrets held a million path strings otherwise.
 */
export interface ItemField {
  prefix: string;
  index: number;
  suffix: string;
}

export function fieldText(f: string | ItemField): string {
  return typeof f === 'string' ? f : `${f.prefix}${f.index}${f.suffix}`;
}

export interface Reference {
  kind: RefKind;
  name: string;
  /** The name scalar (chunk-relative). */
  span: Span;
  /** Upstream path of the name field, relative to the object (fieldText joins an item's). */
  field: string | ItemField;
  /** The namespace the name is looked up in ('' for cluster-scoped kinds). */
  namespace: string;
  optional: boolean;
  site: RefSite;
  keys: readonly KeyRef[];
  /** Index of the referring object in `doc.objects`. */
  object: number;
  /** The container (env, envFrom) or volume (volume, projected, claim) the reference is made for. */
  owner?: string;
  /** The workload kind when the reference is in a Pod template. */
  template?: string;
}

export const DEFAULT_NAMESPACE = 'default';
const CACHE_KEY = 'references';
const NONE: readonly Reference[] = Object.freeze([]);
/** The key list of the references that name no keys (shared: never written to). */
const NO_KEYS: readonly KeyRef[] = Object.freeze([]);
const CLUSTER_SCOPED_REFS = new Set<RefKind>(['PriorityClass', 'RuntimeClass', 'Namespace']);

export function isClusterScopedRef(kind: RefKind): boolean {
  return CLUSTER_SCOPED_REFS.has(kind);
}

function asMap(n: KNode | undefined): KMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

function items(n: KNode | undefined): KNode[] {
  return n && n.kind === 'seq' ? n.items : [];
}

/** A string scalar (names are strings; a number or a boolean is not a name the API takes). */
function stringScalar(n: KNode | undefined): KScalar | undefined {
  return n && n.kind === 'scalar' && n.v.type === 'string' ? n : undefined;
}

function isTrue(n: KNode | undefined): boolean {
  return !!n && n.kind === 'scalar' && n.v.type === 'bool' && n.v.value === true;
}

function scalarText(n: KNode | undefined): string | undefined {
  return stringScalar(n)?.v.value as string | undefined;
}

/** The namespace an object's references are looked up in. */
export function namespaceOf(o: K8sObject): string {
  return o.namespace || DEFAULT_NAMESPACE;
}

/** The references of a document, in document order (cached with the document). */
export function referencesOf(doc: ManifestDocument): readonly Reference[] {
  const cached = doc.cache.get(CACHE_KEY) as readonly Reference[] | undefined;
  if (cached) return cached;
  let out: readonly Reference[] = NONE;
  if (!doc.templated && doc.objects.length > 0) {
    const list: Reference[] = [];
    doc.objects.forEach((o, i) => collectObject(o, i, list));
    if (list.length) out = list;
  }
  doc.cache.set(CACHE_KEY, out);
  return out;
}

function collectObject(o: K8sObject, index: number, out: Reference[]): void {
  const ns = namespaceOf(o);
  const meta = asMap(child(o.node, 'metadata'));
  const nsNode = stringScalar(child(meta, 'namespace'));
  if (nsNode && nsNode.v.value) {
    out.push({ kind: 'Namespace', name: nsNode.v.value as string, span: nsNode, field: 'metadata.namespace', namespace: '', optional: false, site: 'namespace', keys: NO_KEYS, object: index });
  }
  const site = podSpecOf(o);
  if (!site) return;
  const template = o.kind === 'Pod' ? undefined : o.kind;
  const claimTemplates = o.kind === 'StatefulSet' ? claimTemplateNames(o.node) : undefined;
  collectSpec(site, ns, index, template, claimTemplates, out);
}

/** The names of a StatefulSet's volumeClaimTemplates: its own template's claims by those names are its controller's. */
function claimTemplateNames(node: KMap): Set<string> {
  const names = new Set<string>();
  for (const t of items(child(asMap(child(node, 'spec')), 'volumeClaimTemplates'))) {
    const n = scalarText(child(asMap(child(asMap(t), 'metadata')), 'name'));
    if (n !== undefined) names.add(n);
  }
  return names;
}

function collectSpec(site: PodSpecSite, ns: string, object: number, template: string | undefined, claimTemplates: Set<string> | undefined, out: Reference[]): void {
  const spec = site.spec;
  const base = site.path;
  // Each reference made once, in one shape (no spread copy of a literal per reference: a list
  // of a million pull secrets made two objects each), with one shared empty key list.
  const push = (r: Omit<Reference, 'object' | 'template' | 'namespace'> & { namespace?: string }): void => {
    out.push({ kind: r.kind, name: r.name, span: r.span, field: r.field, namespace: r.namespace ?? ns, optional: r.optional, site: r.site, keys: r.keys, object, owner: r.owner, template });
  };
  const named = (key: string, kind: RefKind, siteName: RefSite): void => {
    const n = stringScalar(child(spec, key));
    if (n && n.v.value) push({ kind, name: n.v.value as string, span: n, field: `${base}.${key}`, optional: false, site: siteName, keys: NO_KEYS, namespace: isClusterScopedRef(kind) ? '' : ns });
  };
  // v1 `serviceAccount` is the deprecated alias, read when serviceAccountName is empty.
  if (scalarText(child(spec, 'serviceAccountName'))) named('serviceAccountName', 'ServiceAccount', 'serviceAccount');
  else named('serviceAccount', 'ServiceAccount', 'serviceAccount');
  named('priorityClassName', 'PriorityClass', 'priorityClass');
  named('runtimeClassName', 'RuntimeClass', 'runtimeClass');

  const pullPrefix = `${base}.imagePullSecrets[`;
  items(child(spec, 'imagePullSecrets')).forEach((it, i) => {
    const n = stringScalar(child(asMap(it), 'name'));
    if (n && n.v.value) push({ kind: 'Secret', name: n.v.value as string, span: n, field: { prefix: pullPrefix, index: i, suffix: '].name' }, optional: false, site: 'pullSecret', keys: NO_KEYS });
  });

  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    items(child(spec, list)).forEach((c, ci) => {
      const cm = asMap(c);
      if (!cm) return;
      const cname = scalarText(child(cm, 'name')) ?? '';
      const cpath = `${base}.${list}[${ci}]`;
      items(child(cm, 'env')).forEach((e, ei) => {
        const from = asMap(child(asMap(e), 'valueFrom'));
        for (const [refKey, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
          const ref = asMap(child(from, refKey));
          if (!ref) continue;
          const n = stringScalar(child(ref, 'name'));
          if (!n || !n.v.value) continue;
          const field = `${cpath}.env[${ei}].valueFrom.${refKey}`;
          const k = stringScalar(child(ref, 'key'));
          const keys = k && k.v.value ? [{ key: k.v.value as string, span: { start: k.start, end: k.end }, field: `${field}.key` }] : [];
          push({ kind, name: n.v.value as string, span: n, field: `${field}.name`, optional: isTrue(child(ref, 'optional')), site: 'env', keys, owner: cname });
        }
      });
      const envFromPrefix = `${cpath}.envFrom[`;
      items(child(cm, 'envFrom')).forEach((e, ei) => {
        for (const [refKey, kind, suffix] of [['configMapRef', 'ConfigMap', '].configMapRef.name'], ['secretRef', 'Secret', '].secretRef.name']] as const) {
          const ref = asMap(child(asMap(e), refKey));
          const n = stringScalar(child(ref, 'name'));
          if (!ref || !n || !n.v.value) continue;
          push({ kind, name: n.v.value as string, span: n, field: { prefix: envFromPrefix, index: ei, suffix }, optional: isTrue(child(ref, 'optional')), site: 'envFrom', keys: NO_KEYS, owner: cname });
        }
      });
    });
  }

  items(child(spec, 'volumes')).forEach((v, vi) => {
    const vm = asMap(v);
    if (!vm) return;
    const vname = scalarText(child(vm, 'name')) ?? '';
    const vpath = `${base}.volumes[${vi}]`;
    const source = (holder: KMap | undefined, nameKey: string, kind: RefKind, path: string, siteName: RefSite): void => {
      const n = stringScalar(child(holder, nameKey));
      if (!holder || !n || !n.v.value) return;
      const keys: KeyRef[] = [];
      items(child(holder, 'items')).forEach((it, ii) => {
        const k = stringScalar(child(asMap(it), 'key'));
        if (k && k.v.value) keys.push({ key: k.v.value as string, span: { start: k.start, end: k.end }, field: `${path}.items[${ii}].key` });
      });
      push({ kind, name: n.v.value as string, span: n, field: `${path}.${nameKey}`, optional: isTrue(child(holder, 'optional')), site: siteName, keys, owner: vname });
    };
    source(asMap(child(vm, 'configMap')), 'name', 'ConfigMap', `${vpath}.configMap`, 'volume');
    source(asMap(child(vm, 'secret')), 'secretName', 'Secret', `${vpath}.secret`, 'volume');
    items(child(asMap(child(vm, 'projected')), 'sources')).forEach((s, si) => {
      const sm = asMap(s);
      source(asMap(child(sm, 'configMap')), 'name', 'ConfigMap', `${vpath}.projected.sources[${si}].configMap`, 'projected');
      source(asMap(child(sm, 'secret')), 'name', 'Secret', `${vpath}.projected.sources[${si}].secret`, 'projected');
    });
    const claim = asMap(child(vm, 'persistentVolumeClaim'));
    const cn = stringScalar(child(claim, 'claimName'));
    // A StatefulSet's template naming one of its own claim templates: its controller gives each
    // Pod the claim `<template>-<statefulset>-<ordinal>` in its place.
    if (cn && cn.v.value && !claimTemplates?.has(cn.v.value as string)) {
      push({ kind: 'PersistentVolumeClaim', name: cn.v.value as string, span: cn, field: `${vpath}.persistentVolumeClaim.claimName`, optional: false, site: 'claim', keys: NO_KEYS, owner: vname });
    }
  });
}
