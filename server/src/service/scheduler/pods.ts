/**
 * A Pod draft (from a Pod manifest or a workload's template) admitted the way the API server
 * would before the scheduler sees it: namespace `default`, `schedulerName`, requests defaulted
 * from limits, RuntimeClass overhead / nodeSelector / tolerations, priority and preemption
 * policy from the PriorityClass, the DefaultTolerationSeconds tolerations, and `matchLabelKeys`
 * / `mismatchLabelKeys` merged into label selectors. Then compiled for the plugins.
 */
import type { AffinityTerm, HostPort, HostUse, PreferredNodeTerm, SchedulerVersion, SimPod, SpreadConstraint, WeightedAffinityTerm } from './types';
import { andSelector, EVERYTHING, labelSelector, nodeSelector, nodeSelectorTerm, NOTHING, selectorFromSet, type Labels, type Requirement, type Selector } from './labels';
import { mergeTolerations, readTolerations, type Toleration } from './tolerations';
import { arr, bool, int, isObj, obj, objs, str, strings, stringMap, text, type PlainObject } from '../model/plain';
import { podRequests, resourceList, toUnits, type MilliList } from './resources';
import type { PodDraft } from './workloads';
import { nameSuffix } from './random';
import { podVolumesOf } from './volumes';

export interface PriorityClassInfo {
  name: string;
  value: number;
  globalDefault: boolean;
  preemptionPolicy?: string;
}

export interface RuntimeClassInfo {
  name: string;
  overhead?: PlainObject;
  nodeSelector: Labels;
  tolerations: Toleration[];
}

export interface AdmissionEnv {
  version: SchedulerVersion;
  priorityClasses: Map<string, PriorityClassInfo>;
  defaultPriorityClass?: PriorityClassInfo;
  runtimeClasses: Map<string, RuntimeClassInfo>;
  /** Service selectors per namespace (non-empty ones only). */
  services: Map<string, Labels[]>;
  /** Controller selectors of workspace ReplicaSets / RCs / StatefulSets: `Kind/ns/name`. */
  controllers: Map<string, Selector>;
}

export interface AdmittedPod {
  pod: SimPod;
  requests: MilliList;
  nonZero: MilliList;
}

export const SYSTEM_PRIORITY_CLASSES: PriorityClassInfo[] = [
  { name: 'system-node-critical', value: 2000001000, globalDefault: false },
  { name: 'system-cluster-critical', value: 2000000000, globalDefault: false },
];

const NOT_READY_TOLERATION: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', value: '', effect: 'NoExecute', seconds: 300 };
const UNREACHABLE_TOLERATION: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', value: '', effect: 'NoExecute', seconds: 300 };

/** DefaultTolerationSeconds admission: tolerate not-ready/unreachable NoExecute for 300 s. */
function defaultTolerations(tolerations: Toleration[]): Toleration[] {
  let notReady = false;
  let unreachable = false;
  for (const t of tolerations) {
    const effectOk = t.effect === '' || t.effect === 'NoExecute';
    if ((t.key === NOT_READY_TOLERATION.key || t.key === '') && effectOk) notReady = true;
    if ((t.key === UNREACHABLE_TOLERATION.key || t.key === '') && effectOk) unreachable = true;
  }
  const out = [...tolerations];
  if (!notReady) out.push(NOT_READY_TOLERATION);
  if (!unreachable) out.push(UNREACHABLE_TOLERATION);
  return out;
}

