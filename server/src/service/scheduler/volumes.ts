/**
 * The storage the volume plugins read: PersistentVolumeClaims, PersistentVolumes, StorageClasses
 * and CSINodes as the workspace declares them, the claims controllers create (a StatefulSet's
 * `volumeClaimTemplates`, one claim per ordinal; a generic ephemeral volume's claim
 * `<pod>-<volume>`), and how claims get bound while the simulation runs.
 *
 * Binding follows the PV controller and VolumeBinding's Reserve (kube-scheduler 1.35,
 * pkg/scheduler/framework/plugins/volumebinding/binder.go, component-helpers/storage/volume):
 * - before scheduling, the PV controller binds each unbound claim of an Immediate class (workspace
 *   order, declared claims first) to the smallest available matching PersistentVolume, or has it
 *   provisioned when the class names a provisioner (the new volume may land in any of the class's
 *   `allowedTopologies`, so those become its node affinity); one it can do neither for stays
 *   unbound, and a Pod using it is refused at PreFilter;
 * - a claim of a WaitForFirstConsumer class waits for its first Pod: the Node chosen for that Pod
 *   decides (a matching PersistentVolume there, else provisioning for that Node); Pods bound with
 *   `spec.nodeName` decide for their Node before anything is scheduled.
 *
 * Closed world (workspace/model.ts): a claim, PersistentVolume or StorageClass the workspace does
 * not declare is missing — as kube-scheduler would find it missing — when the workspace is the
 * whole cluster or declares others of its kind (claims: in that namespace); otherwise it is taken
 * as present and satisfied everywhere, and the Pod carries a warning saying so.
 */
import type { FoundObject } from './objects';
import { metadataOf } from './objects';
import type { SimNode, SimPod } from './types';
import { labelSelector, matches, matchNodeSelector, nodeSelector, type Labels, type NodeSelector, type Selector } from './labels';
import { bool, isObj, obj, objs, quantity, str, strings, stringMap, type PlainObject } from '../model/plain';
import { milliValue } from '../util/quantity';

/** A claim a Pod's volume refers to. */
export interface PodClaimRef {
  volume: string;
  claim: string;
  /** A generic ephemeral volume (its claim `<pod>-<volume>` is the Pod's own). */
  ephemeral: boolean;
  /** The claim the controller creates when none is declared (StatefulSet template, ephemeral template). */
  template?: PlainObject;
}

/** In-line disks VolumeRestrictions compares between Pods on one Node. */
export interface InlineDisk {
  kind: 'gce' | 'aws' | 'iscsi' | 'rbd';
  /** PD name, EBS volume ID, IQN, or `pool/image` (RBD). */
  id: string;
  readOnly: boolean;
  monitors?: string[];
}

export interface PodVolumes {
  claims: PodClaimRef[];
  disks: InlineDisk[];
}

export const READ_WRITE_ONCE_POD = 'ReadWriteOncePod';
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const IS_DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/**
 * The volumes of a Pod spec the volume plugins care about; `templates` are the claims a
 * StatefulSet creates for this Pod, by volume name. Undefined when there are none.
 */
export function podVolumesOf(spec: PlainObject, podName: string, templates?: ReadonlyMap<string, PlainObject>): PodVolumes | undefined {
  const claims: PodClaimRef[] = [];
  const disks: InlineDisk[] = [];
  for (const v of objs(spec.volumes)) {
    const name = str(v.name) ?? '';
    const pvc = obj(v.persistentVolumeClaim);
    const eph = obj(v.ephemeral);
    if (pvc) claims.push({ volume: name, claim: str(pvc.claimName) ?? '', ephemeral: false, template: templates?.get(name) });
    else if (eph) {
      // ephemeral.VolumeClaimName: the Pod's name, a dash, the volume's name.
      const t = obj(eph.volumeClaimTemplate);
      claims.push({ volume: name, claim: `${podName}-${name}`, ephemeral: true, template: t ?? ({} as PlainObject) });
    } else {
      const gce = obj(v.gcePersistentDisk);
      const aws = obj(v.awsElasticBlockStore);
      const iscsi = obj(v.iscsi);
      const rbd = obj(v.rbd);
      if (gce) disks.push({ kind: 'gce', id: str(gce.pdName) ?? '', readOnly: bool(gce.readOnly) === true });
      else if (aws) disks.push({ kind: 'aws', id: str(aws.volumeID) ?? '', readOnly: bool(aws.readOnly) === true });
      else if (iscsi) disks.push({ kind: 'iscsi', id: str(iscsi.iqn) ?? '', readOnly: bool(iscsi.readOnly) === true });
      // The API server defaults the RBD pool to "rbd".
      else if (rbd) disks.push({ kind: 'rbd', id: `${str(rbd.pool) || 'rbd'}/${str(rbd.image) ?? ''}`, readOnly: bool(rbd.readOnly) === true, monitors: strings(rbd.monitors) });
    }
  }
  return claims.length || disks.length ? { claims, disks } : undefined;
}

