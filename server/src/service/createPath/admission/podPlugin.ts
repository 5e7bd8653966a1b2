/**
 * Running a Pod-level admission plugin on a Pod, or on the Pods a workload's controller will
 * create from its template. Admission changes and judges a Pod when it is created: a Pod's
 * result is the admitted Pod; a workload is stored unchanged and its template only gets the
 * warnings (and notes) of what will happen to its Pods.
 */
import { TEMPLATE_PATHS } from '../../model/podSpecs';
import { arr, hasOwn, isObj, obj, str, type Plain, type PlainObject } from '../../model/plain';
import { Draft, newObject, plainObject } from './draft';
import type { PodTarget } from './report';
import type { AdmissionContext, AdmissionPlugin, CreateFinding } from './types';

/** Kinds whose controllers create Pods from a template (PodTemplate objects create none). */
function templateSteps(kind: string): readonly string[] | undefined {
  if (kind === 'Pod' || kind === 'PodTemplate' || !hasOwn(TEMPLATE_PATHS, kind)) return undefined;
  return TEMPLATE_PATHS[kind];
}

/** The Pod a plugin judges for this object, if any. */
export function podTarget(object: PlainObject): PodTarget | undefined {
  const kind = str(object.kind) ?? '';
  if (kind === 'Pod') return { pod: object, spec: obj(object.spec) ?? newObject(), prefix: '' };
  const steps = templateSteps(kind);
  if (!steps) return undefined;
  let holder: PlainObject | undefined = object;
  for (const s of steps) {
    holder = obj(holder[s]);
    if (!holder) return undefined;
  }
  const spec = obj(holder.spec);
  if (!spec) return undefined;
  const podSpec = withRequestsFromLimits(spec);
  const pod = plainObject({ apiVersion: 'v1', kind: 'Pod', metadata: obj(holder.metadata) ?? newObject(), spec: podSpec });
  return { pod, spec: podSpec, prefix: `${steps.join('.')}.`, templateOf: kind };
}

/**
 * `SetDefaults_Pod` runs when the controller's Pod is created, before admission, and only for
 * Pods (not templates): a container's missing requests default to its limits. LimitRanger sees
 * those, so the template's Pod gets them too.
 */
function withRequestsFromLimits(spec: PlainObject): PlainObject {
  let out: PlainObject | undefined;
  for (const key of ['containers', 'initContainers']) {
    const list = arr(spec[key]);
    let copied: Plain[] | undefined;
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      const resources = obj(c.resources);
      const limits = obj(resources?.limits);
      if (!limits) return;
      const requests = obj(resources?.requests);
      const missing = Object.keys(limits).filter((k) => !requests || !hasOwn(requests, k));
      if (missing.length === 0) return;
      const nextRequests = newObject();
      if (requests) for (const k of Object.keys(requests)) nextRequests[k] = requests[k];
      for (const k of missing) nextRequests[k] = limits[k];
      const nextResources = newObject();
      for (const k of Object.keys(resources!)) nextResources[k] = resources![k];
      nextResources.requests = nextRequests;
      const next = newObject();
      for (const k of Object.keys(c)) next[k] = c[k];
      next.resources = nextResources;
      copied ??= list.slice();
      copied[i] = next;
    });
    if (copied) {
      out ??= Object.assign(newObject(), spec);
      out[key] = copied;
    }
  }
  return out ?? spec;
}

export type PodPluginBody = (t: PodTarget, draft: Draft, ctx: AdmissionContext) => CreateFinding[];

/** An AdmissionPlugin from the Pod logic: the Pod is edited; a template is only judged. */
export function podPlugin(body: PodPluginBody): AdmissionPlugin {
  return (object, ctx) => {
    const t = podTarget(object);
    if (!t) return { mutated: object, findings: [] };
    // A template's Pod is made of the template's parts: it is only judged, never written.
    const draft = new Draft(t.pod, ctx.inPlace === true && !t.templateOf);
    const findings = body(t, draft, ctx);
    return { mutated: t.templateOf ? object : draft.result(), findings };
  };
}
