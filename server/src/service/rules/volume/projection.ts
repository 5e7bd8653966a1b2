/**
 * File-projecting volume sources: `validateKeyToPath` (secret/configMap items),
 * `validateDownwardAPIVolumeFile` / `validateDownwardAPIVolumeSource`, and
 * `validateProjectedVolumeSource` / `validateProjectionSources`. Upstream quirks kept:
 * downward API item errors carry no item index, a serviceAccountToken without path is
 * Required on `…projected.path`, duplicate paths are Invalid on `…projected`.
 */
import type { KMap, KNode, Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { entry, msg, report, type RuleContext } from '../context';
import { itemMap, seqField, strField, structField, valueAt } from '../spec/values';
import { localNonReservedErrors } from './paths';
import { at, checkFileMode, int64Value, itemAnchor } from './read';
import { canonicalQuantity, quantityOf } from './quantityText';
import { HUGEPAGES_PREFIXES, RESOURCE_FIELD_PATHS, checkObjectFieldSelector, divisorProblems } from '../downwardApi';

const MODE_RULE = 'volume-file-mode';
const ITEM_RULE = 'volume-key-to-path';
const DOWNWARD_RULE = 'downward-api-volume';
const PROJECTED_RULE = 'projected-volume';
const TOKEN_RULE = 'service-account-token-projection';

/** `validKeyToPath`: key and path required, path local and not reserved, mode 0–0777. */
export function checkKeyToPath(ctx: RuleContext, item: KNode, path: string): { path: string; span: Span } | undefined {
  const m = itemMap(item);
  if (!m) return undefined;
  const anchor = itemAnchor(item);
  const key = strField(m, 'key');
  const p = strField(m, 'path');
  if (key && key.value === '') report(ctx, ITEM_RULE, 'Required', childPath(path, 'key'), at(key.e, anchor), msg.required());
  if (p) {
    const pPath = childPath(path, 'path');
    if (p.value === '') report(ctx, ITEM_RULE, 'Required', pPath, at(p.e, anchor), msg.required());
    for (const d of localNonReservedErrors(p.value)) report(ctx, ITEM_RULE, 'Invalid', pPath, at(p.e, anchor), msg.invalid(p.value, d));
  }
  checkFileMode(ctx, MODE_RULE, m, 'mode', childPath(path, 'mode'));
  return p && p.value !== '' ? { path: p.value, span: at(p.e, anchor) } : undefined;
}

/** secret / configMap items: each a KeyToPath at `…items[k]`. Returns the written paths. */
export function checkItems(ctx: RuleContext, source: KMap, path: string): Array<{ path: string; span: Span }> {
  const items = seqField(source, 'items');
  const out: Array<{ path: string; span: Span }> = [];
  if (!items) return out;
  items.items.forEach((it, k) => {
    const p = checkKeyToPath(ctx, it, indexPath(childPath(path, 'items'), k));
    if (p) out.push(p);
  });
  return out;
}

const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/** `validateObjectFieldSelector` with the downward-API-volume expressions. */
function checkFieldRef(ctx: RuleContext, ref: KMap, path: string, owner: Span): void {
  checkObjectFieldSelector(ctx, DOWNWARD_RULE, VOLUME_FIELD_PATHS, ref, path, owner);
}

/** `validateContainerResourceFieldSelector(…, volume=true)` and `validateContainerResourceDivisor`. */
function checkResourceFieldRef(ctx: RuleContext, ref: KMap, path: string, owner: Span): void {
  const cn = strField(ref, 'containerName');
  const res = strField(ref, 'resource');
  if (!cn || !res) return;
  if (cn.value === '') report(ctx, DOWNWARD_RULE, 'Required', childPath(path, 'containerName'), at(cn.e, owner), msg.required());
  else if (res.value === '') report(ctx, DOWNWARD_RULE, 'Required', childPath(path, 'resource'), at(res.e, owner), msg.required());
  else if (!RESOURCE_FIELD_PATHS.includes(res.value) && !HUGEPAGES_PREFIXES.some((p) => res.value.startsWith(p)))
    report(ctx, DOWNWARD_RULE, 'NotSupported', childPath(path, 'resource'), at(res.e, owner), msg.notSupported(res.value, RESOURCE_FIELD_PATHS));
  const div = structFieldValue(ref, 'divisor');
  if (!div) return;
  const q = quantityOf(div.node);
  if (!q || q.num === 0n) return; // unset (zero) divisors are fine; malformed ones fail decoding
  const c = canonicalQuantity(q);
  const r = res.value;
  for (const detail of divisorProblems(r, c)) report(ctx, DOWNWARD_RULE, 'Invalid', childPath(path, 'divisor'), div.span, msg.invalid(r, detail));
}

function structFieldValue(map: KMap, key: string): { node: KNode; span: Span } | undefined {
  const e = entry(map, key);
  if (!e || (e.value.kind === 'scalar' && e.value.v.type === 'null')) return undefined;
  return { node: e.value, span: valueAt(e) };
}

/** `validateDownwardAPIVolumeFile`: all errors under `path` (the source, without item index). */
export function checkDownwardAPIFile(ctx: RuleContext, item: KNode, path: string): { path: string; span: Span } | undefined {
  const m = itemMap(item);
  if (!m) return undefined;
  const anchor = itemAnchor(item);
  const p = strField(m, 'path');
  if (p) {
    const pPath = childPath(path, 'path');
    if (p.value === '') report(ctx, DOWNWARD_RULE, 'Required', pPath, at(p.e, anchor), msg.required());
    for (const d of localNonReservedErrors(p.value)) report(ctx, DOWNWARD_RULE, 'Invalid', pPath, at(p.e, anchor), msg.invalid(p.value, d));
  }
  const fieldRef = structField(m, 'fieldRef');
  const resRef = structField(m, 'resourceFieldRef');
  if (fieldRef && resRef) {
    if (fieldRef.m) {
      checkFieldRef(ctx, fieldRef.m, childPath(path, 'fieldRef'), fieldRef.e!.keySpan);
      if (resRef.m)
        report(ctx, DOWNWARD_RULE, 'Invalid', path, resRef.e!.keySpan, msg.invalid('resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    } else if (resRef.m) checkResourceFieldRef(ctx, resRef.m, childPath(path, 'resourceFieldRef'), resRef.e!.keySpan);
    else report(ctx, DOWNWARD_RULE, 'Required', path, anchor, msg.required('one of fieldRef and resourceFieldRef is required'));
  }
  checkFileMode(ctx, MODE_RULE, m, 'mode', childPath(path, 'mode'));
  return p && p.value !== '' ? { path: p.value, span: at(p.e, anchor) } : undefined;
}

/** `validateDownwardAPIVolumeSource`. */
export function checkDownwardAPISource(ctx: RuleContext, src: KMap, path: string): void {
  checkFileMode(ctx, MODE_RULE, src, 'defaultMode', childPath(path, 'defaultMode'));
  const items = seqField(src, 'items');
  if (items) for (const it of items.items) checkDownwardAPIFile(ctx, it, path);
}

/** `validateProjectedVolumeSource` + `validateProjectionSources`. */
export function checkProjectedSource(ctx: RuleContext, src: KMap, path: string): void {
  checkFileMode(ctx, MODE_RULE, src, 'defaultMode', childPath(path, 'defaultMode'));
  const sources = seqField(src, 'sources');
  if (!sources) return;
  const seen = new Map<string, Span>();
  const claim = (p: { path: string; span: Span } | undefined, value: string) => {
    if (!p) return;
    const first = seen.get(p.path);
    if (!first) seen.set(p.path, p.span);
    else report(ctx, PROJECTED_RULE, 'Invalid', path, p.span, msg.invalid(value, 'conflicting duplicate paths'), [{ span: first, message: `"${p.path}" is first projected here` }]);
  };
  sources.items.forEach((item, i) => {
    const s = itemMap(item);
    if (!s) return;
    const srcPath = indexPath(childPath(path, 'sources'), i);
    let n = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const f = structField(s, kind);
      if (!f?.m) continue;
      n++;
      const kPath = childPath(srcPath, kind);
      const name = strField(f.m, 'name');
      if (name && name.value === '') report(ctx, PROJECTED_RULE, 'Required', childPath(kPath, 'name'), at(name.e, f.e!.keySpan), msg.required());
      const items = seqField(f.m, 'items');
      if (items)
        items.items.forEach((it, k) => claim(checkKeyToPath(ctx, it, indexPath(childPath(kPath, 'items'), k)), name?.value ?? ''));
    }
    const dapi = structField(s, 'downwardAPI');
    if (dapi?.m) {
      n++;
      const items = seqField(dapi.m, 'items');
      if (items)
        for (const it of items.items) {
          const p = checkDownwardAPIFile(ctx, it, childPath(srcPath, 'downwardAPI'));
          claim(p, p?.path ?? '');
        }
    }
    const token = structField(s, 'serviceAccountToken');
    if (token?.m) {
      n++;
      checkToken(ctx, token.m, childPath(srcPath, 'serviceAccountToken'), path, token.e!.keySpan);
    }
    // clusterTrustBundle and podCertificate sources are dropped before validation while
    // their feature gates (ClusterTrustBundleProjection, PodCertificateRequest) are off.
    if (n > 1) report(ctx, PROJECTED_RULE, 'Forbidden', srcPath, itemAnchor(item), msg.forbidden('may not specify more than 1 volume type per source'));
  });
}

const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;

function checkToken(ctx: RuleContext, t: KMap, path: string, projectedPath: string, owner: Span): void {
  const exp = int64Value(t, 'expirationSeconds');
  if (exp) {
    const ePath = childPath(path, 'expirationSeconds');
    if (exp.value < MIN_TOKEN_SECONDS) report(ctx, TOKEN_RULE, 'Invalid', ePath, valueAt(exp.e), msg.invalid(exp.value, 'may not specify a duration less than 10 minutes'));
    if (exp.value > MAX_TOKEN_SECONDS) report(ctx, TOKEN_RULE, 'Invalid', ePath, valueAt(exp.e), msg.invalid(exp.value, 'may not specify a duration larger than 2^32 seconds'));
  }
  const p = strField(t, 'path');
  if (!p) return;
  const pPath = childPath(projectedPath, 'path'); // upstream quirk: no source index
  if (p.value === '') report(ctx, TOKEN_RULE, 'Required', pPath, at(p.e, owner), msg.required());
  else for (const d of localNonReservedErrors(p.value)) report(ctx, TOKEN_RULE, 'Invalid', pPath, at(p.e, owner), msg.invalid(p.value, d));
}

