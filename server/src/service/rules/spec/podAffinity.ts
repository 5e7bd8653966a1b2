/**
 * Pod (anti-)affinity (`validatePodAffinity`, `validatePodAntiAffinity`,
 * `validatePodAffinityTerm`, `validateWeightedPodAffinityTerms`).
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { isDNS1123Label } from '../../util/names';
import { msg, report, type RuleContext } from '../context';
import { validateLabelName, validateLabelSelector } from './labelSelector';
import { labelKeyList, matchLabelKeysAndMismatch, mergedRequirements } from './matchLabelKeys';
import { weight } from './nodeAffinity';
import { fieldAt, itemMap, nodeAt, seqField, strField, stringItems, structField } from './values';

/** `validatePodAffinityTerm`. */
function podAffinityTerm(ctx: RuleContext, term: KMap, path: string, labels: Map<string, string> | undefined, fallback: Span): void {
  const sel = structField(term, 'labelSelector');
  const match = labelKeyList(term, 'matchLabelKeys');
  const mismatch = labelKeyList(term, 'mismatchLabelKeys');
  const added = sel?.m && ((match?.items.length ?? 0) > 0 || (mismatch?.items.length ?? 0) > 0) ? [...mergedRequirements(labels, match, 'In'), ...mergedRequirements(labels, mismatch, 'NotIn')] : [];
  if (sel?.m) validateLabelSelector(ctx, 'label-selector', sel.m, childPath(path, 'labelSelector'), {}, added);
  const nsSel = structField(term, 'namespaceSelector');
  if (nsSel?.m) validateLabelSelector(ctx, 'label-selector', nsSel.m, childPath(path, 'namespaceSelector'));
  const nss = seqField(term, 'namespaces');
  const names = nss ? stringItems(nss.items) : undefined;
  // Upstream quirk: namespace errors are reported on `…namespace` (singular, no index).
  names?.forEach((n) => {
    for (const m of isDNS1123Label(n.value)) report(ctx, 'pod-affinity-namespace', 'Invalid', childPath(path, 'namespace'), nodeAt(n.node), msg.invalid(n.value, m));
  });
  if (sel) matchLabelKeysAndMismatch(ctx, path, match, mismatch, sel.m, added);
  const tk = strField(term, 'topologyKey');
  if (!tk) return;
  const tkPath = childPath(path, 'topologyKey');
  const tkAt = fieldAt(term, tk, fallback);
  if (tk.value === '') report(ctx, 'pod-affinity-topology-key', 'Required', tkPath, tkAt, msg.required('can not be empty'));
  validateLabelName(ctx, 'pod-affinity-topology-key', tk.value, tkPath, tkAt);
}

export function podAffinity(ctx: RuleContext, pa: KMap, path: string, labels: Map<string, string> | undefined): void {
  const req = seqField(pa, 'requiredDuringSchedulingIgnoredDuringExecution');
  const rPath = childPath(path, 'requiredDuringSchedulingIgnoredDuringExecution');
  req?.items.forEach((n, i) => {
    const term = itemMap(n);
    if (term) podAffinityTerm(ctx, term, indexPath(rPath, i), labels, nodeAt(n));
  });
  const pref = seqField(pa, 'preferredDuringSchedulingIgnoredDuringExecution');
  const pPath = childPath(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  pref?.items.forEach((n, i) => {
    const item = itemMap(n);
    if (!item) return;
    const p = indexPath(pPath, i);
    weight(ctx, item, p, nodeAt(n));
    const t = structField(item, 'podAffinityTerm');
    if (!t) return;
    // An absent podAffinityTerm is the zero term: its empty topologyKey is still an error.
    const term = t.m ?? { kind: 'map' as const, start: item.start, end: item.end, entries: [] };
    podAffinityTerm(ctx, term, childPath(p, 'podAffinityTerm'), labels, t.e ? t.e.keySpan : fieldAt(item, undefined, nodeAt(n)));
  });
}
