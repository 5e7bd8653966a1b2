/**
 * The PersistentVolumeClaims an object creates: a PVC itself, the claims a StatefulSet's
 * controller creates from `volumeClaimTemplates`, and the claim the ephemeral volume controller
 * creates for each `ephemeral` volume of a Pod (or of the Pods of a workload's template).
 * Admission judges the generated claims only when they are created.
 */
import { arr, obj, str, type PlainObject } from '../../model/plain';
import { newObject, plainObject } from './draft';
import { podTarget } from './podPlugin';

export interface ClaimTarget {
  claim: PlainObject;
  /** Field prefix from the object to the claim's `metadata`/`spec`. */
  prefix: string;
  /** Who creates the claim, when it is not the object itself. */
  createdBy?: string;
}

function claimOf(template: PlainObject): PlainObject {
  return plainObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: obj(template.metadata) ?? newObject(), spec: obj(template.spec) ?? newObject() });
}

export function claimTargets(object: PlainObject): ClaimTarget[] {
  const kind = str(object.kind);
  if (kind === 'PersistentVolumeClaim') return [{ claim: object, prefix: '' }];
  const out: ClaimTarget[] = [];
  if (kind === 'StatefulSet') {
    arr(obj(object.spec)?.volumeClaimTemplates).forEach((t, i) => {
      const template = obj(t);
      if (template) out.push({ claim: claimOf(template), prefix: `spec.volumeClaimTemplates[${i}].`, createdBy: 'the StatefulSet controller creates from this claim template' });
    });
  }
  const pod = podTarget(object);
  if (pod) {
    arr(obj(pod.pod.spec)?.volumes).forEach((v, i) => {
      const template = obj(obj(obj(v)?.ephemeral)?.volumeClaimTemplate);
      if (template) {
        out.push({ claim: claimOf(template), prefix: `${pod.prefix}spec.volumes[${i}].ephemeral.volumeClaimTemplate.`, createdBy: 'the ephemeral volume controller creates for this volume' });
      }
    });
  }
  return out;
}
