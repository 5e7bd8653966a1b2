/**
 * TaintNodesByCondition (plugin/pkg/admission/nodetaint), Nodes on create: the Node starts
 * tainted `node.kubernetes.io/not-ready:NoSchedule` (unless it already has a taint with that
 * key and effect), so nothing is scheduled to it before the node lifecycle controller sees it
 * Ready and removes the taint.
 */
import { obj, objs, str } from '../../model/plain';
import { Draft, plainObject } from './draft';
import type { AdmissionPlugin } from './types';

export const taintNodesByCondition: AdmissionPlugin = (object, ctx) => {
  if (str(object.kind) !== 'Node') return { mutated: object, findings: [] };
  const taints = objs(obj(object.spec)?.taints);
  if (taints.some((t) => str(t.key) === 'node.kubernetes.io/not-ready' && str(t.effect) === 'NoSchedule')) return { mutated: object, findings: [] };
  const draft = new Draft(object, ctx.inPlace);
  draft.pushNew(['spec', 'taints'], plainObject({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }));
  return { mutated: draft.result(), findings: [] };
};