/** isVolumeConflict: the same disk used read-write by one of the two (EBS: used at all). */
export function disksConflict(a: InlineDisk, b: InlineDisk): boolean {
  if (a.kind !== b.kind || a.id !== b.id) return false;
  if (a.kind === 'aws') return true;
  if (a.readOnly && b.readOnly) return false;
  if (a.kind === 'rbd') {
    const m = new Set(a.monitors ?? []);
    return (b.monitors ?? []).some((x) => m.has(x));
  }
  return true;
}

export interface Claim {
  key: string;
  namespace: string;
  name: string;
  /** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
  className: string;
  accessModes: string[];
  /** spec.resources.requests.storage in milli-units. */
  request: bigint;
  selector: Selector | null;
  volumeMode: string;
  /** spec.volumeName (as written, or set by a binding the simulation made). */
  volumeName: string;
  /** Fully bound: volumeName and `pv.kubernetes.io/bind-completed` (or bound by the simulated PV controller). */
  bound: boolean;
  phase?: string;
  deleting: boolean;
  /** `volume.kubernetes.io/selected-node`: provisioning for that Node is under way. */
  selectedNode?: string;
  /** The controller ownerReference (an ephemeral volume's claim belongs to its Pod). */
  owner?: { kind: string; name: string };
  origin: 'declared' | 'template' | 'assumed';
  /** Why the simulation took this claim's binding on trust (closed world), for the Pods' warnings. */
  trust?: string;
}

export interface PersistentVolume {
  name: string;
  className: string;
  capacity: bigint;
  accessModes: string[];
  volumeMode: string;
  claimRef?: { namespace: string; name: string };
  /** status.phase Available (or none yet: the PV controller makes a new volume Available). */
  available: boolean;
  deleting: boolean;
  affinity?: NodeSelector;
  labels: Labels;
  csi?: { driver: string; handle: string };
  /** Made by the simulation (provisioned at once for an Immediate claim, or assumed to exist). */
  virtual?: boolean;
  /** Workspace order (ties between equally small volumes go to the first, as the PV cache lists them). */
  order: number;
  /**
   * A label every Node the volume's affinity admits must carry with one of these values (the
   * first `In` of its single term): the index that spares checking every volume on every Node.
   */
  pin?: { key: string; values: string[] };
}

/** The volumes that could serve one claim whatever the Node (FindMatchingVolume's Node-independent tests). */
interface Candidates {
  /** A volume pre-bound to the claim: the only one considered (null: none). */
  mine: PersistentVolume | null;
  /** Unpinned candidates. */
  general: PersistentVolume[];
  /** Pinned candidates by pin key, then value. */
  pinned: Map<string, Map<string, PersistentVolume[]>>;
}

export interface StorageClass {
  name: string;
  provisioner: string;
  /** The API server defaults an unset volumeBindingMode to Immediate. */
  waitForFirstConsumer: boolean;
  allowedTopologies: Array<Array<{ key: string; values: string[] }>>;
  isDefault: boolean;
  created: number;
}

/** What a Pod's claims are, for VolumeBinding's PreFilter (GetPodVolumeClaims). */
export interface PodClaims {
  error?: string;
  bound: Claim[];
  delay: Claim[];
  immediate: Claim[];
  /** Per waiting claim, its candidate volumes (built once per cycle, on first use). */
  candidates?: Map<Claim, Candidates>;
}

