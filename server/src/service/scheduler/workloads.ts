/**
 * Workloads expanded into the Pods their controllers would create.
 *
 * Names are deterministic (no clock, no randomness), shaped like the real ones:
 * - Deployment `web`: ReplicaSet `web-<hash>` (hash from the Pod template's text, like
 *   `pod-template-hash`), Pods `web-<hash>-<suffix>`;
 * - ReplicaSet / ReplicationController `web`: Pods `web-<suffix>`;
 * - StatefulSet `web`: Pods `web-0`, `web-1`, … (from `spec.ordinals.start`);
 * - Job `train`: `train-<suffix>` per parallel Pod (`train-<index>-<suffix>` when Indexed);
 * - DaemonSet `agent`: one Pod `agent-<suffix>` per eligible Node.
 * `<suffix>` is 5 characters of the controllers' alphabet derived from the owner and the
 * replica index (or Node name), so names are stable across runs and edits elsewhere.
 * CronJobs are not expanded (their Jobs exist only while a run is active).
 */
import type { SourceLocation, WorkloadRef } from './types';
import { EVERYTHING, labelSelector, matchNodeSelector, matches, nodeSelector, selectorFromSet, type Labels, type Selector } from './labels';
import { daemonSetTolerations, firstUntoleratedHardTaint, mergeTolerations, readTolerations, type Taint, type Toleration } from './tolerations';
import { bool, int, isObj, newObject, obj, objs, str, stringMap, type PlainObject } from '../model/plain';
import { nameSuffix, templateHash } from './random';
import type { FoundObject } from './objects';
import { metadataOf } from './objects';

export interface PodDraft {
  name?: string;
  generateName?: string;
  namespace: string;
  labels: Labels;
  spec: PlainObject;
  phase?: string;
  /** Read from a cluster (`metadata.uid` or `resourceVersion` set): it exists, it is not created again. */
  existing?: boolean;
  /** `status.nominatedNodeName`: the Node an earlier preemption nominated (bare Pods only). */
  nominatedNodeName?: string;
  source: SourceLocation;
  order: number;
  workload?: WorkloadRef;
  /** The controller's selector, for default topology spreading (RC/RS/StatefulSet owners). */
  ownerSelector?: Selector;
  /** `metadata.ownerReferences` controller of a bare Pod manifest. */
  ownerRef?: { kind: string; name: string };
  /** Present when the Pod comes from a DaemonSet (its Node). */
  daemonSetNode?: string;
  /** The claims a StatefulSet creates for this Pod, by volume name (from its volumeClaimTemplates). */
  claimTemplates?: ReadonlyMap<string, PlainObject>;
}

/** What DaemonSet expansion needs to know of a Node. */
export interface NodeFacts {
  name: string;
  labels: Labels;
  taints: Taint[];
}

export interface ExpandResult {
  /** How many Pods `pods()` makes. */
  count: number;
  /** The Pods, made one at a time as they are iterated (a workload may ask for 200,000). */
  pods(): Iterable<PodDraft>;
  /** Pods the controller would create (before the budget cut them to `count`). */
  wanted: number;
  /** A note when the workload yields no Pods or was capped. */
  note?: string;
}

const NO_PODS = { count: 0, pods: (): PodDraft[] => [] };

/** `count` Pods made by `make(k)` for k = 0 … count − 1 when iterated. */
function lazily(count: number, make: (k: number) => PodDraft): Pick<ExpandResult, 'count' | 'pods'> {
  return {
    count,
    *pods() {
      for (let k = 0; k < count; k++) yield make(k);
    },
  };
}

function replicasOf(spec: PlainObject, key: string, override: number | undefined): number {
  if (override !== undefined && Number.isInteger(override) && override >= 0) return override;
  const r = int(spec[key]);
  if (r === undefined) return 1;
  return Math.max(0, r);
}

