/**
 * What a rule receives and the helpers rules share: reading scalars from the tree and
 * reporting upstream-style findings.
 */
import type { K8sObject } from '../parse/manifests';
import { entry, type KEntry, type KMap, type KNode, type KScalar, type Span } from '../parse/tree';
import type { PodSpecSite } from '../model/podSpecs';
import { findingsCap, type ErrorType, type Finding, type Fix, type RelatedSpan } from '../diagnostics/finding';
import type { RuleId } from '../diagnostics/catalog';

export interface RuleContext {
  object: K8sObject;
  out: Finding[];
  /** Findings reported so far per rule, and the one standing for those past the cap. */
  tally?: Map<string, { n: number; rest?: Finding }>;
}

/** A rule over a whole object (metadata, Node rules, workload specs). */
export type ObjectRule = (ctx: RuleContext) => void;
/** A rule over each Pod spec of an object (a Pod, or a workload's Pod template). */
export type PodSpecRule = (ctx: RuleContext, site: PodSpecSite) => void;

export function report(
  ctx: RuleContext,
  rule: RuleId,
  errorType: ErrorType | undefined,
  field: string,
  span: Span,
  message: string,
  related?: RelatedSpan[],
  fixes?: Fix[],
): void {
  // Past the cap a finding is only counted: half a million of them would otherwise be built
  // and held until validate/index.ts drops them.
  const tally = (ctx.tally ??= new Map());
  let t = tally.get(rule);
  if (!t) tally.set(rule, (t = { n: 0 }));
  if (++t.n > findingsCap.perRule) {
    if (t.rest) t.rest.omitted!++;
    else {
      t.rest = { rule, span: { start: span.start, end: span.end }, message: '', omitted: 1 };
      if (errorType) t.rest.errorType = errorType;
      ctx.out.push(t.rest);
    }
    return;
  }
  const f: Finding = { rule, field, span: { start: span.start, end: span.end }, message };
  if (errorType) f.errorType = errorType;
  if (related) f.related = related;
  if (fixes?.length) f.fixes = fixes;
  ctx.out.push(f);
}

/**
 * Whether the next finding of `rule` would be past the cap, so that report() only counts it.
 * Rules that can fire on every container check this first and report with empty texts: the
 * message and path of a finding that is dropped anyway are not worth building half a million
 * times.
 */
export function pastCap(ctx: RuleContext, rule: RuleId): boolean {
  const t = ctx.tally?.get(rule);
  return t !== undefined && t.n >= findingsCap.perRule;
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

/** Go's rendering of a value inside upstream messages (`%q` for strings, plain numbers). */
export function goValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Upstream `field.Error` detail texts (what follows `path: `). */
export const msg = {
  required: (detail?: string): string => (detail ? `Required value: ${detail}` : 'Required value'),
  invalid: (value: string | number | boolean | null | undefined, detail?: string): string =>
    detail ? `Invalid value: ${goValue(value)}: ${detail}` : `Invalid value: ${goValue(value)}`,
  duplicate: (value: string | number | boolean | null | undefined): string => `Duplicate value: ${goValue(value)}`,
  forbidden: (detail: string): string => `Forbidden: ${detail}`,
  notFound: (value: string | number | boolean | null | undefined): string => `Not found: ${goValue(value)}`,
  tooLong: (max: number): string => `Too long: may not be more than ${max} bytes`,
  tooMany: (actual: number, max: number): string => `Too many: ${actual}: must have at most ${max} items`,
  notSupported: (value: string | number | boolean | null | undefined, supported: readonly string[]): string =>
    `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
};
