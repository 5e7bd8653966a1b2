/**
 * What the API server does to an object on create after decoding and mutating admission:
 * the create handler and store (system metadata wiped and set, namespace, generated name,
 * duplicate owner references, resourceVersion), then the registry strategy's PrepareForCreate
 * (status reset, generation 1, QoS class, Job selector, the Pod mutations of 1.35, fields of
 * gates off by default dropped). Values only the running API server knows (uid, times) are
 * not invented: they are left out, or where a field must hold one (the Job selector, a
 * generated name) a placeholder is used and its path listed in `assigned`.
 */
import { childPath, indexPath, keyPath } from '../../diagnostics/finding';
import { arr, isObj, type Plain, type PlainObject } from '../../model/plain';
import { TEMPLATE_GENERATION, parseInt64, podSpecsOf } from './conversion';
import { dropDisabledNodeFields, dropDisabledPodSpecFields, dropDisabledStatefulSetFields } from './drop';
import { structAt, type Kind } from './kinds';
import { CONTAINER_LISTS, eachObject, objAt } from './podSpec';
import { podQOSClass } from './podResources';
import { canonicalJson, newObject, own, type Recorder } from './record';
import type { CreateOptions } from './types';

/** Stands for the uid the API server gives the object (a valid UID, so the labels stay valid). */
export const PLACEHOLDER_UID = '00000000-0000-0000-0000-000000000000';
/** Stands for the 5 random characters of a generated name (drawn from "bcdfghjklmnpqrstvwxz2456789"). */
export const GENERATED_NAME_SUFFIX = 'xxxxx';
/** Set by the API server on every create, with values only it knows; never part of the preview's object. */
export const SERVER_SET_METADATA = ['creationTimestamp', 'resourceVersion', 'uid'] as const;

const MAX_GENERATED_NAME_BASE = 58;
const UINT64_MAX = (1n << 64n) - 1n;
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const NAMESPACED: Record<Kind, boolean> = {
  Pod: true,
  Node: false,
  PodTemplate: true,
  ReplicationController: true,
  Deployment: true,
  StatefulSet: true,
  DaemonSet: true,
  ReplicaSet: true,
  Job: true,
  CronJob: true,
};

function ignored(rec: Recorder, field: string, message: string): void {
  rec.finding({ rule: 'create-ignored-field', field, severity: 'information', message });
}

function prepareMetadata(meta: PlainObject, kind: Kind, rec: Recorder, options: CreateOptions, assigned: string[]): void {
  // WipeObjectMetaSystemFields, then FillObjectMetaSystemFields (creationTimestamp, uid).
  for (const key of ['creationTimestamp', 'uid', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) {
    if (!own(meta, key)) continue;
    delete meta[key];
    const set = key === 'creationTimestamp' || key === 'uid';
    ignored(rec, `metadata.${key}`, set ? `the API server sets metadata.${key} itself on create; the value given is ignored` : `the API server clears metadata.${key} on create`);
  }
  if (own(meta, 'resourceVersion')) {
    const rv = meta.resourceVersion;
    delete meta.resourceVersion;
    const n = typeof rv === 'string' && /^[0-9]+$/.test(rv) ? BigInt(rv) : undefined;
    if (n !== undefined && n !== 0n && n <= UINT64_MAX) {
      rec.finding({ rule: 'create-resource-version', field: 'metadata.resourceVersion', severity: 'error', message: 'resourceVersion should not be set on objects to be created' });
    } else if (rv !== '') {
      ignored(rec, 'metadata.resourceVersion', 'the API server sets metadata.resourceVersion itself on create; the value given is ignored');
    }
  }

  if (NAMESPACED[kind]) {
    if (!own(meta, 'namespace')) rec.fill(meta, 'namespace', options.namespace ?? 'default', 'metadata.namespace', 'create');
  } else if (own(meta, 'namespace')) {
    delete meta.namespace;
    ignored(rec, 'metadata.namespace', `${kind} is cluster-scoped: the API server clears metadata.namespace`);
  }

  const refs = meta.ownerReferences;
  if (Array.isArray(refs)) {
    // dedupOwnerReferences: a reference equal to one kept before (same uid) is dropped.
    const kept: Plain[] = [];
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const ref of refs) {
      const key = canonicalJson(ref);
      if (seen.has(key)) {
        const uid = isObj(ref) ? ref.uid : undefined;
        duplicates.push(typeof uid === 'string' ? uid : String(uid));
        continue;
      }
      seen.add(key);
      kept.push(ref);
    }
    if (duplicates.length > 0) {
      meta.ownerReferences = kept;
      rec.finding({
        rule: 'duplicate-owner-reference',
        field: 'metadata.ownerReferences',
        severity: 'warning',
        message: `.metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ${duplicates.join(', ')}`,
      });
    }
  }

  const generateName = meta.generateName;
  if (!own(meta, 'name') && typeof generateName === 'string' && generateName !== '') {
    rec.fill(meta, 'name', generateName.slice(0, MAX_GENERATED_NAME_BASE) + GENERATED_NAME_SUFFIX, 'metadata.name', 'create');
    assigned.push('metadata.name');
  }
}

