/**
 * `ValidateTolerationsInPodAnnotations` (from `ValidatePodSpecificAnnotations`): the legacy
 * `scheduler.alpha.kubernetes.io/tolerations` annotation must decode as a JSON list of
 * tolerations, each validated like `spec.tolerations` (rules/spec/tolerations.ts) under
 * `<annotations>.scheduler.alpha.kubernetes.io/tolerations[i]`. Template annotations are
 * reported under `<template>.annotations` (no `metadata` segment), as upstream does.
 * Findings point at the annotation's value; JSON syntax errors are worded by the JavaScript
 * parser, not Go's.
 */
import type { KMap, KNode, Span } from '../../parse/tree';
import { entry, msg, report, type PodSpecRule, type RuleContext } from '../context';
import { tolerations } from '../spec/tolerations';
import { structField, valueAt } from '../spec/values';

const KEY = 'scheduler.alpha.kubernetes.io/tolerations';
/** The internal Toleration's fields (no json tags: matched case-insensitively, as Go does). */
const FIELDS: Record<string, 'string' | 'int'> = { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationseconds: 'int' };

/** A toleration object as the tree the tolerations rule reads, every span on `at`; a string on a type error. */
function toleration(o: unknown, at: Span): KMap | string {
  const map: KMap = { kind: 'map', start: at.start, end: at.end, entries: [] };
  if (o === null) return map;
  if (typeof o !== 'object' || Array.isArray(o)) return 'json: cannot unmarshal into Go value of type core.Toleration';
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const type = FIELDS[k.toLowerCase()];
    if (!type) continue; // unknown JSON fields are ignored by encoding/json
    const name = Object.keys(FIELDS).find((f) => f === k.toLowerCase())!;
    const field = name === 'tolerationseconds' ? 'tolerationSeconds' : name;
    let node: KNode;
    if (v === null) node = { kind: 'scalar', start: at.start, end: at.end, v: { type: 'null', value: null }, text: 'null', plain: true };
    else if (type === 'string' && typeof v === 'string') node = { kind: 'scalar', start: at.start, end: at.end, v: { type: 'string', value: v }, text: v, plain: false };
    else if (type === 'int' && typeof v === 'number' && Number.isInteger(v)) node = { kind: 'scalar', start: at.start, end: at.end, v: { type: 'int', value: v }, text: String(v), plain: true };
    else return `json: cannot unmarshal ${typeof v === 'object' ? 'object' : typeof v} into Go struct field Toleration.${field} of type ${type === 'int' ? 'int64' : 'string'}`;
    map.entries = map.entries.filter((e) => e.key !== field);
    map.entries.push({ key: field, keySpan: at, value: node });
  }
  return map;
}

function annotationsPath(ctx: RuleContext, metadataPath: string): string {
  return ctx.object.kind === 'Pod' ? 'metadata.annotations' : `${metadataPath.replace(/\.metadata$/, '')}.annotations`;
}

export const tolerationsAnnotation: PodSpecRule = (ctx, site) => {
  const ann = site.metadata ? structField(site.metadata, 'annotations')?.m : undefined;
  const e = ann ? entry(ann, KEY) : undefined;
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string' || e.value.v.value === '') return;
  const at = valueAt(e);
  const annPath = annotationsPath(ctx, site.metadataPath);
  const bad = (detail: string) => report(ctx, 'toleration-operator', 'Invalid', annPath, at, msg.invalid(KEY, detail));
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.value.v.value);
  } catch (err) {
    bad(err instanceof Error ? err.message : String(err));
    return;
  }
  if (parsed === null) return;
  if (!Array.isArray(parsed)) return bad('json: cannot unmarshal into Go value of type []core.Toleration');
  const items: KNode[] = [];
  for (const t of parsed) {
    const m = toleration(t, at);
    if (typeof m === 'string') return bad(m);
    items.push(m);
  }
  // Run the spec.tolerations checks on the decoded list, then move their paths under the annotation.
  const inner: RuleContext = { object: ctx.object, out: [] };
  const spec: KMap = { kind: 'map', start: at.start, end: at.end, entries: [{ key: 'tolerations', keySpan: at, value: { kind: 'seq', start: at.start, end: at.end, items } }] };
  tolerations(inner, { spec, path: 'x', metadata: undefined, metadataPath: '' });
  for (const f of inner.out) {
    if (f.field?.startsWith('x.tolerations')) f.field = `${annPath}.${KEY}${f.field.slice('x.tolerations'.length)}`;
    ctx.out.push(f);
  }
};
