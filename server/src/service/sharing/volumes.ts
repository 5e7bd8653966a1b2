/**
 * Volume sources: which lifetime each has, and what that means for the data in it, in a few
 * words a Pod author can act on.
 */
import { child, stringAt, type KNode } from '../parse/tree';
import type { VolumeLifetime, VolumeShare } from './types';
import { code, mdText, plain } from './markdown';

const LIFETIME: Record<string, VolumeLifetime> = {
  emptyDir: 'pod',
  gitRepo: 'pod',
  hostPath: 'node',
  persistentVolumeClaim: 'claim',
  ephemeral: 'pod-claim',
  configMap: 'view',
  secret: 'view',
  projected: 'view',
  downwardAPI: 'view',
  image: 'image',
  csi: 'external',
  nfs: 'external',
  iscsi: 'external',
  awsElasticBlockStore: 'external',
  gcePersistentDisk: 'external',
  azureDisk: 'external',
  azureFile: 'external',
  cephfs: 'external',
  cinder: 'external',
  fc: 'external',
  flexVolume: 'external',
  flocker: 'external',
  glusterfs: 'external',
  photonPersistentDisk: 'external',
  portworxVolume: 'external',
  quobyte: 'external',
  rbd: 'external',
  scaleIO: 'external',
  storageos: 'external',
  vsphereVolume: 'external',
};

export function isVolumeSource(key: string): boolean {
  return key in LIFETIME;
}

export function lifetimeOf(source: string | undefined): VolumeLifetime {
  return source ? (LIFETIME[source] ?? 'unknown') : 'unknown';
}

function num(n: KNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar') return undefined;
  return n.v.type === 'null' ? undefined : n.text;
}

/** The kind of a volume source and what it points at: `['hostPath', '/var/log']`. */
export function sourceParts(v: VolumeShare): [kind: string, detail: string | undefined] {
  const s = v.sourceEntry?.value;
  switch (v.source) {
    case undefined:
      return ['volume', undefined];
    case 'emptyDir':
      return [stringAt(s, 'medium') === 'Memory' ? 'emptyDir (memory)' : 'emptyDir', undefined];
    case 'hostPath':
      return ['hostPath', stringAt(s, 'path')];
    case 'persistentVolumeClaim':
      return ['PVC', stringAt(s, 'claimName')];
    case 'configMap':
      return ['configMap', stringAt(s, 'name')];
    case 'secret':
      return ['secret', stringAt(s, 'secretName')];
    case 'ephemeral':
      return ['ephemeral PVC', undefined];
    case 'image':
      return ['image', stringAt(s, 'reference')];
    default:
      return [v.source, undefined];
  }
}

/** A short label of the volume source with what it points at, as plain text: `hostPath /var/log`, `PVC data`. */
export function sourceLabel(v: VolumeShare): string {
  const [kind, detail] = sourceParts(v);
  return detail ? `${kind} ${plain(detail, 200)}` : kind;
}

/** The same label in Markdown, what it points at as inline code. */
export function sourceMarkdown(v: VolumeShare): string {
  const [kind, detail] = sourceParts(v);
  return detail ? `${kind} ${code(detail)}` : kind;
}

/** One sentence on the lifetime of the data, for hovers. */
export function lifetimeSentence(v: VolumeShare): string {
  const s = v.sourceEntry?.value;
  switch (v.lifetime) {
    case 'pod': {
      if (v.source === 'gitRepo') return 'Cloned when the Pod starts, deleted with the Pod (gitRepo is deprecated: clone in an init container into an emptyDir instead).';
      const memory = stringAt(s, 'medium') === 'Memory';
      const limit = num(child(s, 'sizeLimit'));
      const parts = ['Created empty when the Pod starts on a Node, kept across container restarts, deleted with the Pod.'];
      if (memory) parts.push(`Backed by RAM (tmpfs): what is written counts against the memory limits of the containers writing it${limit ? `, up to ${mdText(limit)}` : ''}, and is lost on a Node reboot.`);
      else if (limit) parts.push(`It uses the Node's ephemeral storage; the kubelet evicts the Pod if it grows past ${mdText(limit)} (sizeLimit).`);
      else parts.push("It uses the Node's ephemeral storage.");
      return parts.join(' ');
    }
    case 'node': {
      const p = stringAt(s, 'path');
      return `The Node's own disk${p ? ` at ${code(p)}` : ''}: outlives the Pod, differs from Node to Node, and is shared with anything else on that Node using the same path.`;
    }
    case 'claim': {
      const c = stringAt(s, 'claimName');
      return `PersistentVolumeClaim${c ? ` ${code(c)}` : ''}: the data outlives the Pod; the Pod waits until the claim is bound and can only run where its volume can be attached.`;
    }
    case 'pod-claim':
      return 'A PersistentVolumeClaim created for this Pod and deleted with it (generic ephemeral volume): storage from a StorageClass, lifetime of the Pod.';
    case 'view': {
      const what = v.source === 'secret' ? 'Secret (kept in memory, tmpfs)' : v.source === 'configMap' ? 'ConfigMap' : v.source === 'downwardAPI' ? "Pod's own fields" : 'sources';
      return `A read-only view of the ${what}: updated in place when the source changes (after the kubelet's sync delay), except in mounts that use subPath, which keep the first version.`;
    }
    case 'image':
      return 'The files of an OCI image, read-only, pulled like a container image; they live with the Pod.';
    case 'external':
      return 'Storage outside the Pod (a network or CSI volume): the data outlives the Pod unless the driver says otherwise.';
    default:
      return 'No volume source is set: the API server rejects a volume without exactly one source.';
  }
}

/** Short lifetime tag for summaries. */
export function lifetimeTag(l: VolumeLifetime): string {
  switch (l) {
    case 'pod':
      return 'deleted with the Pod';
    case 'node':
      return "on the Node's disk";
    case 'claim':
      return 'outlives the Pod';
    case 'pod-claim':
      return 'claim deleted with the Pod';
    case 'view':
      return 'read-only, updated in place';
    case 'image':
      return 'read-only image';
    case 'external':
      return 'outlives the Pod';
    default:
      return '';
  }
}

/** Sources the kubelet always mounts read-only, whatever `readOnly` says. */
export function alwaysReadOnly(source: string | undefined): boolean {
  return source === 'configMap' || source === 'secret' || source === 'projected' || source === 'downwardAPI' || source === 'image';
}
