/**
 * Where the Pod specs of an object live, with the upstream path prefix of each: a Pod's
 * `spec`, a workload's `spec.template.spec`, a CronJob's `spec.jobTemplate.spec.template.spec`.
 */
import type { K8sObject } from '../parse/manifests';
import { child, type KMap, type KNode } from '../parse/tree';

export interface PodSpecSite {
  /** The PodSpec mapping. */
  spec: KMap;
  /** Upstream path of the PodSpec (`spec`, `spec.template.spec`, `template.spec` …). */
  path: string;
  /** The metadata of the Pod or Pod template, when present. */
  metadata: KMap | undefined;
  metadataPath: string;
}

/** Per kind, the keys leading from the object to its Pod template (empty for a Pod itself). */
export const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  ReplicationController: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function asMap(n: KNode | undefined): KMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

export function podSpecOf(obj: K8sObject): PodSpecSite | undefined {
  const steps = TEMPLATE_PATHS[obj.kind];
  if (!steps) return undefined;
  let holder: KMap | undefined = obj.node;
  for (const s of steps) {
    holder = asMap(child(holder, s));
    if (!holder) return undefined;
  }
  const spec = asMap(child(holder, 'spec'));
  if (!spec) return undefined;
  const prefix = steps.join('.');
  return {
    spec,
    path: prefix ? `${prefix}.spec` : 'spec',
    metadata: asMap(child(holder, 'metadata')),
    metadataPath: prefix ? `${prefix}.metadata` : 'metadata',
  };
}
