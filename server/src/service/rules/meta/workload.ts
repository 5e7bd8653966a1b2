/**
 * Pieces the workload validations (apps, batch, ReplicationController) share: non-negative
 * counters, int-or-percent fields, the selector/template agreement, and Go's JSON rendering
 * of the values upstream prints in those messages.
 */
import type { KEntry, KMap, KNode, Span } from '../../parse/tree';
import { childPath } from '../../diagnostics/finding';
import { entry, msg, report, type RuleContext } from '../context';
import { validateLabels, validateLabelSelector } from '../spec/labelSelector';
import { goJSONString, intField, invalidRendered, missingAt, strField, structField, valueAt } from '../spec/values';
import { asSelector, labelSet, selectorMatches, type LabelSet, type LabelValue, type Selector } from './selector';
import type { RuleId } from '../../diagnostics/catalog';

export const NEGATIVE = 'must be greater than or equal to 0';

/** `ValidateNonnegativeField` on an integer field (absent/null = nil or 0: fine). */
export function nonNegative(ctx: RuleContext, rule: RuleId, map: KMap, key: string, path: string): number | undefined {
  const f = intField(map, key);
  if (!f?.e || f.value === undefined) return f?.value;
  if (f.value < 0) report(ctx, rule, 'Invalid', path, valueAt(f.e), msg.invalid(f.value, NEGATIVE));
  return f.value;
}

/** Where to point for `key` of `map`: its value, else the map's first key, else `fallback`. */
export function at(map: KMap | undefined, key: string, fallback: Span): Span {
  const e = map ? entry(map, key) : undefined;
  if (e) return valueAt(e);
  return map && map.entries.length ? missingAt(map) : fallback;
}

