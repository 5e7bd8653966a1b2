/**
 * PodSecurity admission on create, as kube-apiserver 1.35 runs it (admission/admission.go):
 *
 * - a Pod is checked against the namespace's enforce level (rejected: `pods "web" is
 *   forbidden: violates PodSecurity "restricted:latest": …`), then audit and warn; warnings
 *   are dropped when enforce rejects;
 * - a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
 *   CronJob, PodTemplate) is never rejected: its Pod template gets the audit and warn
 *   evaluations only (enforce applies to the Pods its controller creates);
 * - exempt namespaces and users skip everything, as do Pods of an exempt RuntimeClass;
 * - a Namespace is rejected for invalid pod-security labels.
 *
 * Objects are plain JSON as they reach validating admission (after defaulting, PrepareForCreate
 * and the mutating plugins).
 */
import { TEMPLATE_PATHS } from '../../model/podSpecs';
import { newObject, type PlainObject } from '../../model/plain';
import type { Violation } from './check';
import { DEFAULT_POD_SECURITY_CONFIG, exemptNamespace, exemptRuntimeClass, exemptUser, type PodSecurityConfig } from './config';
import type { CreateFinding, DeclaredLookup } from './createFinding';
import { evaluatePodView, forbiddenDetail, violationText, type PodSecurityResult } from './evaluate';
import {
  equivalent,
  fullyPrivileged,
  levelLabel,
  levelVersionString,
  namespaceLabels,
  policyToEvaluate,
  versionLabel,
  type Level,
  type LevelVersion,
  type Mode,
  type NamespacePolicy,
  type Version,
} from './levels';
import { objAt, strAt, type PodView } from './podView';
import { goQuote } from './text';
import type { RuleId } from '../../diagnostics/catalog';

export const RULE_ENFORCE = 'pod-security-enforce';
export const RULE_WARN = 'pod-security-warn';
export const RULE_AUDIT = 'pod-security-audit';
export const RULE_LABELS = 'pod-security-labels';
export const RULE_EXEMPT_NAMESPACE = 'pod-security-exempt-namespace';

/** Where the Pod's metadata and spec live in the object: `metadata`/`spec` for a Pod. */
export interface PodPaths {
  metadataPath: string;
  specPath: string;
}

export const POD_PATHS: PodPaths = { metadataPath: 'metadata', specPath: 'spec' };

/**
 * Evaluates a Pod (`{ metadata, spec }`, plain JSON) against one level and version. Field
 * paths are relative to the object whose Pod this is (pass the template's paths for workloads).
 */
export function evaluatePodSecurity(pod: PlainObject, level: Level, version: Version, paths: PodPaths = POD_PATHS): PodSecurityResult {
  return evaluatePodView({ metadata: objAt(pod, 'metadata'), spec: objAt(pod, 'spec') ?? newObject(), ...paths }, level, version);
}

/** The kinds PodSecurity reads a Pod (template) from: DefaultPodSpecExtractor's resources. */
export function hasPodSpec(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind);
}

/** The Pod or Pod template of an object with its paths; undefined when the kind has none. */
export function podViewOf(kind: string, object: PlainObject): PodView | undefined {
  if (!hasPodSpec(kind)) return undefined;
  const steps = TEMPLATE_PATHS[kind];
  let holder: PlainObject | undefined = object;
  for (const s of steps) holder = objAt(holder, s);
  // A ReplicationController's template is optional (a pointer): without one there is nothing to check.
  // Every other template is a value upstream, so a missing one is an empty Pod.
  if (!holder && kind === 'ReplicationController') return undefined;
  const prefix = steps.length > 0 ? `${steps.join('.')}.` : '';
  return {
    metadata: objAt(holder, 'metadata'),
    spec: objAt(holder, 'spec') ?? newObject(),
    metadataPath: `${prefix}metadata`,
    specPath: `${prefix}spec`,
  };
}

/** The namespace an object is created in, as PodSecurity sees it. */
export interface PodSecurityNamespace {
  name: string;
  /** The declared Namespace object; absent for a built-in namespace the workspace does not declare (no labels). */
  value?: PlainObject;
  uri?: string;
}

export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The Namespace `name` from the workspace, or a built-in one (unlabelled). Undefined when the
 * workspace does not declare it: its labels, and so its policy, are unknown here.
 */
