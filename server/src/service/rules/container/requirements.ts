/**
 * Upstream `validateResourceRequirements` with its resource-name checks
 * (`validateContainerResourceName`, `validatePodResourceName`), `ValidateResourceQuantityValue`,
 * the hugepages rules and `validateResourceClaimNames`, shared by container resources,
 * `spec.overhead` (validated as limits) and pod-level `spec.resources`. Upstream quirks kept:
 * request/limit comparison errors sit on `…requests` (no key), "Limit must be set" on `…limits`.
 */
import type { KNode, Span } from '../../parse/tree';
import { childPath, indexPath, keyPath, type ErrorType, type RelatedSpan } from '../../diagnostics/finding';
import { isDNS1123Label, isQualifiedName } from '../../util/names';
import { parseQuantity } from '../../util/quantity';
import { clipValue } from '../../util/text';
import { msg, pastCap, report, type RuleContext } from '../context';
import { itemMap, missingAt, nodeAt, strField, valueAt } from '../spec/values';
import { cmp, intValue, roundMilli, text, type ResEntry, type ResList } from './resourceList';

const RULE = 'container-resources';
const NAME_RULE = 'resource-name';

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const HUGEPAGES = 'hugepages-';

export const isHugePages = (n: string): boolean => n.startsWith(HUGEPAGES);
/** In the `kubernetes.io/` namespace; unprefixed names implicitly are. */
export const isNative = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
export const isOvercommitAllowed = (n: string): boolean => isNative(n) && !isHugePages(n);

