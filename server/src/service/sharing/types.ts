/**
 * The sharing model of one Pod spec: what its containers share (network, IPC, PID, hostname,
 * volumes) and with whom. Spans are relative to the document chunk, like every tree span, so
 * the model is cached with its document and survives edits elsewhere in the file.
 */
import type { K8sObject } from '../parse/manifests';
import type { KEntry, KMap, Span } from '../parse/tree';
import type { ContainerRef, ContainerRole } from '../model/containers';
import type { PodSpecSite } from '../model/podSpecs';
import type { RunsBeside } from './beside';

export interface ContainerShare {
  ref: ContainerRef;
  /** The name as written, or `#n` when it has none. */
  label: string;
  name: string | undefined;
  /** Span of the name's value. */
  nameSpan: Span | undefined;
  role: ContainerRole;
  ports: PortShare[];
  mounts: MountShare[];
  /** Port references of this container's probes and lifecycle hooks. */
  portRefs: PortRef[];
}

export interface PortShare {
  container: ContainerShare;
  index: number;
  /** Upstream path of the port (`spec.containers[0].ports[1]`). */
  path: string;
  node: KMap;
  name: string | undefined;
  nameSpan: Span | undefined;
  /** containerPort, when it is a number. */
  number: number | undefined;
  numberSpan: Span | undefined;
  protocol: string;
  hostPort: number | undefined;
  hostPortSpan: Span | undefined;
  hostIP: string | undefined;
  /** Named and numeric references that resolve to this port. */
  refs: PortRef[];
  /**
   * Other ports declaring the same number/protocol in its container or in containers that run
   * at the same time: the first MAX_COLLISIONS_LISTED of them, in Pod order.
   */
  collisions: PortShare[];
  /** How many such ports in all (more than `collisions.length` when the list was cut). */
  collisionCount: number;
  /** How many other containers (running at the same time) declare it too. */
  collidingContainers: number;
}

export interface PortRef {
  container: ContainerShare;
  /** Where the reference sits, relative to its container (`readinessProbe.httpGet`). */
  where: string;
  name: string | undefined;
  number: number | undefined;
  /** Span of the `port` value. */
  span: Span;
  /** Span of the `port` key. */
  keySpan: Span;
  /** The declared port it resolves to, if any. */
  target: PortShare | undefined;
}

export type VolumeLifetime = 'pod' | 'node' | 'claim' | 'pod-claim' | 'view' | 'image' | 'external' | 'unknown';

export interface VolumeShare {
  index: number;
  path: string;
  node: KMap;
  name: string | undefined;
  nameSpan: Span | undefined;
  /** The volume source key (`emptyDir`, `hostPath`, …), when one is set. */
  source: string | undefined;
  sourceEntry: KEntry | undefined;
  lifetime: VolumeLifetime;
  mounts: MountShare[];
  /** Other references by name (env `fileKeyRef.volumeName`). */
  nameRefs: VolumeNameRef[];
}

export interface MountShare {
  container: ContainerShare;
  index: number;
  /** `volumeMounts` or `volumeDevices`. */
  list: 'volumeMounts' | 'volumeDevices';
  path: string;
  node: KMap;
  volumeName: string | undefined;
  nameSpan: Span | undefined;
  /** mountPath, or devicePath for a device. */
  mountPath: string | undefined;
  readOnly: boolean;
  recursiveReadOnly: string | undefined;
  subPath: string | undefined;
  subPathExpr: string | undefined;
  propagation: string | undefined;
  volume: VolumeShare | undefined;
}

export interface VolumeNameRef {
  container: ContainerShare;
  where: string;
  name: string;
  span: Span;
  volume: VolumeShare | undefined;
}

export interface Flag {
  value: boolean;
  entry: KEntry | undefined;
}

export interface PodSharing {
  object: K8sObject;
  site: PodSpecSite;
  /** `Pod web`, `Deployment api`. */
  title: string;
  /** Span of the PodSpec's key (`spec:`), where the code lens goes. */
  specKeySpan: Span;
  containers: ContainerShare[];
  /** Who runs beside whom among `containers`. */
  beside: RunsBeside;
  ports: PortShare[];
  volumes: VolumeShare[];
  mounts: MountShare[];
  portRefs: PortRef[];
  volumeRefs: VolumeNameRef[];
  hostNetwork: Flag;
  hostIPC: Flag;
  hostPID: Flag;
  shareProcessNamespace: Flag;
  hostUsers: Flag | undefined;
  hostname: { value: string; entry: KEntry } | undefined;
  subdomain: { value: string; entry: KEntry } | undefined;
  setHostnameAsFQDN: Flag | undefined;
}

/** What sits at a position in a Pod spec, as far as sharing is concerned. */
export type SharingTarget =
  | { kind: 'container'; container: ContainerShare; span: Span }
  | { kind: 'port'; port: PortShare; span: Span; field: 'containerPort' | 'hostPort' | 'name' | 'protocol' | 'hostIP' | 'item' }
  | { kind: 'portRef'; ref: PortRef; span: Span }
  | { kind: 'volume'; volume: VolumeShare; span: Span; field: 'name' | 'source' | 'item' }
  | { kind: 'mount'; mount: MountShare; span: Span; field: 'name' | 'mountPath' | 'readOnly' | 'subPath' | 'mountPropagation' | 'item' }
  | { kind: 'volumeRef'; ref: VolumeNameRef; span: Span }
  | { kind: 'flag'; flag: 'hostNetwork' | 'hostIPC' | 'hostPID' | 'shareProcessNamespace' | 'hostUsers' | 'hostname' | 'subdomain' | 'setHostnameAsFQDN'; span: Span }
  | { kind: 'list'; list: 'containers' | 'initContainers' | 'volumes'; span: Span };
