/**
 * Builds the sharing model of one Pod spec from its tree. Reads defensively: any field may
 * have the wrong type, be missing, or be half typed; the model keeps what it can read.
 */
import type { K8sObject } from '../parse/manifests';
import { child, entry, type KEntry, type KMap, type KNode, type Span } from '../parse/tree';
import { containersOf, type ContainerRef } from '../model/containers';
import type { PodSpecSite } from '../model/podSpecs';
import { alwaysReadOnly, isVolumeSource, lifetimeOf } from './volumes';
import type { ContainerShare, Flag, MountShare, PodSharing, PortRef, PortShare, VolumeNameRef, VolumeShare } from './types';
import { RunsBeside } from './beside';

/** At most this many colliding ports are listed per port (`collisionCount` has them all). */
export const MAX_COLLISIONS_LISTED = 50;

function seq(n: KNode | undefined): KNode[] {
  return n && n.kind === 'seq' ? n.items : [];
}

function strEntry(map: KNode | undefined, key: string): { value: string; span: Span; entry: KEntry } | undefined {
  const e = entry(map, key);
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') return undefined;
  return { value: e.value.v.value, span: { start: e.value.start, end: e.value.end }, entry: e };
}

function intEntry(map: KNode | undefined, key: string): { value: number; span: Span } | undefined {
  const e = entry(map, key);
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'int') return undefined;
  return { value: e.value.v.value, span: { start: e.value.start, end: e.value.end } };
}

function boolOf(map: KNode | undefined, key: string): boolean | undefined {
  const v = child(map, key);
  return v && v.kind === 'scalar' && v.v.type === 'bool' ? v.v.value : undefined;
}

function flag(spec: KMap, key: string): Flag {
  const e = entry(spec, key);
  return { value: boolOf(spec, key) === true, entry: e };
}

/**
 * Whether two containers run at the same time: app containers, sidecars and ephemeral
 * containers run together; an init container runs alone, except beside the sidecars declared
 * before it (they started first and keep running).
 */
export function concurrent(a: ContainerShare, b: ContainerShare): boolean {
  if (a === b) return false;
  const long = (c: ContainerShare): boolean => c.role === 'container' || c.role === 'sidecar' || c.role === 'ephemeral';
  if (long(a) && long(b)) return true;
  const init = a.role === 'init' ? a : b;
  const other = init === a ? b : a;
  if (other.role === 'sidecar') return other.ref.index < init.ref.index;
  return false;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];

function collectPortRefs(c: ContainerShare): void {
  const holders: Array<[KNode | undefined, string]> = PROBES.map((p) => [child(c.ref.node, p), p]);
  const lifecycle = child(c.ref.node, 'lifecycle');
  for (const h of HOOKS) holders.push([child(lifecycle, h), `lifecycle.${h}`]);
  for (const [holder, where] of holders) {
    if (!holder) continue;
    for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
      const e = entry(child(holder, action), 'port');
      if (!e || e.value.kind !== 'scalar') continue;
      const v = e.value;
      const name = v.v.type === 'string' && v.v.value !== '' ? v.v.value : undefined;
      const number = v.v.type === 'int' ? v.v.value : undefined;
      if (name === undefined && number === undefined) continue;
      c.portRefs.push({ container: c, where: `${where}.${action}`, name, number, span: { start: v.start, end: v.end }, keySpan: e.keySpan, target: undefined });
    }
  }
  c.portRefs.sort((a, b) => a.span.start - b.span.start);
}

function label(ref: ContainerRef): string {
  return ref.name ?? `#${ref.index + 1}`;
}

