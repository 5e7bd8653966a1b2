/**
 * `validateResizePolicy` (§2.20), run by upstream `validateContainerCommon` for every container
 * kind. InPlacePodVerticalScaling is GA in 1.35, so init containers may set it too.
 */
import { childPath, indexPath } from '../../diagnostics/finding';
import { msg, report, type PodSpecRule } from '../context';
import { itemMap, missingAt, nodeAt, seqField, strField, valueAt } from './values';

const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

/**
 * `validateResizePolicy` on every container (containers, init, ephemeral). Upstream quirk: all
 * errors but the duplicate are reported on `…resizePolicy` without the entry index.
 */
export const resizePolicy: PodSpecRule = (ctx, { spec, path }) => {
  const rp = strField(spec, 'restartPolicy');
  const podNever = rp?.value === 'Never'; // empty defaults to Always
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = seqField(spec, key);
    cs?.items.forEach((c, i) => {
      if (c.kind !== 'map') return;
      const list = seqField(c, 'resizePolicy');
      if (!list?.e) return;
      const p = childPath(indexPath(childPath(path, key), i), 'resizePolicy');
      const seen = new Set<string>();
      list.items.forEach((item, j) => {
        const m = itemMap(item);
        if (!m) return; // decode error
        const name = strField(m, 'resourceName');
        const policy = strField(m, 'restartPolicy');
        const fb = missingAt(m, nodeAt(item));
        if (name) {
          const at = name.e ? valueAt(name.e) : fb;
          if (seen.has(name.value)) report(ctx, 'resize-policy', 'Duplicate', indexPath(p, j), at, msg.duplicate(name.value));
          seen.add(name.value);
          if (name.value === '') report(ctx, 'resize-policy', 'Required', p, at, msg.required());
          else if (!RESIZE_RESOURCES.includes(name.value)) report(ctx, 'resize-policy', 'NotSupported', p, at, msg.notSupported(name.value, RESIZE_RESOURCES));
        }
        if (policy) {
          const at = policy.e ? valueAt(policy.e) : fb;
          if (policy.value === '') report(ctx, 'resize-policy', 'Required', p, at, msg.required());
          else if (!RESIZE_POLICIES.includes(policy.value)) report(ctx, 'resize-policy', 'NotSupported', p, at, msg.notSupported(policy.value, RESIZE_POLICIES));
          if (podNever && policy.value !== 'NotRequired')
            report(ctx, 'resize-policy', 'Invalid', p, at, msg.invalid(policy.value, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
        }
      });
    });
  }
};
