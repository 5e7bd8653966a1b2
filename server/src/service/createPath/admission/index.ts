/**
 * Step 4 of the create path: the admission plugins kube-apiserver 1.35 enables by default that
 * change or reject Pods, workload Pod templates (what their controllers' Pods will meet), Nodes
 * and PersistentVolumeClaims, over the objects the workspace declares. PodSecurity is its own
 * module (createPath/podSecurity, validating, between ServiceAccount and Priority upstream);
 * webhooks and admission policies need the live cluster and are not modelled, and ResourceQuota
 * knows a quota's usage only when its status is declared.
 *
 * Input: the object after decoding and defaulting (steps 1–3). Each plugin returns the object as
 * it leaves it (its input when unchanged, never mutated unless `ctx.inPlace` gives it the input to
 * change) and its findings.
 */
import { defaultStorageClass } from './defaultStorageClass';
import { defaultTolerationSeconds } from './defaultTolerationSeconds';
import { limitRanger } from './limitRanger';
import { namespaceLifecycle } from './namespaceLifecycle';
import { podTopologyLabels } from './podTopologyLabels';
import { priority } from './priority';
import { resourceQuota } from './resourceQuota';
import { runtimeClass } from './runtimeClass';
import { serviceAccount } from './serviceAccount';
import { storageObjectInUseProtection } from './storageObjectInUseProtection';
import { taintNodesByCondition } from './taintNodesByCondition';
import type { AdmissionContext, AdmissionPlugin, AdmissionResult, CreateFinding, PlainObject } from './types';

export type { AdmissionContext, AdmissionPlugin, AdmissionResult, CreateFinding, DeclaredObject, DeclaredObjects } from './types';
export { declaredObjects, isClusterScoped, BUILTIN_NAMESPACES } from './declared';
export {
  defaultStorageClass,
  defaultTolerationSeconds,
  limitRanger,
  namespaceLifecycle,
  podTopologyLabels,
  priority,
  resourceQuota,
  runtimeClass,
  serviceAccount,
  storageObjectInUseProtection,
  taintNodesByCondition,
};

/**
 * The plugins in kube-apiserver's order (`AllOrderedPlugins`, those on by default). Upstream runs
 * every mutating part in this order, then every validating part; each plugin here does both, which
 * gives the same result because no later plugin changes what an earlier one validates.
 */
export const ADMISSION_PLUGINS: ReadonlyArray<{ name: string; admit: AdmissionPlugin }> = [
  { name: 'NamespaceLifecycle', admit: namespaceLifecycle },
  { name: 'LimitRanger', admit: limitRanger },
  { name: 'ServiceAccount', admit: serviceAccount },
  { name: 'TaintNodesByCondition', admit: taintNodesByCondition },
  { name: 'Priority', admit: priority },
  { name: 'DefaultTolerationSeconds', admit: defaultTolerationSeconds },
  { name: 'DefaultStorageClass', admit: defaultStorageClass },
  { name: 'StorageObjectInUseProtection', admit: storageObjectInUseProtection },
  { name: 'RuntimeClass', admit: runtimeClass },
  { name: 'PodTopologyLabels', admit: podTopologyLabels },
  { name: 'ResourceQuota', admit: resourceQuota },
];

/**
 * Runs every plugin on the object, each on the previous one's result. Upstream answers the first
 * rejection only; here every plugin runs so that all problems show at once.
 */
export function admit(object: PlainObject, ctx: AdmissionContext): AdmissionResult {
  let mutated = object;
  const findings: CreateFinding[] = [];
  for (const p of ADMISSION_PLUGINS) {
    const r = p.admit(mutated, ctx);
    mutated = r.mutated;
    for (const f of r.findings) findings.push(f);
  }
  return { mutated, findings };
}
