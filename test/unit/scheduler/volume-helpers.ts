/** Builders for the storage objects of the volume plugin tests (JSON documents, as the other helpers). */

export interface ClaimInput {
  name: string;
  namespace?: string;
  className?: string | null;
  volumeName?: string;
  /** `pv.kubernetes.io/bind-completed` (a claim the PV controller has bound). */
  bound?: boolean;
  accessModes?: string[];
  storage?: string;
  phase?: string;
  annotations?: Record<string, string>;
  meta?: Record<string, unknown>;
}

export function pvc(c: ClaimInput): string {
  const annotations = { ...(c.bound ? { 'pv.kubernetes.io/bind-completed': 'yes' } : {}), ...(c.annotations ?? {}) };
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: c.name, ...(c.namespace ? { namespace: c.namespace } : {}), ...(Object.keys(annotations).length ? { annotations } : {}), ...(c.meta ?? {}) },
    spec: {
      accessModes: c.accessModes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: c.storage ?? '1Gi' } },
      ...(c.className !== undefined && c.className !== null ? { storageClassName: c.className } : {}),
      ...(c.volumeName ? { volumeName: c.volumeName } : {}),
    },
    ...(c.phase ? { status: { phase: c.phase } } : {}),
  });
}

export interface VolumeInput {
  name: string;
  className?: string;
  storage?: string;
  accessModes?: string[];
  labels?: Record<string, string>;
  /** Required node affinity: one term per entry, `key In values`. */
  nodeAffinity?: Array<{ key: string; values: string[] }>;
  claimRef?: { name: string; namespace?: string };
  phase?: string;
  csi?: { driver: string; volumeHandle: string };
}

export function pv(v: VolumeInput): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: v.name, ...(v.labels ? { labels: v.labels } : {}) },
    spec: {
      capacity: { storage: v.storage ?? '10Gi' },
      accessModes: v.accessModes ?? ['ReadWriteOnce'],
      ...(v.className !== undefined ? { storageClassName: v.className } : {}),
      ...(v.nodeAffinity ? { nodeAffinity: { required: { nodeSelectorTerms: v.nodeAffinity.map((r) => ({ matchExpressions: [{ key: r.key, operator: 'In', values: r.values }] })) } } } : {}),
      ...(v.claimRef ? { claimRef: { name: v.claimRef.name, namespace: v.claimRef.namespace ?? 'default' } } : {}),
      ...(v.csi ? { csi: v.csi } : { hostPath: { path: `/data/${v.name}` } }),
    },
    ...(v.phase ? { status: { phase: v.phase } } : {}),
  });
}

export interface ClassInput {
  name: string;
  provisioner?: string;
  mode?: 'Immediate' | 'WaitForFirstConsumer';
  allowedZones?: string[];
  isDefault?: boolean;
}

export function storageClass(s: ClassInput): string {
  return JSON.stringify({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: s.name, ...(s.isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner: s.provisioner ?? 'ebs.csi.aws.com',
    ...(s.mode ? { volumeBindingMode: s.mode } : {}),
    ...(s.allowedZones ? { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: s.allowedZones }] }] } : {}),
  });
}

export function csiNode(name: string, drivers: Array<{ name: string; count?: number }>): string {
  return JSON.stringify({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: { name },
    spec: { drivers: drivers.map((d) => ({ name: d.name, nodeID: name, ...(d.count !== undefined ? { allocatable: { count: d.count } } : {}) })) },
  });
}

/** A Pod spec fragment mounting the given claims (volume `v<i>`). */
export function claimVolumes(...claims: string[]): Record<string, unknown> {
  return { volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) };
}
