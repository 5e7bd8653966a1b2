/**
 * The Kubernetes field schema, generated at build time by scripts/generate-schema.mjs from
 * @kubernetes/client-node (itself generated from the Kubernetes OpenAPI document).
 */
import generated from './generated/k8s-schema.json';

export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'any'
  | 'int-or-string'
  | 'quantity'
  | { array: FieldType }
  | { map: FieldType }
  | string; // a model name such as V1Container

export interface FieldSchema {
  t: FieldType;
  /** Required by the OpenAPI. */
  r?: 1;
  d?: string;
  f?: 'int32' | 'int64';
}

export interface TypeSchema {
  d: string;
  f: Record<string, FieldSchema>;
}

interface SchemaFile {
  source: string;
  kubernetesVersion: string;
  roots: Record<string, string>;
  types: Record<string, TypeSchema>;
}

const schema = generated as SchemaFile;

export const SCHEMA_SOURCE = schema.source;
export const SCHEMA_KUBERNETES_VERSION = schema.kubernetesVersion;

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'any', 'int-or-string', 'quantity']);

export function isModel(t: FieldType): t is string {
  return typeof t === 'string' && !PRIMITIVES.has(t);
}

// Lookups run for every key of every manifest: Maps, built once, instead of own-property
// checks on the JSON objects.
const TYPES = new Map(Object.entries(schema.types));
const FIELDS = new Map<string, Map<string, FieldSchema>>();

export function typeSchema(model: string): TypeSchema | undefined {
  return TYPES.get(model);
}

/** The model for an object of `apiVersion/kind`, if Podsight knows the kind. */
export function rootModel(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(schema.roots, key) ? schema.roots[key] : undefined;
}

export function fieldOf(model: string, key: string): FieldSchema | undefined {
  let fields = FIELDS.get(model);
  if (!fields) {
    const t = TYPES.get(model);
    if (!t) return undefined;
    fields = new Map(Object.entries(t.f));
    FIELDS.set(model, fields);
  }
  return fields.get(key);
}

/** Human-readable type, as the API reference writes it (`[]Container`, `map[string]string`). */
export function describeType(t: FieldType): string {
  if (typeof t === 'object') {
    if ('array' in t) return `[]${describeType(t.array)}`;
    return `map[string]${describeType(t.map)}`;
  }
  switch (t) {
    case 'integer':
      return 'integer';
    case 'int-or-string':
      return 'IntOrString';
    case 'quantity':
      return 'Quantity';
    case 'any':
      return 'any';
    default:
      return isModel(t) ? modelDisplayName(t) : t;
  }
}

/** `V1Container` → `Container`, `V1beta1Foo` → `Foo`, `CoreV1EventSeries` → `EventSeries`. */
export function modelDisplayName(model: string): string {
  return model.replace(/^(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

/** API group/version a model belongs to, for the API reference link. */
const MODEL_GROUPS: Record<string, string> = {
  V1Deployment: 'workload-resources/deployment-v1',
  V1StatefulSet: 'workload-resources/stateful-set-v1',
  V1DaemonSet: 'workload-resources/daemon-set-v1',
  V1ReplicaSet: 'workload-resources/replica-set-v1',
  V1ReplicationController: 'workload-resources/replication-controller-v1',
  V1Job: 'workload-resources/job-v1',
  V1CronJob: 'workload-resources/cron-job-v1',
  V1PodTemplate: 'workload-resources/pod-template-v1',
  V1Node: 'cluster-resources/node-v1',
  V1Pod: 'workload-resources/pod-v1',
  V1ObjectMeta: 'common-definitions/object-meta',
};

const REFERENCE_BASE = 'https://kubernetes.io/docs/reference/kubernetes-api/';

/**
 * Link to the API reference section that documents `declaringModel`. Kinds have their own
 * page; their nested types (DeploymentSpec, NodeStatus) are sections of it; everything shared
 * by Pods and Pod templates (Container, Volume, Probe …) is a section of the Pod page.
 */
export function referenceLink(rootModelName: string, declaringModel: string): string {
  const own = MODEL_GROUPS[declaringModel];
  if (own) return `${REFERENCE_BASE}${own}/`;
  const rootName = modelDisplayName(rootModelName);
  const name = modelDisplayName(declaringModel);
  const page = name.startsWith(rootName) && MODEL_GROUPS[rootModelName] ? MODEL_GROUPS[rootModelName] : MODEL_GROUPS.V1Pod;
  return `${REFERENCE_BASE}${page}/#${name}`;
}
