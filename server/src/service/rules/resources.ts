/**
 * Rule family: resources — upstream `ValidateContainerResourceRequirements` for every container,
 * `validateOverhead` (`spec.overhead` checked as container limits, so paths read
 * `spec.overhead.limits[…]`) and pod-level `validatePodResources` (PodLevelResources beta, on
 * in 1.35). Judged after defaulting: values rounded to milli precision, and in a Pod (not a
 * template) limits copied into missing requests — so a bad limit is reported twice — and
 * pod-level requests/hugepage limits filled in from the containers. Malformed quantities are
 * strict-decoding errors (validate/structure.ts) and are not judged again. See docs/rules.md.
 */
import type { Span } from '../parse/tree';
import { childPath, indexPath, keyPath } from '../diagnostics/finding';
import { entry, msg, report, type PodSpecRule } from './context';
import { seqField, structField } from './spec/values';
import { isSet } from './volume/read';
import { containersOf, isPod, isRestartable, podOSName, type ContainerRef } from './container/walk';
import {
  aggregate,
  amounts,
  cmp,
  defaultRequests,
  readResourceList,
  text,
  type Amounts,
  type ContainerAmounts,
  type ResEntry,
  type ResList,
} from './container/resourceList';
import { containerResourceNameErrors, isHugePages, isOvercommitAllowed, podClaimNames, podResourceNameErrors, validateClaims, validateRequirements } from './container/requirements';

interface Effective {
  ref: ContainerRef;
  limits: ResList | undefined;
  requests: ResList | undefined;
}

/** A container's resources as validated: requests defaulted from limits for Pods (not ephemeral ones). */
function effective(ref: ContainerRef, pod: boolean): Effective {
  const res = structField(ref.c, 'resources')?.m ?? undefined;
  const limits = readResourceList(entry(res, 'limits')?.value);
  const requests = readResourceList(entry(res, 'requests')?.value);
  const defaulted = pod && ref.kind !== 'ephemeralContainers' ? defaultRequests(limits, requests) : requests;
  return { ref, limits, requests: defaulted };
}

const containerResources: PodSpecRule = (ctx, site) => {
  const pod = isPod(ctx);
  const claims = podClaimNames(seqField(site.spec, 'resourceClaims')?.items ?? []);
  for (const kind of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    for (const ref of containersOf(site.spec, site.path, kind)) {
      const res = structField(ref.c, 'resources');
      if (!res?.m) continue;
      const eff = effective(ref, pod);
      const path = childPath(ref.path, 'resources');
      validateRequirements(ctx, { path, limits: eff.limits, requests: eff.requests, nameErrors: containerResourceNameErrors, anchor: res.e!.keySpan });
      const cl = seqField(res.m, 'claims');
      if (cl) validateClaims(ctx, cl.items, childPath(path, 'claims'), claims);
    }
  }
};

/** `validateOverhead`: the RuntimeClass overhead, validated as a container's limits. */
const overhead: PodSpecRule = (ctx, { spec, path }) => {
  const e = entry(spec, 'overhead');
  const limits = readResourceList(e?.value);
  if (!e || !limits) return;
  validateRequirements(ctx, { path: childPath(path, 'overhead'), limits, requests: undefined, nameErrors: containerResourceNameErrors, anchor: e.keySpan });
};

const isPodLevel = (n: string): boolean => n === 'cpu' || n === 'memory' || isHugePages(n);

function containerAmounts(list: Effective[], pick: (e: Effective) => ResList | undefined): ContainerAmounts[] {
  return list.map((e) => ({ amounts: amounts(pick(e)), sidecar: e.ref.kind === 'initContainers' && isRestartable(e.ref.c) }));
}

function filled(name: string, q: ResEntry['q'], at: Span, from: string): ResEntry {
  return { name, q, span: at, keySpan: at, defaultedFrom: from };
}

/** `defaultHugePagePodLimits` then `defaultPodRequests` (Pods only). */
function defaultPodLevel(limits: ResList | undefined, requests: ResList | undefined, aggLimits: Amounts, aggRequests: Amounts, at: Span): { limits: ResList | undefined; requests: ResList | undefined } {
  // Sets and copies are made when first needed: a pod-level list of half a million names
  // that the containers add nothing to is read once, not copied and indexed four times.
  let requested: Set<string> | undefined;
  const isRequested = (name: string): boolean => (requested ??= new Set((requests ?? []).map((r) => r.name))).has(name);
  let lims = limits;
  if ((limits?.length ?? 0) > 0 || (requests?.length ?? 0) > 0) {
    let out: ResList | undefined;
    let limited: Set<string> | undefined;
    for (const [name, q] of aggLimits) {
      if (!isHugePages(name) || isRequested(name)) continue;
      limited ??= new Set((limits ?? []).map((l) => l.name));
      if (limited.has(name)) continue;
      (out ??= limits ? [...limits] : []).push(filled(name, q, at, 'container limits'));
      limited.add(name);
    }
    if (out) lims = out;
  }
  let reqs = requests;
  if ((lims?.length ?? 0) > 0) {
    let out: ResList | undefined;
    for (const [name, q] of aggRequests) {
      if (isRequested(name) || !isPodLevel(name) || !isOvercommitAllowed(name)) continue;
      (out ??= requests ? [...requests] : []).push(filled(name, q, at, 'container requests'));
      requested!.add(name);
    }
    for (const l of lims!) {
      if (isRequested(l.name) || !isPodLevel(l.name)) continue;
      (out ??= requests ? [...requests] : []).push({ name: l.name, q: l.q, span: l.span, keySpan: l.keySpan, defaultedFrom: 'limits' });
      requested!.add(l.name);
    }
    if (out) reqs = out;
  }
  return { limits: lims, requests: reqs };
}

