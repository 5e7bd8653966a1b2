/**
 * LimitRanger (plugin/pkg/admission/limitranger) with the LimitRanges the namespace declares.
 * Pods on create: each LimitRange's Container defaults (`defaultRequest`, `default`) fill the
 * requests and limits a container or init container lacks, recorded in the annotation
 * `kubernetes.io/limit-ranger`; then min, max and maxLimitRequestRatio are enforced per
 * container (type Container) and on the Pod's totals (type Pod). PersistentVolumeClaims: min and
 * max of their requests (type PersistentVolumeClaim).
 *
 * The API server validates the Pod between admission's mutating and validating phases: a default
 * limit below the container's own request (or, for a resource that cannot be overcommitted, any
 * other than it) makes the Pod invalid (`spec.containers[0].resources.requests: Invalid value:
 * "700m": must be less than or equal to cpu limit of 500m`), and LimitRanger's own checks are
 * never reached for it; that is what is reported then.
 *
 * Declared LimitRanges are read as stored: `SetDefaults_LimitRangeItem` fills a Container item's
 * `default` from `max` and its `defaultRequest` from `default`, then from `min`.
 * Upstream stops at the first LimitRange with violations and joins that one's messages as
 * `[a, b]`; here every violation is its own finding, on its field.
 */
import { arr, hasOwn, isObj, obj, str, type PlainObject } from '../../model/plain';
import { claimTargets, type ClaimTarget } from './claims';
import { type Draft, newObject } from './draft';
import { podPlugin } from './podPlugin';
import {
  canonicalQuantity,
  compareQuantities,
  enforcedValues,
  fitsMilli,
  formatFloat6,
  milliValue,
  readResourceList,
  valueOf,
  type Quantity,
  type ResourceList,
} from './quantities';
import { containerViews, podTotal, type ContainerView } from './podResources';
import { fieldOf, forbidden, rejection, type PodTarget } from './report';
import { isOvercommitAllowed } from '../../rules/container/requirements';
import type { AdmissionPlugin, CreateFinding, DeclaredObject } from './types';

export const RULE_LIMIT_RANGE = 'admission-limit-range';
export const RULE_LIMIT_RANGE_DEFAULTS = 'admission-limit-range-defaults';
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

/** A resource value of a LimitRange item, with the field it comes from (after defaulting). */
interface Bound {
  q: Quantity;
  field: string;
}

interface LimitItem {
  type: string;
  min: Map<string, Bound>;
  max: Map<string, Bound>;
  ratio: Map<string, Bound>;
  default: Map<string, Bound>;
  defaultRequest: Map<string, Bound>;
}

function bounds(item: PlainObject, key: string, base: string): Map<string, Bound> {
  const out = new Map<string, Bound>();
  for (const [k, q] of readResourceList(item[key])) if (q) out.set(k, { q, field: `${base}.${key}[${k}]` });
  return out;
}

/** The items of a declared LimitRange as stored (SetDefaults_LimitRangeItem applied). */
function limitItems(lr: DeclaredObject): LimitItem[] {
  return arr(obj(lr.value.spec)?.limits).flatMap((v, i) => {
    if (!isObj(v)) return [];
    const base = `spec.limits[${i}]`;
    const item: LimitItem = {
      type: str(v.type) ?? '',
      min: bounds(v, 'min', base),
      max: bounds(v, 'max', base),
      ratio: bounds(v, 'maxLimitRequestRatio', base),
      default: bounds(v, 'default', base),
      defaultRequest: bounds(v, 'defaultRequest', base),
    };
    if (item.type === 'Container') {
      for (const [k, b] of item.max) if (!item.default.has(k)) item.default.set(k, b);
      for (const [k, b] of item.default) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, b);
      for (const [k, b] of item.min) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, b);
    }
    return [item];
  });
}

export const limitRanger: AdmissionPlugin = (object, ctx) => {
  const ranges = ctx.declared.get('LimitRange', ctx.namespace);
  if (ranges.length === 0) return { mutated: object, findings: [] };
  const pod = podLimits(object, ctx);
  const findings = [...pod.findings];
  for (const c of claimTargets(object)) findings.push(...claimLimits(object, c, ranges));
  return { mutated: pod.mutated, findings };
};