export function findNamespace(declared: DeclaredLookup, name: string): PodSecurityNamespace | undefined {
  const found = declared.get('Namespace', '').find((n) => n.name === name);
  if (found) return { name, value: found.value, uri: found.uri };
  return BUILT_IN_NAMESPACES.includes(name) ? { name } : undefined;
}

export interface PodSecurityRequest {
  /** Pod, Deployment, …, PodTemplate; other kinds get no findings. */
  kind: string;
  object: PlainObject;
  /** Undefined when the namespace is not known here: then nothing is said. */
  namespace: PodSecurityNamespace | undefined;
  config?: PodSecurityConfig;
  /** The requesting user, for username exemptions. */
  username?: string;
}

/** PodSecurity's verdicts on creating a Pod or a workload, as findings on the object. */
export function podSecurityForObject(req: PodSecurityRequest): CreateFinding[] {
  const config = req.config ?? DEFAULT_POD_SECURITY_CONFIG;
  const ns = req.namespace;
  const pod = podViewOf(req.kind, req.object);
  if (!ns || !pod) return [];
  if (exemptNamespace(config, ns.name) || exemptUser(config, req.username)) return [];
  const labels = namespaceLabels(ns.value);
  const nsPolicy = policyToEvaluate(labels, config.defaults);
  const { policy } = nsPolicy;
  const enforce = req.kind === 'Pod';
  if (nsPolicy.errors.length === 0) {
    if (enforce ? fullyPrivileged(policy) : policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return [];
  }
  if (exemptRuntimeClass(config, strAt(pod.spec, 'runtimeClassName'))) return [];

  const cache = new Map<string, PodSecurityResult>();
  const evaluate = (lv: LevelVersion): PodSecurityResult => {
    const key = levelVersionString(lv);
    let r = cache.get(key);
    if (!r) cache.set(key, (r = evaluatePodView(pod, lv.level, lv.version)));
    return r;
  };
  const out: CreateFinding[] = [];
  const reported: LevelVersion[] = [];
  let rejected = false;
  if (enforce) {
    const r = evaluate(policy.enforce);
    if (!r.allowed) {
      rejected = true;
      out.push(finding(RULE_ENFORCE, forbiddenMessage(req.object, policy.enforce, r), r, 'enforce', nsPolicy, ns));
      reported.push(policy.enforce);
    }
  }
  // Warnings are not added to a request that is rejected anyway.
  if (!rejected) {
    const r = evaluate(policy.warn);
    if (!r.allowed) {
      out.push(finding(RULE_WARN, wouldViolate(policy.warn, r), r, 'warn', nsPolicy, ns));
      reported.push(policy.warn);
    }
  }
  // Audit goes to the audit log only. Reported unless it would repeat, word for word, an
  // enforce or warn finding made above for the same level and version.
  const audit = evaluate(policy.audit);
  if (!audit.allowed && !reported.some((lv) => equivalent(lv, policy.audit))) {
    out.push(finding(RULE_AUDIT, `audit (pod-security.kubernetes.io/audit-violations): ${wouldViolate(policy.audit, audit)}`, audit, 'audit', nsPolicy, ns));
  }
  return out;
}

function wouldViolate(lv: LevelVersion, r: PodSecurityResult): string {
  return `would violate PodSecurity ${goQuote(levelVersionString(lv))}: ${forbiddenDetail(r.violations)}`;
}

/** apierrors.NewForbidden(pods, name, …): the name the Pod will have (generated names are not known yet). */
function forbiddenMessage(object: PlainObject, lv: LevelVersion, r: PodSecurityResult): string {
  const meta = objAt(object, 'metadata');
  const name = strAt(meta, 'name') || (strAt(meta, 'generateName') ? `${strAt(meta, 'generateName')}<random>` : '');
  const subject = name ? `pods ${goQuote(name)}` : 'pods';
  return `${subject} is forbidden: violates PodSecurity ${goQuote(levelVersionString(lv))}: ${forbiddenDetail(r.violations)}`;
}

function finding(rule: RuleId, message: string, r: PodSecurityResult, mode: Mode, nsPolicy: NamespacePolicy, ns: PodSecurityNamespace): CreateFinding {
  const related: NonNullable<CreateFinding['related']> = [];
  for (const v of r.violations) for (const field of v.fields) related.push({ field, message: violationText(v) });
  related.push(...policySource(mode, nsPolicy, ns));
  const f: CreateFinding = { rule, field: firstField(r.violations), message, related };
  if (rule === RULE_ENFORCE) f.errorType = 'Forbidden';
  else f.severity = 'warning';
  return f;
}

function firstField(violations: readonly Violation[]): string {
  for (const v of violations) if (v.fields.length > 0) return v.fields[0];
  return 'spec';
}

/** Where a mode's level comes from: the Namespace's label (or the enforce label warn follows), and any invalid label. */
function policySource(mode: Mode, nsPolicy: NamespacePolicy, ns: PodSecurityNamespace): NonNullable<CreateFinding['related']> {
  const out: NonNullable<CreateFinding['related']> = [];
  const labels = namespaceLabels(ns.value);
  const lv = levelVersionString(nsPolicy.policy[mode]);
  const at = (label: string, message: string) => {
    const r: { field: string; message: string; uri?: string; object?: PlainObject } = { field: `metadata.labels[${label}]`, message };
    if (ns.uri !== undefined) r.uri = ns.uri;
    if (ns.value !== undefined) r.object = ns.value;
    out.push(r);
  };
  const bad = new Set(nsPolicy.errors.map((e) => e.label));
  if (mode === 'warn' && nsPolicy.warnFromEnforce) {
    at(levelLabel('enforce'), `Namespace ${goQuote(ns.name)} has no ${levelLabel('warn')} label: warn follows enforce (${lv})`);
  } else {
    for (const label of [levelLabel(mode), versionLabel(mode)]) {
      if (labels.has(label) && !bad.has(label)) at(label, `Namespace ${goQuote(ns.name)} sets PodSecurity ${mode} to ${lv}`);
    }
  }
  for (const e of nsPolicy.errors) {
    if (e.label === levelLabel(mode) || e.label === versionLabel(mode)) {
      at(e.label, `Invalid value: ${goQuote(e.value)}: ${e.detail}; PodSecurity evaluates ${mode} as ${lv}`);
    }
  }
  return out;
}

/**
 * PodSecurity on creating a Namespace: invalid pod-security labels reject it; an exempt
 * namespace that sets a policy is warned that the policy will be ignored.
 */
export function podSecurityForNamespace(namespace: PlainObject, config: PodSecurityConfig = DEFAULT_POD_SECURITY_CONFIG): CreateFinding[] {
  const labels = namespaceLabels(namespace);
  const nsPolicy = policyToEvaluate(labels, config.defaults);
  if (nsPolicy.errors.length > 0) {
    return nsPolicy.errors.map((e) => ({
      rule: RULE_LABELS,
      field: `metadata.labels[${e.label}]`,
      errorType: 'Invalid' as const,
      message: `Invalid value: ${goQuote(e.value)}: ${e.detail}`,
    }));
  }
  const name = strAt(objAt(namespace, 'metadata'), 'name') ?? '';
  if (!exemptNamespace(config, name)) return [];
  const warning = exemptNamespaceWarning(name, nsPolicy, labels, config);
  return warning ? [{ rule: RULE_EXEMPT_NAMESPACE, field: 'metadata.labels', message: warning, severity: 'warning' }] : [];
}

function exemptNamespaceWarning(name: string, nsPolicy: NamespacePolicy, labels: Map<string, string>, config: PodSecurityConfig): string | undefined {
  const { policy } = nsPolicy;
  const d = config.defaults;
  if (fullyPrivileged(policy) || (equivalent(policy.enforce, d.enforce) && equivalent(policy.audit, d.audit) && equivalent(policy.warn, d.warn))) return undefined;
  // Only the modes the labels set, and only when not privileged.
  const parts: string[] = [];
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    if (policy[mode].level !== 'privileged' && (labels.has(levelLabel(mode)) || labels.has(versionLabel(mode)))) {
      parts.push(`${mode}=${levelVersionString(policy[mode])}`);
    }
  }
  return `namespace ${goQuote(name)} is exempt from Pod Security, and the policy (${parts.join(', ')}) will be ignored`;
}

