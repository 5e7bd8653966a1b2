/**
 * Finds the objects the simulation reads in parsed manifest files: Nodes, Pods, workloads,
 * and the cluster objects that change how Pods are admitted, spread or bound to storage
 * (PriorityClass, RuntimeClass, Service, Namespace; PersistentVolumeClaim, PersistentVolume,
 * StorageClass, CSINode). Reads each document's tree directly (List and NodeList
 * items included), so kinds the validator does not know need no detection of their own.
 * Per-document results are cached on the document (its text is its identity).
 */
import type { Range } from 'vscode-languageserver-types';
import type { ManifestFile, ManifestDocument } from '../parse/manifests';
import type { KNode } from '../parse/tree';
import { child } from '../parse/tree';
import { isObj, newObject, str, toPlain, type PlainObject } from '../model/plain';
import type { SourceLocation } from './types';

export type ObjectKind =
  | 'Node'
  | 'Pod'
  | 'Deployment'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'PriorityClass'
  | 'RuntimeClass'
  | 'Service'
  | 'Namespace'
  | 'PersistentVolumeClaim'
  | 'PersistentVolume'
  | 'StorageClass'
  | 'CSINode';

const KINDS: Record<string, ObjectKind> = {
  'v1/Node': 'Node',
  'v1/Pod': 'Pod',
  'v1/ReplicationController': 'ReplicationController',
  'v1/Service': 'Service',
  'v1/Namespace': 'Namespace',
  'v1/PersistentVolumeClaim': 'PersistentVolumeClaim',
  'v1/PersistentVolume': 'PersistentVolume',
  'storage.k8s.io/v1/StorageClass': 'StorageClass',
  'storage.k8s.io/v1/CSINode': 'CSINode',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/ReplicaSet': 'ReplicaSet',
  'apps/v1/StatefulSet': 'StatefulSet',
  'apps/v1/DaemonSet': 'DaemonSet',
  'batch/v1/Job': 'Job',
  'batch/v1/CronJob': 'CronJob',
};

function kindOf(apiVersion: string, kind: string): ObjectKind | undefined {
  const k = KINDS[`${apiVersion}/${kind}`];
  if (k) return k;
  // PriorityClass and RuntimeClass have had several versions with the fields we read.
  if (kind === 'PriorityClass' && /^scheduling\.k8s\.io\/v1(beta1|alpha1)?$/.test(apiVersion)) return 'PriorityClass';
  if (kind === 'RuntimeClass' && /^node\.k8s\.io\/v1(beta1)?$/.test(apiVersion)) return 'RuntimeClass';
  return undefined;
}

interface CachedObject {
  kind: ObjectKind;
  value: PlainObject;
  /** Span relative to the document chunk. */
  start: number;
  end: number;
}

export interface FoundObject {
  kind: ObjectKind;
  value: PlainObject;
  source: SourceLocation;
  /** Workspace order: file order, then document and item order. */
  order: number;
}

const CACHE_KEY = 'scheduler.objects';

function objectOf(n: KNode | undefined, out: CachedObject[]): void {
  if (!n || n.kind !== 'map') return;
  const apiVersion = scalarString(child(n, 'apiVersion'));
  const kind = scalarString(child(n, 'kind'));
  if (apiVersion === undefined || kind === undefined) return;
  const k = kindOf(apiVersion, kind);
  if (!k) return;
  const value = toPlain(n);
  if (isObj(value)) out.push({ kind: k, value, start: n.start, end: n.end });
}

function scalarString(n: KNode | undefined): string | undefined {
  return n && n.kind === 'scalar' && n.v.type === 'string' ? n.v.value : undefined;
}

function objectsOfDocument(doc: ManifestDocument): CachedObject[] {
  const cached = doc.cache.get(CACHE_KEY) as CachedObject[] | undefined;
  if (cached) return cached;
  const out: CachedObject[] = [];
  const root = doc.root;
  if (root && root.kind === 'map' && !doc.templated) {
    const kind = scalarString(child(root, 'kind'));
    const items = child(root, 'items');
    if (kind !== undefined && /List$/.test(kind) && items && items.kind === 'seq') {
      for (const it of items.items) objectOf(it, out);
    } else objectOf(root, out);
  }
  doc.cache.set(CACHE_KEY, out);
  return out;
}

/** Every object of interest, in workspace order. */
export function findObjects(files: readonly ManifestFile[]): FoundObject[] {
  const out: FoundObject[] = [];
  let order = 0;
  for (const file of files) {
    if (file.tooLarge) continue;
    for (const placed of file.documents) {
      for (const o of objectsOfDocument(placed.doc)) {
        let end = placed.offset + o.end;
        const start = placed.offset + o.start;
        // The map's span runs to the next document; the reveal range stops at its last character.
        while (end > start && /\s/.test(file.text[end - 1])) end--;
        const range: Range = file.lines.range(start, end);
        out.push({ kind: o.kind, value: o.value, source: { uri: file.uri, range }, order: order++ });
      }
    }
  }
  return out;
}

export function metadataOf(o: PlainObject): PlainObject {
  return isObj(o.metadata) ? o.metadata : newObject();
}

export function nameOf(o: PlainObject): string | undefined {
  return str(metadataOf(o).name);
}
