/**
 * VolumeZone (kube-scheduler 1.35, framework/plugins/volumezone). PreFilter: for each
 * `persistentVolumeClaim` volume, the bound PersistentVolume's zone and region labels
 * (`topology.kubernetes.io/zone|region` and their beta `failure-domain.beta.kubernetes.io`
 * forms; a value may list zones joined by `__`); claims waiting for their first consumer are
 * passed over; lookups that fail reject the Pod (UnschedulableAndUnresolvable, the lister's
 * NotFound text). Skip when no volume has such labels. Filter (UnschedulableAndUnresolvable): a
 * Node with any of those labels must carry each volume's key (or its GA form) with a listed value
 * (`node(s) had no available volume zone`); a Node with none of them passes.
 */
import type { Cycle, FilterPlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE, type Status } from '../types';
import type { PersistentVolume } from '../volumes';

export const ERR_REASON_ZONE_CONFLICT = 'node(s) had no available volume zone';
const ZONE_CONFLICT = status(PLUGIN.VolumeZone, UNRESOLVABLE, ERR_REASON_ZONE_CONFLICT);

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION];
const GA: Record<string, string> = { [BETA_ZONE]: ZONE, [BETA_REGION]: REGION };

interface Topology {
  key: string;
  values: Set<string>;
}

/** LabelZonesToSet: `__`-separated, trimmed; a label with an empty part is ignored. */
function topologiesOf(pv: PersistentVolume, out: Topology[]): void {
  for (const key of TOPOLOGY_LABELS) {
    const v = pv.labels[key];
    if (v === undefined) continue;
    const parts = v.split('__').map((x) => x.trim());
    if (parts.some((x) => x === '')) continue;
    out.push({ key, values: new Set(parts) });
  }
}

function reject(message: string): { reject: Status } {
  return { reject: status(PLUGIN.VolumeZone, UNRESOLVABLE, message) };
}

export const volumeZone: FilterPlugin = {
  name: PLUGIN.VolumeZone,
  preFilter(c: Cycle) {
    const state = c.cluster.volumes;
    const vols = c.pod.volumes;
    if (!state || !vols) return SKIP;
    const topologies: Topology[] = [];
    for (const ref of vols.claims) {
      if (ref.ephemeral) continue;
      if (ref.claim === '') return reject('PersistentVolumeClaim had no name');
      const claim = state.claimFor(c.pod, ref);
      if (typeof claim === 'string') return reject(claim);
      if (claim.origin === 'assumed') continue;
      if (claim.volumeName === '') {
        if (claim.className === '') return reject('PersistentVolumeClaim had no pv name and storageClass name');
        const cls = state.storageClass(claim.className);
        if (!cls) {
          if (state.classMissing()) return reject(`storageclass.storage.k8s.io "${claim.className}" not found`);
          continue;
        }
        if (cls.waitForFirstConsumer) continue;
        return reject('PersistentVolume had no name');
      }
      const pv = state.persistentVolume(claim.volumeName);
      if (!pv) {
        if (state.volumeMissing()) return reject(`persistentvolume "${claim.volumeName}" not found`);
        continue;
      }
      topologiesOf(pv, topologies);
    }
    if (topologies.length === 0) return SKIP;
    c.set(PLUGIN.VolumeZone, topologies);
    return null;
  },
  filter(c, node) {
    const topologies = c.get<Topology[]>(PLUGIN.VolumeZone);
    if (!topologies) return null;
    const labels = node.labels;
    if (!TOPOLOGY_LABELS.some((k) => labels[k] !== undefined)) return null;
    for (const t of topologies) {
      let v = labels[t.key];
      if (v === undefined && GA[t.key]) v = labels[GA[t.key]];
      if (v === undefined || !t.values.has(v)) return ZONE_CONFLICT;
    }
    return null;
  },
};
