/**
 * NodeResourcesFit. Filter, in upstream order: `Too many pods`; then, when the Pod requests
 * anything, `Insufficient cpu`, `memory`, `ephemeral-storage` and each extended / hugepages
 * resource (every failure is its own reason). UnschedulableAndUnresolvable since v1.34 when a
 * request exceeds the Node's whole allocatable (no eviction could help).
 * Score (weight 1), LeastAllocated over cpu and memory with the non-zero requests:
 * Σ ((alloc − req) · 100 / alloc) / 2 in integer arithmetic.
 */
import type { FilterPlugin, ScorePlugin } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, UNSCHEDULABLE, type SimNode, type SimPod, type Status } from '../types';

const cache = new Map<string, Status>();

function cached(code: 1 | 2, reasons: string[]): Status {
  const key = `${code}\u0000${reasons.join('\u0000')}`;
  let s = cache.get(key);
  if (!s) {
    s = status(PLUGIN.NodeResourcesFit, code, ...reasons);
    if (cache.size < 10_000) cache.set(key, s);
  }
  return s;
}

/** fitsRequest: the reasons the Pod does not fit, and whether any is unresolvable. */
export function insufficient(pod: SimPod, node: SimNode, resources: readonly string[], version: string): Status | null {
  const alloc = node.alloc;
  const used = node.requested;
  let reasons: string[] | null = null;
  let unresolvable = false;
  if (node.pods.length + 1 > alloc[3]) (reasons ??= []).push('Too many pods');
  if (pod.reqCpu === 0 && pod.reqMem === 0 && pod.reqEph === 0 && !pod.hasScalarKeys) return reasons ? cached(UNSCHEDULABLE, reasons) : null;
  const gate = version !== '1.33';
  if (pod.reqCpu > 0 && pod.reqCpu > alloc[0] - used[0]) {
    (reasons ??= []).push('Insufficient cpu');
    if (gate && pod.reqCpu > alloc[0]) unresolvable = true;
  }
  if (pod.reqMem > 0 && pod.reqMem > alloc[1] - used[1]) {
    (reasons ??= []).push('Insufficient memory');
    if (gate && pod.reqMem > alloc[1]) unresolvable = true;
  }
  if (pod.reqEph > 0 && pod.reqEph > alloc[2] - used[2]) {
    (reasons ??= []).push('Insufficient ephemeral-storage');
    if (gate && pod.reqEph > alloc[2]) unresolvable = true;
  }
  if (pod.hasScalarKeys) {
    let scalars: string[] | null = null;
    for (const [i, v] of pod.req) {
      if (i < 4 || v === 0) continue;
      if (v > alloc[i] - used[i]) {
        (scalars ??= []).push(`Insufficient ${resources[i]}`);
        if (gate && v > alloc[i]) unresolvable = true;
      }
    }
    if (scalars) (reasons ??= []).push(...scalars.sort());
  }
  return reasons ? cached(unresolvable ? UNRESOLVABLE : UNSCHEDULABLE, reasons) : null;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: PLUGIN.NodeResourcesFit,
  filter: (c, node) => insufficient(c.pod, node, c.cluster.resources, c.version),
};

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * 100) / capacity);
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: PLUGIN.NodeResourcesFit,
  weight: 1,
  score(c, node) {
    const pod = c.pod;
    let sum = 0;
    let n = 0;
    const cpuAlloc = node.alloc[0];
    const memAlloc = node.alloc[1];
    if (cpuAlloc !== 0) {
      sum += leastRequested(node.nonZeroCpu + pod.nonZeroCpu, cpuAlloc);
      n++;
    }
    if (memAlloc !== 0) {
      sum += leastRequested(node.nonZeroMem + pod.nonZeroMem, memAlloc);
      n++;
    }
    return n === 0 ? 0 : Math.floor(sum / n);
  },
};
