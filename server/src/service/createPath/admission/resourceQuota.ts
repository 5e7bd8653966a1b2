/**
 * ResourceQuota (k8s.io/apiserver admission/plugin/resourcequota, with the pod, claim and object
 * count evaluators of pkg/quota/v1/evaluator/core), with the ResourceQuotas the namespace
 * declares. A quota applies when it limits a resource the object uses and every one of its
 * scopes matches. Two rejections can be judged here:
 *  - a quota on cpu or memory requires every container and init container to set that request
 *    or limit (`failed quota: q: must specify limits.cpu for: app`), unless the Pod sets
 *    pod-level resources;
 *  - the object's usage plus the quota's `status.used` must stay within its hard limits
 *    (`exceeded quota: q, requested: …, used: …, limited: …`). A quota applied from a manifest
 *    has no status yet: its usage in the cluster is unknown here, so it is taken as zero and
 *    only an object that exceeds the quota on its own is reported (and the message says so).
 * Hard limits are `status.hard` when declared (a quota read back from the cluster), else
 * `spec.hard`, which the quota controller copies there.
 */
import { arr, int, isObj, obj, objs, str, text, type PlainObject } from '../../model/plain';
import { claimTargets, type ClaimTarget } from './claims';
import { isClusterScoped } from './declared';
import { podTarget } from './podPlugin';
import { addInto, containerViews, podTotal } from './podResources';
import { addQuantities, canonicalQuantity, compareQuantities, readResourceList, type Quantity, type ResourceList } from './quantities';
import { fieldOf, forbidden, groupResource, rejectionMessage, type PodTarget } from './report';
import type { AdmissionPlugin, CreateFinding, DeclaredObject } from './types';
import type { RuleId } from '../../diagnostics/catalog';

export const RULE_QUOTA_EXCEEDED = 'admission-resource-quota-exceeded';
export const RULE_QUOTA_MUST_SPECIFY = 'admission-resource-quota-must-specify';

const ONE: Quantity = { num: 1n, den: 1n, format: 'DecimalSI' };
const ZERO: Quantity = { num: 0n, den: 1n, format: 'DecimalSI' };

interface ScopeSelector {
  scopeName: string;
  operator: string;
  values: string[];
}

interface Quota {
  declared: DeclaredObject;
  hard: ResourceList;
  hardField: string;
  /** status.used when declared; undefined when the quota's usage is unknown here. */
  used: ResourceList | undefined;
  scopes: ScopeSelector[];
}

function readQuota(d: DeclaredObject): Quota {
  const status = obj(d.value.status);
  const spec = obj(d.value.spec);
  const statusHard = obj(status?.hard);
  const scopes: ScopeSelector[] = [];
  for (const s of arr(spec?.scopes)) if (typeof s === 'string') scopes.push({ scopeName: s, operator: 'Exists', values: [] });
  for (const e of objs(obj(spec?.scopeSelector)?.matchExpressions)) {
    scopes.push({ scopeName: str(e.scopeName) ?? '', operator: str(e.operator) ?? '', values: arr(e.values).flatMap((v) => (typeof v === 'string' ? [v] : [])) });
  }
  return {
    declared: d,
    hard: readResourceList(statusHard ?? spec?.hard),
    hardField: statusHard ? 'status.hard' : 'spec.hard',
    used: isObj(status?.used) ? readResourceList(status.used) : undefined,
    scopes,
  };
}

// --- Pods ---------------------------------------------------------------------------------

const POD_RESOURCES = new Set([
  'count/pods',
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
]);

/** Names whose quota must be matched by an explicit request or limit in every container. */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** `MatchingResources` of the pod evaluator. */
function matchesPodResource(name: string): boolean {
  return POD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || (name.startsWith('requests.') && !isNative(name));
}

