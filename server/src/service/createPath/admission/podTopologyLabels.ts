/**
 * PodTopologyLabels (plugin/pkg/admission/podtopologylabels; gate PodTopologyLabelsAdmission,
 * beta and on in 1.35): a Pod created already bound (`spec.nodeName`) gets its Node's
 * `topology.kubernetes.io/zone` and `topology.kubernetes.io/region` labels, overwriting its
 * own. Pods bound later by the scheduler get them through the binding, outside the create path.
 * An undeclared Node is skipped, as upstream skips a Node it cannot find.
 */
import { obj, str, stringMap } from '../../model/plain';
import { findDeclared } from './declared';
import { podPlugin } from './podPlugin';

export const TOPOLOGY_LABELS: readonly string[] = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region'];

export const podTopologyLabels = podPlugin((t, draft, ctx) => {
  if (t.templateOf) return [];
  const nodeName = str(t.spec.nodeName);
  if (!nodeName) return [];
  const node = findDeclared(ctx.declared, 'Node', '', nodeName);
  if (!node) return [];
  const labels = stringMap(obj(node.value.metadata)?.labels);
  const podLabels = obj(obj(t.pod.metadata)?.labels);
  for (const key of TOPOLOGY_LABELS) {
    if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
    if (podLabels && podLabels[key] === labels[key]) continue;
    draft.set(['metadata', 'labels'], key, labels[key]);
  }
  return [];
});
