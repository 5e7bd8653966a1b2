/**
 * VolumeBinding (kube-scheduler 1.35, framework/plugins/volumebinding). PreFilter: Skip for a
 * Pod without claims; a claim that cannot be had (`persistentvolumeclaim "x" not found`, lost,
 * being deleted, an ephemeral claim the Pod does not own) or an unbound claim that does not wait
 * for its first consumer (`pod has unbound immediate PersistentVolumeClaims`) rejects the Pod,
 * UnschedulableAndUnresolvable. Filter (UnschedulableAndUnresolvable, reasons in upstream's
 * order): a bound claim's PersistentVolume whose node affinity the Node does not match, a
 * waiting claim with neither a matching available volume nor provisioning for this Node (the
 * class's provisioner and `allowedTopologies`), a bound claim's volume that does not exist.
 * Reserve (volumes.ts): the chosen Node binds the waiting claims for every later Pod. Score:
 * only with the alpha gate StorageCapacityScoring (off in 1.35), so never.
 */
import type { Cycle, FilterPlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, type Status } from '../types';
import type { PodClaims } from '../volumes';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = "node(s) didn't match PersistentVolume's node affinity";
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

const UNBOUND_IMMEDIATE = status(PLUGIN.VolumeBinding, UNRESOLVABLE, ERR_UNBOUND_IMMEDIATE);
/** One status object per combination of reasons, so that the message's histogram counts runs of them. */
const STATUSES = new Map<number, Status>();
function statusOf(node: boolean, bind: boolean, missing: boolean): Status {
  const k = (node ? 1 : 0) | (bind ? 2 : 0) | (missing ? 4 : 0);
  let s = STATUSES.get(k);
  if (!s) {
    const reasons: string[] = [];
    if (node) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (bind) reasons.push(ERR_REASON_BIND_CONFLICT);
    if (missing) reasons.push(ERR_REASON_PV_NOT_EXIST);
    s = status(PLUGIN.VolumeBinding, UNRESOLVABLE, ...reasons);
    STATUSES.set(k, s);
  }
  return s;
}

function claimsOf(c: Cycle): PodClaims | undefined {
  return c.get<PodClaims>(PLUGIN.VolumeBinding);
}

export const volumeBinding: FilterPlugin = {
  name: PLUGIN.VolumeBinding,
  preFilter(c) {
    const state = c.cluster.volumes;
    if (!state || !c.pod.volumes || c.pod.volumes.claims.length === 0) return SKIP;
    const claims = state.podClaims(c.pod);
    if (claims.error !== undefined) return { reject: status(PLUGIN.VolumeBinding, UNRESOLVABLE, claims.error) };
    if (claims.immediate.length > 0) return { reject: UNBOUND_IMMEDIATE };
    c.set(PLUGIN.VolumeBinding, claims);
    return null;
  },
  filter(c, node) {
    const claims = claimsOf(c);
    const state = c.cluster.volumes;
    if (!claims || !state) return null;
    const r = state.findPodVolumes(claims, node);
    if (!r.nodeConflict && !r.bindConflict && !r.pvMissing) return null;
    return statusOf(r.nodeConflict, r.bindConflict, r.pvMissing);
  },
};
