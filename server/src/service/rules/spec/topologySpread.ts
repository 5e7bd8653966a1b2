/**
 * `validateTopologySpreadConstraints` (MatchLabelKeysInPodTopologySpread and its selector
 * merge are on in 1.35, so matchLabelKeys go through `ValidateMatchLabelKeysAndMismatchLabelKeys`).
 */
import type { Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { msg, report, type PodSpecRule } from '../context';
import { validateLabelSelector } from './labelSelector';
import { labelKeyList, matchLabelKeysAndMismatch, mergedRequirements, podLabels } from './matchLabelKeys';
import { fieldAt, intField, itemMap, nodeAt, seqField, strField, structField, valueAt } from './values';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

export const topologySpread: PodSpecRule = (ctx, site) => {
  const s = seqField(site.spec, 'topologySpreadConstraints');
  if (!s) return;
  const base = childPath(site.path, 'topologySpreadConstraints');
  const labels = podLabels(ctx, site);
  const items = s.items.map((n) => {
    const c = itemMap(n);
    return c ? { c, n, key: strField(c, 'topologyKey'), when: strField(c, 'whenUnsatisfiable') } : undefined;
  });
  // For each constraint, the next one with the same {topologyKey, whenUnsatisfiable} (one
  // backwards pass keeps this linear).
  const next: Array<Span | undefined> = [];
  const lastSeen = new Map<string, Span>();
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (!it?.key || !it.when) continue;
    const pair = `${it.key.value}\u0000${it.when.value}`;
    next[i] = lastSeen.get(pair);
    lastSeen.set(pair, it.key.e ? valueAt(it.key.e) : nodeAt(it.n));
  }
  items.forEach((it, i) => {
    if (!it) return;
    const { c, n, key, when } = it;
    const p = indexPath(base, i);
    const fb = nodeAt(n);
    const skew = intField(c, 'maxSkew');
    if (skew && (skew.value ?? 0) <= 0)
      report(ctx, 'topology-spread-max-skew', 'Invalid', childPath(p, 'maxSkew'), fieldAt(c, skew, fb), msg.invalid(skew.value ?? 0, 'must be greater than zero'));
    if (key && key.value === '') report(ctx, 'topology-spread-topology-key', 'Required', childPath(p, 'topologyKey'), fieldAt(c, key, fb), msg.required('can not be empty'));
    if (when && !WHEN_UNSATISFIABLE.includes(when.value))
      report(ctx, 'topology-spread-when-unsatisfiable', 'NotSupported', childPath(p, 'whenUnsatisfiable'), fieldAt(c, when, fb), msg.notSupported(when.value, WHEN_UNSATISFIABLE));
    // Upstream quirk: the duplicate is reported on the earlier constraint, under a literal segment.
    const later = next[i];
    if (key && when && later)
      report(ctx, 'duplicate-topology-spread', 'Duplicate', childPath(p, '{topologyKey, whenUnsatisfiable}'), fieldAt(c, key, fb), msg.duplicate(`{${key.value}, ${when.value}}`), [
        { span: later, message: 'same topologyKey and whenUnsatisfiable' },
      ]);
    const md = intField(c, 'minDomains');
    if (md?.e && md.value !== undefined) {
      const mdPath = childPath(p, 'minDomains');
      if (md.value <= 0) report(ctx, 'topology-spread-min-domains', 'Invalid', mdPath, valueAt(md.e), msg.invalid(md.value, 'must be greater than zero'));
      if (when && when.value !== 'DoNotSchedule')
        report(ctx, 'topology-spread-min-domains', 'Invalid', mdPath, valueAt(md.e), msg.invalid(md.value, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when.value}`));
    }
    for (const pk of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const pol = strField(c, pk);
      if (pol?.e && pol.set && !NODE_INCLUSION_POLICIES.includes(pol.value))
        report(ctx, 'topology-spread-node-policy', 'NotSupported', childPath(p, pk), valueAt(pol.e), msg.notSupported(pol.value, NODE_INCLUSION_POLICIES));
    }
    const sel = structField(c, 'labelSelector');
    const match = labelKeyList(c, 'matchLabelKeys');
    const added = sel?.m && match && match.items.length > 0 ? mergedRequirements(labels, match, 'In') : [];
    if (sel) matchLabelKeysAndMismatch(ctx, p, match, undefined, sel.m, added);
    if (sel?.m) validateLabelSelector(ctx, 'label-selector', sel.m, childPath(p, 'labelSelector'), {}, added);
  });
};