const podLimits = podPlugin((t, draft, ctx) => {
  const spec = t.spec;
  const views = containerViews(spec);
  const findings: CreateFinding[] = [];
  const ranges = ctx.declared.get('LimitRange', ctx.namespace).map((lr) => ({ lr, items: limitItems(lr) }));
  const invalid = new Set<string>();
  for (const { lr, items } of ranges) applyDefaults(t, draft, views, lr, items, findings, invalid);
  for (const { lr, items } of ranges) findings.push(...validatePod(t, spec, views, lr, items, invalid));
  return findings;
});

/** The key of one resource of one container in the set of pairs made invalid by defaults. */
const pairKey = (v: ContainerView, name: string): string => `${v.key}[${v.index}]/${name}`;

/**
 * `ValidateContainerResourceRequirements` on a request and limit one of which LimitRanger just
 * set: the Pod fails validation before LimitRanger's checks run.
 */
function invalidAfterDefaults(t: PodTarget, v: ContainerView, name: string, setLimit: boolean, lr: DeclaredObject, findings: CreateFinding[], invalid: Set<string>): void {
  const request = v.requests.get(name);
  const limit = v.limits.get(name);
  if (!request || !limit) return;
  const c = compareQuantities(request, limit);
  let why: string;
  if (c !== 0 && !isOvercommitAllowed(name)) why = `must be equal to ${name} limit of ${canonicalQuantity(limit)}`;
  else if (c > 0) why = `must be less than or equal to ${name} limit of ${canonicalQuantity(limit)}`;
  else return;
  invalid.add(pairKey(v, name));
  const field = `spec.${v.key}[${v.index}].resources.requests`;
  const error = `${field}: Invalid value: "${canonicalQuantity(request)}": ${why}`;
  const cause = `the ${setLimit ? 'limit' : 'request'} is LimitRange "${lr.name}"'s default`;
  const related = [{ field: 'spec.limits', message: `LimitRange "${lr.name}" sets the default`, uri: lr.uri, object: lr.value }];
  findings.push(
    t.templateOf
      ? { rule: RULE_LIMIT_RANGE, field: fieldOf(t, field), severity: 'warning', message: `Pods that the ${t.templateOf} controller creates from this template would be invalid: ${error} (${cause})`, related }
      : { rule: RULE_LIMIT_RANGE, field, errorType: 'Invalid', message: `${error} (${cause})`, related },
  );
}

/** `PodMutateLimitFunc` for one LimitRange: its Container defaults, then the annotation. */
function applyDefaults(t: PodTarget, draft: Draft, views: ContainerView[], lr: DeclaredObject, items: LimitItem[], findings: CreateFinding[], invalid: Set<string>): void {
  const defaults = { requests: new Map<string, Bound>(), limits: new Map<string, Bound>() };
  for (const item of items) {
    if (item.type !== 'Container') continue;
    for (const [k, b] of item.defaultRequest) defaults.requests.set(k, b);
    for (const [k, b] of item.default) defaults.limits.set(k, b);
  }
  if (defaults.requests.size === 0 && defaults.limits.size === 0) return;
  // Stored quantities print canonically; compute each text once, not per container.
  const canonical = (m: Map<string, Bound>) => new Map([...m].map(([k, b]) => [k, canonicalQuantity(b.q)]));
  const texts = { requests: canonical(defaults.requests), limits: canonical(defaults.limits) };
  const parts: string[] = [];
  for (const v of views) {
    const setLimits: string[] = [];
    const setRequests: string[] = [];
    for (const [k, b] of defaults.limits) {
      if (v.limits.has(k)) continue;
      v.limits.set(k, b.q);
      draft.set(['spec', v.key, v.index, 'resources', 'limits'], k, texts.limits.get(k)!);
      setLimits.push(k);
    }
    for (const [k, b] of defaults.requests) {
      if (v.requests.has(k)) continue;
      v.requests.set(k, b.q);
      draft.set(['spec', v.key, v.index, 'resources', 'requests'], k, texts.requests.get(k)!);
      setRequests.push(k);
    }
    if (setRequests.length === 0 && setLimits.length === 0) continue;
    const label = v.key === 'containers' ? 'container' : 'init container';
    setRequests.sort();
    setLimits.sort();
    if (setRequests.length > 0) parts.push(`${setRequests.join(', ')} request for ${label} ${v.name}`);
    if (setLimits.length > 0) parts.push(`${setLimits.join(', ')} limit for ${label} ${v.name}`);
    const values = (keys: string[], texts: Map<string, string>) => keys.map((k) => `${k}=${texts.get(k)}`).join(', ');
    const what = [setRequests.length > 0 ? `requests ${values(setRequests, texts.requests)}` : '', setLimits.length > 0 ? `limits ${values(setLimits, texts.limits)}` : '']
      .filter((s) => s !== '')
      .join(' and ');
    const subject = t.templateOf ? `on the Pods that the ${t.templateOf} controller creates from this template` : `(annotation ${LIMIT_RANGER_ANNOTATION})`;
    findings.push({
      rule: RULE_LIMIT_RANGE_DEFAULTS,
      field: fieldOf(t, `spec.${v.key}[${v.index}].resources`),
      severity: 'information',
      message: `LimitRanger sets ${what} for ${label} ${v.name} from LimitRange "${lr.name}" ${subject}`,
      related: [{ field: 'spec.limits', message: `LimitRange "${lr.name}" sets the defaults`, uri: lr.uri, object: lr.value }],
    });
    for (const k of setLimits) invalidAfterDefaults(t, v, k, true, lr, findings, invalid);
    for (const k of setRequests) if (!setLimits.includes(k)) invalidAfterDefaults(t, v, k, false, lr, findings, invalid);
  }
  if (parts.length > 0) draft.set(['metadata', 'annotations'], LIMIT_RANGER_ANNOTATION, `LimitRanger plugin set: ${parts.join('; ')}`);
}

