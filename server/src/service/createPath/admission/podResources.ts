/**
 * A Pod's containers' requests and limits, and the Pod's totals as the admission plugins add them
 * up (the limitranger package's `podRequests`/`podLimits`, component-helpers' `PodRequests`
 * without status resources): containers summed, restartable init containers (sidecars) added
 * and accumulated, each other init container with the sidecars before it, the larger of the two;
 * pod-level cpu and memory override (PodLevelResources, on in 1.35).
 */
import { arr, isObj, obj, str, type PlainObject } from '../../model/plain';
import { addQuantities, compareQuantities, readResourceList, type ResourceList } from './quantities';

/** A container's requests and limits as admission sees them, updated as defaults are applied. */
export interface ContainerView {
  key: 'containers' | 'initContainers';
  index: number;
  name: string;
  restartAlways: boolean;
  requests: ResourceList;
  limits: ResourceList;
}

export function containerViews(spec: PlainObject): ContainerView[] {
  const out: ContainerView[] = [];
  for (const key of ['containers', 'initContainers'] as const) {
    arr(spec[key]).forEach((c, index) => {
      if (!isObj(c)) return;
      const resources = obj(c.resources);
      out.push({
        key,
        index,
        name: str(c.name) ?? '',
        restartAlways: str(c.restartPolicy) === 'Always',
        requests: readResourceList(resources?.requests),
        limits: readResourceList(resources?.limits),
      });
    });
  }
  return out;
}

export function addInto(list: ResourceList, add: ResourceList): void {
  for (const [k, q] of add) {
    if (!q) continue;
    const cur = list.get(k);
    list.set(k, cur ? addQuantities(cur, q) : q);
  }
}

function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [k, q] of other) {
    if (!q) continue;
    const cur = list.get(k);
    if (!cur || compareQuantities(q, cur) > 0) list.set(k, q);
  }
}

/** The Pod's total requests or limits (see above). */
export function podTotal(views: ContainerView[], which: 'requests' | 'limits', podResources: PlainObject | undefined): ResourceList {
  const total: ResourceList = new Map();
  const sidecars: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const v of views) if (v.key === 'containers') addInto(total, v[which]);
  for (const v of views) {
    if (v.key !== 'initContainers') continue;
    let own: ResourceList;
    if (v.restartAlways) {
      addInto(total, v[which]);
      addInto(sidecars, v[which]);
      own = sidecars;
    } else {
      own = new Map();
      addInto(own, v[which]);
      addInto(own, sidecars);
    }
    maxInto(init, own);
  }
  maxInto(total, init);
  if (podResources) {
    for (const [k, q] of readResourceList(podResources[which])) {
      if ((k === 'cpu' || k === 'memory') && q) total.set(k, q);
    }
  }
  return total;
}