/** Go's `json.Marshal` of a decoded YAML value (maps sorted by key, as Go marshals maps). */
export function goJSON(n: KNode | undefined, sortKeys = true, fieldName: (k: string) => string = (k) => k): string {
  if (!n) return 'null';
  if (n.kind === 'seq') return `[${n.items.map((x) => goJSON(x, sortKeys, fieldName)).join(',')}]`;
  if (n.kind === 'map') {
    const es = sortKeys ? [...n.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : n.entries;
    return `{${es.map((e) => `${goJSONString(fieldName(e.key))}:${goJSON(e.value, sortKeys, fieldName)}`).join(',')}}`;
  }
  const v = n.v;
  if (v.type === 'string') return goJSONString(v.value);
  if (v.type === 'null') return 'null';
  return String(v.value);
}

/** A `map[string]string` as Go marshals it; `null` when absent (a nil map). */
export function labelsJSON(labels: LabelSet | undefined): string {
  if (!labels) return 'null';
  const keys = [...labels.keys()].sort();
  return `{${keys.map((k) => `${goJSONString(k)}:${labelValueJSON(labels.get(k)!)}`).join(',')}}`;
}

/** A server-generated value (a uid) prints as a readable placeholder, e.g. `"<uid>"`. */
function labelValueJSON(v: LabelValue): string {
  return typeof v === 'string' ? goJSONString(v) : JSON.stringify(`<${v.description ?? 'generated'}>`);
}

/** A `*metav1.LabelSelector` as Go marshals it (json tags, omitempty). */
export function selectorJSON(sel: KMap, extraMatchLabels: Array<[string, LabelValue]> = []): string {
  const parts: string[] = [];
  const ml = labelSet(entry(sel, 'matchLabels')?.value);
  for (const [k, v] of extraMatchLabels) ml.set(k, v);
  if (ml.size) parts.push(`"matchLabels":${labelsJSON(ml)}`);
  const me = entry(sel, 'matchExpressions')?.value;
  if (me && me.kind === 'seq' && me.items.length) parts.push(`"matchExpressions":${goJSON(me, false)}`);
  return `{${parts.join(',')}}`;
}

export type IntOrString = { kind: 'int'; v: number } | { kind: 'string'; v: string };

/** An int-or-string field; `dflt` when absent or null, undefined on a decode error. */
export function intOrString(map: KMap | undefined, key: string, dflt: IntOrString): { v: IntOrString; e?: KEntry } | undefined {
  const e = map ? entry(map, key) : undefined;
  if (!e) return { v: dflt };
  const n = e.value;
  if (n.kind !== 'scalar') return undefined;
  if (n.v.type === 'null') return { v: dflt, e };
  if (n.v.type === 'string') return { v: { kind: 'string', v: n.v.value }, e };
  if (n.v.type === 'int' || (n.v.type === 'float' && Number.isInteger(n.v.value))) return { v: { kind: 'int', v: n.v.value as number }, e };
  return undefined;
}

export function intOrStringJSON(v: IntOrString): string {
  return v.kind === 'int' ? String(v.v) : goJSONString(v.v);
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** `ValidatePositiveIntOrPercent`. */
export function validatePositiveIntOrPercent(ctx: RuleContext, rule: RuleId, v: IntOrString, path: string, span: Span): void {
  if (v.kind === 'string') {
    if (!PERCENT.test(v.v)) report(ctx, rule, 'Invalid', path, span, invalidRendered(intOrStringJSON(v), PERCENT_MSG));
  } else if (v.v < 0) report(ctx, rule, 'Invalid', path, span, msg.invalid(v.v, NEGATIVE));
}

/** `getIntOrPercentValue`: a percent's number, an int, or `Atoi` of other strings (0 on failure). */
export function intOrPercentValue(v: IntOrString): number {
  if (v.kind === 'int') return v.v;
  if (PERCENT.test(v.v)) return Number(v.v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v.v) ? Number(v.v) : 0;
}

/** `IsNotMoreThan100Percent`. */
export function notMoreThan100Percent(ctx: RuleContext, rule: RuleId, v: IntOrString, path: string, span: Span): void {
  if (v.kind === 'string' && PERCENT.test(v.v) && Number(v.v.slice(0, -1)) > 100)
    report(ctx, rule, 'Invalid', path, span, invalidRendered(intOrStringJSON(v), 'must not be greater than 100%'));
}

/** The template's labels as the server sees them (undefined = nil map). */
export function templateLabels(template: KMap | undefined): LabelSet | undefined {
  const meta = template ? structField(template, 'metadata')?.m : undefined;
  const l = meta ? entry(meta, 'labels')?.value : undefined;
  return l && l.kind === 'map' ? labelSet(l) : undefined;
}

/** Where to point for a template's labels: the `labels` key, else the template's metadata/key. */
export function templateLabelsAt(spec: KMap, template: KMap | undefined): Span {
  const meta = template ? structField(template, 'metadata')?.m : undefined;
  const l = meta ? entry(meta, 'labels') : undefined;
  if (l) return l.keySpan;
  const m = template ? entry(template, 'metadata') : undefined;
  if (m) return m.keySpan;
  const t = entry(spec, 'template');
  return t ? t.keySpan : missingAt(spec);
}

/** "`selector` does not match template `labels`" on `<template>.metadata.labels`. */
export function reportTemplateMismatch(ctx: RuleContext, rule: RuleId, templatePath: string, labels: LabelSet | undefined, span: Span, selectorSpan?: Span): void {
  report(
    ctx,
    rule,
    'Invalid',
    childPath(childPath(templatePath, 'metadata'), 'labels'),
    span,
    invalidRendered(labelsJSON(labels), '`selector` does not match template `labels`'),
    selectorSpan ? [{ span: selectorSpan, message: 'the selector' }] : undefined,
  );
}

export interface SelectorCheck {
  /** Kind word in "empty selector is invalid for <kind>". */
  emptyWord: string;
  /** Detail of the Invalid reported when the selector does not convert; undefined = none. */
  conversionDetail?: string;
  required: boolean;
}

/**
 * The `spec.selector` checks of Deployment/ReplicaSet/StatefulSet/DaemonSet and the
 * selector/template agreement. Returns the converted selector.
 */
export function validateWorkloadSelector(ctx: RuleContext, spec: KMap, check: SelectorCheck): Selector {
  const selE = entry(spec, 'selector');
  const selNode = selE?.value;
  const sel = selNode && selNode.kind === 'map' ? selNode : undefined;
  if (selNode && !sel && !(selNode.kind === 'scalar' && selNode.v.type === 'null')) return { kind: 'error' }; // decode error
  if (!sel) {
    if (check.required) report(ctx, 'workload-selector', 'Required', 'spec.selector', selE ? selE.keySpan : missingAt(spec), msg.required());
  } else {
    validateLabelSelector(ctx, 'workload-selector', sel, 'spec.selector');
    const ml = entry(sel, 'matchLabels')?.value;
    const me = entry(sel, 'matchExpressions')?.value;
    const n = (ml && ml.kind === 'map' ? ml.entries.length : 0) + (me && me.kind === 'seq' ? me.items.length : 0);
    if (n === 0) report(ctx, 'workload-selector', 'Invalid', 'spec.selector', selE!.keySpan, invalidRendered(selectorJSON(sel), `empty selector is invalid for ${check.emptyWord}`));
  }
  const s = asSelector(sel);
  if (s.kind === 'error' && sel && check.conversionDetail !== undefined)
    report(ctx, 'workload-selector', 'Invalid', 'spec.selector', selE!.keySpan, check.conversionDetail ? invalidRendered(selectorJSON(sel), check.conversionDetail) : `Invalid value: ${selectorJSON(sel)}`);
  return s;
}

/** The selector/template label agreement (skipped for an empty selector, as upstream does). */
export function checkTemplateMatch(ctx: RuleContext, spec: KMap, s: Selector, templatePath = 'spec.template', skipEmpty = true): void {
  if (s.kind === 'error' || (skipEmpty && s.kind === 'everything')) return;
  const template = structField(spec, 'template')?.m ?? undefined;
  const labels = templateLabels(template);
  if (selectorMatches(s, labels ?? new Map())) return;
  const selE = entry(spec, 'selector');
  reportTemplateMismatch(ctx, 'selector-template-mismatch', templatePath, labels, templateLabelsAt(spec, template), selE?.keySpan);
}

/**
 * The template's Pod spec restartPolicy after defaulting ("" → Always), with where to point:
 * the value when written, else the template's `spec` key.
 */
export function templateRestartPolicy(template: KMap | undefined): { value: string; e?: KEntry; specKey?: Span } | undefined {
  const spec = template ? structField(template, 'spec')?.m : undefined;
  const f = spec ? strField(spec, 'restartPolicy') : { value: '', set: false };
  if (!f) return undefined;
  return { value: f.value === '' ? 'Always' : f.value, e: f.e, specKey: template ? entry(template, 'spec')?.keySpan : undefined };
}

/** Controllers that keep Pods running: restartPolicy Always, no activeDeadlineSeconds. */
export function alwaysRestartingTemplate(ctx: RuleContext, template: KMap | undefined, templatePath: string, owner: string, forbidDeadline: 'Forbidden' | 'Invalid' = 'Forbidden'): void {
  if (!template) return;
  const rp = templateRestartPolicy(template);
  const specPath = childPath(templatePath, 'spec');
  if (rp && rp.value !== 'Always' && rp.e) report(ctx, 'workload-restart-policy', 'NotSupported', childPath(specPath, 'restartPolicy'), valueAt(rp.e), msg.notSupported(rp.value, ['Always']));
  const spec = structField(template, 'spec')?.m;
  const ads = spec ? intField(spec, 'activeDeadlineSeconds') : undefined;
  if (ads?.e && ads.value !== undefined) {
    const p = childPath(specPath, 'activeDeadlineSeconds');
    if (forbidDeadline === 'Forbidden') report(ctx, 'workload-active-deadline', 'Forbidden', p, valueAt(ads.e), msg.forbidden(`activeDeadlineSeconds in ${owner} is not Supported`));
    else report(ctx, 'workload-active-deadline', 'Invalid', p, valueAt(ads.e), msg.invalid(ads.value, 'must not be specified'));
  }
}

/** Object labels defaulted from the template's (RC, Job): template label errors repeat on metadata.labels. */
export function copiedLabels(ctx: RuleContext, t: KMap | undefined): void {
  const meta = structField(ctx.object.node, 'metadata')?.m;
  const own = meta ? entry(meta, 'labels')?.value : undefined;
  if (own && own.kind === 'map' && own.entries.length) return;
  const tMeta = t ? structField(t, 'metadata')?.m : undefined;
  const tl = tMeta ? entry(tMeta, 'labels')?.value : undefined;
  if (tl && tl.kind === 'map' && tl.entries.length) validateLabels(ctx, 'metadata-labels', tl, 'metadata.labels');
}

