/**
 * NodeName: a Pod with `spec.nodeName` fits only that Node. Pods created with a nodeName are
 * bound without scheduling (the simulator pins them), so this matters only for completeness.
 */
import type { FilterPlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNRESOLVABLE } from '../types';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
const REJECT = status(PLUGIN.NodeName, UNRESOLVABLE, ERR_REASON_NODE_NAME);

export const nodeName: FilterPlugin = {
  name: PLUGIN.NodeName,
  // Not a PreFilter upstream; skipping it for Pods without a nodeName only saves work.
  preFilter: (c) => (c.pod.nodeName ? null : SKIP),
  filter(c, node) {
    const want = c.pod.nodeName;
    return !want || want === node.name ? null : REJECT;
  },
};
