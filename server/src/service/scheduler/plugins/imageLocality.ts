/**
 * ImageLocality (weight 1): Nodes that already hold the Pod's images score higher: the sum
 * over containers of image size × (Nodes having it / all Nodes), clamped to
 * [23 MiB, 1000 MiB × containers] and scaled to 0..100. Images are matched by name as listed
 * in `status.images` (`:latest` is appended to untagged container images).
 */
import type { ScorePlugin } from '../plugin';
import { PLUGIN } from '../types';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export function imagePriority(sum: number, containers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers;
  let s = sum;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  const v = Math.trunc((100 * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  return v === 0 ? 0 : v; // never -0
}

export const imageLocality: ScorePlugin = {
  name: PLUGIN.ImageLocality,
  weight: 1,
  score(c, node) {
    const images = node.images;
    if (!images) return 0; // below the 23 MiB threshold
    const total = c.cluster.nodes.length;
    let sum = 0;
    for (const name of c.pod.images) {
      const st = images.get(name);
      if (st) sum += Math.trunc(st.size * (st.numNodes / total));
    }
    return imagePriority(sum, c.pod.containerCount);
  },
};