function resetStatus(o: PlainObject, kind: Kind, status: PlainObject, rec: Recorder): void {
  const given = o.status;
  if (given !== undefined && !(isObj(given) && Object.keys(given).length === 0)) {
    ignored(rec, 'status', `the API server ignores status when a ${kind} is created; ${kind === 'Pod' ? 'the scheduler and the kubelet write it' : 'its controller writes it'}`);
  }
  o.status = status;
  rec.note('status', status, 'create');
}

/** PrepareForCreate of each kind's registry strategy, and what the create handler does before it. */
export function prepareObject(o: PlainObject, kind: Kind, rec: Recorder, options: CreateOptions, assigned: string[]): void {
  const meta = structAt(o, ['metadata'], rec)?.o;
  if (meta) prepareMetadata(meta, kind, rec, options, assigned);
  const setGeneration = () => {
    if (meta) rec.put(meta, 'generation', 1, 'metadata.generation', 'create');
  };

  switch (kind) {
    case 'Node':
      dropDisabledNodeFields(o, rec);
      return;
    case 'Pod': {
      setGeneration();
      const spec = objAt(o, 'spec');
      const status = newObject();
      status.phase = 'Pending';
      // Stored only: nothing after PrepareForCreate (PodSecurity) reads the QoS class.
      if (!rec.findingsOnly) status.qosClass = podQOSClass(spec);
      resetStatus(o, kind, status, rec);
      if (!spec) return;
      dropDisabledPodSpecFields(spec, 'spec', rec);
      applySchedulingGatedCondition(spec, status, rec, assigned);
      mutateAffinityTerms(spec, objAt(meta, 'labels'), rec);
      mutateTopologySpread(spec, objAt(meta, 'labels'), rec);
      applyAppArmorVersionSkew(spec, objAt(meta, 'annotations'), rec);
      return;
    }
    case 'PodTemplate':
      setGeneration();
      break;
    default:
      resetStatus(o, kind, newObject(), rec);
      setGeneration();
  }
  if (kind === 'StatefulSet') dropDisabledStatefulSetFields(o, rec);
  if (kind === 'DaemonSet' && meta) prepareTemplateGeneration(meta, rec);
  if (kind === 'Job') generateJobSelector(o, meta, rec, assigned);
  for (const { spec, path } of podSpecsOf(o, kind, rec)) dropDisabledPodSpecFields(spec, path, rec);
}

/**
 * The DaemonSet's templateGeneration lives in an annotation in apps/v1; PrepareForCreate
 * raises it to at least 1, and it is written back as a plain integer.
 */
