/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection),
 * on create: PersistentVolumeClaims get the finalizer `kubernetes.io/pvc-protection` and
 * PersistentVolumes `kubernetes.io/pv-protection`, so neither is removed while a Pod (or a
 * claim) still uses it.
 */
import { arr, obj, str } from '../../model/plain';
import { Draft } from './draft';
import type { AdmissionPlugin } from './types';

const FINALIZERS: Record<string, string> = {
  PersistentVolumeClaim: 'kubernetes.io/pvc-protection',
  PersistentVolume: 'kubernetes.io/pv-protection',
};

export const storageObjectInUseProtection: AdmissionPlugin = (object, ctx) => {
  const kind = str(object.kind) ?? '';
  const finalizer = Object.prototype.hasOwnProperty.call(FINALIZERS, kind) ? FINALIZERS[kind] : undefined;
  if (!finalizer || arr(obj(object.metadata)?.finalizers).includes(finalizer)) return { mutated: object, findings: [] };
  const draft = new Draft(object, ctx.inPlace);
  draft.push(['metadata', 'finalizers'], finalizer);
  return { mutated: draft.result(), findings: [] };
};