/** `image` as ImageLocality looks it up: `:latest` appended when there is no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function keyRequirements(labels: Labels, keys: string[], op: 'In' | 'NotIn'): Requirement[] {
  const out: Requirement[] = [];
  for (const k of keys) {
    const v = labels[k];
    if (v !== undefined) out.push({ key: k, op, values: [v] });
  }
  return out;
}

function affinityTerm(t: PlainObject, owner: { namespace: string; labels: Labels }): AffinityTerm {
  let selector = labelSelector(t.labelSelector);
  const extra = [...keyRequirements(owner.labels, strings(t.matchLabelKeys), 'In'), ...keyRequirements(owner.labels, strings(t.mismatchLabelKeys), 'NotIn')];
  if (extra.length) selector = andSelector(selector.kind === 'nothing' && t.labelSelector == null ? EVERYTHING : selector, extra);
  const listed = strings(t.namespaces);
  const hasNsSelector = t.namespaceSelector !== undefined && t.namespaceSelector !== null;
  const namespaces = new Set(listed.length === 0 && !hasNsSelector ? [owner.namespace] : listed);
  const namespaceSelector = hasNsSelector ? labelSelector(t.namespaceSelector) : NOTHING;
  const topologyKey = str(t.topologyKey) ?? '';
  const matchSig = JSON.stringify([[...namespaces].sort(), namespaceSelector.sig, selector.sig]);
  return { namespaces, namespaceSelector, selector, topologyKey, matchSig, sig: `${matchSig}@${topologyKey}` };
}

function spreadConstraint(c: PlainObject, labels: Labels): SpreadConstraint | undefined {
  const when = str(c.whenUnsatisfiable);
  if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') return undefined;
  let selector = labelSelector(c.labelSelector);
  const extra = keyRequirements(labels, strings(c.matchLabelKeys), 'In');
  if (extra.length) selector = andSelector(selector, extra);
  const minDomains = int(c.minDomains);
  return {
    maxSkew: int(c.maxSkew) ?? 1,
    topologyKey: str(c.topologyKey) ?? '',
    whenUnsatisfiable: when,
    selector,
    minDomains: minDomains !== undefined && minDomains > 0 ? minDomains : 1,
    nodeAffinityPolicy: str(c.nodeAffinityPolicy) === 'Ignore' ? 'Ignore' : 'Honor',
    nodeTaintsPolicy: str(c.nodeTaintsPolicy) === 'Honor' ? 'Honor' : 'Ignore',
  };
}

/** helper.DefaultSelector: selectors of Services and the controller selecting the Pod. */
function defaultSpreadSelector(draft: PodDraft, env: AdmissionEnv): Selector {
  const merged: Labels = {};
  for (const sel of env.services.get(draft.namespace) ?? []) {
    let ok = true;
    for (const k of Object.keys(sel)) if (draft.labels[k] !== sel[k]) ok = false;
    if (ok) Object.assign(merged, sel);
  }
  let selector = selectorFromSet(merged);
  let owner = draft.ownerSelector;
  if (!owner && draft.ownerRef) owner = env.controllers.get(`${draft.ownerRef.kind}/${draft.namespace}/${draft.ownerRef.name}`);
  if (owner && owner.kind === 'requirements') selector = selector.kind === 'everything' ? owner : andSelector(selector, owner.reqs);
  return selector;
}

function hostPorts(spec: PlainObject, version: SchedulerVersion): HostPort[] {
  const out: HostPort[] = [];
  // API defaulting: with hostNetwork, a port's hostPort defaults to its containerPort.
  const hostNetwork = bool(spec.hostNetwork) === true;
  const collect = (c: PlainObject) => {
    for (const p of objs(c.ports)) {
      let port = int(p.hostPort);
      if (hostNetwork && (port === undefined || port === 0)) port = int(p.containerPort);
      if (port === undefined || port <= 0) continue;
      out.push({ ip: str(p.hostIP) || '0.0.0.0', protocol: str(p.protocol) || 'TCP', port });
    }
  };
  // v1.34+: sidecars (restartable init containers) hold their host ports for the Pod's life.
  if (version !== '1.33') for (const c of objs(spec.initContainers)) if (str(c.restartPolicy) === 'Always') collect(c);
  for (const c of objs(spec.containers)) collect(c);
  return out;
}

/**
 * What the Pod takes from its Node beyond resources (for the Node's explanations, not for the
 * filters): the host namespaces and hostPath volumes with who mounts them how. Undefined when
 * it uses none of them.
 */
function hostUse(spec: PlainObject): HostUse | undefined {
  const hostNetwork = bool(spec.hostNetwork) === true;
  const hostPID = bool(spec.hostPID) === true;
  const hostIPC = bool(spec.hostIPC) === true;
  const paths = new Map<string, string>();
  for (const v of objs(spec.volumes)) {
    const hp = obj(v.hostPath);
    const name = str(v.name);
    const path = hp && str(hp.path);
    if (name && path) paths.set(name, path);
  }
  if (!hostNetwork && !hostPID && !hostIPC && paths.size === 0) return undefined;
  const hostPaths: HostUse['hostPaths'] = [];
  if (paths.size > 0) {
    // One entry per path: written when any container mounts it read-write.
    const byPath = new Map<string, { path: string; volume: string; readOnly: boolean; containers: string[] }>();
    for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
      for (const c of objs(spec[key])) {
        for (const m of objs(c.volumeMounts)) {
          const volume = str(m.name);
          const path = volume !== undefined ? paths.get(volume) : undefined;
          if (path === undefined || volume === undefined) continue;
          let e = byPath.get(path);
          if (!e) byPath.set(path, (e = { path, volume, readOnly: true, containers: [] }));
          if (bool(m.readOnly) !== true) e.readOnly = false;
          const cname = str(c.name) ?? '';
          if (!e.containers.includes(cname) && e.containers.length < 8) e.containers.push(cname);
        }
      }
    }
    // A hostPath volume nobody mounts still reaches the Node, but shares nothing with a process.
    hostPaths.push(...byPath.values());
  }
  return { hostNetwork, hostPID, hostIPC, hostPaths };
}

