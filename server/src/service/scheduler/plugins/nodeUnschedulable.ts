/**
 * NodeUnschedulable: a cordoned Node (`spec.unschedulable: true`) is rejected unless the Pod
 * tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { FilterPlugin } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE } from '../types';
import { toleratedBy, UNSCHEDULABLE_TAINT } from '../tolerations';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const REJECT = status(PLUGIN.NodeUnschedulable, UNRESOLVABLE, ERR_REASON_UNSCHEDULABLE);

export const nodeUnschedulable: FilterPlugin = {
  name: PLUGIN.NodeUnschedulable,
  filter(c, node) {
    if (!node.unschedulable) return null;
    return toleratedBy(c.pod.tolerations, UNSCHEDULABLE_TAINT) ? null : REJECT;
  },
};