function templateOf(spec: PlainObject): { labels: Labels; podSpec: PlainObject } | undefined {
  const t = obj(spec.template);
  const podSpec = t && obj(t.spec);
  if (!t || !podSpec) return undefined;
  return { labels: stringMap(obj(t.metadata)?.labels), podSpec };
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/**
 * Pods of one workload. `replicas` overrides (what-if) are keyed `Kind/namespace/name`.
 */
export function expandWorkload(o: FoundObject, nodes: readonly NodeFacts[], replicaOverrides: Record<string, number> | undefined, budget: number): ExpandResult {
  const meta = metadataOf(o.value);
  const name = str(meta.name);
  if (!name) return { ...NO_PODS, wanted: 0, note: `${o.kind} without metadata.name: not expanded` };
  const namespace = str(meta.namespace) || 'default';
  const spec = obj(o.value.spec);
  if (!spec) return { ...NO_PODS, wanted: 0, note: `${o.kind} ${namespace}/${name} has no spec` };
  const tpl = templateOf(spec);
  if (!tpl) return { ...NO_PODS, wanted: 0, note: `${o.kind} ${namespace}/${name} has no Pod template` };
  const override = replicaOverrides?.[workloadKey(o.kind, namespace, name)];
  const base = (podName: string | undefined, labels: Labels, replica: number | string, extra: Partial<PodDraft> = {}): PodDraft => ({
    name: podName,
    namespace,
    labels,
    spec: tpl.podSpec,
    source: o.source,
    order: o.order,
    workload: { kind: o.kind, name, namespace, replica },
    ...extra,
  });
  // Only as many Pods as the budget (maxPods) has room for are created, however many are asked for.
  const cap = (n: number): { n: number; wanted: number; note?: string } => {
    const limit = Math.max(0, budget);
    return n > limit ? { n: limit, wanted: n, note: `${o.kind} ${namespace}/${name}: ${n} Pods capped at ${limit}` } : { n, wanted: n };
  };
  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController': {
      const { n, wanted, note } = cap(replicasOf(spec, 'replicas', override));
      let owner = name;
      let labels = tpl.labels;
      let selector: Selector;
      if (o.kind === 'Deployment') {
        const hash = templateHash(JSON.stringify(spec.template));
        owner = `${name}-${hash}`;
        labels = { ...tpl.labels, 'pod-template-hash': hash };
        const sel = labelSelector(spec.selector);
        selector = sel.kind === 'nothing' ? sel : labelSelector({ ...(obj(spec.selector) ?? {}), matchLabels: { ...stringMap(obj(spec.selector)?.matchLabels), 'pod-template-hash': hash } });
      } else if (o.kind === 'ReplicaSet') {
        selector = labelSelector(spec.selector);
      } else {
        // ReplicationController: a map selector, defaulted to the template's labels.
        const sel = stringMap(spec.selector);
        selector = selectorFromSet(Object.keys(sel).length ? sel : tpl.labels);
      }
      const pods = lazily(n, (i) => base(`${owner}-${nameSuffix(`${owner}/${i}`)}`, labels, i, { ownerSelector: selector }));
      return { ...pods, wanted, note: note ?? (n === 0 ? `${o.kind} ${namespace}/${name} has 0 replicas` : undefined) };
    }
    case 'StatefulSet': {
      const { n, wanted, note } = cap(replicasOf(spec, 'replicas', override));
      const start = Math.max(0, int(obj(spec.ordinals)?.start) ?? 0);
      const selector = labelSelector(spec.selector);
      const revision = `${name}-${templateHash(JSON.stringify(spec.template))}`;
      const claimTemplates = objs(spec.volumeClaimTemplates).filter((t) => str(obj(t.metadata)?.name));
      const pods = lazily(n, (k) => {
        const i = start + k;
        const podName = `${name}-${i}`;
        const labels = { ...tpl.labels, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision };
        if (claimTemplates.length === 0) return base(podName, labels, i, { ownerSelector: selector });
        const claims = statefulSetClaims(name, i, claimTemplates, selector);
        return base(podName, labels, i, { ownerSelector: selector, spec: withClaimVolumes(tpl.podSpec, claims), claimTemplates: new Map([...claims].map(([v, c]) => [v, c.template])) });
      });
      return { ...pods, wanted, note: note ?? (n === 0 ? `StatefulSet ${namespace}/${name} has 0 replicas` : undefined) };
    }
    case 'Job': {
      if (bool(spec.suspend) === true) return { ...NO_PODS, wanted: 0, note: `Job ${namespace}/${name} is suspended` };
      let parallel = replicasOf(spec, 'parallelism', override);
      const completions = int(spec.completions);
      if (completions !== undefined && completions >= 0) parallel = Math.min(parallel, completions);
      const { n, wanted, note } = cap(parallel);
      const indexed = str(spec.completionMode) === 'Indexed';
      const labels = { ...tpl.labels, 'batch.kubernetes.io/job-name': name, 'job-name': name };
      const pods = lazily(n, (i) => {
        const podName = indexed ? `${name}-${i}-${nameSuffix(`${name}/${i}`)}` : `${name}-${nameSuffix(`${name}/${i}`)}`;
        const l = indexed ? { ...labels, 'batch.kubernetes.io/job-completion-index': String(i) } : labels;
        return base(podName, l, i);
      });
      return { ...pods, wanted, note };
    }
    case 'DaemonSet':
      return expandDaemonSet(o, name, namespace, tpl, nodes, budget);
    case 'CronJob':
      return { ...NO_PODS, wanted: 0, note: `CronJob ${namespace}/${name}: not expanded (its Jobs run only on schedule)` };
    default:
      return { ...NO_PODS, wanted: 0 };
  }
}

