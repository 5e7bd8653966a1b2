/**
 * Resources as the scheduler counts them (component-helpers `PodRequests`, scheduler
 * `framework.Resource`): cpu in millicores, everything else in whole units (bytes, counts),
 * quantities rounded up the way `MilliValue()`/`Value()` round. Pod requests follow the
 * sidecar-aware init-container rule, pod-level requests and overhead; the "non-zero" variant
 * used by LeastAllocated counts a container without a cpu/memory request as 100m / 200Mi.
 */
import type { Quantity } from '../util/quantity';
import { milliValue } from '../util/quantity';
import { isObj, objs, quantity, str, type PlainObject } from '../model/plain';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL = 'ephemeral-storage';
export const PODS = 'pods';

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest (200 × 1024 × 1024). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Resources the scheduler tracks besides cpu, memory, ephemeral-storage and pods. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (name.includes('kubernetes.io/')) return true; // prefixed native resources
  // Extended resources: domain-qualified (`example.com/gpu`), not `requests.*`.
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  return /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

/** Whether the scheduler counts this resource at all. */
export function isTracked(name: string): boolean {
  return name === CPU || name === MEMORY || name === EPHEMERAL || name === PODS || isScalarResourceName(name);
}

/** Resources supported at pod level (`spec.resources`). */
function isPodLevelResource(name: string): boolean {
  return name === CPU || name === MEMORY || name.startsWith('hugepages-');
}

/** Exact amounts in thousandths, per resource name. */
export type MilliList = Map<string, bigint>;

function milliOf(q: Quantity): bigint {
  return milliValue(q);
}

/** A ResourceList (`requests`, `limits`, `overhead`, `allocatable`) in thousandths. */
export function resourceList(v: unknown): MilliList {
  const out: MilliList = new Map();
  if (!isObj(v)) return out;
  for (const k of Object.keys(v)) {
    const q = quantity(v[k]);
    if (q) out.set(k, milliOf(q));
  }
  return out;
}

/**
 * A container's effective requests: `requests`, with the API server's defaulting of missing
 * requests from `limits`.
 */
export function containerRequests(container: PlainObject): MilliList {
  const res = isObj(container.resources) ? container.resources : undefined;
  const req = resourceList(res?.requests);
  const lim = resourceList(res?.limits);
  for (const [k, v] of lim) if (!req.has(k)) req.set(k, v);
  return req;
}

function add(into: MilliList, from: MilliList): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
}

function max(into: MilliList, from: MilliList): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur === undefined || v > cur) into.set(k, v);
  }
}

function withDefaults(reqs: MilliList, nonZero: boolean): MilliList {
  if (!nonZero) return reqs;
  const cp = new Map(reqs);
  if (!cp.has(CPU)) cp.set(CPU, BigInt(DEFAULT_MILLI_CPU_REQUEST));
  if (!cp.has(MEMORY)) cp.set(MEMORY, BigInt(DEFAULT_MEMORY_REQUEST) * 1000n);
  return cp;
}

export interface PodRequestOptions {
  /** Count missing container cpu/memory requests as 100m / 200Mi (LeastAllocated). */
  nonZero: boolean;
  /** PodLevelResources (beta-on since v1.34). */
  podLevel: boolean;
}

/** component-helpers resource.PodRequests. */
export function podRequests(spec: PlainObject, opts: PodRequestOptions): MilliList {
  const reqs: MilliList = new Map();
  for (const c of objs(spec.containers)) add(reqs, withDefaults(containerRequests(c), opts.nonZero));
  const restartable: MilliList = new Map();
  const initMax: MilliList = new Map();
  for (const c of objs(spec.initContainers)) {
    let r = withDefaults(containerRequests(c), opts.nonZero);
    if (str(c.restartPolicy) === 'Always') {
      add(reqs, r);
      add(restartable, r);
      r = restartable;
    } else {
      const tmp: MilliList = new Map();
      add(tmp, r);
      add(tmp, restartable);
      r = tmp;
    }
    max(initMax, r);
  }
  max(reqs, initMax);
  if (opts.podLevel && isObj(spec.resources)) {
    const podReq = resourceList(spec.resources.requests);
    const podLim = resourceList(spec.resources.limits);
    for (const [k, v] of podLim) if (!podReq.has(k)) podReq.set(k, v);
    let any = false;
    for (const k of podReq.keys()) if (isPodLevelResource(k)) any = true;
    if (any) for (const [k, v] of podReq) if (isPodLevelResource(k)) reqs.set(k, v);
  }
  add(reqs, resourceList(spec.overhead));
  return reqs;
}

/** `MilliValue()` for cpu, `Value()` (rounded up) for everything else. */
export function toUnits(name: string, milli: bigint): number {
  if (name === CPU) return Number(milli);
  const q = milli / 1000n;
  return Number(milli % 1000n > 0n ? q + 1n : q);
}

/** Formats an amount for people: `1500m`, `2`, `4Gi`, `1.5Gi`, `110`. */
export function formatAmount(name: string, units: number): string {
  if (name === CPU) return units % 1000 === 0 ? String(units / 1000) : `${units}m`;
  if (name === MEMORY || name === EPHEMERAL || name.startsWith('hugepages-')) {
    const steps: Array<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
    for (const [suffix, size] of steps) {
      if (units >= size) {
        const v = units / size;
        return `${Number.isInteger(v) ? v : v.toFixed(1).replace(/\.0$/, '')}${suffix}`;
      }
    }
    return String(units);
  }
  return String(units);
}