function pinOf(affinity: NodeSelector | undefined): PersistentVolume['pin'] {
  if (!affinity || affinity.terms.length !== 1) return undefined;
  const t = affinity.terms[0];
  if (t.invalid || t.fields || !t.labels || t.labels.kind !== 'requirements') return undefined;
  const r = t.labels.reqs.find((q) => q.op === 'In');
  return r ? { key: r.key, values: r.values } : undefined;
}

function notFound(resource: string, name: string): string {
  return `${resource} "${name}" not found`;
}

function annotationsOf(o: PlainObject): Record<string, string> {
  return stringMap(metadataOf(o).annotations);
}

/** GetPersistentVolumeClaimClass over a claim object (declared, or a template). */
function classOf(o: PlainObject): { name: string; set: boolean } {
  const ann = annotationsOf(o);
  if (Object.prototype.hasOwnProperty.call(ann, BETA_CLASS_ANNOTATION)) return { name: ann[BETA_CLASS_ANNOTATION], set: true };
  const spec = obj(o.spec);
  const sc = spec?.storageClassName;
  if (typeof sc === 'string') return { name: sc, set: true };
  return { name: '', set: false };
}

function storageOf(v: unknown): bigint {
  const q = quantity(obj(v)?.storage);
  return q ? milliValue(q) : 0n;
}

/** MatchTopologySelectorTerms: no terms match every Node; an empty term matches none. */
function matchTopology(terms: StorageClass['allowedTopologies'], labels: Labels): boolean {
  if (terms.length === 0) return true;
  for (const t of terms) {
    if (t.length === 0) continue;
    if (t.every((r) => labels[r.key] !== undefined && r.values.includes(labels[r.key]))) return true;
  }
  return false;
}

export class VolumeState {
  private readonly claims = new Map<string, Claim>();
  private readonly claimNamespaces = new Set<string>();
  private readonly pvs = new Map<string, PersistentVolume>();
  /** PersistentVolumes the workspace declares (the closed-world test; provisioned ones are not counted). */
  private declaredVolumes = 0;
  /** PersistentVolumes by class, in workspace order (the PV cache's ListPVs). */
  private readonly pvsByClass = new Map<string, PersistentVolume[]>();
  private readonly classes = new Map<string, StorageClass>();
  private readonly defaultClass: StorageClass | undefined;
  /** CSINode drivers' `allocatable.count` by Node name, then driver. */
  private readonly csiLimits = new Map<string, Map<string, number>>();
  /** Per Pod, the claims it resolves to (undefined entries: missing, with the message). */
  private readonly podClaimCache = new WeakMap<SimPod, Array<Claim | string>>();

