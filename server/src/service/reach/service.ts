/**
 * A Service as the endpoint controllers and kube-proxy read it (core/v1 1.35):
 * - `spec.selector` selects Pods of the Service's namespace whose labels hold every pair; a
 *   selector that is empty or absent selects nothing (the Service's endpoints are managed
 *   outside Kubernetes), and type ExternalName ignores it.
 * - each port's `targetPort` defaults to its `port` (SetDefaults_Service), its protocol to TCP;
 *   a number is used as it is (declaring container ports is informational), a name is looked up
 *   among the Pod's container ports with the same name and protocol, app containers first, then
 *   sidecars (FindPort); a Pod where it resolves nowhere gets no endpoint for that port.
 * - `type` defaults to ClusterIP; `clusterIP: None` makes it headless.
 */
import { int, isObj, obj, objs, str, stringMap, type PlainObject } from '../model/plain';
import type { PodFacts, PortFact } from './podFacts';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;

export interface ServicePortFacts {
  index: number;
  name?: string;
  port?: number;
  /** As written, else the port (the API server's default). */
  targetPort: number | string | undefined;
  /** Whether targetPort was written. */
  targetPortWritten: boolean;
  protocol: string;
  nodePort?: number;
}

export interface ServiceFacts {
  name: string;
  namespace: string;
  type: ServiceType;
  headless: boolean;
  externalName?: string;
  /** The selector's pairs; undefined when it selects nothing by design (absent, empty, ExternalName). */
  selector: Record<string, string> | undefined;
  /** Why `selector` is undefined. */
  noSelector?: 'absent' | 'empty' | 'externalName';
  ports: ServicePortFacts[];
}

export function serviceFacts(value: PlainObject): ServiceFacts {
  const meta = obj(value.metadata);
  const spec = obj(value.spec);
  const type = str(spec?.type) || 'ClusterIP';
  const facts: ServiceFacts = {
    name: str(meta?.name) ?? '',
    namespace: str(meta?.namespace) || 'default',
    type,
    headless: str(spec?.clusterIP) === 'None',
    selector: undefined,
    ports: [],
  };
  const en = str(spec?.externalName);
  if (en) facts.externalName = en;
  const raw = spec?.selector;
  if (type === 'ExternalName') facts.noSelector = 'externalName';
  else if (!isObj(raw)) facts.noSelector = 'absent';
  else {
    const sel = stringMap(raw);
    if (Object.keys(sel).length === 0) facts.noSelector = 'empty';
    else facts.selector = sel;
  }
  objs(spec?.ports).forEach((p, index) => {
    const port = int(p.port);
    const written = typeof p.targetPort === 'string' ? p.targetPort : int(p.targetPort);
    // SetDefaults_Service: a zero or empty targetPort becomes the port.
    const targetPortWritten = written !== undefined && written !== 0 && written !== '';
    const sp: ServicePortFacts = { index, port, targetPort: targetPortWritten ? written : port, targetPortWritten, protocol: str(p.protocol) || 'TCP' };
    const name = str(p.name);
    if (name) sp.name = name;
    const np = int(p.nodePort);
    if (np !== undefined) sp.nodePort = np;
    facts.ports.push(sp);
  });
  return facts;
}

/** Whether the Service selects the Pod (same namespace, every selector pair among its labels). */
export function selectsPod(s: ServiceFacts, pod: PodFacts): boolean {
  if (!s.selector || s.namespace !== pod.namespace) return false;
  for (const k in s.selector) if (pod.labels[k] !== s.selector[k]) return false;
  return true;
}

/**
 * The container port a Service port reaches on a Pod: for a name, the first declared port with
 * that name and protocol (app containers, then sidecars); for a number, the declared port with
 * that number and protocol when there is one. `number` is where traffic goes (undefined: a
 * name that resolves nowhere, so this Pod is no endpoint of the port).
 */
export function resolveTargetPort(sp: ServicePortFacts, pod: PodFacts): { number: number | undefined; declared: PortFact | undefined } {
  const t = sp.targetPort;
  if (typeof t === 'string') {
    const hit = pod.ports.find((p) => p.name === t && p.protocol === sp.protocol);
    return { number: hit?.containerPort, declared: hit };
  }
  if (t === undefined) return { number: undefined, declared: undefined };
  return { number: t, declared: pod.ports.find((p) => p.containerPort === t && p.protocol === sp.protocol) };
}

/** `80→http`, `53/UDP→5353`: the port and where it goes, as written. */
export function portArrow(sp: ServicePortFacts): string {
  const proto = sp.protocol !== 'TCP' ? `/${sp.protocol}` : '';
  return `${sp.port ?? '?'}${proto}→${sp.targetPort ?? '?'}`;
}

/** `ClusterIP`, `headless`, `NodePort`, `LoadBalancer`, `ExternalName`. */
export function typeText(s: ServiceFacts): string {
  return s.headless && s.type === 'ClusterIP' ? 'headless ClusterIP None' : s.type;
}
