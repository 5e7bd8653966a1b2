/**
 * `ValidateObjectMeta` (apimachinery `ValidateObjectMetaAccessor` plus core's finalizer
 * check) and `ValidateAnnotations`, judged as the API server sees the object on create:
 * `generateName` already expanded into a name, a missing namespace filled from the request,
 * a namespace on a cluster-scoped kind cleared.
 */
import type { KMap, KNode, Span } from '../../parse/tree';
import { indexPath } from '../../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { validateLabels } from '../spec/labelSelector';
import { clipValue, utf8Length } from '../../util/text';
import { goJSONString, goJSONStrings, intField, invalidRendered, itemMap, missingAt, nodeAt, seqField, strField, stringItems, valueAt } from '../spec/values';
import type { RuleId } from '../../diagnostics/catalog';

export type NameFn = 'subdomain' | 'label';

export interface ObjectMetaOptions {
  nameFn: NameFn;
  /** Namespaced kinds get their namespace validated; cluster-scoped ones have it cleared. */
  namespaced: boolean;
  /** False where the registry strategy overwrites `generation` before validation. */
  checkGeneration: boolean;
}

/**
 * `${VAR}` marks a manifest meant for envsubst-style substitution before it reaches the API
 * server; such names are not judged (the substituted value is what gets validated).
 */
const SUBSTITUTION = /\$\{[^{}]+\}/;
export function isPlaceholder(v: string): boolean {
  return SUBSTITUTION.test(v);
}

/** Upstream `maskTrailingDash`: drops the last two characters and appends `a` (sic). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export function checkName(fn: NameFn, name: string, prefix: boolean): string[] {
  const n = prefix ? maskTrailingDash(name) : name;
  return fn === 'label' ? isDNS1123Label(n) : isDNS1123Subdomain(n);
}

/** `names.SimpleNameGenerator`: the prefix cut to 58 characters plus 5 random characters. */
const MAX_GENERATED_PREFIX = 58;
export function generatedName(prefix: string): string {
  return `${prefix.length > MAX_GENERATED_PREFIX ? prefix.slice(0, MAX_GENERATED_PREFIX) : prefix}xxxxx`;
}

/** The name the object will have (undefined when generated, i.e. unknowable, or absent). */
export function objectName(meta: KNode | undefined): string | undefined {
  const n = meta && meta.kind === 'map' ? strField(meta, 'name') : undefined;
  return n && n.value !== '' ? n.value : undefined;
}