interface Observed {
  request: Quantity | undefined;
  limit: Quantity | undefined;
  hasRequest: boolean;
  hasLimit: boolean;
  requestField: string;
  limitField: string;
}

/** undefined when a present value is malformed: the API server fails to decode before admission. */
function observe(name: string, requests: ResourceList, limits: ResourceList, requestField: string, limitField: string): Observed | undefined {
  const hasRequest = requests.has(name);
  const hasLimit = limits.has(name);
  const request = requests.get(name);
  const limit = limits.get(name);
  if ((hasRequest && !request) || (hasLimit && !limit)) return undefined;
  return { request, limit, hasRequest, hasLimit, requestField, limitField };
}

type Violation = { field: string; reason: string };

function minConstraint(type: string, name: string, b: Bound, o: Observed): Violation | undefined {
  const e = canonicalQuantity(b.q);
  const [req, lim, enforced] = enforcedValues(o.request, o.limit, b.q);
  if (!o.hasRequest) return { field: o.requestField, reason: `minimum ${name} usage per ${type} is ${e}.  No request is specified` };
  if (req < enforced) return { field: o.requestField, reason: `minimum ${name} usage per ${type} is ${e}, but request is ${canonicalQuantity(o.request!)}` };
  if (o.hasLimit && lim < enforced) return { field: o.limitField, reason: `minimum ${name} usage per ${type} is ${e}, but limit is ${canonicalQuantity(o.limit!)}` };
  return undefined;
}

function maxConstraint(type: string, name: string, b: Bound, o: Observed): Violation | undefined {
  const e = canonicalQuantity(b.q);
  const [req, lim, enforced] = enforcedValues(o.request, o.limit, b.q);
  if (!o.hasLimit) return { field: o.limitField, reason: `maximum ${name} usage per ${type} is ${e}.  No limit is specified` };
  if (lim > enforced) return { field: o.limitField, reason: `maximum ${name} usage per ${type} is ${e}, but limit is ${canonicalQuantity(o.limit!)}` };
  if (o.hasRequest && req > enforced) return { field: o.requestField, reason: `maximum ${name} usage per ${type} is ${e}, but request is ${canonicalQuantity(o.request!)}` };
  return undefined;
}

/** `maxRequestConstraint`: claims have no limits, the maximum applies to the request. */
function maxRequestConstraint(type: string, name: string, b: Bound, o: Observed): Violation | undefined {
  const e = canonicalQuantity(b.q);
  const [req, , enforced] = enforcedValues(o.request, undefined, b.q);
  if (!o.hasRequest) return { field: o.requestField, reason: `maximum ${name} usage per ${type} is ${e}.  No request is specified` };
  if (req > enforced) return { field: o.requestField, reason: `maximum ${name} usage per ${type} is ${e}, but request is ${canonicalQuantity(o.request!)}` };
  return undefined;
}

