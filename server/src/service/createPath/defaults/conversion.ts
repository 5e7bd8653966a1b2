/**
 * What the conversion between apps/batch/core v1 and the API server's internal version does
 * to an object on its way in (after defaulting) and out (after PrepareForCreate): aliases
 * (serviceAccount, podCIDR), annotations that carry internal fields (the DaemonSet template
 * generation, the Deployment rollback revision), the init-container annotations dropped from
 * Pods and Pod templates, and the apiVersion/kind StatefulSet PVC templates get back.
 */
import { childPath, keyPath } from '../../diagnostics/finding';
import { arr, type PlainObject } from '../../model/plain';
import { templateOf, type Kind } from './kinds';
import { eachObject, objAt } from './podSpec';
import { own, type Recorder } from './record';

export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';

const INIT_CONTAINER_ANNOTATIONS = [
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
  'pod.beta.kubernetes.io/init-container-statuses',
  'pod.alpha.kubernetes.io/init-container-statuses',
];

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** strconv.ParseInt(s, 10, 64): the value, or Go's error text. */
export function parseInt64(s: string): { value: bigint } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax` };
  const value = BigInt(s);
  if (value < INT64_MIN || value > INT64_MAX) return { error: `strconv.ParseInt: parsing ${goQuote(s)}: value out of range` };
  return { value };
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Every PodSpec of the object, with its path and the metadata of the Pod or template holding it. */
export function podSpecsOf(o: PlainObject, kind: Kind, rec: Recorder): Array<{ spec: PlainObject; path: string; meta?: PlainObject; metaPath: string }> {
  if (kind === 'Pod') {
    const spec = objAt(o, 'spec');
    return spec ? [{ spec, path: 'spec', meta: objAt(o, 'metadata'), metaPath: 'metadata' }] : [];
  }
  const t = templateOf(o, kind, rec, false);
  const spec = t && objAt(t.o, 'spec');
  return t && spec ? [{ spec, path: childPath(t.path, 'spec'), meta: objAt(t.o, 'metadata'), metaPath: childPath(t.path, 'metadata') }] : [];
}

/** Conversion into the internal version (runs after defaulting, before admission). */
export function convertIn(o: PlainObject, kind: Kind, rec: Recorder): void {
  for (const { spec, path, meta, metaPath } of podSpecsOf(o, kind, rec)) {
    // serviceAccount is an alias of serviceAccountName, which wins when both are set.
    if (!own(spec, 'serviceAccountName') && typeof spec.serviceAccount === 'string') {
      rec.fill(spec, 'serviceAccountName', spec.serviceAccount, childPath(path, 'serviceAccountName'), 'create');
    }
    const annotations = objAt(meta, 'annotations');
    for (const key of INIT_CONTAINER_ANNOTATIONS) {
      if (!annotations || !own(annotations, key)) continue;
      delete annotations[key];
      const field = keyPath(childPath(metaPath, 'annotations'), key);
      rec.finding({
        rule: 'create-ignored-field',
        field,
        severity: 'information',
        message: `the API server drops ${field}: init containers are declared in spec.initContainers`,
      });
    }
  }
  if (kind === 'Pod') {
    const spec = objAt(o, 'spec');
    const grace = spec?.terminationGracePeriodSeconds;
    if (spec && typeof grace === 'number' && grace < 0) rec.put(spec, 'terminationGracePeriodSeconds', 1, 'spec.terminationGracePeriodSeconds', 'create');
  }
  if (kind === 'Node') {
    const spec = objAt(o, 'spec');
    const cidr = spec?.podCIDR;
    const cidrs = spec?.podCIDRs;
    if (spec && typeof cidr === 'string' && cidr !== '' && (cidrs === undefined || Array.isArray(cidrs))) {
      if (arr(cidrs).length === 0 || arr(cidrs)[0] !== cidr) rec.put(spec, 'podCIDRs', [cidr], 'spec.podCIDRs', 'create');
    }
  }
  const annotations = objAt(objAt(o, 'metadata'), 'annotations');
  if (kind === 'DaemonSet' && annotations && own(annotations, TEMPLATE_GENERATION)) {
    const v = annotations[TEMPLATE_GENERATION];
    const r = typeof v === 'string' ? parseInt64(v) : undefined;
    if (r && 'error' in r) {
      rec.finding({ rule: 'create-conversion-error', field: keyPath('metadata.annotations', TEMPLATE_GENERATION), errorType: 'Invalid', message: r.error });
    }
  }
  if (kind === 'Deployment' && annotations && own(annotations, ROLLBACK_TO)) {
    const v = annotations[ROLLBACK_TO];
    const field = keyPath('metadata.annotations', ROLLBACK_TO);
    if (v === '') {
      delete annotations[ROLLBACK_TO];
      rec.finding({ rule: 'create-ignored-field', field, severity: 'information', message: `the API server drops ${field} when it is empty` });
    } else if (typeof v === 'string') {
      const r = parseInt64(v);
      if ('error' in r) {
        rec.finding({ rule: 'create-conversion-error', field, errorType: 'Invalid', message: `failed to parse annotation[${ROLLBACK_TO}]=${v} as int64: ${r.error}` });
      } else rec.put(annotations, ROLLBACK_TO, r.value.toString(), field, 'create');
    }
  }
}

/** Conversion back to v1 when the stored object is written out. */
export function convertOut(o: PlainObject, kind: Kind, rec: Recorder): void {
  for (const { spec, path } of podSpecsOf(o, kind, rec)) {
    const name = spec.serviceAccountName;
    if (typeof name === 'string' && name !== '') rec.put(spec, 'serviceAccount', name, childPath(path, 'serviceAccount'), 'create');
  }
  if (kind === 'Node') {
    const spec = objAt(o, 'spec');
    const first = arr(spec?.podCIDRs)[0];
    if (spec && typeof first === 'string' && first !== '') rec.put(spec, 'podCIDR', first, 'spec.podCIDR', 'create');
  }
  if (kind === 'StatefulSet') {
    eachObject(objAt(o, 'spec'), 'volumeClaimTemplates', 'spec', (claim, p) => {
      rec.put(claim, 'apiVersion', 'v1', childPath(p, 'apiVersion'), 'create');
      rec.put(claim, 'kind', 'PersistentVolumeClaim', childPath(p, 'kind'), 'create');
    });
  }
}