export function isExtended(n: string): boolean {
  if (isNative(n) || n.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${n}`).length === 0;
}

/** Resources whose quantities must be whole numbers: object counts and every extended resource. */
export const isIntegerResource = (n: string): boolean => INTEGER_RESOURCES.has(n) || isExtended(n);
const isStandard = (n: string): boolean => STANDARD_RESOURCES.has(n) || isHugePages(n) || n.startsWith('requests.hugepages-');

export interface NameError {
  type: ErrorType;
  message: string;
}

/** `validateResourceName`. */
function resourceNameErrors(n: string): NameError[] {
  const q = isQualifiedName(n);
  if (q.length) return q.map((d) => ({ type: 'Invalid', message: msg.invalid(n, d) }));
  if (!n.includes('/') && !isStandard(n)) return [{ type: 'Invalid', message: msg.invalid(n, 'must be a standard resource type or fully qualified') }];
  return [];
}

/** `validateContainerResourceName` (an unknown unprefixed name gets both messages). */
export function containerResourceNameErrors(n: string): NameError[] {
  const errs = resourceNameErrors(n);
  if (!n.includes('/')) {
    if (!CONTAINER_RESOURCES.has(n) && !isHugePages(n)) errs.push({ type: 'Invalid', message: msg.invalid(n, 'must be a standard resource for containers') });
  } else if (!isNative(n) && !isExtended(n)) {
    errs.push({ type: 'Invalid', message: msg.invalid(n, "doesn't follow extended resource name standard") });
  }
  return errs;
}

/** `resourcehelper.SupportedPodLevelResources()` as `sets.List` prints it. */
const POD_LEVEL_RESOURCES = ['cpu', 'hugepages-', 'memory'];

/** `validatePodResourceName`. */
export function podResourceNameErrors(n: string): NameError[] {
  const errs = resourceNameErrors(n);
  if (errs.length) return errs;
  if (n !== 'cpu' && n !== 'memory' && !isHugePages(n)) return [{ type: 'NotSupported', message: msg.notSupported(n, POD_LEVEL_RESOURCES) }];
  return [];
}

/** Binary and decimal multipliers of a page size written as digits and a suffix. */
const PAGE_SUFFIX: Record<string, bigint> = { '': 1n, Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n, k: 10n ** 3n, M: 10n ** 6n, G: 10n ** 9n, T: 10n ** 12n, P: 10n ** 15n, E: 10n ** 18n };
const PLAIN_PAGE = /^([1-9][0-9]{0,14})(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|)$/;

/**
 * The page size of a plain `hugepages-2Mi` name in bytes (a whole positive number), without the
 * quantity parser: a list of half a million distinct page sizes would churn its table of parsed
 * texts. Undefined for any other spelling (the parser decides those).
 */
function plainPageBytes(size: string): bigint | undefined {
  const m = PLAIN_PAGE.exec(size);
  return m ? BigInt(m[1]) * PAGE_SUFFIX[m[2]] : undefined;
}

/** `IsHugePageResourceValueDivisible`: the value is a whole number of pages. */
function hugePagesDivisible(name: string, e: ResEntry): boolean {
  const size = name.slice(HUGEPAGES.length);
  const bytes = plainPageBytes(size);
  if (bytes !== undefined) return intValue(e.q!) % bytes === 0n;
  const r = parseQuantity(size);
  if (!r.ok) return r.tooLong === true; // a page size too long to evaluate is not judged
  const page = roundMilli(r.q);
  if (page.num <= 0n || ((page.num * 1000n) / page.den) % 1000n !== 0n) return false;
  return intValue(e.q!) % intValue(page) === 0n;
}

export interface Requirements {
  /** Upstream path of the ResourceRequirements (`spec.containers[0].resources`, `spec.overhead`). */
  path: string;
  limits: ResList | undefined;
  requests: ResList | undefined;
  nameErrors: (n: string) => NameError[];
  /** Where to point for findings about the requirements as a whole. */
  anchor: Span;
}

/** For an entry the API server filled in, say where its value came from. */
function related(e: ResEntry): RelatedSpan[] | undefined {
  if (!e.defaultedFrom) return undefined;
  const message =
    e.defaultedFrom === 'limits'
      ? `requests default to limits: this value is also the ${e.name} request`
      : `the API server fills in ${e.name} from the ${e.defaultedFrom}`;
  return [{ span: e.span, message }];
}

/**
 * Reports a finding about entry `e` whose path and words are built only under the per-rule
 * cap: a resource list of half a million names asked for as many canonical quantity texts.
 */
function reportEntry(ctx: RuleContext, rule: typeof RULE | typeof NAME_RULE, type: ErrorType, listPath: string, e: ResEntry, span: Span, words: (e: ResEntry) => string): void {
  if (pastCap(ctx, rule)) return report(ctx, rule, type, '', span, '');
  report(ctx, rule, type, keyPath(listPath, e.name), span, words(e), related(e));
}

// The words of each check, made only under the cap (module functions: no closure per entry of
// a list of half a million names). Canonical text only for a message: rendering a huge
// quantity is not free.
const negative = (e: ResEntry): string => msg.invalid(text(e.q!), 'must be greater than or equal to 0');
const notInteger = (e: ResEntry): string => msg.invalid(text(e.q!), 'must be an integer');
const notPages = (e: ResEntry): string => msg.invalid(text(e.q!), `${text(e.q!)} is not positive integer multiple of ${e.name}`);

/** Name, sign, integrality and page-size checks of one entry. */
function checkEntry(ctx: RuleContext, r: Requirements, e: ResEntry, listPath: string): void {
  for (const ne of r.nameErrors(e.name)) reportEntry(ctx, NAME_RULE, ne.type, listPath, e, e.keySpan, () => ne.message);
  if (!e.q) return;
  if (e.q.num < 0n) reportEntry(ctx, RULE, 'Invalid', listPath, e, e.span, negative);
  if (isIntegerResource(e.name) && ((e.q.num * 1000n) / e.q.den) % 1000n !== 0n) reportEntry(ctx, RULE, 'Invalid', listPath, e, e.span, notInteger);
  if (isHugePages(e.name) && !hugePagesDivisible(e.name, e)) reportEntry(ctx, RULE, 'Invalid', listPath, e, e.span, notPages);
}

export function validateRequirements(ctx: RuleContext, r: Requirements): void {
  const limPath = childPath(r.path, 'limits');
  const reqPath = childPath(r.path, 'requests');
  let cpuOrMemory = false;
  let hugePages = false;
  // The first limit of each name (a name written twice is a duplicate key, reported apart).
  const limitOf = new Map<string, ResEntry>();
  for (const l of r.limits ?? []) if (!limitOf.has(l.name)) limitOf.set(l.name, l);
  for (const e of r.limits ?? []) {
    checkEntry(ctx, r, e, limPath);
    if (isHugePages(e.name)) hugePages = true;
    if (e.name === 'cpu' || e.name === 'memory') cpuOrMemory = true;
  }
  for (const e of r.requests ?? []) {
    checkEntry(ctx, r, e, reqPath);
    if (isHugePages(e.name)) hugePages = true;
    if (e.name === 'cpu' || e.name === 'memory') cpuOrMemory = true;
    const lim = limitOf.get(e.name);
    if (lim) {
      if (!lim.q || !e.q) continue;
      const c = cmp(e.q, lim.q);
      const rel = [{ span: lim.span, message: `${e.name} limit` }];
      if (c !== 0 && !isOvercommitAllowed(e.name))
        report(ctx, RULE, 'Invalid', reqPath, e.span, msg.invalid(text(e.q), `must be equal to ${e.name} limit of ${text(lim.q)}`), rel);
      else if (c > 0) report(ctx, RULE, 'Invalid', reqPath, e.span, msg.invalid(text(e.q), `must be less than or equal to ${e.name} limit of ${text(lim.q)}`), rel);
    } else if (!isOvercommitAllowed(e.name)) {
      report(ctx, RULE, 'Required', limPath, e.keySpan, msg.required('Limit must be set for non overcommitable resources'));
    }
  }
  if (hugePages && !cpuOrMemory) report(ctx, RULE, 'Forbidden', r.path, r.anchor, msg.forbidden('HugePages require cpu or memory'));
}

/** `gatherPodResourceClaimNames`: the non-empty names of `spec.resourceClaims`. */
export function podClaimNames(items: KNode[]): Set<string> {
  const out = new Set<string>();
  for (const item of items) {
    const m = itemMap(item);
    const n = m && strField(m, 'name');
    if (n && n.value !== '') out.add(n.value);
  }
  return out;
}

/** The NotFound detail for a set of pod claim names (the same set for every container of a Pod). */
const notFoundDetails = new WeakMap<Set<string>, string>();
function notFoundDetail(podClaims: Set<string>): string {
  let detail = notFoundDetails.get(podClaims);
  if (detail === undefined) {
    const list = [...podClaims].sort();
    detail = list.length === 0 ? 'must be one of the names in pod.spec.resourceClaims which is empty' : `must be one of the names in pod.spec.resourceClaims: ${clipValue(list.join(', '))}`;
    notFoundDetails.set(podClaims, detail);
  }
  return detail;
}

/** `validateResourceClaimNames` on `…resources.claims`. */
export function validateClaims(ctx: RuleContext, items: KNode[], path: string, podClaims: Set<string>): void {
  const R = 'resource-claim-name';
  const names = new Set<string>();
  // How many names have each part before their first `/` (a claim name, for `claim/request`).
  const before = new Map<string, number>();
  const add = (k: string): void => {
    if (names.has(k)) return;
    names.add(k);
    const slash = k.indexOf('/');
    if (slash >= 0) before.set(k.slice(0, slash), (before.get(k.slice(0, slash)) ?? 0) + 1);
  };
  items.forEach((item, i) => {
    const m = itemMap(item);
    if (!m) return;
    const p = indexPath(path, i);
    const name = strField(m, 'name');
    const request = strField(m, 'request');
    if (!name || !request) return;
    const span = name.e ? valueAt(name.e) : missingAt(m, nodeAt(item));
    if (name.value === '') return report(ctx, R, 'Required', p, span, msg.required());
    if (names.has(name.value)) report(ctx, R, 'Duplicate', p, span, msg.duplicate(name.value));
    else {
      let key = name.value;
      if (request.value !== '') {
        for (const d of isDNS1123Label(request.value)) report(ctx, R, 'Invalid', childPath(p, 'request'), valueAt(request.e!), msg.invalid(request.value, d));
        key += `/${request.value}`;
      }
      if (names.has(key)) report(ctx, R, 'Duplicate', p, span, msg.duplicate(key));
      else if (request.value === '') {
        // A whole-claim reference overlaps every earlier reference to one of its requests.
        const overlaps = before.get(name.value) ?? 0;
        for (let k = 0; k < overlaps; k++) report(ctx, R, 'Duplicate', p, span, msg.duplicate(name.value));
      }
      add(key);
    }
    if (!podClaims.has(name.value)) report(ctx, R, 'NotFound', p, span, `${msg.notFound(name.value)}: ${notFoundDetail(podClaims)}`);
  });
}
