/**
 * Defaulting of a PodSpec wherever it occurs (a Pod, or the template of a workload): what
 * core/v1's generated defaulter runs on a PodSpec and its nested types — SetDefaults_PodSpec,
 * SetDefaults_Volume and the volume sources, SetDefaults_Container, probes, HTTP handlers,
 * ports, env sources — plus the declarative defaults (+default tags) of k8s.io/api v0.35.
 * Fields are tested for absence only: decoding (goJson.ts) already turned zero values of
 * non-pointer fields into absence, as the Go defaulters test for the zero value.
 */
import { childPath, indexPath } from '../../diagnostics/finding';
import { isObj, type PlainObject } from '../../model/plain';
import { fieldsOfClass } from './goFields';
import { defaultPullPolicy } from './imageRef';
import { newObject, own, type Recorder } from './record';

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Every object of a list field, with its index and path. */
export function eachObject(parent: unknown, key: string, path: string | undefined, fn: (o: PlainObject, p: string, i: number) => void): void {
  if (!isObj(parent)) return;
  const list = parent[key];
  if (!Array.isArray(list) || list.length === 0) return;
  // Without a path (nothing is listed), items get '' instead of a path string each.
  const base = path === undefined ? undefined : childPath(path, key);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (isObj(item)) fn(item, base === undefined ? '' : indexPath(base, i), i);
  }
}

/** The object at `key` of `parent`, when it is one. */
export function objAt(parent: unknown, key: string): PlainObject | undefined {
  if (!isObj(parent)) return undefined;
  const v = parent[key];
  return isObj(v) ? v : undefined;
}

const DEFAULT_MODE = 0o644;

/** The sources of core/v1 VolumeSource: the pointer fields of Volume (its name is the only other). */
const VOLUME_SOURCES = new Set(fieldsOfClass('V1Volume', 'p'));

/** Whether a volume names a source (its own keys are few: one source and its name, usually). */
function hasSource(v: PlainObject): boolean {
  for (const k in v) if (VOLUME_SOURCES.has(k)) return true;
  return false;
}

export function defaultPodSpec(spec: PlainObject, path: string, rec: Recorder): void {
  rec.fillIn(spec, 'dnsPolicy', 'ClusterFirst', path);
  rec.fillIn(spec, 'restartPolicy', 'Always', path);
  if (!own(spec, 'securityContext')) rec.fillIn(spec, 'securityContext', newObject(), path);
  rec.fillIn(spec, 'terminationGracePeriodSeconds', 30, path);
  rec.fillIn(spec, 'schedulerName', 'default-scheduler', path);
  eachObject(spec, 'volumes', path, (v, p) => defaultVolume(v, p, rec));
  // A container's defaults (pull policy, termination message, port protocol, probe timings,
  // handler path and scheme, field reference versions) are read by no admission plugin, by
  // PrepareForCreate or by PodSecurity: only the stored object shows them.
  if (rec.findingsOnly) return;
  for (const list of CONTAINER_LISTS) eachObject(spec, list, path, (c, p) => defaultContainer(c, p, rec));
}

const SOURCE_DEFAULTS: ReadonlyArray<[string, ReadonlyArray<[string, string | boolean]>]> = [
  ['iscsi', [['iscsiInterface', 'default']]],
  ['rbd', [['pool', 'rbd'], ['user', 'admin'], ['keyring', '/etc/ceph/keyring']]],
  ['azureDisk', [['cachingMode', 'ReadWrite'], ['fsType', 'ext4'], ['readOnly', false], ['kind', 'Shared']]],
  ['scaleIO', [['storageMode', 'ThinProvisioned'], ['fsType', 'xfs']]],
];