/** `validatePodResources`: pod-level requests/limits and their consistency with the containers. */
const podResources: PodSpecRule = (ctx, site) => {
  const { spec, path } = site;
  const res = structField(spec, 'resources');
  if (!res?.m) return;
  const resPath = childPath(path, 'resources');
  const at = res.e!.keySpan;
  if (podOSName(spec) === 'windows') {
    report(ctx, 'pod-resources', 'Forbidden', resPath, at, msg.forbidden('may not be set for a windows pod'));
    return;
  }
  const claims = entry(res.m, 'claims');
  if (claims && isSet(res.m, 'claims')) report(ctx, 'pod-resources', 'Forbidden', childPath(resPath, 'claims'), claims.keySpan, msg.forbidden('claims may not be set for Resources at pod-level'));
  const pod = isPod(ctx);
  const regular = containersOf(spec, path, 'containers').map((r) => effective(r, pod));
  const init = containersOf(spec, path, 'initContainers').map((r) => effective(r, pod));
  const aggRequests = aggregate(containerAmounts(regular, (e) => e.requests), containerAmounts(init, (e) => e.requests));
  const aggLimits = aggregate(containerAmounts(regular, (e) => e.limits), containerAmounts(init, (e) => e.limits));
  let limits = readResourceList(entry(res.m, 'limits')?.value);
  let requests = readResourceList(entry(res.m, 'requests')?.value);
  if (pod) ({ limits, requests } = defaultPodLevel(limits, requests, aggLimits, aggRequests, at));
  validateRequirements(ctx, { path: resPath, limits, requests, nameErrors: podResourceNameErrors, anchor: at });
  const cl = seqField(res.m, 'claims');
  if (cl) validateClaims(ctx, cl.items, childPath(resPath, 'claims'), podClaimNames(seqField(spec, 'resourceClaims')?.items ?? []));

  // validatePodResourceConsistency: the pod-level lists are looked up by the containers' names,
  // so they are indexed only when the containers have any.
  if (aggRequests.size === 0 && aggLimits.size === 0 && regular.every((c) => !c.limits?.length)) return;
  const podReq = amounts(requests);
  const podLim = amounts(limits);
  // Where each name is first written in the pod-level lists (findings point there).
  const firsts = (list: ResList | undefined): Map<string, Span> => {
    const m = new Map<string, Span>();
    for (const e of list ?? []) if (!m.has(e.name)) m.set(e.name, e.span);
    return m;
  };
  const requestAt = firsts(requests);
  const limitAt = firsts(limits);
  for (const [name, agg] of aggRequests) {
    const q = podReq.get(name);
    if (q && cmp(agg, q) > 0)
      report(ctx, 'pod-resources', 'Invalid', keyPath(childPath(resPath, 'requests'), name), requestAt.get(name) ?? at, msg.invalid(text(q), `must be greater than or equal to aggregate container requests of ${text(agg)}`));
  }
  for (const [name, agg] of aggLimits) {
    const q = podLim.get(name);
    if (isHugePages(name) && q && cmp(agg, q) > 0)
      report(ctx, 'pod-resources', 'Invalid', keyPath(childPath(resPath, 'limits'), name), limitAt.get(name) ?? at, msg.invalid(text(q), `must be greater than or equal to aggregate container limits of ${text(agg)}`));
  }
  regular.forEach((c) => {
    for (const l of c.limits ?? []) {
      const q = podLim.get(l.name);
      if (!l.q || !q || cmp(l.q, q) <= 0) continue;
      // Upstream path: spec.resources.containers[i][<resource>].limits
      const p = childPath(keyPath(indexPath(childPath(resPath, 'containers'), c.ref.index), l.name), 'limits');
      report(ctx, 'pod-resources', 'Invalid', p, l.span, msg.invalid(text(l.q), `must be less than or equal to pod limits of ${text(q)}`), [{ span: limitAt.get(l.name) ?? at, message: `pod-level ${l.name} limit` }]);
    }
  });
};

export const resourcesRules: PodSpecRule[] = [containerResources, overhead, podResources];
