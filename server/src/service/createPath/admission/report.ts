/**
 * Wording shared by the plugins: the API server's error envelope around a plugin's words
 * (`pods "web" is forbidden: …`), what a workload's template meets when its controller creates
 * the Pods, and the closed-world rule for references to objects the workspace may or may not
 * declare (DESIGN.md, "The declared cluster").
 */
import { obj, str, type PlainObject } from '../../model/plain';
import type { ErrorType } from '../../diagnostics/finding';
import { isClusterScoped } from './declared';
import type { CreateFinding, DeclaredObjects } from './types';
import type { RuleId } from '../../diagnostics/catalog';

const GROUP_OF_KIND: Record<string, string> = {
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  ControllerRevision: 'apps',
  Job: 'batch',
  CronJob: 'batch',
};

/** `schema.GroupResource.String()` of a kind: `pods`, `deployments.apps`, `networkpolicies.networking.k8s.io`. */
export function groupResource(kind: string, apiVersion?: string): string {
  const lower = kind.toLowerCase();
  const plural = /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  const slash = apiVersion?.indexOf('/') ?? -1;
  const group = GROUP_OF_KIND[kind] ?? (apiVersion && slash > 0 ? apiVersion.slice(0, slash) : '');
  return group ? `${plural}.${group}` : plural;
}

/** The name admission errors use (`extractResourceName`): metadata.name, else generateName, else "Unknown". */
export function objectName(object: PlainObject): string {
  const meta = obj(object.metadata);
  return str(meta?.name) || str(meta?.generateName) || 'Unknown';
}

/** `admission.NewForbidden`: `pods "web" is forbidden: <reason>`. */
export function forbidden(object: PlainObject, reason: string): string {
  return `${groupResource(str(object.kind) ?? '', str(object.apiVersion))} "${objectName(object)}" is forbidden: ${reason}`;
}

/**
 * What a Pod-level plugin judges: a Pod, or the Pod a workload's controller will create from its
 * template. Admission does not look inside templates when the workload is created; it judges
 * each Pod when the controller creates it, so for templates a rejection is a warning on the
 * template (the workload is stored, its Pods are not) and nothing of the workload changes.
 */
export interface PodTarget {
  /** The Pod, or a Pod built from the template's metadata and spec. */
  pod: PlainObject;
  /** The Pod's spec (an empty one when missing or of another type). */
  spec: PlainObject;
  /** Field prefix from the object to the Pod's `metadata`/`spec` ('' for a Pod). */
  prefix: string;
  /** The workload kind when judging a template. */
  templateOf?: string;
}

export function fieldOf(t: PodTarget, field: string): string {
  return t.prefix + field;
}

/** The words for an admission rejection of the target. */
export function rejectionMessage(t: PodTarget, reason: string): string {
  return t.templateOf
    ? `Pods that the ${t.templateOf} controller creates from this template would be rejected by admission: ${reason}`
    : forbidden(t.pod, reason);
}

export function rejection(
  t: PodTarget,
  rule: RuleId,
  field: string,
  reason: string,
  related?: CreateFinding['related'],
  errorType: ErrorType = 'Forbidden',
): CreateFinding {
  const f: CreateFinding = t.templateOf
    ? { rule, field: fieldOf(t, field), severity: 'warning', message: rejectionMessage(t, reason) }
    : { rule, field: fieldOf(t, field), errorType, message: rejectionMessage(t, reason) };
  if (related && related.length > 0) f.related = related;
  return f;
}

const PLURAL_KIND: Record<string, string> = {
  Namespace: 'Namespaces',
  ServiceAccount: 'ServiceAccounts',
  PriorityClass: 'PriorityClasses',
  RuntimeClass: 'RuntimeClasses',
  StorageClass: 'StorageClasses',
  LimitRange: 'LimitRanges',
  Node: 'Nodes',
};

function plural(kind: string): string {
  return PLURAL_KIND[kind] ?? `${kind}s`;
}

function where(kind: string, namespace: string): string {
  return isClusterScoped(kind) ? '' : ` in namespace "${namespace}"`;
}

export interface MissingReference {
  rule: RuleId;
  /** Field of the reference, relative to the object. */
  field: string;
  errorType: ErrorType;
  /** Kind and name of the referenced object, and the namespace it is looked up in. */
  kind: string;
  name: string;
  namespace: string;
  /** The API server's full message when the object does not exist. */
  message: string;
  /** Judging a template: the workload is accepted, its Pods would not be. */
  template?: boolean;
}

/**
 * A reference to an object the workspace does not declare, under the closed-world rule
 * (workspace/model.ts), in three cases the message names:
 * - the user declared the workspace to be the whole cluster: the API server's rejection, an error
 *   (a warning on a workload's template: the workload is accepted, its Pods are not);
 * - the workspace declares objects of that kind there, but not this one: a warning, since the
 *   object may still come from elsewhere (another repository, `kubectl create`);
 * - it declares none: information that it is not declared here, with what the API server says
 *   if the cluster lacks it too.
 */
export function missingReference(declared: DeclaredObjects, m: MissingReference): CreateFinding {
  const what = `${m.kind} "${m.name}"`;
  if (declared.complete) {
    const message = `${m.message} (the workspace is declared to be the whole cluster, so ${what} would be missing)`;
    return m.template ? { rule: m.rule, field: m.field, severity: 'warning', message } : { rule: m.rule, field: m.field, errorType: m.errorType, message };
  }
  if (declared.closed(m.kind, m.namespace)) {
    return {
      rule: m.rule,
      field: m.field,
      severity: 'warning',
      message: `${m.message} (the workspace declares ${plural(m.kind)}${where(m.kind, m.namespace)} but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)`,
    };
  }
  return {
    rule: m.rule,
    field: m.field,
    severity: 'information',
    message: `${what} is not declared here (the workspace declares no ${plural(m.kind)}${where(m.kind, m.namespace)}); if the cluster lacks it too: ${m.message}`,
  };
}