/** `spec.overhead` as admitted (RuntimeClass), per resource in the report's units. */
function overheadOf(spec: PlainObject): Record<string, number> | undefined {
  if (!isObj(spec.overhead)) return undefined;
  const out: Record<string, number> = {};
  for (const [name, milli] of resourceList(spec.overhead)) out[name] = toUnits(name, milli);
  return Object.keys(out).length ? out : undefined;
}

/** NodeAffinity PreFilter: node names when every term pins `metadata.name In [...]`. */
function nodeNamesOf(terms: PlainObject[]): Set<string> | undefined {
  if (terms.length === 0) return undefined;
  let union: Set<string> | undefined;
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const r of objs(t.matchFields)) {
      if (str(r.key) !== 'metadata.name' || str(r.operator) !== 'In') continue;
      const s = new Set(strings(r.values));
      names = names ? new Set([...names].filter((x) => s.has(x))) : s;
    }
    if (!names) return undefined;
    union ??= new Set();
    for (const n of names) union.add(n);
  }
  return union;
}

export function admitPod(draft: PodDraft, index: number, env: AdmissionEnv): AdmittedPod {
  const warnings: string[] = [];
  let rejected: string | undefined;
  let name = draft.name;
  if (!name && draft.generateName) name = `${draft.generateName}${nameSuffix(`${draft.generateName}/${draft.order}/${index}`)}`;
  if (!name) {
    rejected = 'Pod "" is invalid: metadata.name: Required value: name or generateName is required';
    name = `<unnamed-${index + 1}>`;
  }
  const namespace = draft.namespace || 'default';
  let spec = draft.spec;

  // RuntimeClass admission.
  let tolerations = readTolerations(spec.tolerations);
  let nodeSelectorMap: Labels | null = isObj(spec.nodeSelector) ? stringMap(spec.nodeSelector) : null;
  const runtimeClassName = str(spec.runtimeClassName);
  if (runtimeClassName) {
    const rc = env.runtimeClasses.get(runtimeClassName);
    if (!rc) warnings.push(`RuntimeClass "${runtimeClassName}" is not declared in the workspace: no overhead, nodeSelector or tolerations from it`);
    else {
      if (rc.overhead && !isObj(spec.overhead)) spec = { ...spec, overhead: rc.overhead } as PlainObject;
      if (Object.keys(rc.nodeSelector).length) nodeSelectorMap = { ...(nodeSelectorMap ?? {}), ...rc.nodeSelector };
      if (rc.tolerations.length) tolerations = mergeTolerations(tolerations, rc.tolerations);
    }
  }
  tolerations = defaultTolerations(tolerations);

  // Priority admission.
  let priority = 0;
  let priorityClassName = str(spec.priorityClassName);
  let classPolicy: string | undefined;
  if (priorityClassName) {
    const pc = env.priorityClasses.get(priorityClassName);
    if (pc) {
      priority = pc.value;
      classPolicy = pc.preemptionPolicy;
    } else {
      warnings.push(`PriorityClass "${priorityClassName}" is not declared in the workspace (the API server would reject the Pod): priority ${int(spec.priority) ?? 0} assumed`);
      priority = int(spec.priority) ?? 0;
    }
  } else if (env.defaultPriorityClass) {
    priority = env.defaultPriorityClass.value;
    priorityClassName = env.defaultPriorityClass.name;
    classPolicy = env.defaultPriorityClass.preemptionPolicy;
  } else priority = int(spec.priority) ?? 0;
  const policy = str(spec.preemptionPolicy) ?? classPolicy;

  const labels = draft.labels;
  const affinity = obj(spec.affinity);
  const nodeAffinity = obj(affinity?.nodeAffinity);
  const requiredRaw = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const requiredNodeAffinity = isObj(requiredRaw) ? nodeSelector(requiredRaw) : undefined;
  const affinityNodeNames = isObj(requiredRaw) ? nodeNamesOf(objs(requiredRaw.nodeSelectorTerms)) : undefined;
  const preferredNodeTerms: PreferredNodeTerm[] = [];
  const preferredRaw = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  for (const p of objs(preferredRaw)) {
    const weight = int(p.weight) ?? 0;
    const pref = obj(p.preference);
    if (weight === 0 || !pref || (arr(pref.matchExpressions).length === 0 && arr(pref.matchFields).length === 0)) continue;
    preferredNodeTerms.push({ weight, term: nodeSelectorTerm(pref) });
  }

  const owner = { namespace, labels };
  const podAffinity = obj(affinity?.podAffinity);
  const podAnti = obj(affinity?.podAntiAffinity);
  const requiredAffinity = objs(podAffinity?.requiredDuringSchedulingIgnoredDuringExecution).map((t) => affinityTerm(t, owner));
  const requiredAntiAffinity = objs(podAnti?.requiredDuringSchedulingIgnoredDuringExecution).map((t) => affinityTerm(t, owner));
  const weighted = (list: unknown): WeightedAffinityTerm[] =>
    objs(list).flatMap((w) => {
      const t = obj(w.podAffinityTerm);
      const weight = int(w.weight) ?? 0;
      return t ? [{ ...affinityTerm(t, owner), weight }] : [];
    });

  let spreadConstraints: SpreadConstraint[] | undefined;
  const rawSpread = objs(spec.topologySpreadConstraints);
  if (rawSpread.length > 0) {
    spreadConstraints = [];
    for (const c of rawSpread) {
      const sc = spreadConstraint(c, labels);
      if (sc) spreadConstraints.push(sc);
    }
  }

  const images: string[] = [];
  for (const key of ['initContainers', 'containers']) {
    for (const c of objs(spec[key])) {
      const image = str(c.image);
      if (image) images.push(normalizedImageName(image));
    }
  }
  const containerCount = arr(spec.initContainers).length + arr(spec.containers).length;

  const podLevel = env.version !== '1.33';
  const requests = podRequests(spec, { nonZero: false, podLevel });
  const nonZero = podRequests(spec, { nonZero: true, podLevel });

  const nodeName = str(spec.nodeName) || undefined;
  const volumes = objs(spec.volumes);
  const pod: SimPod = {
    index,
    key: `${namespace}/${name}`,
    name,
    namespace,
    labels,
    priority,
    priorityClassName,
    preemptionPolicy: policy === 'Never' ? 'Never' : 'PreemptLowerPriority',
    nodeName,
    schedulerName: str(spec.schedulerName) || 'default-scheduler',
    schedulingGates: objs(spec.schedulingGates).map((g) => text(g.name) ?? ''),
    phase: draft.phase,
    nominatedNodeName: nodeName ? undefined : draft.nominatedNodeName,
    tolerations,
    nodeSelector: nodeSelectorMap,
    requiredNodeAffinity,
    affinityNodeNames,
    preferredNodeTerms,
    hasPreferredNodeAffinity: Array.isArray(preferredRaw),
    nodeAffinitySig: JSON.stringify([nodeSelectorMap, requiredNodeAffinity?.sig ?? null]),
    req: [],
    reqCpu: 0,
    reqMem: 0,
    reqEph: 0,
    hasScalarKeys: false,
    nonZeroCpu: 0,
    nonZeroMem: 0,
    hostPorts: hostPorts(spec, env.version),
    host: hostUse(spec),
    overhead: overheadOf(spec),
    spreadConstraints,
    defaultSpreadSelector: defaultSpreadSelector({ ...draft, namespace }, env),
    requiredAffinity,
    requiredAntiAffinity,
    preferredAffinity: weighted(podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weighted(podAnti?.preferredDuringSchedulingIgnoredDuringExecution),
    images,
    containerCount,
    hasResourceClaims: arr(spec.resourceClaims).length > 0,
    hasVolumeClaims: volumes.some((v) => isObj(v.persistentVolumeClaim) || isObj(v.ephemeral)),
    volumes: podVolumesOf(spec, name, draft.claimTemplates),
    source: draft.source,
    workload: draft.workload,
    rejected,
    warnings,
    node: null,
  };
  if (pod.hasResourceClaims) warnings.push('resource claims (DynamicResourceAllocation) are not simulated');
  return { pod, requests, nonZero };
}
