/**
 * The `valueFrom` selectors of an environment variable: `validateObjectFieldSelector` (env
 * expressions), `validateContainerResourceFieldSelector` + `validateContainerResourceDivisor`,
 * `validateConfigMapKeySelector` / `validateSecretKeySelector` and `validateFileKeySelector`.
 * Each takes the selector map, its upstream path and an anchor (the selector's key) for
 * findings about missing fields.
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath } from '../../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain, isRelaxedEnvVarName } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { strField, valueAt } from '../spec/values';
import { backstepErrors } from '../volume/paths';
import { at } from '../volume/read';
import { canonicalQuantity, quantityOf } from '../volume/quantityText';
import { HUGEPAGES_PREFIXES, RESOURCE_FIELD_PATHS, checkObjectFieldSelector, divisorProblems } from '../downwardApi';

/** `validEnvDownwardAPIFieldPathExpressions`, as `sets.List` prints it (sorted). */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

/** `validateObjectFieldSelector` with the env expressions. */
export function checkFieldRef(ctx: RuleContext, ref: KMap, path: string, owner: Span): void {
  checkObjectFieldSelector(ctx, 'env-field-ref', ENV_FIELD_PATHS, ref, path, owner);
}

/** `validContainerResourceFieldPathExpressions`, sorted. */

export function checkResourceFieldRef(ctx: RuleContext, ref: KMap, path: string, owner: Span): void {
  const R = 'env-resource-field-ref';
  const res = strField(ref, 'resource');
  if (!res) return;
  const r = res.value;
  if (r === '') report(ctx, R, 'Required', childPath(path, 'resource'), at(res.e, owner), msg.required());
  else if (!RESOURCE_FIELD_PATHS.includes(r) && !HUGEPAGES_PREFIXES.some((p) => r.startsWith(p)))
    report(ctx, R, 'NotSupported', childPath(path, 'resource'), at(res.e, owner), msg.notSupported(r, RESOURCE_FIELD_PATHS));
  const div = entry(ref, 'divisor');
  const q = div ? quantityOf(div.value) : undefined;
  if (!div || !q || q.num === 0n) return; // unset (zero) divisors are fine; malformed ones fail decoding
  const c = canonicalQuantity(q);
  for (const detail of divisorProblems(r, c)) report(ctx, R, 'Invalid', childPath(path, 'divisor'), valueAt(div), msg.invalid(r, detail));
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** `IsConfigMapKey`. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_MAP_KEY.test(key))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** configMapKeyRef / secretKeyRef: the name goes through the subdomain check even when empty. */
export function checkKeySelector(ctx: RuleContext, ref: KMap, path: string, owner: Span): void {
  const R = 'env-key-ref';
  const name = strField(ref, 'name');
  if (name) for (const d of isDNS1123Subdomain(name.value)) report(ctx, R, 'Invalid', childPath(path, 'name'), at(name.e, owner), msg.invalid(name.value, d));
  const key = strField(ref, 'key');
  if (!key) return;
  const keyPath = childPath(path, 'key');
  if (key.value === '') report(ctx, R, 'Required', keyPath, at(key.e, owner), msg.required());
  else for (const d of configMapKeyErrors(key.value)) report(ctx, R, 'Invalid', keyPath, at(key.e, owner), msg.invalid(key.value, d));
}

/** `validateFileKeySelector` (EnvFiles beta, on in 1.35). The volume lookup is in env.ts. */
export function checkFileKeySelector(ctx: RuleContext, ref: KMap, path: string, owner: Span): void {
  const R = 'env-file-key-ref';
  const fields: Array<[string, (v: string) => string[]]> = [
    ['key', isRelaxedEnvVarName],
    ['volumeName', isDNS1123Label],
    ['path', backstepErrors],
  ];
  for (const [key, check] of fields) {
    const f = strField(ref, key);
    if (!f) continue;
    const p = childPath(path, key);
    if (f.value === '') report(ctx, R, 'Required', p, at(f.e, owner), msg.required());
    else for (const d of check(f.value)) report(ctx, R, 'Invalid', p, at(f.e, owner), msg.invalid(f.value, d));
  }
}