/** `podComputeUsageHelper`: the quota names a set of requests and limits counts against. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', ONE]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(r);
    if (requests.has(r) && request) {
      out.set(r, request);
      out.set(`requests.${r}`, request);
    }
    const limit = limits.get(r);
    if (limits.has(r) && limit) out.set(`limits.${r}`, limit);
  }
  for (const [r, q] of requests) {
    if (!q) continue;
    if (r.startsWith('hugepages-')) {
      out.set(r, q);
      out.set(`requests.${r}`, q);
    } else if (!isNative(r)) {
      out.set(`requests.${r}`, q);
    }
  }
  return out;
}

function isBestEffort(spec: PlainObject): boolean {
  const positive = (list: ResourceList) => ['cpu', 'memory'].some((k) => {
    const q = list.get(k);
    return q !== undefined && q.num > 0n;
  });
  const podLevel = obj(spec.resources);
  if (podLevel && (positive(readResourceList(podLevel.requests)) || positive(readResourceList(podLevel.limits)))) return false;
  return !containerViews(spec).some((v) => positive(v.requests) || positive(v.limits));
}

function usesCrossNamespacePodAffinity(spec: PlainObject): boolean {
  const affinity = obj(spec.affinity);
  const cross = (term: PlainObject | undefined) => term !== undefined && (arr(term.namespaces).length > 0 || (term.namespaceSelector !== undefined && term.namespaceSelector !== null));
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const a = obj(affinity?.[key]);
    if (objs(a?.requiredDuringSchedulingIgnoredDuringExecution).some(cross)) return true;
    if (objs(a?.preferredDuringSchedulingIgnoredDuringExecution).some((w) => cross(obj(w.podAffinityTerm)))) return true;
  }
  return false;
}

/** `podMatchesScopeFunc`. */
function podMatchesScope(s: ScopeSelector, spec: PlainObject): boolean {
  const terminating = () => {
    const d = int(spec.activeDeadlineSeconds);
    return d !== undefined && d >= 0;
  };
  switch (s.scopeName) {
    case 'Terminating':
      return terminating();
    case 'NotTerminating':
      return !terminating();
    case 'BestEffort':
      return isBestEffort(spec);
    case 'NotBestEffort':
      return !isBestEffort(spec);
    case 'PriorityClass': {
      const name = str(spec.priorityClassName) ?? '';
      switch (s.operator) {
        case 'Exists':
          return name !== '';
        case 'DoesNotExist':
          return name === '';
        case 'In':
          return name !== '' && s.values.includes(name);
        case 'NotIn':
          return name === '' || !s.values.includes(name);
        default:
          return false;
      }
    }
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(spec);
    default:
      return false;
  }
}

/** `PodUsageFunc`: the object count, `pods`, and the Pod's requests (with overhead) and limits. */
function podUsage(spec: PlainObject): ResourceList {
  const views = containerViews(spec);
  const podResources = obj(spec.resources);
  const requests = podTotal(views, 'requests', podResources);
  const limits = podTotal(views, 'limits', podResources);
  const overhead = readResourceList(spec.overhead);
  addInto(requests, overhead);
  for (const [k, q] of overhead) {
    const l = limits.get(k);
    if (q && l) limits.set(k, addQuantities(l, q));
  }
  const usage: ResourceList = new Map([['count/pods', ONE]]);
  for (const [k, q] of computeUsage(requests, limits)) usage.set(k, q);
  return usage;
}

