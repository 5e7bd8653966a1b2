/**
 * The Pod (or Pod template) a check reads, as plain JSON with the upstream path of each part,
 * so every violation can name the fields that cause it. Values of the wrong type read as
 * absent, as a nil pointer would in upstream's typed structs.
 */
import { isObj, type Plain, type PlainObject } from '../../model/plain';

export interface PodView {
  metadata: PlainObject | undefined;
  spec: PlainObject;
  /** Upstream paths of the two, relative to the object (`spec.template.spec` for a Deployment). */
  metadataPath: string;
  specPath: string;
}

export interface ContainerView {
  container: PlainObject;
  name: string;
  /** `spec.containers[0]`, `spec.initContainers[1]`, `spec.ephemeralContainers[0]`. */
  path: string;
  securityContext: PlainObject | undefined;
}

export function objAt(o: PlainObject | undefined, key: string): PlainObject | undefined {
  const v = o?.[key];
  return isObj(v) ? v : undefined;
}

export function strAt(o: PlainObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function boolAt(o: PlainObject | undefined, key: string): boolean | undefined {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function intAt(o: PlainObject | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export function listAt(o: PlainObject | undefined, key: string): Plain[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

/** The string items of a list with their indexes (other items read as absent). */
export function stringsAt(o: PlainObject | undefined, key: string): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  listAt(o, key).forEach((v, index) => {
    if (typeof v === 'string') out.push({ value: v, index });
  });
  return out;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

// Every check visits the containers; read them once per Pod view.
const containerCache = new WeakMap<PodView, ContainerView[]>();
const annotationCache = new WeakMap<PodView, Map<string, string>>();

/** Every container in upstream's visiting order: init containers, containers, ephemeral containers. */
export function containersOf(pod: PodView): readonly ContainerView[] {
  const cached = containerCache.get(pod);
  if (cached) return cached;
  const out: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    listAt(pod.spec, list).forEach((c, i) => {
      if (!isObj(c)) return;
      out.push({ container: c, name: strAt(c, 'name') ?? '', path: `${pod.specPath}.${list}[${i}]`, securityContext: objAt(c, 'securityContext') });
    });
  }
  containerCache.set(pod, out);
  return out;
}

/** The Pod-level securityContext. */
export function podSecurityContext(pod: PodView): PlainObject | undefined {
  return objAt(pod.spec, 'securityContext');
}

/** The string annotations of the Pod (template) metadata, in the order written. */
export function annotationsOf(pod: PodView): ReadonlyMap<string, string> {
  const cached = annotationCache.get(pod);
  if (cached) return cached;
  const out = new Map<string, string>();
  const a = objAt(pod.metadata, 'annotations');
  if (a) for (const k of Object.keys(a)) if (typeof a[k] === 'string') out.set(k, a[k] as string);
  annotationCache.set(pod, out);
  return out;
}

/** `metadata.annotations[key]` (upstream's map-key path form). */
export function annotationPath(pod: PodView, key: string): string {
  return `${pod.metadataPath}.annotations[${key}]`;
}

/** hostUsers: false — the Pod runs in its own user namespace. */
export function inUserNamespace(pod: PodView): boolean {
  return boolAt(pod.spec, 'hostUsers') === false;
}

export function isWindowsPod(pod: PodView): boolean {
  return strAt(objAt(pod.spec, 'os'), 'name') === 'windows';
}
