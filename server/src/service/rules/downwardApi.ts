/**
 * Downward API facts shared by env `fieldRef`/`resourceFieldRef` and downwardAPI volume items
 * (upstream validates both with the same tables and the same field-selector check).
 */
import type { KMap, Span } from '../parse/tree';
import { childPath } from '../diagnostics/finding';
import { isQualifiedName } from '../util/names';
import { msg, report, type RuleContext } from './context';
import { strField } from './spec/values';
import { at } from './volume/read';
import type { RuleId } from '../diagnostics/catalog';

/** Labels `ConvertDownwardAPIFieldLabel` accepts for v1. */
export const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

export const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
export const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/**
 * Upstream's details for a divisor (in canonical form) that the resource does not support;
 * one entry per failed check, as upstream reports each.
 */
export function divisorProblems(resource: string, divisor: string): string[] {
  const out: string[] = [];
  const bad = (kind: string, list: string) => out.push(`only divisor's values ${list} are supported with the ${kind} resource`);
  if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !CPU_DIVISORS.has(divisor)) bad('cpu', '1m and 1');
  else if ((resource === 'limits.memory' || resource === 'requests.memory') && !BYTE_DIVISORS.has(divisor)) bad('memory', BYTE_DIVISOR_LIST);
  else if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !BYTE_DIVISORS.has(divisor)) bad('local ephemeral storage', BYTE_DIVISOR_LIST);
  if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !BYTE_DIVISORS.has(divisor)) bad('hugepages', BYTE_DIVISOR_LIST);
  return out;
}

/** `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['k']` → path and subscript. */
function splitSubscript(fp: string): { path: string; sub: string } | undefined {
  if (!fp.endsWith("']")) return undefined;
  const s = fp.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return { path: s.slice(0, i), sub: s.slice(i + 2) };
}

/**
 * `validateObjectFieldSelector`: the fieldPath converted as `ConvertDownwardAPIFieldLabel`
 * does (apiVersion defaulted to v1, `spec.host` → `spec.nodeName`), then checked against the
 * expressions the caller allows (env and volumes allow different ones), reported as `rule`.
 */
export function checkObjectFieldSelector(ctx: RuleContext, rule: RuleId, allowed: readonly string[], ref: KMap, path: string, owner: Span): void {
  const api = strField(ref, 'apiVersion');
  const fp = strField(ref, 'fieldPath');
  if (!api || !fp) return;
  const apiVersion = api.value === '' ? 'v1' : api.value; // SetDefaults_ObjectFieldSelector
  const fpPath = childPath(path, 'fieldPath');
  const span = at(fp.e, owner);
  if (fp.value === '') return report(ctx, rule, 'Required', fpPath, span, msg.required());
  let err: string | undefined;
  let internal = fp.value;
  const split = splitSubscript(fp.value);
  if (apiVersion !== 'v1') err = `unsupported pod version: ${apiVersion}`;
  else if (split) {
    if (split.path !== 'metadata.annotations' && split.path !== 'metadata.labels') err = `field label does not support subscript: ${fp.value}`;
  } else if (fp.value === 'spec.host') internal = 'spec.nodeName'; // old v1 clients
  else if (!CONVERTIBLE_FIELD_LABELS.has(fp.value)) err = `field label not supported: ${fp.value}`;
  if (err) return report(ctx, rule, 'Invalid', fpPath, span, msg.invalid(fp.value, `error converting fieldPath: ${err}`));
  if (split) {
    // Upstream quirk: subscript errors are reported on the selector, not on fieldPath.
    const key = split.path === 'metadata.annotations' ? split.sub.toLowerCase() : split.sub;
    for (const d of isQualifiedName(key)) report(ctx, rule, 'Invalid', path, span, msg.invalid(key, d));
  } else if (!allowed.includes(internal)) {
    report(ctx, rule, 'NotSupported', fpPath, span, msg.notSupported(internal, [...allowed]));
  }
}
