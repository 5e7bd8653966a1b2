/**
 * A small in-memory `DeclaredObjects` (tests, the CLI before the workspace model exists) and
 * the scope of built-in kinds. The lead's workspace model implements the same interface.
 */
import { isObj, obj, str, type PlainObject } from '../../model/plain';
import type { DeclaredObject, DeclaredObjects } from './types';

/** Cluster-scoped built-in kinds; every other kind lives in a namespace. */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterTrustBundle',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'DeviceClass',
  'FlowSchema',
  'IngressClass',
  'IPAddress',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'ResourceSlice',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'ServiceCIDR',
  'StorageClass',
  'StorageVersionMigration',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Namespaces every cluster has (kube-apiserver creates them). */
export const BUILTIN_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface DeclaredInput {
  value: PlainObject;
  uri?: string;
}

export interface DeclaredOptions {
  /** The user declared the workspace to be the whole cluster. */
  complete?: boolean;
  /** Namespace of namespaced objects that name none (kubectl's context namespace). */
  defaultNamespace?: string;
}

/**
 * Indexes plain objects by kind and namespace (cluster-scoped kinds under ''). Objects without
 * a kind or a string name are skipped; the first of two objects with the same name comes first.
 */
export function declaredObjects(input: ReadonlyArray<PlainObject | DeclaredInput>, opts: DeclaredOptions = {}): DeclaredObjects {
  // By kind, then namespace: lookups (several per object created) build no key text.
  const byKind = new Map<string, Map<string, DeclaredObject[]>>();
  const defaultNamespace = opts.defaultNamespace ?? 'default';
  for (const item of input) {
    const { value, uri } = isDeclaredInput(item) ? item : { value: item, uri: undefined };
    const kind = str(value.kind);
    const meta = obj(value.metadata);
    const name = str(meta?.name);
    if (!kind || name === undefined) continue;
    const namespace = isClusterScoped(kind) ? '' : (str(meta?.namespace) || defaultNamespace);
    let namespaces = byKind.get(kind);
    if (!namespaces) byKind.set(kind, (namespaces = new Map()));
    let list = namespaces.get(namespace);
    if (!list) namespaces.set(namespace, (list = []));
    list.push({ name, value, uri: uri ?? '' });
  }
  const complete = opts.complete === true;
  const NONE: DeclaredObject[] = [];
  return {
    complete,
    get: (kind, namespace) => byKind.get(kind)?.get(namespace) ?? NONE,
    closed: (kind, namespace) => complete || (byKind.get(kind)?.get(namespace)?.length ?? 0) > 0,
  };
}

function isDeclaredInput(x: PlainObject | DeclaredInput): x is DeclaredInput {
  // A manifest has a string kind; a wrapper has an object value and no kind.
  return typeof (x as PlainObject).kind !== 'string' && isObj(x.value) && (x.uri === undefined || typeof x.uri === 'string');
}


// Name indexes of the lists `get` returns, so that looking up every Pod's references stays
// linear when a namespace declares thousands of objects (implementations that return the same
// array for the same kind and namespace benefit; others are still correct).
const byName = new WeakMap<readonly DeclaredObject[], Map<string, DeclaredObject>>();

/** The first declared object of a kind with that name. */
export function findDeclared(declared: DeclaredObjects, kind: string, namespace: string, name: string): DeclaredObject | undefined {
  const list = declared.get(kind, namespace);
  if (list.length < 8) {
    for (const d of list) if (d.name === name) return d;
    return undefined;
  }
  let index = byName.get(list);
  if (!index) {
    index = new Map();
    for (const d of list) if (!index.has(d.name)) index.set(d.name, d);
    byName.set(list, index);
  }
  return index.get(name);
}
