/**
 * Parsed manifest files → the simulation's Nodes and Pods.
 *
 * Nodes come from Node manifests and `NodeList`/`List` items; `status.allocatable` is read
 * (defaulted to `status.capacity` as the API server does; a Node with neither gets `pods: 110`
 * and nothing else, and says so), `kubernetes.io/hostname` is added when missing.
 * Pods come from Pod manifests and from workloads expanded as their controllers would
 * (workloads.ts), each admitted as the API server would (pods.ts).
 */
import type { ManifestFile } from '../parse/manifests';
import type { CapacityAnswer, SchedulerVersion, SimNode, SimPod, SimulateOptions, SourceLocation, ImageState } from './types';
import { DEFAULT_SCHEDULER_VERSION } from './types';
import { findObjects, metadataOf, type FoundObject } from './objects';
import { labelSelector, selectorFromSet, type Labels, type Selector } from './labels';
import { readTaints, readTolerations, isHardEffect } from './tolerations';
import { bool, int, isObj, obj, objs, str, strings, stringMap } from '../model/plain';
import { CPU, EPHEMERAL, MEMORY, PODS, isTracked, resourceList, toUnits, type MilliList } from './resources';
import { expandWorkload, workloadKey, type ExpandResult, type NodeFacts, type PodDraft } from './workloads';
import { admitPod, SYSTEM_PRIORITY_CLASSES, type AdmissionEnv, type PriorityClassInfo, type RuntimeClassInfo } from './pods';
import { buildVolumeState, type VolumeState } from './volumes';

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const DEFAULT_MAX_PODS = 200_000;

export interface Inputs {
  nodes: SimNode[];
  /** Pods in workspace order (all of them, whatever their status will be). */
  pods: SimPod[];
  /** Resource names by index: 0 cpu, 1 memory, 2 ephemeral-storage, 3 pods, then scalars. */
  resources: string[];
  /** Notes about the inputs (skipped objects, caps, duplicates). */
  notes: string[];
  /** Namespace labels (declared Namespace objects plus the automatic name label). */
  namespaceLabels: (ns: string) => Labels;
  /** The capacity question as read: the workload's current replicas (extra ones are `held`). */
  capacity?: CapacityAnswer;
  /** Storage for the volume plugins (null when no Pod has claims or in-line disks). */
  volumes?: VolumeState | null;
}

interface NodeDraft extends NodeFacts {
  unschedulable: boolean;
  alloc: MilliList;
  images: Array<{ names: string[]; size: number }>;
  source: SourceLocation;
  defaults: string[];
}

function readNode(o: FoundObject, defaultHostname: boolean): NodeDraft | undefined {
  const meta = metadataOf(o.value);
  const name = str(meta.name);
  if (!name) return undefined;
  const labels = stringMap(meta.labels);
  const defaults: string[] = [];
  if (defaultHostname && labels[HOSTNAME_LABEL] === undefined) {
    labels[HOSTNAME_LABEL] = name;
    defaults.push(`label ${HOSTNAME_LABEL}=${name} (set by the kubelet)`);
  }
  const spec = obj(o.value.spec);
  const st = obj(o.value.status);
  let alloc: MilliList;
  if (st && isObj(st.allocatable)) alloc = resourceList(st.allocatable);
  else if (st && isObj(st.capacity)) {
    alloc = resourceList(st.capacity);
    defaults.push('status.allocatable copied from status.capacity');
  } else {
    alloc = new Map([[PODS, 110_000n]]);
    defaults.push('no status.allocatable or capacity: pods 110 assumed, no cpu or memory');
  }
  const images: Array<{ names: string[]; size: number }> = [];
  for (const im of objs(st?.images)) {
    const size = int(im.sizeBytes) ?? (typeof im.sizeBytes === 'number' ? Math.floor(im.sizeBytes) : 0);
    images.push({ names: strings(im.names), size });
  }
  return {
    name,
    labels,
    taints: readTaints(spec?.taints),
    unschedulable: bool(spec?.unschedulable) === true,
    alloc,
    images,
    source: o.source,
    defaults,
  };
}

