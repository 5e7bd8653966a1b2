/**
 * The hand-kept facts about API versions that the generated table (schema/generated/api-kinds.json,
 * read from @kubernetes/client-node's API classes by scripts/generate-kinds.mjs) cannot tell:
 * which versions a 1.35 API server serves by default, which were removed and what replaced them,
 * and which served kinds the API server warns about. Each entry cites its upstream source.
 */

/** The Kubernetes release whose API server Podsight mirrors. */
export const RELEASE = '1.35';

/**
 * Kinds of stable versions in the installed client-node models (generated from a newer OpenAPI
 * document) that 1.35 does not serve yet, with the version 1.35 has them in and the release that
 * serves them. KEP-3962 (kubernetes/enhancements keps/sig-api-machinery/3962-mutating-admission-policies):
 * MutatingAdmissionPolicy is beta in 1.34 and 1.35 (admissionregistration.k8s.io/v1beta1, off by
 * default like every beta) and stable in 1.36.
 */
export const NEWER_KINDS: Record<string, Record<string, { in: string; from: string }>> = {
  'admissionregistration.k8s.io/v1': {
    MutatingAdmissionPolicy: { in: 'admissionregistration.k8s.io/v1beta1', from: '1.36' },
    MutatingAdmissionPolicyBinding: { in: 'admissionregistration.k8s.io/v1beta1', from: '1.36' },
  },
};

/**
 * Which versions are on by default: kube-apiserver's DefaultAPIResourceConfigSource
 * (pkg/controlplane/apiserver/options and pkg/controlplane/instance.go) enables every stable
 * group version and disables every alpha and beta one. Its list of legacy betas still enabled by
 * default (legacyBetaEnabledByDefaultResources) last held flowcontrol.apiserver.k8s.io/v1beta3,
 * removed in 1.32; KEP-3136 (beta APIs off by default) forbids adding to it.
 */
export function servedByDefault(version: string): boolean {
  return /^v\d+$/.test(version);
}

/** Groups the API server once served that the current models no longer have. */
export const HISTORICAL_GROUPS = [
  'extensions', // extensions/v1beta1, last served in 1.21 (deprecation guide, v1.16 and v1.22)
  'settings.k8s.io', // v1alpha1 PodPreset, alpha only
  'auditregistration.k8s.io', // v1alpha1 AuditSink, alpha only
];

export interface Removal {
  /** The release that stopped serving it. */
  release: string;
  /** The version to use instead, when the kind lives on there. */
  use?: string;
  /** What to do when there is no replacement version. */
  instead?: string;
}

const PSP_INSTEAD =
  'PodSecurityPolicy has no replacement API; Pod Security admission enforces the Pod Security Standards per Namespace (pod-security.kubernetes.io/ labels)';

/**
 * Removed versions, from the Deprecated API Migration Guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide, "Removed APIs by release").
 * Whole group versions that no longer exist: every kind in them is gone.
 */