  constructor(
    found: readonly FoundObject[],
    private readonly wholeCluster: boolean,
  ) {
    const classes: StorageClass[] = [];
    for (const o of found) {
      if (o.kind === 'StorageClass') {
        const name = str(metadataOf(o.value).name);
        if (!name || this.classes.has(name)) continue;
        const ann = annotationsOf(o.value);
        const t = Date.parse(str(metadataOf(o.value).creationTimestamp) ?? '');
        const sc: StorageClass = {
          name,
          provisioner: str(o.value.provisioner) ?? '',
          waitForFirstConsumer: str(o.value.volumeBindingMode) === 'WaitForFirstConsumer',
          allowedTopologies: objs(o.value.allowedTopologies).map((t) => objs(t.matchLabelExpressions).map((r) => ({ key: str(r.key) ?? '', values: strings(r.values) }))),
          isDefault: IS_DEFAULT_CLASS.some((k) => ann[k] === 'true'),
          created: Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t,
        };
        this.classes.set(name, sc);
        classes.push(sc);
      } else if (o.kind === 'CSINode') {
        const name = str(metadataOf(o.value).name);
        if (!name || this.csiLimits.has(name)) continue;
        const limits = new Map<string, number>();
        for (const d of objs(obj(o.value.spec)?.drivers)) {
          const count = obj(d.allocatable)?.count;
          const driver = str(d.name);
          if (driver && typeof count === 'number' && Number.isInteger(count)) limits.set(driver, count);
        }
        this.csiLimits.set(name, limits);
      } else if (o.kind === 'PersistentVolume') this.addVolume(o.value);
    }
    // DefaultStorageClass's choice: the newest default class, then the first by name.
    this.defaultClass = classes.filter((c) => c.isDefault).sort((a, b) => (a.created !== b.created ? (b.created > a.created ? 1 : -1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
    for (const o of found) {
      if (o.kind !== 'PersistentVolumeClaim') continue;
      const meta = metadataOf(o.value);
      const name = str(meta.name);
      if (!name) continue;
      const namespace = str(meta.namespace) || 'default';
      this.claimNamespaces.add(namespace);
      if (!this.claims.has(`${namespace}/${name}`)) this.claims.set(`${namespace}/${name}`, this.claimOf(o.value, namespace, name, 'declared'));
    }
    // The PV controller, before any Pod is scheduled: declared claims of Immediate classes.
    for (const c of this.claims.values()) this.settleImmediate(c);
  }

  private addVolume(v: PlainObject): void {
    const meta = metadataOf(v);
    const name = str(meta.name);
    if (!name || this.pvs.has(name)) return;
    const spec = obj(v.spec) ?? ({} as PlainObject);
    const ann = annotationsOf(v);
    const ref = obj(spec.claimRef);
    const phase = str(obj(v.status)?.phase);
    const csi = obj(spec.csi);
    const required = obj(obj(spec.nodeAffinity)?.required);
    const pv: PersistentVolume = {
      name,
      className: Object.prototype.hasOwnProperty.call(ann, BETA_CLASS_ANNOTATION) ? ann[BETA_CLASS_ANNOTATION] : (str(spec.storageClassName) ?? ''),
      capacity: storageOf(spec.capacity),
      accessModes: strings(spec.accessModes),
      volumeMode: str(spec.volumeMode) || 'Filesystem',
      claimRef: ref && str(ref.name) ? { namespace: str(ref.namespace) || 'default', name: str(ref.name)! } : undefined,
      available: phase === undefined || phase === 'Available' || phase === 'Pending',
      deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
      affinity: required ? nodeSelector(required) : undefined,
      labels: stringMap(meta.labels),
      csi: csi && str(csi.driver) ? { driver: str(csi.driver)!, handle: str(csi.volumeHandle) ?? '' } : undefined,
      order: this.pvs.size,
    };
    pv.pin = pinOf(pv.affinity);
    this.pvs.set(name, pv);
    this.declaredVolumes++;
    const list = this.pvsByClass.get(pv.className);
    if (list) list.push(pv);
    else this.pvsByClass.set(pv.className, [pv]);
  }

  private claimOf(o: PlainObject, namespace: string, name: string, origin: Claim['origin']): Claim {
    const meta = metadataOf(o);
    const spec = obj(o.spec) ?? ({} as PlainObject);
    const ann = annotationsOf(o);
    let cls = classOf(o);
    // DefaultStorageClass admission (and the PV controller's retroactive default): a claim that
    // names no class at all gets the default one.
    if (!cls.set && this.defaultClass) cls = { name: this.defaultClass.name, set: true };
    let owner: Claim['owner'];
    for (const r of objs(meta.ownerReferences)) if (bool(r.controller) === true && str(r.kind) && str(r.name)) owner = { kind: str(r.kind)!, name: str(r.name)! };
    const volumeName = str(spec.volumeName) ?? '';
    return {
      key: `${namespace}/${name}`,
      namespace,
      name,
      className: cls.name,
      accessModes: strings(spec.accessModes),
      request: storageOf(obj(spec.resources)?.requests),
      selector: isObj(spec.selector) ? labelSelector(spec.selector) : null,
      volumeMode: str(spec.volumeMode) || 'Filesystem',
      volumeName,
      bound: volumeName !== '' && Object.prototype.hasOwnProperty.call(ann, BIND_COMPLETED),
      phase: str(obj(o.status)?.phase),
      deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
      selectedNode: ann[SELECTED_NODE],
      owner,
      origin,
    };
  }

  /** The PV controller's syncUnboundClaim for a claim that does not wait for its first consumer. */
  private settleImmediate(c: Claim): void {
    if (c.bound || c.deleting) return;
    const cls = this.classes.get(c.className);
    if (c.volumeName !== '') {
      // Pre-bound to a volume: bound once that volume exists and is free for it.
      const pv = this.pvs.get(c.volumeName);
      if (pv && (!pv.claimRef || (pv.claimRef.namespace === c.namespace && pv.claimRef.name === c.name))) {
        pv.claimRef = { namespace: c.namespace, name: c.name };
        c.bound = true;
      } else if (!pv && !this.volumeMissing()) {
        c.bound = true;
        c.trust = `PersistentVolume "${c.volumeName}" of claim "${c.name}" is not declared in this workspace (none is): taken as bound and reachable from every Node`;
      }
      return;
    }
    if (cls?.waitForFirstConsumer) return;
    const pv = this.findMatchingVolume(c, undefined, undefined);
    if (pv) {
      this.bind(c, pv);
      return;
    }
    if (cls && cls.provisioner !== '' && cls.provisioner !== NO_PROVISIONER) this.bindVirtual(c, cls);
    else if (!cls && !this.classMissing()) {
      // No StorageClass is declared anywhere: the cluster's own (or default) class is taken as
      // provisioning the claim at once.
      this.bindVirtual(c, undefined);
      c.trust = c.className
        ? `StorageClass "${c.className}" of claim "${c.name}" is not declared in this workspace (none is): taken as provisioning it at once, reachable from every Node`
        : `claim "${c.name}" names no StorageClass and the workspace declares none to default to: taken as provisioned at once by the cluster's default class, reachable from every Node`;
    }
  }

  private bind(c: Claim, pv: PersistentVolume): void {
    pv.claimRef = { namespace: c.namespace, name: c.name };
    c.volumeName = pv.name;
    c.bound = true;
  }

  /** A volume provisioned for the claim: somewhere in the class's allowed topologies. */
  private bindVirtual(c: Claim, cls: StorageClass | undefined): void {
    const name = `pvc-${c.namespace}-${c.name}`;
    let affinity: NodeSelector | undefined;
    if (cls && cls.allowedTopologies.length) {
      affinity = nodeSelector({ nodeSelectorTerms: cls.allowedTopologies.map((t) => ({ matchExpressions: t.map((r) => ({ key: r.key, operator: 'In', values: r.values })) })) });
    }
    const pv: PersistentVolume = {
      name,
      className: c.className,
      capacity: c.request,
      accessModes: c.accessModes,
      volumeMode: c.volumeMode,
      claimRef: { namespace: c.namespace, name: c.name },
      available: false,
      deleting: false,
      affinity,
      labels: {},
      csi: cls && cls.provisioner !== '' ? { driver: cls.provisioner, handle: name } : undefined,
      virtual: true,
      order: this.pvs.size,
    };
    if (!this.pvs.has(name)) this.pvs.set(name, pv);
    c.volumeName = name;
    c.bound = true;
  }

  /**
   * Claims the controllers create for the Pods (StatefulSet templates, ephemeral volumes) when the
   * workspace does not declare them, then the claims of Pods bound with `spec.nodeName`, which
   * bind for their Node. Adds the Pods' warnings about claims taken on trust.
   */
  prepare(pods: readonly SimPod[], nodeByName: (name: string) => SimNode | undefined): void {
    for (const pod of pods) {
      if (!pod.volumes || pod.rejected) continue;
      for (const ref of pod.volumes.claims) {
        if (!ref.template || ref.claim === '') continue;
        const key = `${pod.namespace}/${ref.claim}`;
        if (this.claims.has(key)) continue;
        const meta = obj(ref.template.metadata) ?? ({} as PlainObject);
        const made: PlainObject = { metadata: { ...meta, name: ref.claim, namespace: pod.namespace }, spec: obj(ref.template.spec) ?? ({} as PlainObject) } as PlainObject;
        const c = this.claimOf(made, pod.namespace, ref.claim, 'template');
        // The ephemeral volume controller makes the Pod the claim's owner.
        if (ref.ephemeral) c.owner = { kind: 'Pod', name: pod.name };
        this.claims.set(key, c);
        this.settleImmediate(c);
      }
    }
    for (const pod of pods) {
      if (!pod.volumes || pod.rejected) continue;
      for (const ref of pod.volumes.claims) {
        const c = this.claimFor(pod, ref);
        if (typeof c === 'string') continue;
        if (c.origin === 'assumed') pod.warnings.push(`PersistentVolumeClaim "${ref.claim}" is not declared in this workspace (none is declared in namespace "${pod.namespace}"): taken as bound to a volume every Node can reach`);
        else if (c.trust) pod.warnings.push(c.trust);
        else if (c.bound && !this.pvs.has(c.volumeName) && !this.volumeMissing()) pod.warnings.push(`PersistentVolume "${c.volumeName}" of claim "${c.name}" is not declared in this workspace (none is): taken as reachable from every Node`);
      }
      if (pod.nodeName) {
        const node = nodeByName(pod.nodeName);
        if (node) this.reserve(pod, node);
      }
    }
  }

  /** A claim by namespace and name: declared or created by a controller; undefined if none. */
  claim(namespace: string, name: string): Claim | undefined {
    return this.claims.get(`${namespace}/${name}`);
  }

  /**
   * The claim a Pod's volume refers to, or the message of why it cannot be had (the lister's
   * NotFound, or the ephemeral volume's ownership). Claims the workspace cannot know (closed
   * world) are taken as bound and unconstrained.
   */
  claimFor(pod: SimPod, ref: PodClaimRef): Claim | string {
    const c = this.claims.get(`${pod.namespace}/${ref.claim}`);
    if (c) {
      if (ref.ephemeral && !(c.owner && c.owner.kind === 'Pod' && c.owner.name === pod.name)) return `PVC ${pod.namespace}/${ref.claim} was not created for pod ${pod.namespace}/${pod.name} (pod is not owner)`;
      return c;
    }
    if (this.wholeCluster || this.claimNamespaces.has(pod.namespace)) return notFound('persistentvolumeclaim', ref.claim);
    const assumed: Claim = { key: `${pod.namespace}/${ref.claim}`, namespace: pod.namespace, name: ref.claim, className: '', accessModes: [], request: 0n, selector: null, volumeMode: 'Filesystem', volumeName: '', bound: true, deleting: false, origin: 'assumed' };
    this.claims.set(assumed.key, assumed);
    return assumed;
  }

  /** The Pod's claims in volume order (cached: the claims a Pod refers to never change). */
  private resolved(pod: SimPod): Array<Claim | string> {
    let r = this.podClaimCache.get(pod);
    if (!r) {
      r = (pod.volumes?.claims ?? []).map((ref) => this.claimFor(pod, ref));
      this.podClaimCache.set(pod, r);
    }
    return r;
  }

  /** podHasPVCs' checks, then GetPodVolumeClaims (VolumeBinding PreFilter). */
  podClaims(pod: SimPod): PodClaims {
    const out: PodClaims = { bound: [], delay: [], immediate: [] };
    const list = this.resolved(pod);
    for (const c of list) {
      if (typeof c === 'string') return { ...out, error: c };
      if (c.phase === 'Lost') return { ...out, error: `persistentvolumeclaim "${c.name}" bound to non-existent persistentvolume "${c.volumeName}"` };
      if (c.deleting) return { ...out, error: `persistentvolumeclaim "${c.name}" is being deleted` };
    }
    for (const c of list as Claim[]) {
      if (c.bound) out.bound.push(c);
      else if (c.volumeName === '' && this.classes.get(c.className)?.waitForFirstConsumer === true) out.delay.push(c);
      else out.immediate.push(c);
    }
    return out;
  }

  /** The bound claim's volume: declared, provisioned by the simulation, or (closed world) taken on trust. */
  volumeOf(c: Claim): PersistentVolume | 'missing' | 'assumed' {
    if (c.origin === 'assumed') return 'assumed';
    const pv = this.pvs.get(c.volumeName);
    if (pv) return pv;
    return this.volumeMissing() ? 'missing' : 'assumed';
  }

  /** CheckNodeAffinity: the volume's required terms against the Node's labels (a Node without a name, as upstream builds it). */
  static affinityFits(pv: PersistentVolume, node: SimNode): boolean {
    return !pv.affinity || matchNodeSelector(pv.affinity, { name: '', labels: node.labels });
  }

  /** FindMatchingVolume's tests that do not depend on the Node, once per claim and cycle. */
  private candidatesOf(c: Claim): Candidates {
    const out: Candidates = { mine: null, general: [], pinned: new Map() };
    for (const pv of this.pvsByClass.get(c.className) ?? []) {
      const mine = pv.claimRef !== undefined && pv.claimRef.namespace === c.namespace && pv.claimRef.name === c.name;
      if (pv.claimRef && !mine) continue;
      if (pv.capacity < c.request || pv.volumeMode !== c.volumeMode || pv.deleting) continue;
      if (mine) return { mine: pv, general: [], pinned: new Map() };
      if (!pv.available) continue;
      if (c.selector && !matches(c.selector, pv.labels)) continue;
      if (!c.accessModes.every((m) => pv.accessModes.includes(m))) continue;
      if (!pv.pin) {
        out.general.push(pv);
        continue;
      }
      let byValue = out.pinned.get(pv.pin.key);
      if (!byValue) out.pinned.set(pv.pin.key, (byValue = new Map()));
      for (const v of new Set(pv.pin.values)) {
        const list = byValue.get(v);
        if (list) list.push(pv);
        else byValue.set(v, [pv]);
      }
    }
    return out;
  }

  /** FindMatchingVolume on a Node over a claim's candidates: the smallest whose affinity the Node matches (the first of equals). */
  private matchOnNode(cands: Candidates, node: SimNode, excluded: Set<string>): PersistentVolume | undefined {
    if (cands.mine) return excluded.has(cands.mine.name) || !VolumeState.affinityFits(cands.mine, node) ? undefined : cands.mine;
    let best: PersistentVolume | undefined;
    const consider = (pv: PersistentVolume) => {
      if (pv.claimRef || excluded.has(pv.name)) return;
      if (best && (pv.capacity > best.capacity || (pv.capacity === best.capacity && pv.order > best.order))) return;
      if (VolumeState.affinityFits(pv, node)) best = pv;
    };
    for (const pv of cands.general) consider(pv);
    for (const [key, byValue] of cands.pinned) {
      const v = node.labels[key];
      if (v === undefined) continue;
      for (const pv of byValue.get(v) ?? []) consider(pv);
    }
    return best;
  }

  /** FindMatchingVolume: the smallest available volume of the claim's class that fits the claim (and the Node). */
  findMatchingVolume(c: Claim, node: SimNode | undefined, excluded: Set<string> | undefined): PersistentVolume | undefined {
    let best: PersistentVolume | undefined;
    for (const pv of this.pvsByClass.get(c.className) ?? []) {
      if (excluded?.has(pv.name)) continue;
      const mine = pv.claimRef !== undefined && pv.claimRef.namespace === c.namespace && pv.claimRef.name === c.name;
      if (pv.claimRef && !mine) continue;
      if (pv.capacity < c.request) continue;
      if (pv.volumeMode !== c.volumeMode) continue;
      if (pv.deleting) continue;
      const fits = node === undefined || VolumeState.affinityFits(pv, node);
      // A volume pre-bound to this claim is the only candidate.
      if (mine) return fits ? pv : undefined;
      if (!pv.available) continue;
      if (c.selector && !matches(c.selector, pv.labels)) continue;
      if (!fits) continue;
      // The PV controller's index and the scheduler both want every requested access mode.
      if (!c.accessModes.every((m) => pv.accessModes.includes(m))) continue;
      if (!best || pv.capacity < best.capacity) best = pv;
    }
    return best;
  }

  /** checkVolumeProvisions for one claim on one Node: a class that provisions, in a topology the Node is in. */
  canProvision(c: Claim, node: SimNode): boolean {
    const cls = this.classes.get(c.className);
    if (!cls || cls.provisioner === '' || cls.provisioner === NO_PROVISIONER) return false;
    return matchTopology(cls.allowedTopologies, node.labels);
  }

  /**
   * FindPodVolumes for the claims of a PreFilter on one Node: the reasons it does not fit, and
   * the volumes it would bind there (static bindings) and the claims it would provision.
   */
  findPodVolumes(claims: PodClaims, node: SimNode): { nodeConflict: boolean; bindConflict: boolean; pvMissing: boolean; bindings: Array<[Claim, PersistentVolume]>; provisions: Claim[] } {
    const out = { nodeConflict: false, bindConflict: false, pvMissing: false, bindings: [] as Array<[Claim, PersistentVolume]>, provisions: [] as Claim[] };
    for (const c of claims.bound) {
      const pv = this.volumeOf(c);
      if (pv === 'assumed') continue;
      if (pv === 'missing') {
        out.pvMissing = true;
        break;
      }
      if (!VolumeState.affinityFits(pv, node)) {
        out.nodeConflict = true;
        break;
      }
    }
    if (claims.delay.length === 0) return out;
    const toMatch: Claim[] = [];
    const toProvision: Claim[] = [];
    for (const c of claims.delay) {
      if (c.selectedNode !== undefined) {
        if (c.selectedNode !== node.name) {
          out.bindConflict = true;
          return out;
        }
        toProvision.push(c);
      } else toMatch.push(c);
    }
    if (toMatch.length) {
      // Smallest requests first, so that each gets the smallest volume that fits it.
      const sorted = toMatch.slice().sort((a, b) => (a.request < b.request ? -1 : a.request > b.request ? 1 : 0));
      const chosen = new Set<string>();
      claims.candidates ??= new Map();
      for (const c of sorted) {
        let cands = claims.candidates.get(c);
        if (!cands) claims.candidates.set(c, (cands = this.candidatesOf(c)));
        const pv = this.matchOnNode(cands, node, chosen);
        if (!pv) {
          toProvision.push(c);
          out.bindConflict = true;
          continue;
        }
        chosen.add(pv.name);
        out.bindings.push([c, pv]);
      }
    }
    if (toProvision.length) {
      // The provisioning check decides for the claims left over (it replaces the match's verdict).
      out.bindConflict = !toProvision.every((c) => this.canProvision(c, node));
      if (!out.bindConflict) out.provisions = toProvision;
    }
    return out;
  }

  /**
   * VolumeBinding's Reserve, then the binding it starts: the Pod's waiting claims are bound on
   * `node` (a matching volume), or provisioned for it (`selected-node`), for every later Pod.
   */
  reserve(pod: SimPod, node: SimNode): void {
    if (!pod.volumes || pod.volumes.claims.length === 0) return;
    const claims = this.podClaims(pod);
    if (claims.error || claims.delay.length === 0) return;
    const found = this.findPodVolumes(claims, node);
    for (const [c, pv] of found.bindings) this.bind(c, pv);
    for (const c of found.provisions) if (c.selectedNode === undefined) c.selectedNode = node.name;
  }

  /** The PersistentVolume a claim names, if declared (VolumeZone, NodeVolumeLimits). */
  persistentVolume(name: string): PersistentVolume | undefined {
    return this.pvs.get(name);
  }

  storageClass(name: string): StorageClass | undefined {
    return this.classes.get(name);
  }

  /** Whether a StorageClass the workspace does not declare counts as missing (closed world). */
  classMissing(): boolean {
    return this.wholeCluster || this.classes.size > 0;
  }

  /** Whether a PersistentVolume the workspace does not declare counts as missing (closed world). */
  volumeMissing(): boolean {
    return this.wholeCluster || this.declaredVolumes > 0;
  }

  /** A Node's CSI attach limits by driver (empty: no CSINode, or no counts). */
  csiLimitsOf(node: string): ReadonlyMap<string, number> | undefined {
    return this.csiLimits.get(node);
  }

  /** The claims a Pod resolves to (messages for those it cannot have). */
  claimsOf(pod: SimPod): ReadonlyArray<Claim | string> {
    return this.resolved(pod);
  }
}

/** The volume objects, when any Pod has volumes the plugins read (else null: the plugins skip). */
export function buildVolumeState(found: readonly FoundObject[], pods: readonly SimPod[], nodeByName: (name: string) => SimNode | undefined, wholeCluster: boolean): VolumeState | null {
  if (!pods.some((p) => p.volumes !== undefined)) return null;
  const state = new VolumeState(found, wholeCluster);
  state.prepare(pods, nodeByName);
  return state;
}