function priorityClassOf(o: FoundObject): PriorityClassInfo | undefined {
  const name = str(metadataOf(o.value).name);
  const value = int(o.value.value);
  if (!name || value === undefined) return undefined;
  return { name, value, globalDefault: bool(o.value.globalDefault) === true, preemptionPolicy: str(o.value.preemptionPolicy) };
}

function runtimeClassOf(o: FoundObject): RuntimeClassInfo | undefined {
  const name = str(metadataOf(o.value).name);
  if (!name) return undefined;
  const scheduling = obj(o.value.scheduling);
  return {
    name,
    overhead: obj(obj(o.value.overhead)?.podFixed),
    nodeSelector: stringMap(scheduling?.nodeSelector),
    tolerations: readTolerations(scheduling?.tolerations),
  };
}

function podDraftOf(o: FoundObject): PodDraft | undefined {
  const meta = metadataOf(o.value);
  const spec = obj(o.value.spec);
  if (!spec) return undefined;
  let ownerRef: PodDraft['ownerRef'];
  for (const r of objs(meta.ownerReferences)) {
    if (bool(r.controller) === true && str(r.kind) && str(r.name)) ownerRef = { kind: str(r.kind)!, name: str(r.name)! };
  }
  return {
    name: str(meta.name),
    generateName: str(meta.generateName),
    namespace: str(meta.namespace) || 'default',
    labels: stringMap(meta.labels),
    spec,
    phase: str(obj(o.value.status)?.phase),
    nominatedNodeName: str(obj(o.value.status)?.nominatedNodeName) || undefined,
    existing: str(meta.uid) !== undefined || str(meta.resourceVersion) !== undefined,
    source: o.source,
    order: o.order,
    ownerRef,
  };
}

/** Index of resource names; cpu, memory, ephemeral-storage and pods come first. */
export class ResourceIndex {
  readonly names: string[] = [CPU, MEMORY, EPHEMERAL, PODS];
  private readonly map = new Map<string, number>(this.names.map((n, i) => [n, i]));
  indexOf(name: string): number {
    let i = this.map.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.map.set(name, i);
    }
    return i;
  }
}

/** Where reading the inputs is (readInputsSteps yields it; the same object, updated). */
export interface ReadProgress {
  /** Pods the manifests ask for (Pod manifests plus expanded workloads), before the maxPods cut. */
  podsWanted: number;
  maxPods: number;
  /** Pods admitted so far, of `total` (the Pods kept: at most maxPods). */
  done: number;
  total: number;
}

function* drafted(sources: ReadonlyArray<Pick<ExpandResult, 'pods'>>): Generator<PodDraft> {
  for (const s of sources) yield* s.pods();
}

