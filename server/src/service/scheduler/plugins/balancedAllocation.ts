/**
 * NodeResourcesBalancedAllocation (weight 1): prefers Nodes whose cpu and memory would be
 * used in equal fractions after placement (real requests, fractions capped at 1):
 * ⌊(1 − |f_cpu − f_mem| / 2) · 100⌋. Skipped for Pods that request neither (v1.33+).
 */
import type { ScorePlugin } from '../plugin';
import { PLUGIN } from '../types';

export const balancedAllocation: ScorePlugin = {
  name: PLUGIN.NodeResourcesBalancedAllocation,
  weight: 1,
  preScore: (c) => !(c.pod.reqCpu === 0 && c.pod.reqMem === 0),
  score(c, node) {
    const pod = c.pod;
    const cpuAlloc = node.alloc[0];
    const memAlloc = node.alloc[1];
    // With one resource (the other has no allocatable) the deviation is 0.
    if (cpuAlloc === 0 || memAlloc === 0) return 100;
    const fCpu = Math.min(1, (node.requested[0] + pod.reqCpu) / cpuAlloc);
    const fMem = Math.min(1, (node.requested[1] + pod.reqMem) / memAlloc);
    const std = Math.abs((fCpu - fMem) / 2);
    return Math.trunc((1 - std) * 100);
  },
};
