/**
 * NodeVolumeLimits, the CSI limits (kube-scheduler 1.35, framework/plugins/nodevolumelimits/csi.go).
 * PreFilter: Skip for a Pod without claims. Filter (Unschedulable): the Node's CSINode
 * `spec.drivers[].allocatable.count` per driver against the unique CSI volumes of the Pods on
 * the Node plus the Pod's new ones (`node(s) exceed max volume count`). A claim's volume is its
 * PersistentVolume's `csi` driver and handle; an unbound claim counts for its StorageClass's
 * provisioner, one volume per claim. A Node without a CSINode (or without counts) has no limit.
 * In-tree volumes migrated to CSI and VolumeAttachments are not counted.
 */
import type { FilterPlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNSCHEDULABLE, type SimPod } from '../types';
import type { VolumeState } from '../volumes';

export const ERR_REASON_MAX_VOLUME_COUNT = 'node(s) exceed max volume count';
const EXCEEDED = status(PLUGIN.NodeVolumeLimits, UNSCHEDULABLE, ERR_REASON_MAX_VOLUME_COUNT);
/** Upstream prefixes the handle of a volume not yet provisioned with a random string; any fixed one does. */
const UNBOUND_HANDLE_PREFIX = 'podsight-unbound';

/** filterAttachableVolumes: the Pod's CSI volumes as `driver/handle` → driver. */
function attachable(state: VolumeState, pod: SimPod, out: Map<string, string>): void {
  const claims = state.claimsOf(pod);
  for (const c of claims) {
    if (typeof c === 'string' || c.origin === 'assumed') continue;
    let driver = '';
    let handle = '';
    const pv = c.volumeName ? state.persistentVolume(c.volumeName) : undefined;
    if (pv) {
      // A bound volume counts only as a CSI volume (in-tree ones are not translated here).
      if (!pv.csi) continue;
      driver = pv.csi.driver;
      handle = pv.csi.handle;
    } else {
      const cls = c.className ? state.storageClass(c.className) : undefined;
      if (!cls) continue;
      driver = cls.provisioner;
      handle = `${UNBOUND_HANDLE_PREFIX}-${c.namespace}/${c.name}`;
    }
    if (driver === '' || handle === '') continue;
    out.set(`${driver}/${handle}`, driver);
  }
}

export const nodeVolumeLimits: FilterPlugin = {
  name: PLUGIN.NodeVolumeLimits,
  preFilter(c) {
    return c.cluster.volumes && c.pod.volumes && c.pod.volumes.claims.length > 0 ? null : SKIP;
  },
  filter(c, node) {
    const state = c.cluster.volumes;
    if (!state) return null;
    const limits = state.csiLimitsOf(node.name);
    if (!limits || limits.size === 0) return null;
    const fresh = new Map<string, string>();
    attachable(state, c.pod, fresh);
    if (fresh.size === 0) return null;
    const attached = new Map<string, string>();
    for (const p of node.pods) if (p.volumes && p.volumes.claims.length) attachable(state, p, attached);
    const used = new Map<string, number>();
    for (const [id, driver] of attached) {
      fresh.delete(id);
      used.set(driver, (used.get(driver) ?? 0) + 1);
    }
    const wanted = new Map<string, number>();
    for (const driver of fresh.values()) wanted.set(driver, (wanted.get(driver) ?? 0) + 1);
    for (const [driver, n] of wanted) {
      const max = limits.get(driver);
      if (max !== undefined && (used.get(driver) ?? 0) + n > max) return EXCEEDED;
    }
    return null;
  },
};