/** `podEvaluator.Constraints`: with cpu or memory under quota, every container must set them. */
function mustSpecify(quota: Quota, t: PodTarget, required: Set<string>): CreateFinding | undefined {
  const spec = t.spec;
  const podLevel = obj(spec.resources);
  if (podLevel && (Object.keys(obj(podLevel.requests) ?? {}).length > 0 || Object.keys(obj(podLevel.limits) ?? {}).length > 0)) return undefined;
  const missing = new Map<string, Set<string>>();
  let firstField: string | undefined;
  for (const v of containerViews(spec)) {
    const has = new Set<string>();
    for (const r of ['cpu', 'memory']) {
      if (v.requests.has(r)) {
        has.add(r);
        has.add(`requests.${r}`);
      }
      if (v.limits.has(r)) has.add(`limits.${r}`);
    }
    for (const r of required) {
      if (has.has(r)) continue;
      let names = missing.get(r);
      if (!names) missing.set(r, (names = new Set()));
      names.add(v.name);
      firstField ??= `spec.${v.key}[${v.index}].resources.${r.startsWith('limits.') ? 'limits' : 'requests'}[${r.replace(/^(requests|limits)\./, '')}]`;
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  const reason = `failed quota: ${quota.declared.name}: must specify ${parts.join('; ')}`;
  return finding(t.templateOf ? { template: rejectionMessage(t, reason) } : { object: t.pod, reason }, RULE_QUOTA_MUST_SPECIFY, fieldOf(t, firstField!), quota, [...required].sort()[0]);
}

function podQuotas(t: PodTarget, quotas: Quota[]): CreateFinding[] {
  const out: CreateFinding[] = [];
  const usage = podUsage(t.spec);
  for (const q of quotas) {
    const matching = [...q.hard.keys()].filter(matchesPodResource);
    if (matching.length === 0 || !q.scopes.every((s) => podMatchesScope(s, t.spec))) continue;
    const required = new Set(matching.filter((r) => VALIDATION_SET.has(r)));
    const specify = required.size > 0 ? mustSpecify(q, t, required) : undefined;
    if (specify) {
      out.push(specify);
      continue;
    }
    const exceeded = exceeds(q, usage);
    if (exceeded) out.push(finding(t.templateOf ? { template: rejectionMessage(t, exceeded.reason) } : { object: t.pod, reason: exceeded.reason }, RULE_QUOTA_EXCEEDED, fieldOf(t, 'spec.containers'), q, exceeded.first));
  }
  return out;
}

// --- Claims and object counts -------------------------------------------------------------

function claimUsage(claim: PlainObject): ResourceList {
  const spec = obj(claim.spec);
  const usage: ResourceList = new Map([
    ['count/persistentvolumeclaims', ONE],
    ['persistentvolumeclaims', ONE],
  ]);
  const storage = readResourceList(obj(spec?.resources)?.requests).get('storage');
  if (storage) usage.set('requests.storage', storage);
  const annotations = obj(obj(claim.metadata)?.annotations);
  const cls = text(annotations?.['volume.beta.kubernetes.io/storage-class']) ?? str(spec?.storageClassName) ?? '';
  if (cls !== '') {
    usage.set(`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, ONE);
    if (storage) usage.set(`${cls}.storageclass.storage.k8s.io/requests.storage`, storage);
  }
  return usage;
}

function claimQuotas(object: PlainObject, c: ClaimTarget, quotas: Quota[]): CreateFinding[] {
  const usage = claimUsage(c.claim);
  const out: CreateFinding[] = [];
  for (const q of quotas) {
    // The claim and object count evaluators match no scope.
    if (q.scopes.length > 0 || ![...q.hard.keys()].some((k) => usage.has(k))) continue;
    const exceeded = exceeds(q, usage);
    if (!exceeded) continue;
    const where = c.createdBy ? { template: `PersistentVolumeClaims that ${c.createdBy} would be rejected by admission: ${exceeded.reason}` } : { object, reason: exceeded.reason };
    out.push(finding(where, RULE_QUOTA_EXCEEDED, `${c.prefix}spec.resources.requests[storage]`, q, exceeded.first));
  }
  return out;
}

// Object counts under their legacy names too (`services`, `secrets`, …).
const LEGACY_COUNT: Record<string, string> = {
  Service: 'services',
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
};

function countQuotas(object: PlainObject, kind: string, quotas: Quota[]): CreateFinding[] {
  const usage: ResourceList = new Map([[`count/${groupResource(kind, str(object.apiVersion))}`, ONE]]);
  if (Object.prototype.hasOwnProperty.call(LEGACY_COUNT, kind)) usage.set(LEGACY_COUNT[kind], ONE);
  const out: CreateFinding[] = [];
  for (const q of quotas) {
    if (q.scopes.length > 0 || ![...q.hard.keys()].some((k) => usage.has(k))) continue;
    const exceeded = exceeds(q, usage);
    if (exceeded) out.push(finding({ object, reason: exceeded.reason }, RULE_QUOTA_EXCEEDED, 'metadata.name', q, exceeded.first));
  }
  return out;
}

// --- Shared -------------------------------------------------------------------------------

function prettyPrint(list: ResourceList, keys: string[]): string {
  return keys
    .filter((k) => list.has(k))
    .map((k) => `${k}=${canonicalQuantity(list.get(k) ?? ZERO)}`)
    .join(',');
}

/** The quota check of `CheckRequest`: usage plus the quota's usage within its hard limits. */
function exceeds(q: Quota, usage: ResourceList): { reason: string; first: string } | undefined {
  const requested: ResourceList = new Map();
  for (const [k, v] of usage) if (q.hard.has(k) && v) requested.set(k, v);
  const used: ResourceList = q.used ?? new Map([...requested.keys()].map((k) => [k, ZERO]));
  const exceeded: string[] = [];
  for (const [k, v] of requested) {
    const hard = q.hard.get(k);
    const u = used.get(k);
    const total = u ? addQuantities(u, v!) : v!;
    if (hard && compareQuantities(total, hard) > 0) exceeded.push(k);
  }
  if (exceeded.length === 0) return undefined;
  exceeded.sort();
  const note = q.used ? '' : ' (the quota\'s usage is not declared here and was taken as 0: this object alone exceeds it)';
  return {
    reason: `exceeded quota: ${q.declared.name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(q.hard, exceeded)}${note}`,
    first: exceeded[0],
  };
}

function finding(where: { object: PlainObject; reason: string } | { template: string }, rule: RuleId, field: string, q: Quota, resource: string): CreateFinding {
  const related = [{ field: `${q.hardField}[${resource}]`, message: `ResourceQuota "${q.declared.name}" limits ${resource}`, uri: q.declared.uri, object: q.declared.value }];
  return 'template' in where
    ? { rule, field, severity: 'warning', message: where.template, related }
    : { rule, field, errorType: 'Forbidden', message: forbidden(where.object, where.reason), related };
}

export const resourceQuota: AdmissionPlugin = (object, ctx) => {
  const kind = str(object.kind);
  if (!kind || isClusterScoped(kind)) return { mutated: object, findings: [] };
  const quotas = ctx.declared.get('ResourceQuota', ctx.namespace).map(readQuota);
  if (quotas.length === 0) return { mutated: object, findings: [] };
  const findings: CreateFinding[] = [];
  const t = podTarget(object);
  if (t) findings.push(...podQuotas(t, quotas));
  for (const c of claimTargets(object)) findings.push(...claimQuotas(object, c, quotas));
  if (kind !== 'Pod' && kind !== 'PersistentVolumeClaim') findings.push(...countQuotas(object, kind, quotas));
  return { mutated: object, findings };
};