/**
 * The StatefulSet controller's claims for ordinal `i`: one per volumeClaimTemplate, named
 * `<template>-<set>-<ordinal>` (getPersistentVolumeClaimName), labelled with the set's selector's
 * matchLabels as the controller labels them.
 */
function statefulSetClaims(set: string, i: number, templates: PlainObject[], selector: Selector): Map<string, { claim: string; template: PlainObject }> {
  const out = new Map<string, { claim: string; template: PlainObject }>();
  const selectorLabels: Labels = {};
  for (const r of selector.reqs) if (r.op === 'In' && r.values.length === 1) selectorLabels[r.key] = r.values[0];
  for (const t of templates) {
    const meta = obj(t.metadata) ?? ({} as PlainObject);
    const volume = str(meta.name)!;
    if (out.has(volume)) continue;
    const template = { ...t, metadata: { ...meta, labels: { ...stringMap(meta.labels), ...selectorLabels } } } as PlainObject;
    out.set(volume, { claim: `${volume}-${set}-${i}`, template });
  }
  return out;
}

/** updateStorage: the template claims' volumes replace the Pod's volumes of the same names. */
function withClaimVolumes(spec: PlainObject, claims: ReadonlyMap<string, { claim: string }>): PlainObject {
  const volumes: PlainObject[] = [];
  for (const [name, c] of claims) volumes.push({ name, persistentVolumeClaim: { claimName: c.claim } } as PlainObject);
  for (const v of objs(spec.volumes)) if (!claims.has(str(v.name) ?? '')) volumes.push(v);
  return { ...spec, volumes } as PlainObject;
}

function expandDaemonSet(o: FoundObject, name: string, namespace: string, tpl: { labels: Labels; podSpec: PlainObject }, nodes: readonly NodeFacts[], budget: number): ExpandResult {
  const spec = tpl.podSpec;
  const tolerations: Toleration[] = mergeTolerations(readTolerations(spec.tolerations), daemonSetTolerations(bool(spec.hostNetwork) === true));
  const nodeSel = isObj(spec.nodeSelector) ? stringMap(spec.nodeSelector) : undefined;
  const selSelector = nodeSel ? selectorFromSet(nodeSel) : EVERYTHING;
  const affinity = obj(spec.affinity);
  const nodeAffinity = obj(affinity?.nodeAffinity);
  const required = nodeAffinity && isObj(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) ? nodeSelector(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) : undefined;
  const plainTolerations = tolerations.map((t) => {
    const p = newObject();
    if (t.key) p.key = t.key;
    if (t.operator) p.operator = t.operator;
    if (t.value) p.value = t.value;
    if (t.effect) p.effect = t.effect;
    return p;
  });
  const hash = templateHash(JSON.stringify(obj(o.value.spec)?.template ?? null));
  const labels = { ...tpl.labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' };
  const pods: PodDraft[] = [];
  let skipped = 0;
  let wanted = 0;
  for (const node of nodes) {
    const fitsAffinity = matches(selSelector, node.labels) && (!required || matchNodeSelector(required, node));
    const fitsTaints = !firstUntoleratedHardTaint(node.taints, tolerations);
    if (!fitsAffinity || !fitsTaints) {
      skipped++;
      continue;
    }
    wanted++;
    if (pods.length >= budget) continue; // counted, not created
    // ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become `metadata.name In [node]`.
    const pinTerm = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }] };
    const newNodeAffinity = { ...(nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: pinTerm } as PlainObject;
    const newAffinity = { ...(affinity ?? {}), nodeAffinity: newNodeAffinity } as PlainObject;
    const podSpec = { ...spec, affinity: newAffinity, tolerations: plainTolerations } as PlainObject;
    pods.push({
      name: `${name}-${nameSuffix(`${name}/${node.name}`)}`,
      namespace,
      labels,
      spec: podSpec,
      source: o.source,
      order: o.order,
      workload: { kind: 'DaemonSet', name, namespace, replica: node.name },
      daemonSetNode: node.name,
    });
  }
  const note = pods.length === 0 ? `DaemonSet ${namespace}/${name}: no eligible Node` : skipped > 0 ? `DaemonSet ${namespace}/${name}: ${skipped} Node(s) not eligible (selector, affinity or taints)` : undefined;
  const made = { count: pods.length, pods: () => pods };
  if (pods.length < wanted) return { ...made, wanted, note: `DaemonSet ${namespace}/${name}: ${wanted} Pods capped at ${pods.length}` };
  return { ...made, wanted, note };
}