function ratioConstraint(type: string, name: string, b: Bound, o: Observed): Violation | undefined {
  const e = canonicalQuantity(b.q);
  const [req, lim] = enforcedValues(o.request, o.limit, b.q);
  if (!o.hasRequest || req === 0n) return { field: o.requestField, reason: `${name} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0` };
  if (!o.hasLimit || lim === 0n) return { field: o.limitField, reason: `${name} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0` };
  // float64 arithmetic, as upstream.
  const display = Number(lim) / Number(req);
  let observed = display;
  let max = Number(valueOf(b.q));
  if (fitsMilli(b.q)) {
    observed *= 1000;
    max = Number(milliValue(b.q));
  }
  if (observed > max) return { field: o.limitField, reason: `${name} max limit to request ratio per ${type} is ${e}, but provided ratio is ${formatFloat6(display)}` };
  return undefined;
}

const CHECKS: ReadonlyArray<[key: 'min' | 'max' | 'ratio', itemField: string, check: typeof minConstraint]> = [
  ['min', 'min', minConstraint],
  ['max', 'max', maxConstraint],
  ['ratio', 'maxLimitRequestRatio', ratioConstraint],
];

function relatedBound(lr: DeclaredObject, itemField: string, name: string, b: Bound): NonNullable<CreateFinding['related']> {
  return [{ field: b.field, message: `LimitRange "${lr.name}" sets ${itemField} ${name} ${canonicalQuantity(b.q)}`, uri: lr.uri, object: lr.value }];
}

/** `PodValidateLimitFunc` for one LimitRange. */
function validatePod(t: PodTarget, spec: PlainObject, views: ContainerView[], lr: DeclaredObject, items: LimitItem[], invalid: Set<string>): CreateFinding[] {
  const out: CreateFinding[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const v of views) {
        const base = `spec.${v.key}[${v.index}].resources`;
        for (const [key, itemField, check] of CHECKS) {
          for (const [name, b] of item[key]) {
            if (invalid.has(pairKey(v, name))) continue; // the Pod failed validation first
            const o = observe(name, v.requests, v.limits, `${base}.requests[${name}]`, `${base}.limits[${name}]`);
            const bad = o && check('Container', name, b, o);
            if (bad) out.push(rejection(t, RULE_LIMIT_RANGE, bad.field, bad.reason, relatedBound(lr, itemField, name, b)));
          }
        }
      }
    } else if (item.type === 'Pod') {
      const podResources = obj(spec.resources);
      const requests = podTotal(views, 'requests', podResources);
      const limits = podTotal(views, 'limits', podResources);
      for (const [key, itemField, check] of CHECKS) {
        for (const [name, b] of item[key]) {
          const onPod = (which: 'requests' | 'limits') => (hasOwn(obj(podResources?.[which]) ?? newObject(), name) ? `spec.resources.${which}[${name}]` : 'spec.containers');
          const o = observe(name, requests, limits, onPod('requests'), onPod('limits'));
          const bad = o && check('Pod', name, b, o);
          if (bad) out.push(rejection(t, RULE_LIMIT_RANGE, bad.field, bad.reason, relatedBound(lr, itemField, name, b)));
        }
      }
    }
  }
  return out;
}

/** `PersistentVolumeClaimValidateLimitFunc`: min and max on the claim's requests. */
function claimLimits(object: PlainObject, c: ClaimTarget, ranges: DeclaredObject[]): CreateFinding[] {
  const out: CreateFinding[] = [];
  const requests = readResourceList(obj(obj(c.claim.spec)?.resources)?.requests);
  const none: ResourceList = new Map();
  for (const lr of ranges) {
    for (const item of limitItems(lr)) {
      if (item.type !== 'PersistentVolumeClaim') continue;
      const checks: Array<[Map<string, Bound>, string, typeof minConstraint]> = [
        [item.min, 'min', minConstraint],
        [item.max, 'max', maxRequestConstraint],
      ];
      for (const [list, itemField, check] of checks) {
        for (const [name, b] of list) {
          const field = `spec.resources.requests[${name}]`;
          const o = observe(name, requests, none, field, field);
          const bad = o && check('PersistentVolumeClaim', name, b, o);
          if (!bad) continue;
          const related = relatedBound(lr, itemField, name, b);
          out.push(
            c.createdBy
              ? { rule: RULE_LIMIT_RANGE, field: c.prefix + bad.field, severity: 'warning', message: `PersistentVolumeClaims that ${c.createdBy} would be rejected by admission: ${bad.reason}`, related }
              : { rule: RULE_LIMIT_RANGE, field: bad.field, errorType: 'Forbidden', message: forbidden(object, bad.reason), related },
          );
        }
      }
    }
  }
  return out;
}