function prepareTemplateGeneration(meta: PlainObject, rec: Recorder): void {
  const annotations = rec.object(meta, 'annotations', 'metadata.annotations', 'create');
  if (!annotations) return;
  const v = annotations[TEMPLATE_GENERATION];
  let generation = 0n;
  if (v !== undefined) {
    const r = typeof v === 'string' ? parseInt64(v) : undefined;
    if (!r || 'error' in r) return; // conversion rejects the object
    generation = r.value;
  }
  if (generation < 1n) generation = 1n;
  rec.put(annotations, TEMPLATE_GENERATION, generation.toString(), keyPath('metadata.annotations', TEMPLATE_GENERATION), 'create');
}

/** generateSelector: the job-name and controller-uid labels, and a selector on the uid. */
function generateJobSelector(o: PlainObject, meta: PlainObject | undefined, rec: Recorder, assigned: string[]): void {
  const spec = objAt(o, 'spec');
  if (!spec || spec.manualSelector === true) return;
  const template = structAt(spec, ['template', 'metadata'], rec, true, 'spec');
  if (!template) return;
  const labelsPath = childPath(template.path, 'labels');
  const labels = rec.object(template.o, 'labels', labelsPath, 'create');
  if (!labels) return;
  const name = typeof meta?.name === 'string' ? meta.name : '';
  const generatedName = assigned.includes('metadata.name');
  for (const key of ['job-name', 'batch.kubernetes.io/job-name']) {
    if (rec.fill(labels, key, name, keyPath(labelsPath, key), 'create') && generatedName) assigned.push(keyPath(labelsPath, key));
  }
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) {
    if (rec.fill(labels, key, PLACEHOLDER_UID, keyPath(labelsPath, key), 'create')) assigned.push(keyPath(labelsPath, key));
  }
  const selector = rec.object(spec, 'selector', 'spec.selector', 'create');
  const matchLabels = selector && rec.object(selector, 'matchLabels', 'spec.selector.matchLabels', 'create');
  const key = 'batch.kubernetes.io/controller-uid';
  if (matchLabels && rec.fill(matchLabels, key, PLACEHOLDER_UID, keyPath('spec.selector.matchLabels', key), 'create')) {
    assigned.push(keyPath('spec.selector.matchLabels', key));
  }
}

/** applySchedulingGatedCondition: a gated Pod starts with PodScheduled=False, reason SchedulingGated. */
function applySchedulingGatedCondition(spec: PlainObject, status: PlainObject, rec: Recorder, assigned: string[]): void {
  if (arr(spec.schedulingGates).length === 0) return;
  const condition = newObject();
  condition.type = 'PodScheduled';
  condition.status = 'False';
  condition.reason = 'SchedulingGated';
  condition.message = 'Scheduling is blocked due to non-empty scheduling gates';
  status.conditions = [condition];
  rec.note('status.conditions[0]', condition, 'create');
  assigned.push('status.conditions[0].lastTransitionTime');
}

function requirement(key: string, operator: 'In' | 'NotIn', value: string): PlainObject {
  const r = newObject();
  r.key = key;
  r.operator = operator;
  r.values = [value];
  return r;
}

/** Merges matchLabelKeys (In) and mismatchLabelKeys (NotIn) with the Pod's own label values into a term's selector. */
function mergeLabelKeys(holder: PlainObject, path: string, labels: PlainObject | undefined, rec: Recorder, mismatch: boolean): void {
  const match = arr(holder.matchLabelKeys);
  const mis = mismatch ? arr(holder.mismatchLabelKeys) : [];
  const selector = objAt(holder, 'labelSelector');
  if ((match.length === 0 && mis.length === 0) || !selector || !labels) return;
  if (own(selector, 'matchExpressions') && !Array.isArray(selector.matchExpressions)) return;
  const list = [...arr(selector.matchExpressions)];
  const base = list.length;
  for (const [keys, op] of [
    [match, 'In'],
    [mis, 'NotIn'],
  ] as const) {
    for (const key of keys) {
      if (typeof key !== 'string' || !own(labels, key)) continue;
      const value = labels[key];
      if (typeof value === 'string') list.push(requirement(key, op, value));
    }
  }
  if (list.length === base) return;
  selector.matchExpressions = list;
  const at = childPath(childPath(path, 'labelSelector'), 'matchExpressions');
  for (let i = base; i < list.length; i++) rec.note(indexPath(at, i), list[i], 'create');
}