export function computeSharing(object: K8sObject, site: PodSpecSite): PodSharing {
  const spec = site.spec;
  const containers: ContainerShare[] = containersOf(site).map((ref) => {
    const n = strEntry(ref.node, 'name');
    return { ref, label: label(ref), name: ref.name, nameSpan: n?.span, role: ref.role, ports: [], mounts: [], portRefs: [] };
  });

  const volumes: VolumeShare[] = [];
  seq(child(spec, 'volumes')).forEach((node, index) => {
    if (node.kind !== 'map') return;
    const n = strEntry(node, 'name');
    const sourceEntry = node.entries.find((e) => !e.merged && isVolumeSource(e.key)) ?? node.entries.find((e) => isVolumeSource(e.key));
    volumes.push({
      index,
      path: `${site.path}.volumes[${index}]`,
      node,
      name: n?.value,
      nameSpan: n?.span,
      source: sourceEntry?.key,
      sourceEntry,
      lifetime: lifetimeOf(sourceEntry?.key),
      mounts: [],
      nameRefs: [],
    });
  });
  const volumeByName = new Map<string, VolumeShare>();
  for (const v of volumes) if (v.name !== undefined && !volumeByName.has(v.name)) volumeByName.set(v.name, v);

  const ports: PortShare[] = [];
  const mounts: MountShare[] = [];
  const volumeRefs: VolumeNameRef[] = [];
  for (const c of containers) {
    seq(child(c.ref.node, 'ports')).forEach((node, index) => {
      if (node.kind !== 'map') return;
      const name = strEntry(node, 'name');
      const number = intEntry(node, 'containerPort');
      const hostPort = intEntry(node, 'hostPort');
      const p: PortShare = {
        container: c,
        index,
        path: `${c.ref.path}.ports[${index}]`,
        node,
        name: name?.value,
        nameSpan: name?.span,
        number: number?.value,
        numberSpan: number?.span,
        protocol: strEntry(node, 'protocol')?.value ?? 'TCP',
        hostPort: hostPort && hostPort.value !== 0 ? hostPort.value : undefined,
        hostPortSpan: hostPort?.span,
        hostIP: strEntry(node, 'hostIP')?.value,
        refs: [],
        collisions: [],
        collisionCount: 0,
        collidingContainers: 0,
      };
      c.ports.push(p);
      ports.push(p);
    });
    for (const list of ['volumeMounts', 'volumeDevices'] as const) {
      seq(child(c.ref.node, list)).forEach((node, index) => {
        if (node.kind !== 'map') return;
        const name = strEntry(node, 'name');
        const volume = name ? volumeByName.get(name.value) : undefined;
        const m: MountShare = {
          container: c,
          index,
          list,
          path: `${c.ref.path}.${list}[${index}]`,
          node,
          volumeName: name?.value,
          nameSpan: name?.span,
          mountPath: strEntry(node, list === 'volumeMounts' ? 'mountPath' : 'devicePath')?.value,
          readOnly: boolOf(node, 'readOnly') === true || alwaysReadOnly(volume?.source),
          recursiveReadOnly: strEntry(node, 'recursiveReadOnly')?.value,
          subPath: strEntry(node, 'subPath')?.value || undefined,
          subPathExpr: strEntry(node, 'subPathExpr')?.value || undefined,
          propagation: strEntry(node, 'mountPropagation')?.value,
          volume,
        };
        c.mounts.push(m);
        mounts.push(m);
        volume?.mounts.push(m);
      });
    }
    seq(child(c.ref.node, 'env')).forEach((env, i) => {
      const v = strEntry(child(child(env, 'valueFrom'), 'fileKeyRef'), 'volumeName');
      if (!v) return;
      const volume = volumeByName.get(v.value);
      const ref: VolumeNameRef = { container: c, where: `env[${i}].valueFrom.fileKeyRef`, name: v.value, span: v.span, volume };
      volumeRefs.push(ref);
      volume?.nameRefs.push(ref);
    });
    collectPortRefs(c);
  }

  // The ports of each number/protocol, by container: collisions and numeric references are
  // answered from these groups, never by scanning every port for every port.
  const groups = new Map<string, PortGroup>();
  for (const p of ports) {
    if (p.number === undefined) continue;
    const key = `${p.number}/${p.protocol}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: [], byContainer: new Map(), beside: undefined }));
    g.ports.push(p);
    const own = g.byContainer.get(p.container);
    if (own) own.push(p);
    else g.byContainer.set(p.container, [p]);
  }

  // Port references: a name resolves among the container's own ports (as the kubelet does);
  // a number reaches whichever container binds it, preferring the container itself.
  const portRefs: PortRef[] = [];
  for (const c of containers) {
    for (const r of c.portRefs) {
      if (r.name !== undefined) r.target = c.ports.find((p) => p.name === r.name);
      else if (r.number !== undefined) {
        r.target = c.ports.find((p) => p.number === r.number && p.protocol === 'TCP') ?? firstPortBeside(groups.get(`${r.number}/TCP`), c);
      }
      r.target?.refs.push(r);
      portRefs.push(r);
    }
  }

  // Collisions: the same number/protocol in one container twice, or in two containers that
  // run at the same time (they share one network namespace).
  for (const g of groups.values()) {
    if (g.ports.length < 2) continue;
    for (const p of g.ports) collide(g, p);
  }

  const hostname = strEntry(spec, 'hostname');
  const subdomain = strEntry(spec, 'subdomain');
  const specKey = specKeyEntry(object, site);
  return {
    object,
    site,
    title: `${object.kind} ${object.name ?? '(unnamed)'}`,
    specKeySpan: specKey ? specKey.keySpan : { start: spec.start, end: spec.start },
    containers,
    beside: new RunsBeside(containers),
    ports,
    volumes,
    mounts,
    portRefs,
    volumeRefs,
    hostNetwork: flag(spec, 'hostNetwork'),
    hostIPC: flag(spec, 'hostIPC'),
    hostPID: flag(spec, 'hostPID'),
    shareProcessNamespace: flag(spec, 'shareProcessNamespace'),
    hostUsers: entry(spec, 'hostUsers') ? { value: boolOf(spec, 'hostUsers') !== false, entry: entry(spec, 'hostUsers') } : undefined,
    hostname: hostname ? { value: hostname.value, entry: hostname.entry } : undefined,
    subdomain: subdomain ? { value: subdomain.value, entry: subdomain.entry } : undefined,
    setHostnameAsFQDN: entry(spec, 'setHostnameAsFQDN') ? flag(spec, 'setHostnameAsFQDN') : undefined,
  };
}

interface PortGroup {
  /** In Pod order. */
  ports: PortShare[];
  /** Each container's ports of the group, containers in Pod order. */
  byContainer: Map<ContainerShare, PortShare[]>;
  beside: RunsBeside | undefined;
}

function besideOf(g: PortGroup): RunsBeside {
  return (g.beside ??= new RunsBeside(g.byContainer.keys(), (c) => g.byContainer.get(c)!.length));
}

/** The first port of the group (Pod order) in a container running beside `c`. */
function firstPortBeside(g: PortGroup | undefined, c: ContainerShare): PortShare | undefined {
  if (!g) return undefined;
  const [x] = besideOf(g).firstBeside(c, 1);
  return x ? g.byContainer.get(x)![0] : undefined;
}

/** `p.collisions` (the first few, in Pod order) and `p.collisionCount`. */
function collide(g: PortGroup, p: PortShare): void {
  const beside = besideOf(g);
  const own = g.byContainer.get(p.container)!;
  p.collisionCount = own.length - 1 + beside.weightBeside(p.container);
  p.collidingContainers = beside.countBeside(p.container);
  if (p.collisionCount === 0) return;
  // Every container listed brings at least one port: MAX containers are enough to fill the list.
  const others = beside.firstBeside(p.container, MAX_COLLISIONS_LISTED);
  const ordered = own.length > 1 ? mergeByPosition(others, p.container) : others;
  const out: PortShare[] = [];
  for (const c of ordered) {
    for (const q of g.byContainer.get(c)!) {
      if (out.length === MAX_COLLISIONS_LISTED) break;
      if (q !== p) out.push(q);
    }
    if (out.length === MAX_COLLISIONS_LISTED) break;
  }
  p.collisions = out;
}

/** A container's place in Pod order: the init list, then containers, then ephemeral ones. */
function podOrder(c: ContainerShare): number {
  const list = c.role === 'init' || c.role === 'sidecar' ? 0 : c.role === 'container' ? 1 : 2;
  return list * 2 ** 32 + c.ref.index;
}

/** `others` (in Pod order) with `c` inserted where it stands in Pod order. */
function mergeByPosition(others: ContainerShare[], c: ContainerShare): ContainerShare[] {
  const at = podOrder(c);
  const out: ContainerShare[] = [];
  let placed = false;
  for (const x of others) {
    if (!placed && podOrder(x) > at) {
      out.push(c);
      placed = true;
    }
    out.push(x);
  }
  if (!placed) out.push(c);
  return out;
}

/** The `spec:` entry whose value is the PodSpec, found by walking down from the object. */
function specKeyEntry(object: K8sObject, site: PodSpecSite): KEntry | undefined {
  const stack: KNode[] = [object.node];
  for (let guard = 0; stack.length && guard < 64; guard++) {
    const n = stack.pop()!;
    if (n.kind !== 'map') continue;
    for (const e of n.entries) {
      if (e.value === site.spec) return e;
      if (e.value.kind === 'map' && (e.key === 'spec' || e.key === 'template' || e.key === 'jobTemplate')) stack.push(e.value);
    }
  }
  return undefined;
}
