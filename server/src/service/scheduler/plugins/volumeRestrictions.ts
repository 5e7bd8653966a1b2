/**
 * VolumeRestrictions (kube-scheduler 1.35, framework/plugins/volumerestrictions). PreFilter: the
 * Pod's `persistentVolumeClaim` volumes are looked up (a missing claim rejects the Pod,
 * UnschedulableAndUnresolvable, `persistentvolumeclaim "x" not found`); those with access mode
 * ReadWriteOncePod that a Pod on some Node already uses are conflicts. Skip when there are
 * neither such conflicts nor in-line disks to compare. Filter (Unschedulable, so preemption can
 * evict the holder): an in-line GCE PD, AWS EBS, iSCSI or RBD disk that a Pod on the Node uses
 * too (`node(s) had no available disk`), then any ReadWriteOncePod conflict, on every Node.
 */
import type { Cluster, PodCounter } from '../cluster';
import type { FilterPlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, UNSCHEDULABLE, type SimPod } from '../types';
import { disksConflict, READ_WRITE_ONCE_POD } from '../volumes';

export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_REASON_RWOP_CONFLICT = 'node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod';

const DISK_CONFLICT = status(PLUGIN.VolumeRestrictions, UNSCHEDULABLE, ERR_REASON_DISK_CONFLICT);
const RWOP_CONFLICT = status(PLUGIN.VolumeRestrictions, UNSCHEDULABLE, ERR_REASON_RWOP_CONFLICT);

/** Placed Pods using the claim `namespace/name` through a persistentVolumeClaim volume, per Node (the snapshot's PVC ref counts). */
export function claimUsers(cluster: Cluster, namespace: string, name: string): PodCounter {
  return cluster.counter(`pvc\u0000${namespace}\u0000${name}`, (p: SimPod) => p.namespace === namespace && p.volumes !== undefined && p.volumes.claims.some((r) => !r.ephemeral && r.claim === name));
}

interface State {
  conflicts: number;
}

export const volumeRestrictions: FilterPlugin = {
  name: PLUGIN.VolumeRestrictions,
  preFilter(c) {
    const vols = c.pod.volumes;
    const state = c.cluster.volumes;
    if (!vols || !state) return SKIP;
    let conflicts = 0;
    const seen = new Set<string>();
    for (const ref of vols.claims) {
      if (ref.ephemeral) continue;
      const claim = state.claimFor(c.pod, ref);
      if (typeof claim === 'string') return { reject: status(PLUGIN.VolumeRestrictions, UNRESOLVABLE, claim) };
      if (!claim.accessModes.includes(READ_WRITE_ONCE_POD) || seen.has(claim.name)) continue;
      seen.add(claim.name);
      if (claimUsers(c.cluster, c.pod.namespace, claim.name).byNode.size > 0) conflicts++;
    }
    if (vols.disks.length === 0 && conflicts === 0) return SKIP;
    c.set(PLUGIN.VolumeRestrictions, { conflicts } satisfies State);
    return null;
  },
  filter(c, node) {
    const disks = c.pod.volumes?.disks;
    if (disks && disks.length) {
      for (const other of node.pods) {
        const theirs = other.volumes?.disks;
        if (!theirs || theirs.length === 0) continue;
        for (const d of disks) for (const e of theirs) if (disksConflict(d, e)) return DISK_CONFLICT;
      }
    }
    const s = c.get<State>(PLUGIN.VolumeRestrictions);
    return s && s.conflicts > 0 ? RWOP_CONFLICT : null;
  },
};
