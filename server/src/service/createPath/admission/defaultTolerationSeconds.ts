/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds), Pods: unless the
 * Pod already tolerates them (same key or an empty key, NoExecute or an empty effect), the
 * NoExecute taints `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` are
 * tolerated for 300 seconds, so Pods are evicted five minutes after their Node fails.
 */
import { objs, str } from '../../model/plain';
import { plainObject } from './draft';
import { podPlugin } from './podPlugin';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** The API server's --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

export const defaultTolerationSeconds = podPlugin((t, draft, ctx) => {
  // Nothing is found here, and what is added is read only by RuntimeClass, to merge its own
  // tolerations in (which finds nothing either): when only findings are wanted, nothing to do.
  if (t.templateOf || ctx.findingsOnly) return [];
  const tolerations = objs(t.spec.tolerations);
  const tolerates = (key: string) =>
    tolerations.some((x) => {
      const k = str(x.key) ?? '';
      const e = str(x.effect) ?? '';
      return (k === key || k === '') && (e === 'NoExecute' || e === '');
    });
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (tolerates(key)) continue;
    draft.pushNew(['spec', 'tolerations'], plainObject({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }));
  }
  return [];
});