function defaultVolume(v: PlainObject, path: string, rec: Recorder): void {
  const at = (k: string) => childPath(path, k);
  if (!hasSource(v)) rec.fill(v, 'emptyDir', newObject(), at('emptyDir'));

  const image = objAt(v, 'image');
  if (image) rec.fill(image, 'pullPolicy', defaultPullPolicy(image.reference), childPath(at('image'), 'pullPolicy'));
  const hostPath = objAt(v, 'hostPath');
  if (hostPath) rec.fill(hostPath, 'type', '', childPath(at('hostPath'), 'type'));
  for (const source of ['secret', 'configMap'] as const) {
    const s = objAt(v, source);
    if (s) rec.fill(s, 'defaultMode', DEFAULT_MODE, childPath(at(source), 'defaultMode'));
  }
  const downwardAPI = objAt(v, 'downwardAPI');
  if (downwardAPI) {
    rec.fill(downwardAPI, 'defaultMode', DEFAULT_MODE, childPath(at('downwardAPI'), 'defaultMode'));
    defaultFieldRefs(downwardAPI, at('downwardAPI'), rec);
  }
  const projected = objAt(v, 'projected');
  if (projected) {
    rec.fill(projected, 'defaultMode', DEFAULT_MODE, childPath(at('projected'), 'defaultMode'));
    eachObject(projected, 'sources', at('projected'), (s, p) => {
      const dapi = objAt(s, 'downwardAPI');
      if (dapi) defaultFieldRefs(dapi, childPath(p, 'downwardAPI'), rec);
      const token = objAt(s, 'serviceAccountToken');
      if (token) rec.fill(token, 'expirationSeconds', 3600, childPath(childPath(p, 'serviceAccountToken'), 'expirationSeconds'));
    });
  }
  for (const [source, defaults] of SOURCE_DEFAULTS) {
    const s = objAt(v, source);
    if (s) for (const [k, value] of defaults) rec.fill(s, k, value, childPath(at(source), k));
  }
  const claim = objAt(objAt(v, 'ephemeral'), 'volumeClaimTemplate');
  if (claim) {
    const p = childPath(at('ephemeral'), 'volumeClaimTemplate');
    const spec = rec.object(claim, 'spec', childPath(p, 'spec'), 'zero');
    if (spec) defaultClaimSpec(spec, childPath(p, 'spec'), rec);
  }
}

/** SetDefaults_PersistentVolumeClaimSpec. */
export function defaultClaimSpec(spec: PlainObject, path: string, rec: Recorder): void {
  rec.fill(spec, 'volumeMode', 'Filesystem', childPath(path, 'volumeMode'));
}

function defaultFieldRefs(source: PlainObject, path: string, rec: Recorder): void {
  eachObject(source, 'items', path, (item, p) => {
    const ref = objAt(item, 'fieldRef');
    if (ref) rec.fill(ref, 'apiVersion', 'v1', childPath(childPath(p, 'fieldRef'), 'apiVersion'));
  });
}

function defaultContainer(c: PlainObject, path: string, rec: Recorder): void {
  // Paths only when changes are listed: defaulting runs for every container of a Pod.
  const listing = rec.listing;
  const at = (k: string): string => (listing ? childPath(path, k) : '');
  rec.fill(c, 'imagePullPolicy', defaultPullPolicy(c.image), at('imagePullPolicy'));
  rec.fill(c, 'terminationMessagePath', '/dev/termination-log', at('terminationMessagePath'));
  rec.fill(c, 'terminationMessagePolicy', 'File', at('terminationMessagePolicy'));
  eachObject(c, 'ports', listing ? path : undefined, (port, p) => rec.fill(port, 'protocol', 'TCP', listing ? childPath(p, 'protocol') : ''));
  eachObject(c, 'env', listing ? path : undefined, (env, p) => {
    const from = objAt(env, 'valueFrom');
    const vp = childPath(p, 'valueFrom');
    const fieldRef = objAt(from, 'fieldRef');
    if (fieldRef) rec.fill(fieldRef, 'apiVersion', 'v1', childPath(childPath(vp, 'fieldRef'), 'apiVersion'));
    const fileKeyRef = objAt(from, 'fileKeyRef');
    if (fileKeyRef) rec.fill(fileKeyRef, 'optional', false, childPath(childPath(vp, 'fileKeyRef'), 'optional'));
  });
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = objAt(c, kind);
    if (!probe) continue;
    const pp = at(kind);
    rec.fill(probe, 'timeoutSeconds', 1, childPath(pp, 'timeoutSeconds'));
    rec.fill(probe, 'periodSeconds', 10, childPath(pp, 'periodSeconds'));
    rec.fill(probe, 'successThreshold', 1, childPath(pp, 'successThreshold'));
    rec.fill(probe, 'failureThreshold', 3, childPath(pp, 'failureThreshold'));
    defaultHttpGet(probe, pp, rec);
    const grpc = objAt(probe, 'grpc');
    if (grpc) rec.fill(grpc, 'service', '', childPath(childPath(pp, 'grpc'), 'service'));
  }
  const lifecycle = objAt(c, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) {
    const handler = objAt(lifecycle, hook);
    if (handler) defaultHttpGet(handler, childPath(at('lifecycle'), hook), rec);
  }
}

function defaultHttpGet(handler: PlainObject, path: string, rec: Recorder): void {
  const get = objAt(handler, 'httpGet');
  if (!get) return;
  const p = childPath(path, 'httpGet');
  rec.fill(get, 'path', '/', childPath(p, 'path'));
  rec.fill(get, 'scheme', 'HTTP', childPath(p, 'scheme'));
}