export const REMOVED_VERSIONS: Record<string, Removal> = {
  // v1.16: workloads of apps/v1beta1 and apps/v1beta2 (the guide's DaemonSet, Deployment, StatefulSet, ReplicaSet).
  'apps/v1beta1': { release: '1.16', use: 'apps/v1' },
  'apps/v1beta2': { release: '1.16', use: 'apps/v1' },
  // v1.22: the group's last kind, Ingress (its other kinds went in 1.16: REMOVED_KINDS below).
  'extensions/v1beta1': { release: '1.22' },
  // v1.22: APIService, CustomResourceDefinition, the SubjectAccessReview kinds, RBAC, PriorityClass.
  'apiextensions.k8s.io/v1beta1': { release: '1.22', use: 'apiextensions.k8s.io/v1' },
  'apiregistration.k8s.io/v1beta1': { release: '1.22', use: 'apiregistration.k8s.io/v1' },
  'authorization.k8s.io/v1beta1': { release: '1.22', use: 'authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1': { release: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'scheduling.k8s.io/v1beta1': { release: '1.22', use: 'scheduling.k8s.io/v1' },
  // v1.25: CronJob, EndpointSlice, Event, HorizontalPodAutoscaler v2beta1, PodDisruptionBudget, RuntimeClass.
  'batch/v1beta1': { release: '1.25', use: 'batch/v1' },
  'discovery.k8s.io/v1beta1': { release: '1.25', use: 'discovery.k8s.io/v1' },
  'events.k8s.io/v1beta1': { release: '1.25', use: 'events.k8s.io/v1' },
  'autoscaling/v2beta1': { release: '1.25', use: 'autoscaling/v2' },
  'policy/v1beta1': { release: '1.25', use: 'policy/v1' },
  'node.k8s.io/v1beta1': { release: '1.25', use: 'node.k8s.io/v1' },
  // v1.26: HorizontalPodAutoscaler v2beta2, flow control v1beta1; v1.29 and v1.32: flow control v1beta2, v1beta3.
  'autoscaling/v2beta2': { release: '1.26', use: 'autoscaling/v2' },
  'flowcontrol.apiserver.k8s.io/v1beta1': { release: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta2': { release: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta3': { release: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
};

/**
 * Kinds removed from versions that still exist for other kinds (beta, off by default), or that
 * left one version at different releases. Same source.
 */
export const REMOVED_KINDS: Record<string, Record<string, Removal>> = {
  'extensions/v1beta1': {
    DaemonSet: { release: '1.16', use: 'apps/v1' },
    Deployment: { release: '1.16', use: 'apps/v1' },
    ReplicaSet: { release: '1.16', use: 'apps/v1' },
    NetworkPolicy: { release: '1.16', use: 'networking.k8s.io/v1' },
    // The guide's v1.16 entry moved it to policy/v1beta1, itself removed in 1.25.
    PodSecurityPolicy: { release: '1.16', instead: PSP_INSTEAD },
    Ingress: { release: '1.22', use: 'networking.k8s.io/v1' },
  },
  'policy/v1beta1': {
    PodSecurityPolicy: { release: '1.25', instead: PSP_INSTEAD },
  },
  'admissionregistration.k8s.io/v1beta1': {
    MutatingWebhookConfiguration: { release: '1.22', use: 'admissionregistration.k8s.io/v1' },
    ValidatingWebhookConfiguration: { release: '1.22', use: 'admissionregistration.k8s.io/v1' },
  },
  'authentication.k8s.io/v1beta1': {
    TokenReview: { release: '1.22', use: 'authentication.k8s.io/v1' },
  },
  'certificates.k8s.io/v1beta1': {
    CertificateSigningRequest: { release: '1.22', use: 'certificates.k8s.io/v1' },
  },
  'coordination.k8s.io/v1beta1': {
    Lease: { release: '1.22', use: 'coordination.k8s.io/v1' },
  },
  'networking.k8s.io/v1beta1': {
    Ingress: { release: '1.22', use: 'networking.k8s.io/v1' },
    IngressClass: { release: '1.22', use: 'networking.k8s.io/v1' },
  },
  'storage.k8s.io/v1beta1': {
    CSIDriver: { release: '1.22', use: 'storage.k8s.io/v1' },
    CSINode: { release: '1.22', use: 'storage.k8s.io/v1' },
    StorageClass: { release: '1.22', use: 'storage.k8s.io/v1' },
    VolumeAttachment: { release: '1.22', use: 'storage.k8s.io/v1' },
    CSIStorageCapacity: { release: '1.27', use: 'storage.k8s.io/v1' },
  },
};

/**
 * Served kinds the API server warns about on every request (HTTP 299), in its words: stable
 * kinds marked deprecated in their registry storage (Endpoints since 1.33, KEP-4974;
 * ComponentStatus since 1.19).
 */
export const DEPRECATED_KINDS: Record<string, Record<string, string>> = {
  v1: {
    Endpoints: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
    ComponentStatus: 'v1 ComponentStatus is deprecated in v1.19+',
  },
};

/**
 * Kinds that name no API resource: meta types every group version registers (requests, answers
 * and options, never created), and files of other tools that say `apiVersion: v1` (a kubeconfig
 * is `kind: Config`, kube-scheduler's legacy policy file `kind: Policy`, the pre-1.13 encryption
 * config `kind: EncryptionConfig`). Such documents are left alone.
 */
export const NON_RESOURCE_KINDS = new Set([
  'Config',
  'Policy',
  'EncryptionConfig',
  'EncryptionConfiguration',
  'Status',
  'WatchEvent',
  'APIVersions',
  'APIGroup',
  'APIGroupList',
  'APIResourceList',
  'ListOptions',
  'GetOptions',
  'DeleteOptions',
  'CreateOptions',
  'UpdateOptions',
  'PatchOptions',
  'Table',
  'PartialObjectMetadata',
]);

/**
 * Group versions whose types the API server decodes with kube-apiserver's legacy scheme (every
 * built-in group but the two served by the apiextensions and aggregator servers): their decode
 * error names that scheme.
 */
export const OWN_SCHEME_GROUPS = new Set(['apiextensions.k8s.io', 'apiregistration.k8s.io']);
export const LEGACY_SCHEME = 'pkg/api/legacyscheme/scheme.go:30';