/** Where to point when the whole metadata (or a field of it) is missing. */
export function metaAnchor(obj: KMap, meta: KNode | undefined): Span {
  const e = entry(obj, 'metadata');
  if (meta && meta.kind === 'map' && meta.entries.length) return missingAt(meta);
  return e ? e.keySpan : missingAt(obj);
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;


/** `ValidateAnnotations`: keys are lower-cased qualified names; all errors on `path` (no key). */
export function validateAnnotations(ctx: RuleContext, rule: RuleId, node: KNode | undefined, path: string, keySpan?: Span): void {
  if (!node || node.kind !== 'map') return;
  let size = 0;
  for (const e of node.entries) {
    for (const m of isQualifiedName(e.key.toLowerCase())) report(ctx, rule, 'Invalid', path, e.keySpan, msg.invalid(e.key, m));
    const v = e.value;
    size += utf8Length(e.key);
    if (v.kind === 'scalar' && v.v.type === 'string') size += utf8Length(v.v.value);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) report(ctx, rule, 'TooLong', path, keySpan ?? nodeAt(node), msg.tooLong(TOTAL_ANNOTATION_SIZE_LIMIT));
}

function validateNames(ctx: RuleContext, obj: KMap, meta: KMap | undefined, opts: ObjectMetaOptions): void {
  const name = meta ? strField(meta, 'name') : { value: '', set: false };
  const gen = meta ? strField(meta, 'generateName') : { value: '', set: false };
  if (!name || !gen) return; // a decode error, reported structurally
  if (isPlaceholder(name.value) || isPlaceholder(gen.value)) return;
  if (gen.e && gen.value !== '')
    for (const m of checkName(opts.nameFn, gen.value, true)) report(ctx, 'object-name', 'Invalid', 'metadata.generateName', valueAt(gen.e), msg.invalid(gen.value, m));
  if (name.e && name.value !== '') {
    for (const m of checkName(opts.nameFn, name.value, false)) report(ctx, 'object-name', 'Invalid', 'metadata.name', valueAt(name.e), msg.invalid(name.value, m));
  } else if (gen.e && gen.value !== '') {
    // The server generates the name before validating, and validates that too.
    const g = generatedName(gen.value);
    for (const m of checkName(opts.nameFn, g, false)) report(ctx, 'object-name', 'Invalid', 'metadata.name', valueAt(gen.e), msg.invalid(g, m));
  } else {
    const at = name.e ? name.e.keySpan : metaAnchor(obj, meta);
    report(ctx, 'object-name', 'Required', 'metadata.name', at, msg.required('name or generateName is required'));
  }
}

/** `schema.ParseGroupVersion` yields no version for "", "/", "g/" and anything with two slashes. */
function hasVersion(apiVersion: string): boolean {
  if (apiVersion === '' || apiVersion === '/') return false;
  const parts = apiVersion.split('/');
  if (parts.length === 1) return true;
  return parts.length === 2 && parts[1] !== '';
}

function ownerRefJSON(r: KMap): string {
  const fields: string[] = [];
  for (const k of ['apiVersion', 'kind', 'name', 'uid']) fields.push(`${goJSONString(k)}:${goJSONString(strField(r, k)?.value ?? '')}`);
  for (const k of ['controller', 'blockOwnerDeletion']) {
    const v = entry(r, k)?.value;
    if (v && v.kind === 'scalar' && v.v.type === 'bool') fields.push(`${goJSONString(k)}:${v.v.value}`);
  }
  return `{${fields.join(',')}}`;
}

/** `ValidateOwnerReferences`: errors on `metadata.ownerReferences.<field>` (no index). */
function validateOwnerReferences(ctx: RuleContext, meta: KMap): void {
  const s = seqField(meta, 'ownerReferences');
  if (!s) return;
  const path = 'metadata.ownerReferences';
  let firstController: string | undefined;
  // Every reference, rendered once for all "only one controller" findings.
  let rendered: string | undefined;
  const all: KMap[] = [];
  s.items.forEach((n) => {
    const r = itemMap(n);
    if (r) all.push(r);
  });
  for (const r of all) {
    const f = (k: string) => strField(r, k);
    const apiVersion = f('apiVersion');
    const kind = f('kind');
    const name = f('name');
    const uid = f('uid');
    const at = (x: ReturnType<typeof f>) => (x?.e ? valueAt(x.e) : missingAt(r));
    // FromAPIVersionAndKind drops the version when the apiVersion does not parse.
    if (apiVersion && !hasVersion(apiVersion.value)) report(ctx, 'metadata-owner-references', 'Invalid', `${path}.apiVersion`, at(apiVersion), msg.invalid(apiVersion.value, 'version must not be empty'));
    if (kind && kind.value === '') report(ctx, 'metadata-owner-references', 'Invalid', `${path}.kind`, at(kind), msg.invalid('', 'must not be empty'));
    if (name && name.value === '') report(ctx, 'metadata-owner-references', 'Invalid', `${path}.name`, at(name), msg.invalid('', 'must not be empty'));
    if (uid && uid.value === '') report(ctx, 'metadata-owner-references', 'Invalid', `${path}.uid`, at(uid), msg.invalid('', 'must not be empty'));
    if (apiVersion?.value === 'v1' && kind?.value === 'Event')
      report(ctx, 'metadata-owner-references', 'Invalid', path, at(kind), invalidRendered(ownerRefJSON(r), '/v1, Kind=Event is disallowed from being an owner'));
    const c = entry(r, 'controller')?.value;
    if (c && c.kind === 'scalar' && c.v.type === 'bool' && c.v.value) {
      const cur = `${kind?.value ?? ''}/${name?.value ?? ''}`;
      if (firstController === undefined) firstController = cur;
      else
        report(
          ctx,
          'metadata-owner-references',
          'Invalid',
          path,
          valueAt(entry(r, 'controller')!),
          invalidRendered((rendered ??= clipValue(`[${all.map(ownerRefJSON).join(',')}]`)), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`),
        );
    }
  }
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** `ValidateFinalizers` (path without index) and core's `validateKubeFinalizerName` (with). */
function validateFinalizers(ctx: RuleContext, meta: KMap): void {
  const s = seqField(meta, 'finalizers');
  const items = s ? stringItems(s.items) : undefined;
  if (!s || !items) return;
  const path = 'metadata.finalizers';
  for (const f of items) for (const m of isQualifiedName(f.value)) report(ctx, 'metadata-finalizers', 'Invalid', path, nodeAt(f.node), msg.invalid(f.value, m));
  const values = items.map((f) => f.value);
  if (values.includes('orphan') && values.includes('foregroundDeletion'))
    report(ctx, 'metadata-finalizers', 'Invalid', path, s.e ? s.e.keySpan : nodeAt(items[0].node), invalidRendered(goJSONStrings(values), 'finalizer orphan and foregroundDeletion cannot be both set'));
  items.forEach((f, i) => {
    if (!f.value.includes('/') && !STANDARD_FINALIZERS.has(f.value))
      report(ctx, 'metadata-finalizers', 'Invalid', indexPath(path, i), nodeAt(f.node), msg.invalid(f.value, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
}

/** The whole of `ValidateObjectMeta` for the object's own `metadata`. */
export function validateObjectMeta(ctx: RuleContext, opts: ObjectMetaOptions): void {
  const obj = ctx.object.node;
  const metaNode = entry(obj, 'metadata')?.value;
  if (metaNode && metaNode.kind !== 'map' && !(metaNode.kind === 'scalar' && metaNode.v.type === 'null')) return; // decode error
  const meta = metaNode && metaNode.kind === 'map' ? metaNode : undefined;
  validateNames(ctx, obj, meta, opts);
  if (!meta) return;
  if (opts.namespaced) {
    const ns = strField(meta, 'namespace');
    if (ns?.e && ns.value !== '' && !isPlaceholder(ns.value))
      for (const m of isDNS1123Label(ns.value)) report(ctx, 'object-namespace', 'Invalid', 'metadata.namespace', valueAt(ns.e), msg.invalid(ns.value, m));
  }
  if (opts.checkGeneration) {
    const g = intField(meta, 'generation');
    if (g?.e && g.value !== undefined && g.value < 0) report(ctx, 'object-generation', 'Invalid', 'metadata.generation', valueAt(g.e), msg.invalid(g.value, 'must be greater than or equal to 0'));
  }
  validateLabels(ctx, 'metadata-labels', entry(meta, 'labels')?.value, 'metadata.labels');
  const ann = entry(meta, 'annotations');
  validateAnnotations(ctx, 'metadata-annotations', ann?.value, 'metadata.annotations', ann?.keySpan);
  validateOwnerReferences(ctx, meta);
  validateFinalizers(ctx, meta);
}
