/**
 * `matchLabelKeys` / `mismatchLabelKeys` (pod affinity terms and topology spread). For a Pod,
 * the API server's PrepareForCreate first appends `key In (value)` (`NotIn` for mismatch) to
 * the label selector for every listed key the Pod's own labels carry; validation then sees the
 * merged selector. Templates are validated as written.
 */
import type { KEntry, KMap, KNode } from '../../parse/tree';
import type { PodSpecSite } from '../../model/podSpecs';
import { childPath, indexPath } from '../../diagnostics/finding';
import { entry, msg, report, type RuleContext } from '../context';
import { selectorKeys, validateLabelName, type AddedRequirement } from './labelSelector';
import { nodeAt, seqField, stringItems } from './values';

/** The Pod's own labels (only a Pod gets the matchLabelKeys merge). */
export function podLabels(ctx: RuleContext, site: PodSpecSite): Map<string, string> | undefined {
  if (ctx.object.kind !== 'Pod') return undefined;
  const labels = entry(site.metadata, 'labels')?.value;
  const out = new Map<string, string>();
  if (labels?.kind === 'map')
    for (const e of labels.entries) if (e.value.kind === 'scalar' && e.value.v.type === 'string') out.set(e.key, e.value.v.value);
  return out;
}

export interface LabelKeys {
  items: Array<{ value: string; node: KNode }>;
  e?: KEntry;
}

export function labelKeyList(map: KMap, key: string): LabelKeys | undefined {
  const s = seqField(map, key);
  const items = s ? stringItems(s.items) : undefined;
  return items ? { items, e: s!.e } : undefined;
}

/** `applyLabelKeysToLabelSelector`: the requirements the API server appends for a Pod. */
export function mergedRequirements(labels: Map<string, string> | undefined, keys: LabelKeys | undefined, operator: 'In' | 'NotIn'): AddedRequirement[] {
  if (!labels || !keys) return [];
  const out: AddedRequirement[] = [];
  for (const k of keys.items) {
    const v = labels.get(k.value);
    if (v !== undefined) out.push({ key: k.value, operator, value: v, span: nodeAt(k.node) });
  }
  return out;
}

/** `validateLabelKeys`: Forbidden without a selector, else each key a label name. */
function labelKeys(ctx: RuleContext, keys: LabelKeys | undefined, path: string, hasSelector: boolean): void {
  if (!keys || keys.items.length === 0) return;
  if (!hasSelector) {
    report(ctx, 'match-label-keys', 'Forbidden', path, keys.e ? keys.e.keySpan : nodeAt(keys.items[0].node), msg.forbidden('must not be specified when labelSelector is not set'));
    return;
  }
  keys.items.forEach((k, i) => validateLabelName(ctx, 'match-label-keys', k.value, indexPath(path, i), nodeAt(k.node)));
}

/**
 * `ValidateMatchLabelKeysAndMismatchLabelKeys`. Upstream quirk: a matchLabelKeys key that the
 * (merged) selector uses twice is reported on `<term path>[i]` — the term's own path indexed
 * by the key's position in matchLabelKeys.
 */
export function matchLabelKeysAndMismatch(
  ctx: RuleContext,
  path: string,
  match: LabelKeys | undefined,
  mismatch: LabelKeys | undefined,
  sel: KMap | null,
  added: AddedRequirement[],
): void {
  labelKeys(ctx, match, childPath(path, 'matchLabelKeys'), sel !== null);
  labelKeys(ctx, mismatch, childPath(path, 'mismatchLabelKeys'), sel !== null);
  if (sel && match) {
    const index = new Map<string, number>();
    match.items.forEach((k, i) => index.set(k.value, i));
    const { matchLabels, expressions } = selectorKeys(sel, added);
    const seen = new Set(matchLabels);
    for (const key of expressions) {
      const i = index.get(key);
      if (i !== undefined && seen.has(key))
        report(ctx, 'match-label-keys', 'Invalid', indexPath(path, i), nodeAt(match.items[i].node), msg.invalid(key, 'exists in both matchLabelKeys and labelSelector'));
      seen.add(key);
    }
  }
  if (match && mismatch) {
    const mm = new Set(mismatch.items.map((k) => k.value));
    match.items.forEach((k, i) => {
      if (mm.has(k.value))
        report(ctx, 'match-label-keys', 'Invalid', indexPath(childPath(path, 'matchLabelKeys'), i), nodeAt(k.node), msg.invalid(k.value, 'exists in both matchLabelKeys and mismatchLabelKeys'));
    });
  }
}
