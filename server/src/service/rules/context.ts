/**
 * What a rule receives and the helpers rules share: reading scalars from the tree and
 * reporting upstream-style findings.
 */
import type { K8sObject } from '../parse/manifests';
import { entry, type KEntry, type KMap, type KNode, type KScalar, type Span } from '../parse/tree';
import type { PodSpecSite } from '../model/podSpecs';
import type { ErrorType, Finding, RelatedSpan } from '../validate/finding';

export interface RuleContext {
  object: K8sObject;
  out: Finding[];
}

/** A rule over a whole object (metadata, Node rules, workload specs). */
export type ObjectRule = (ctx: RuleContext) => void;
/** A rule over each Pod spec of an object (a Pod, or a workload's Pod template). */
export type PodSpecRule = (ctx: RuleContext, site: PodSpecSite) => void;

export function report(
  ctx: RuleContext,
  rule: string,
  errorType: ErrorType | undefined,
  field: string,
  span: Span,
  message: string,
  related?: RelatedSpan[],
): void {
  const f: Finding = { rule, field, span: { start: span.start, end: span.end }, message };
  if (errorType) f.errorType = errorType;
  if (related) f.related = related;
  ctx.out.push(f);
}

export function asMap(n: KNode | undefined): KMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

export function asSeq(n: KNode | undefined): KNode[] {
  return n && n.kind === 'seq' ? n.items : [];
}

export function scalar(n: KNode | undefined): KScalar | undefined {
  return n && n.kind === 'scalar' ? n : undefined;
}

/** The string value of a field, when it is a string. */
export function str(map: KNode | undefined, key: string): string | undefined {
  const v = entry(map, key)?.value;
  return v && v.kind === 'scalar' && v.v.type === 'string' ? v.v.value : undefined;
}

/** The numeric value of a field, when it is a number. */
export function num(map: KNode | undefined, key: string): number | undefined {
  const v = entry(map, key)?.value;
  return v && v.kind === 'scalar' && (v.v.type === 'int' || v.v.type === 'float') ? v.v.value : undefined;
}

export function bool(map: KNode | undefined, key: string): boolean | undefined {
  const v = entry(map, key)?.value;
  return v && v.kind === 'scalar' && v.v.type === 'bool' ? v.v.value : undefined;
}

/** Span of a field's value, or of its key when the value is empty. */
export function valueSpan(e: KEntry): Span {
  return e.value.end > e.value.start ? e.value : e.keySpan;
}

export { entry };
