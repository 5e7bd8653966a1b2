/**
 * The fields PrepareForCreate drops because their feature gate is off by default in
 * Kubernetes 1.35 (dropDisabledFields of pkg/api/pod, the StatefulSet and Node strategies).
 * The API server drops them silently; here each one is a warning. Gates on by default in 1.35
 * (UserNamespacesSupport, PodLevelResources, ImageVolume, HostnameOverride, EnvFiles,
 * ContainerRestartRules, …) drop nothing and are not listed.
 */
import { childPath, indexPath } from '../../diagnostics/finding';
import { arr, type PlainObject } from '../../model/plain';
import { CONTAINER_LISTS, eachObject, objAt } from './podSpec';
import { own, type Recorder } from './record';

export const KUBERNETES_VERSION = '1.35';

function drop(o: PlainObject, key: string, field: string, gate: string, rec: Recorder): void {
  if (!own(o, key)) return;
  delete o[key];
  rec.finding({
    rule: 'create-dropped-field',
    field,
    severity: 'warning',
    message: `the API server drops ${field}: feature gate ${gate} is off by default in ${KUBERNETES_VERSION}`,
  });
}

/** dropDisabledFields for a Pod's or a template's spec (no old object: a create). */
export function dropDisabledPodSpecFields(spec: PlainObject, path: string, rec: Recorder): void {
  // Every container and volume is looked at, few have anything to drop: paths are built for those.
  for (const list of CONTAINER_LISTS) {
    const containers = arr(spec[list]);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      const lifecycle = objAt(c, 'lifecycle');
      if (!lifecycle || !own(lifecycle, 'stopSignal')) continue;
      const p = indexPath(childPath(path, list), i);
      drop(lifecycle, 'stopSignal', childPath(childPath(p, 'lifecycle'), 'stopSignal'), 'ContainerStopSignals', rec);
      // A lifecycle left with no hook at all is dropped with it.
      if (!own(lifecycle, 'postStart') && !own(lifecycle, 'preStop')) delete (c as PlainObject).lifecycle;
    }
  }
  const volumes = arr(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const projected = objAt(volumes[i], 'projected');
    if (!projected) continue;
    eachObject(projected, 'sources', childPath(indexPath(childPath(path, 'volumes'), i), 'projected'), (source, sp) => {
      drop(source, 'clusterTrustBundle', childPath(sp, 'clusterTrustBundle'), 'ClusterTrustBundleProjection', rec);
      drop(source, 'podCertificate', childPath(sp, 'podCertificate'), 'PodCertificateRequest', rec);
    });
  }
  drop(spec, 'workloadRef', childPath(path, 'workloadRef'), 'GenericWorkload', rec);
}

/** dropStatefulSetDisabledFields. */
export function dropDisabledStatefulSetFields(o: PlainObject, rec: Recorder): void {
  const ru = objAt(objAt(objAt(o, 'spec'), 'updateStrategy'), 'rollingUpdate');
  if (ru) drop(ru, 'maxUnavailable', 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'MaxUnavailableStatefulSet', rec);
}

/** The Node strategy's dropDisabledFields on create. */
export function dropDisabledNodeFields(o: PlainObject, rec: Recorder): void {
  const spec = objAt(o, 'spec');
  const status = objAt(o, 'status');
  // Dynamic kubelet configuration is gone: these two are dropped on every create.
  for (const [parent, key, field] of [
    [spec, 'configSource', 'spec.configSource'],
    [status, 'config', 'status.config'],
  ] as const) {
    if (!parent || !own(parent, key)) continue;
    delete parent[key];
    rec.finding({
      rule: 'create-dropped-field',
      field,
      severity: 'warning',
      message: `the API server drops ${field} on create: dynamic kubelet configuration is no longer supported`,
    });
  }
  if (status) drop(status, 'declaredFeatures', 'status.declaredFeatures', 'NodeDeclaredFeatures', rec);
}