export function readInputs(files: readonly ManifestFile[], options: SimulateOptions = {}): Inputs {
  const steps = readInputsSteps(files, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * readInputs in steps: it yields once the workloads are expanded (`podsWanted` known, nothing
 * admitted yet) and after each Pod admitted, so that a caller can stop early (too many Pods) or
 * do other work in between; it returns the Inputs.
 */
export function* readInputsSteps(files: readonly ManifestFile[], options: SimulateOptions = {}): Generator<ReadProgress, Inputs, void> {
  const version: SchedulerVersion = options.schedulerVersion ?? DEFAULT_SCHEDULER_VERSION;
  const notes: string[] = [];
  const found = findObjects(files);
  const whatIf = options.whatIf ?? {};
  const removed = new Set(whatIf.remove ?? []);
  const cordon = new Set(whatIf.cordon ?? []);
  const uncordon = new Set(whatIf.uncordon ?? []);
  const drain = new Set(whatIf.drain ?? []);

  // Cluster-scoped objects first: they change how Pods are admitted.
  const priorityClasses = new Map<string, PriorityClassInfo>(SYSTEM_PRIORITY_CLASSES.map((p) => [p.name, p]));
  let defaultPriorityClass: PriorityClassInfo | undefined;
  const runtimeClasses = new Map<string, RuntimeClassInfo>();
  const services = new Map<string, Labels[]>();
  const controllers = new Map<string, Selector>();
  const nsLabels = new Map<string, Labels>();
  for (const o of found) {
    switch (o.kind) {
      case 'PriorityClass': {
        const pc = priorityClassOf(o);
        if (pc && !priorityClasses.has(pc.name)) {
          priorityClasses.set(pc.name, pc);
          if (pc.globalDefault && (!defaultPriorityClass || pc.value < defaultPriorityClass.value)) defaultPriorityClass = pc;
        }
        break;
      }
      case 'RuntimeClass': {
        const rc = runtimeClassOf(o);
        if (rc && !runtimeClasses.has(rc.name)) runtimeClasses.set(rc.name, rc);
        break;
      }
      case 'Service': {
        const ns = str(metadataOf(o.value).namespace) || 'default';
        const sel = stringMap(obj(o.value.spec)?.selector);
        if (Object.keys(sel).length) {
          const list = services.get(ns) ?? [];
          list.push(sel);
          services.set(ns, list);
        }
        break;
      }
      case 'Namespace': {
        const name = str(metadataOf(o.value).name);
        if (name && !nsLabels.has(name)) nsLabels.set(name, stringMap(metadataOf(o.value).labels));
        break;
      }
      case 'ReplicaSet':
      case 'StatefulSet':
      case 'ReplicationController': {
        const meta = metadataOf(o.value);
        const name = str(meta.name);
        const spec = obj(o.value.spec);
        if (!name || !spec) break;
        const ns = str(meta.namespace) || 'default';
        const sel =
          o.kind === 'ReplicationController'
            ? selectorFromSet(Object.keys(stringMap(spec.selector)).length ? stringMap(spec.selector) : stringMap(obj(obj(spec.template)?.metadata)?.labels))
            : labelSelector(spec.selector);
        controllers.set(`${o.kind}/${ns}/${name}`, sel);
        break;
      }
      default:
        break;
    }
  }

  // Nodes.
  const drafts: NodeDraft[] = [];
  const nodeNames = new Set<string>();
  for (const o of found) {
    if (o.kind !== 'Node') continue;
    const n = readNode(o, options.defaultHostnameLabel !== false);
    if (!n) {
      notes.push('a Node without metadata.name was skipped');
      continue;
    }
    if (nodeNames.has(n.name)) {
      notes.push(`Node "${n.name}" is declared more than once; the first declaration is used`);
      continue;
    }
    nodeNames.add(n.name);
    if (removed.has(n.name)) continue;
    if (cordon.has(n.name) || drain.has(n.name)) n.unschedulable = true;
    if (uncordon.has(n.name)) n.unschedulable = false;
    drafts.push(n);
  }
  // A node pool grown: copies of a Node under new names (their own hostname label).
  for (const [name, count] of Object.entries(whatIf.copies ?? {})) {
    const n = drafts.find((d) => d.name === name);
    if (!n || !Number.isInteger(count) || count <= 0) continue;
    for (let k = 1; k <= count; k++) {
      const copy = `${name}-copy-${k}`;
      if (nodeNames.has(copy)) continue;
      nodeNames.add(copy);
      const labels = { ...n.labels };
      if (labels[HOSTNAME_LABEL] !== undefined) labels[HOSTNAME_LABEL] = copy;
      // A new Node of the pool: schedulable, whatever the what-if does to the original.
      drafts.push({ ...n, name: copy, labels, unschedulable: false });
    }
  }

  // Controllers whose Pods (or ReplicaSets) are themselves declared, as in `kubectl get all -o
  // yaml`, are not expanded again: their declared children stand for them.
  const owned = new Set<string>();
  for (const o of found) {
    const meta = metadataOf(o.value);
    for (const r of objs(meta.ownerReferences)) {
      if (bool(r.controller) === true && str(r.kind) && str(r.name)) owned.add(`${str(r.kind)}/${str(meta.namespace) || 'default'}/${str(r.name)}`);
    }
  }

  // Pods: manifests and expanded workloads, in workspace order. A workload's Pods are made
  // one by one while they are admitted below (the reading yields between them).
  const sources: Array<Pick<ExpandResult, 'count' | 'pods'>> = [];
  let capacity: CapacityAnswer | undefined;
  const maxPods = options.maxPods ?? DEFAULT_MAX_PODS;
  let total = 0;
  const budget = () => maxPods - total;
  let wanted = 0;
  for (const o of found) {
    if (o.kind === 'Pod') {
      wanted++;
      if (budget() <= 0) continue;
      const d = podDraftOf(o);
      if (d) {
        sources.push({ count: 1, pods: () => [d] });
        total++;
      } else notes.push(`Pod ${str(metadataOf(o.value).name) ?? '(unnamed)'} has no spec: skipped`);
    } else if (o.kind === 'Deployment' || o.kind === 'ReplicaSet' || o.kind === 'ReplicationController' || o.kind === 'StatefulSet' || o.kind === 'Job' || o.kind === 'DaemonSet' || o.kind === 'CronJob') {
      const meta = metadataOf(o.value);
      const key = `${o.kind}/${str(meta.namespace) || 'default'}/${str(meta.name) ?? ''}`;
      if (owned.has(key)) {
        notes.push(`${key}: its ${o.kind === 'Deployment' ? 'ReplicaSets are' : 'Pods are'} declared in the workspace, so it is not expanded again`);
        continue;
      }
      let overrides = whatIf.replicas;
      const asked = options.capacity;
      if (asked && asked.workload === key && !capacity) {
        // The workload as it is, then with the extra replicas the question may need.
        const now = expandWorkload(o, drafts, whatIf.replicas, budget());
        const max = Math.max(0, Math.min(asked.max ?? DEFAULT_CAPACITY_MAX, MAX_CAPACITY));
        capacity = { workload: key, current: now.wanted, fit: 0, tried: 0, max };
        if (o.kind === 'DaemonSet' || o.kind === 'CronJob') capacity.problem = `${o.kind}s have no replica count to raise`;
        else overrides = { ...(whatIf.replicas ?? {}), [key]: now.wanted + max };
      }
      const r = expandWorkload(o, drafts, overrides, budget());
      wanted += r.wanted;
      if (r.count) {
        sources.push(r);
        total += r.count;
      }
      if (r.note) notes.push(r.note);
    }
  }
  if (options.capacity && !capacity) capacity = { workload: options.capacity.workload, current: 0, fit: 0, tried: 0, max: 0, problem: `no workload ${options.capacity.workload} in the workspace` };
  if (wanted > maxPods) notes.push(`the workspace makes ${wanted} Pods, more than the limit of ${maxPods}: the rest were not simulated`);
  const progress: ReadProgress = { podsWanted: wanted, maxPods, done: 0, total };
  yield progress;

  // Admission, and each Pod's requests as resource indexes (scalar resources are indexed in
  // Pod order, then those only Nodes declare).
  const env: AdmissionEnv = { version, priorityClasses, defaultPriorityClass, runtimeClasses, services, controllers };
  const resources = new ResourceIndex();
  const pods: SimPod[] = [];
  // Duplicate names: the API server keeps the first.
  const seen = new Set<string>();
  for (const written of drafted(sources)) {
    const i = pods.length;
    const verdict = written.existing ? undefined : options.admit?.({ source: written.source, workload: written.workload, name: written.name, generateName: written.generateName, namespace: written.namespace, labels: written.labels, spec: written.spec });
    const draft = verdict?.spec ? { ...written, spec: verdict.spec } : written;
    const a = admitPod(draft, i, env);
    const p = a.pod;
    if (verdict?.rejected && !p.rejected) p.rejected = verdict.rejected;
    // What-if: a cordoned Node keeps what runs there; a drained one evicts (DaemonSet Pods stay).
    const keep = options.runningOn?.get(p.key);
    if (keep && !p.nodeName) {
      p.nodeName = keep;
      if (!drain.has(keep)) p.warnings.push(`stays on ${keep}: cordoning a Node does not evict the Pods running there`);
    }
    if (p.nodeName && drain.has(p.nodeName) && p.workload?.kind !== 'DaemonSet') {
      if (p.workload || written.ownerRef) {
        p.warnings.push(`evicted by the drain of ${p.nodeName}; its controller recreates it`);
        p.nodeName = undefined;
      } else p.evicted = `evicted by the drain of ${p.nodeName}: a bare Pod is deleted, nothing recreates it`;
    }
    // The capacity question's extra replicas (replica numbers from the current count on).
    if (capacity && !capacity.problem && p.workload && typeof p.workload.replica === 'number' && p.workload.replica >= capacity.current && workloadKey(p.workload.kind, p.workload.namespace, p.workload.name) === capacity.workload) p.held = true;
    const req: Array<[number, number]> = [];
    for (const [k, v] of a.requests) {
      if (!isTracked(k) || k === PODS) continue;
      const units = toUnits(k, v);
      const idx = resources.indexOf(k);
      if (idx === 0) p.reqCpu = units;
      else if (idx === 1) p.reqMem = units;
      else if (idx === 2) p.reqEph = units;
      else p.hasScalarKeys = true;
      req.push([idx, units]);
    }
    p.req = req;
    p.nonZeroCpu = toUnits(CPU, a.nonZero.get(CPU) ?? 0n);
    p.nonZeroMem = toUnits(MEMORY, a.nonZero.get(MEMORY) ?? 0n);
    if (!p.rejected) {
      if (seen.has(p.key)) p.rejected = `pods "${p.name}" already exists in namespace "${p.namespace}"`;
      seen.add(p.key);
    }
    pods.push(p);
    progress.done = i + 1;
    yield progress;
  }
  for (const d of drafts) for (const k of d.alloc.keys()) if (isTracked(k)) resources.indexOf(k);
  const R = resources.names.length;

  // Image states across Nodes (ImageLocality spreads an image's score by how many Nodes have it).
  const imageStates = new Map<string, ImageState>();
  const nodes: SimNode[] = drafts.map((d, index) => {
    const alloc = new Float64Array(R);
    for (const [k, v] of d.alloc) if (isTracked(k)) alloc[resources.indexOf(k)] = toUnits(k, v);
    let images: Map<string, ImageState> | null = null;
    for (const im of d.images) {
      for (const name of im.names) {
        let st = imageStates.get(name);
        if (!st) {
          st = { size: im.size, numNodes: 0 };
          imageStates.set(name, st);
        }
        images ??= new Map();
        if (!images.has(name)) {
          images.set(name, st);
          st.numNodes++;
        }
      }
    }
    let preferTaints = 0;
    let hardTaints = false;
    for (const t of d.taints) {
      if (t.effect === 'PreferNoSchedule') preferTaints++;
      else if (isHardEffect(t.effect)) hardTaints = true;
    }
    return {
      index,
      name: d.name,
      labels: d.labels,
      labelCount: Object.keys(d.labels).length,
      taints: d.taints,
      hardTaints,
      preferTaints,
      unschedulable: d.unschedulable,
      alloc,
      requested: new Float64Array(R),
      nonZeroCpu: 0,
      nonZeroMem: 0,
      pods: [],
      ports: null,
      images,
      source: d.source,
      defaults: d.defaults,
    };
  });

  const namespaceLabels = (ns: string): Labels => {
    let l = nsLabels.get(`\u0000${ns}`);
    if (!l) {
      l = { ...(nsLabels.get(ns) ?? {}), 'kubernetes.io/metadata.name': ns };
      nsLabels.set(`\u0000${ns}`, l);
    }
    return l;
  };
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  const volumes = buildVolumeState(found, pods, (name) => nodeByName.get(name), options.isWholeCluster === true);
  return { nodes, pods, resources: resources.names, notes, namespaceLabels, volumes, ...(capacity ? { capacity } : {}) };
}

/** Extra replicas a capacity question tries by default, and at most. */
export const DEFAULT_CAPACITY_MAX = 1000;
export const MAX_CAPACITY = 100_000;
