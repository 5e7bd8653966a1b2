/**
 * Where a kind keeps its Pod template, with upstream's path for it (`spec.template`,
 * `spec.jobTemplate.spec.template`, `template`). Unlike `podSpecOf`, this finds templates
 * without a `spec`, whose metadata is still validated.
 */
import type { K8sObject } from '../../parse/manifests';
import type { KMap } from '../../parse/tree';
import { structField } from '../spec/values';
import { TEMPLATE_PATHS } from '../../model/podSpecs';


export interface TemplateSite {
  /** The template mapping. */
  t: KMap;
  /** Upstream path of the template (`spec.template`). */
  path: string;
  meta: KMap | undefined;
  spec: KMap | undefined;
}

export function templateOf(obj: K8sObject): TemplateSite | undefined {
  const steps = TEMPLATE_PATHS[obj.kind];
  if (!steps || steps.length === 0) return undefined; // a Pod has no template
  let m: KMap | null | undefined = obj.node;
  for (const s of steps) {
    m = m ? structField(m, s)?.m : undefined;
    if (!m) return undefined;
  }
  return { t: m, path: steps.join('.'), meta: structField(m, 'metadata')?.m ?? undefined, spec: structField(m, 'spec')?.m ?? undefined };
}