/** mutatePodAffinity (MatchLabelKeysInPodAffinity, GA in 1.33). */
function mutateAffinityTerms(spec: PlainObject, labels: PlainObject | undefined, rec: Recorder): void {
  const affinity = objAt(spec, 'affinity');
  if (!affinity) return;
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = objAt(affinity, kind);
    if (!a) continue;
    const p = `spec.affinity.${kind}`;
    eachObject(a, 'preferredDuringSchedulingIgnoredDuringExecution', p, (w, wp) => {
      const term = objAt(w, 'podAffinityTerm');
      if (term) mergeLabelKeys(term, childPath(wp, 'podAffinityTerm'), labels, rec, true);
    });
    eachObject(a, 'requiredDuringSchedulingIgnoredDuringExecution', p, (term, tp) => mergeLabelKeys(term, tp, labels, rec, true));
  }
}

/** mutateTopologySpreadConstraints (MatchLabelKeysInPodTopologySpread and its selector merge, both on in 1.35). */
function mutateTopologySpread(spec: PlainObject, labels: PlainObject | undefined, rec: Recorder): void {
  eachObject(spec, 'topologySpreadConstraints', 'spec', (c, p) => mergeLabelKeys(c, p, labels, rec, false));
}

function appArmorProfileFor(annotation: string): PlainObject | undefined {
  const profile = newObject();
  if (annotation === 'unconfined') profile.type = 'Unconfined';
  else if (annotation === 'runtime/default') profile.type = 'RuntimeDefault';
  else if (annotation.startsWith('localhost/') && annotation.length > 'localhost/'.length) {
    const name = annotation.slice('localhost/'.length);
    // ValidateAppArmorProfileField: no padding, at most PATH_MAX-1 bytes.
    if (name.trim() !== name || new TextEncoder().encode(name).length > 4095) return undefined;
    profile.type = 'Localhost';
    profile.localhostProfile = name;
  } else return undefined;
  return profile;
}

function sameProfile(a: PlainObject, b: PlainObject | undefined): boolean {
  return !!b && a.type === b.type && (a.localhostProfile ?? undefined) === (b.localhostProfile ?? undefined);
}

/** applyAppArmorVersionSkew: the deprecated per-container annotations become securityContext fields. */
function applyAppArmorVersionSkew(spec: PlainObject, annotations: PlainObject | undefined, rec: Recorder): void {
  if (!annotations || objAt(spec, 'os')?.name === 'windows') return;
  const podProfile = objAt(objAt(spec, 'securityContext'), 'appArmorProfile');
  for (const list of CONTAINER_LISTS) {
    eachObject(spec, list, 'spec', (c, p) => {
      if (typeof c.name !== 'string') return;
      const key = APPARMOR_ANNOTATION_PREFIX + c.name;
      const value = annotations[key];
      if (!own(annotations, key) || own(objAt(c, 'securityContext') ?? newObject(), 'appArmorProfile')) return;
      const profile = typeof value === 'string' ? appArmorProfileFor(value) : undefined;
      let warn = profile === undefined;
      if (profile && !sameProfile(profile, podProfile)) {
        const sc = rec.object(c, 'securityContext', childPath(p, 'securityContext'), 'create');
        if (sc) rec.fill(sc, 'appArmorProfile', profile, childPath(childPath(p, 'securityContext'), 'appArmorProfile'), 'create');
        warn = true;
      }
      if (warn) {
        const field = keyPath('metadata.annotations', key);
        rec.finding({ rule: 'deprecated-apparmor-annotation', field, severity: 'warning', message: `${field}: deprecated since v1.30; use the "appArmorProfile" field instead` });
      }
    });
  }
}
