/**
 * How the API server's Go types serialize each field of the kinds the create path handles.
 * Read from the json tags of k8s.io/api v0.35.4 (core/v1, apps/v1, batch/v1) and
 * k8s.io/apimachinery meta/v1, keyed by the @kubernetes/client-node model names the schema
 * uses. A field not listed is a value with `omitempty`: absent when zero ("", 0, false, empty
 * list or map), so the API server drops `hostNetwork: false` or `args: []` and a default that
 * tests for the zero value (`timeoutSeconds: 0`) applies. Listed fields:
 *   p  pointer with omitempty: kept whatever its value, `null` means absent
 *   P  pointer without omitempty: `null` when absent
 *   N  list or map without omitempty: `null` when absent
 *   S  struct (omitempty has no effect on structs): `{}` when absent
 *   T  metav1.Time without omitzero: `null` when absent
 *   Q  resource.Quantity (a struct): "0" when absent
 *   I  intstr.IntOrString (a struct): 0 when absent
 *   E, Z, B  string, number, boolean without omitempty: "", 0, false when absent
 */
import { newObject, type Plain } from '../../model/plain';

export type GoClass = 'p' | 'P' | 'N' | 'S' | 'T' | 'Q' | 'I' | 'E' | 'Z' | 'B' | 'o';

const TABLE: Record<string, Partial<Record<Exclude<GoClass, 'o'>, string>>> = {
  CoreV1ResourceClaim: { E: 'name' },
  V1AWSElasticBlockStoreVolumeSource: { E: 'volumeID' },
  V1Affinity: { p: 'nodeAffinity podAffinity podAntiAffinity' },
  V1AppArmorProfile: { p: 'localhostProfile', E: 'type' },
  V1AttachedVolume: { E: 'devicePath name' },
  V1AzureDiskVolumeSource: { p: 'cachingMode fsType kind readOnly', E: 'diskName diskURI' },
  V1AzureFileVolumeSource: { E: 'secretName shareName' },
  V1CSIVolumeSource: { p: 'fsType nodePublishSecretRef readOnly', E: 'driver' },
  V1CephFSVolumeSource: { p: 'secretRef', N: 'monitors' },
  V1CinderVolumeSource: { p: 'secretRef', E: 'volumeID' },
  V1ClusterTrustBundleProjection: { p: 'labelSelector name optional signerName', E: 'path' },
  V1ConfigMapEnvSource: { p: 'optional' },
  V1ConfigMapKeySelector: { p: 'optional', E: 'key' },
  V1ConfigMapNodeConfigSource: { E: 'kubeletConfigKey name namespace' },
  V1ConfigMapProjection: { p: 'optional' },
  V1ConfigMapVolumeSource: { p: 'defaultMode optional' },
  V1Container: { p: 'lifecycle livenessProbe readinessProbe restartPolicy securityContext startupProbe', S: 'resources', E: 'name' },
  V1ContainerExtendedResourceRequest: { E: 'containerName requestName resourceName' },
  V1ContainerImage: { N: 'names' },
  V1ContainerPort: { Z: 'containerPort' },
  V1ContainerResizePolicy: { E: 'resourceName restartPolicy' },
  V1ContainerRestartRule: { p: 'exitCodes' },
  V1ContainerState: { p: 'running terminated waiting' },
  V1ContainerStateRunning: { T: 'startedAt' },
  V1ContainerStateTerminated: { T: 'finishedAt startedAt', Z: 'exitCode' },
  V1ContainerStatus: { p: 'resources started stopSignal user', S: 'lastState state', E: 'image imageID name', Z: 'restartCount', B: 'ready' },
  V1ContainerUser: { p: 'linux' },
  V1CronJob: { S: 'metadata spec status' },
  V1CronJobSpec: { p: 'failedJobsHistoryLimit startingDeadlineSeconds successfulJobsHistoryLimit suspend timeZone', S: 'jobTemplate', E: 'schedule' },
  V1CronJobStatus: { p: 'lastScheduleTime lastSuccessfulTime' },
  V1DaemonEndpoint: { Z: 'Port' },
  V1DaemonSet: { S: 'metadata spec status' },
  V1DaemonSetCondition: { T: 'lastTransitionTime', E: 'status type' },
  V1DaemonSetSpec: { p: 'revisionHistoryLimit', P: 'selector', S: 'template updateStrategy' },
  V1DaemonSetStatus: { p: 'collisionCount', Z: 'currentNumberScheduled desiredNumberScheduled numberMisscheduled numberReady' },
  V1DaemonSetUpdateStrategy: { p: 'rollingUpdate' },
  V1Deployment: { S: 'metadata spec status' },
  V1DeploymentCondition: { T: 'lastTransitionTime lastUpdateTime', E: 'status type' },
  V1DeploymentSpec: { p: 'progressDeadlineSeconds replicas revisionHistoryLimit', P: 'selector', S: 'strategy template' },
  V1DeploymentStatus: { p: 'collisionCount terminatingReplicas' },
  V1DeploymentStrategy: { p: 'rollingUpdate' },
  V1DownwardAPIVolumeFile: { p: 'fieldRef mode resourceFieldRef', E: 'path' },
  V1DownwardAPIVolumeSource: { p: 'defaultMode' },
  V1EmptyDirVolumeSource: { p: 'sizeLimit' },
  V1EnvFromSource: { p: 'configMapRef secretRef' },
  V1EnvVar: { p: 'valueFrom', E: 'name' },
  V1EnvVarSource: { p: 'configMapKeyRef fieldRef fileKeyRef resourceFieldRef secretKeyRef' },
  V1EphemeralContainer: { p: 'lifecycle livenessProbe readinessProbe restartPolicy securityContext startupProbe', S: 'resources', E: 'name' },
  V1EphemeralVolumeSource: { p: 'volumeClaimTemplate' },
  V1FCVolumeSource: { p: 'lun' },
  V1FileKeySelector: { p: 'optional', E: 'key path volumeName' },
  V1FlexVolumeSource: { p: 'secretRef', E: 'driver' },
  V1GCEPersistentDiskVolumeSource: { E: 'pdName' },
  V1GRPCAction: { P: 'service', Z: 'port' },
  V1GitRepoVolumeSource: { E: 'repository' },
  V1GlusterfsVolumeSource: { E: 'endpoints path' },
  V1HTTPGetAction: { I: 'port' },
  V1HTTPHeader: { E: 'name value' },
  V1HostAlias: { E: 'ip' },
  V1HostIP: { E: 'ip' },
  V1HostPathVolumeSource: { p: 'type', E: 'path' },
  V1ISCSIVolumeSource: { p: 'initiatorName secretRef', E: 'iqn targetPortal', Z: 'lun' },
  V1Job: { S: 'metadata spec status' },
  V1JobCondition: { T: 'lastProbeTime lastTransitionTime', E: 'status type' },
  V1JobSpec: { p: 'activeDeadlineSeconds backoffLimit backoffLimitPerIndex completionMode completions managedBy manualSelector maxFailedIndexes parallelism podFailurePolicy podReplacementPolicy selector successPolicy suspend ttlSecondsAfterFinished', S: 'template' },
  V1JobStatus: { p: 'completionTime failedIndexes ready startTime terminating uncountedTerminatedPods' },
  V1JobTemplateSpec: { S: 'metadata spec' },
  V1KeyToPath: { p: 'mode', E: 'key path' },
  V1LabelSelectorRequirement: { E: 'key operator' },
  V1Lifecycle: { p: 'postStart preStop stopSignal' },
  V1LifecycleHandler: { p: 'exec httpGet sleep tcpSocket' },
  V1LinuxContainerUser: { Z: 'gid uid' },
  V1ManagedFieldsEntry: { p: 'fieldsV1 time' },
  V1ModifyVolumeStatus: { E: 'status' },
  V1NFSVolumeSource: { E: 'path server' },
  V1Node: { S: 'metadata spec status' },
  V1NodeAddress: { E: 'address type' },
  V1NodeAffinity: { p: 'requiredDuringSchedulingIgnoredDuringExecution' },
  V1NodeCondition: { T: 'lastHeartbeatTime lastTransitionTime', E: 'status type' },
  V1NodeConfigSource: { p: 'configMap' },
  V1NodeConfigStatus: { p: 'active assigned lastKnownGood' },
  V1NodeDaemonEndpoints: { S: 'kubeletEndpoint' },
  V1NodeFeatures: { p: 'supplementalGroupsPolicy' },
  V1NodeRuntimeHandler: { p: 'features', E: 'name' },
  V1NodeRuntimeHandlerFeatures: { p: 'recursiveReadOnlyMounts userNamespaces' },
  V1NodeSelector: { N: 'nodeSelectorTerms' },
  V1NodeSelectorRequirement: { E: 'key operator' },
  V1NodeSpec: { p: 'configSource' },
  V1NodeStatus: { p: 'config features', S: 'daemonEndpoints nodeInfo' },
  V1NodeSwapStatus: { p: 'capacity' },
  V1NodeSystemInfo: { p: 'swap', E: 'architecture bootID containerRuntimeVersion kernelVersion kubeProxyVersion kubeletVersion machineID operatingSystem osImage systemUUID' },
  V1ObjectFieldSelector: { E: 'fieldPath' },
  V1ObjectMeta: { p: 'deletionGracePeriodSeconds deletionTimestamp' },
  V1OwnerReference: { p: 'blockOwnerDeletion controller', E: 'apiVersion kind name uid' },
  V1PersistentVolumeClaim: { S: 'metadata spec status' },
  V1PersistentVolumeClaimCondition: { T: 'lastProbeTime lastTransitionTime', E: 'status type' },
  V1PersistentVolumeClaimSpec: { p: 'dataSource dataSourceRef selector storageClassName volumeAttributesClassName volumeMode', S: 'resources' },
  V1PersistentVolumeClaimStatus: { p: 'currentVolumeAttributesClassName modifyVolumeStatus' },
  V1PersistentVolumeClaimTemplate: { S: 'metadata spec' },
  V1PersistentVolumeClaimVolumeSource: { E: 'claimName' },
  V1PhotonPersistentDiskVolumeSource: { E: 'pdID' },
  V1Pod: { S: 'metadata spec status' },
  V1PodAffinityTerm: { p: 'labelSelector namespaceSelector', E: 'topologyKey' },
  V1PodCertificateProjection: { p: 'maxExpirationSeconds' },
  V1PodCondition: { T: 'lastProbeTime lastTransitionTime', E: 'status type' },
  V1PodDNSConfigOption: { p: 'value' },
  V1PodExtendedResourceClaimStatus: { N: 'requestMappings', E: 'resourceClaimName' },
  V1PodFailurePolicy: { N: 'rules' },
  V1PodFailurePolicyOnExitCodesRequirement: { p: 'containerName', N: 'values', E: 'operator' },
  V1PodFailurePolicyOnPodConditionsPattern: { E: 'status type' },
  V1PodFailurePolicyRule: { p: 'onExitCodes', E: 'action' },
  V1PodIP: { E: 'ip' },
  V1PodOS: { E: 'name' },
  V1PodReadinessGate: { E: 'conditionType' },
  V1PodResourceClaim: { p: 'resourceClaimName resourceClaimTemplateName', E: 'name' },
  V1PodResourceClaimStatus: { p: 'resourceClaimName', E: 'name' },
  V1PodSchedulingGate: { E: 'name' },
  V1PodSecurityContext: { p: 'appArmorProfile fsGroup fsGroupChangePolicy runAsGroup runAsNonRoot runAsUser seLinuxChangePolicy seLinuxOptions seccompProfile supplementalGroupsPolicy windowsOptions' },
  V1PodSpec: { p: 'activeDeadlineSeconds affinity automountServiceAccountToken dnsConfig enableServiceLinks hostUsers hostnameOverride os preemptionPolicy priority resources runtimeClassName securityContext setHostnameAsFQDN shareProcessNamespace terminationGracePeriodSeconds workloadRef', N: 'containers' },
  V1PodStatus: { p: 'extendedResourceClaimStatus resources startTime' },
  V1PodTemplate: { S: 'metadata template' },
  V1PodTemplateSpec: { S: 'metadata spec' },
  V1PortworxVolumeSource: { E: 'volumeID' },
  V1PreferredSchedulingTerm: { S: 'preference', Z: 'weight' },
  V1Probe: { p: 'exec grpc httpGet tcpSocket terminationGracePeriodSeconds' },
  V1ProjectedVolumeSource: { p: 'defaultMode', N: 'sources' },
  V1QuobyteVolumeSource: { E: 'registry volume' },
  V1RBDVolumeSource: { p: 'secretRef', N: 'monitors', E: 'image' },
  V1ReplicaSet: { S: 'metadata spec status' },
  V1ReplicaSetCondition: { T: 'lastTransitionTime', E: 'status type' },
  V1ReplicaSetSpec: { p: 'replicas', P: 'selector', S: 'template' },
  V1ReplicaSetStatus: { p: 'terminatingReplicas', Z: 'replicas' },
  V1ReplicationController: { S: 'metadata spec status' },
  V1ReplicationControllerCondition: { T: 'lastTransitionTime', E: 'status type' },
  V1ReplicationControllerSpec: { p: 'replicas template' },
  V1ReplicationControllerStatus: { Z: 'replicas' },
  V1ResourceFieldSelector: { Q: 'divisor', E: 'resource' },
  V1ResourceHealth: { E: 'resourceID' },
  V1ResourceStatus: { E: 'name' },
  V1RollingUpdateDaemonSet: { p: 'maxSurge maxUnavailable' },
  V1RollingUpdateDeployment: { p: 'maxSurge maxUnavailable' },
  V1RollingUpdateStatefulSetStrategy: { p: 'maxUnavailable partition' },
  V1ScaleIOVolumeSource: { P: 'secretRef', E: 'gateway system' },
  V1SeccompProfile: { p: 'localhostProfile', E: 'type' },
  V1SecretEnvSource: { p: 'optional' },
  V1SecretKeySelector: { p: 'optional', E: 'key' },
  V1SecretProjection: { p: 'optional' },
  V1SecretVolumeSource: { p: 'defaultMode optional' },
  V1SecurityContext: { p: 'allowPrivilegeEscalation appArmorProfile capabilities privileged procMount readOnlyRootFilesystem runAsGroup runAsNonRoot runAsUser seLinuxOptions seccompProfile windowsOptions' },
  V1ServiceAccountTokenProjection: { p: 'expirationSeconds', E: 'path' },
  V1SleepAction: { Z: 'seconds' },
  V1StatefulSet: { S: 'metadata spec status' },
  V1StatefulSetCondition: { T: 'lastTransitionTime', E: 'status type' },
  V1StatefulSetOrdinals: { Z: 'start' },
  V1StatefulSetSpec: { p: 'ordinals persistentVolumeClaimRetentionPolicy replicas revisionHistoryLimit', P: 'selector', S: 'template updateStrategy', E: 'serviceName' },
  V1StatefulSetStatus: { p: 'collisionCount', Z: 'availableReplicas replicas' },
  V1StatefulSetUpdateStrategy: { p: 'rollingUpdate' },
  V1StorageOSVolumeSource: { p: 'secretRef' },
  V1SuccessPolicy: { N: 'rules' },
  V1SuccessPolicyRule: { p: 'succeededCount succeededIndexes' },
  V1Sysctl: { E: 'name value' },
  V1TCPSocketAction: { I: 'port' },
  V1Taint: { p: 'timeAdded', E: 'effect key' },
  V1Toleration: { p: 'tolerationSeconds' },
  V1TopologySpreadConstraint: { p: 'labelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy', E: 'topologyKey whenUnsatisfiable', Z: 'maxSkew' },
  V1TypedLocalObjectReference: { P: 'apiGroup', E: 'kind name' },
  V1TypedObjectReference: { p: 'namespace', P: 'apiGroup', E: 'kind name' },
  V1Volume: { p: 'awsElasticBlockStore azureDisk azureFile cephfs cinder configMap csi downwardAPI emptyDir ephemeral fc flexVolume flocker gcePersistentDisk gitRepo glusterfs hostPath image iscsi nfs persistentVolumeClaim photonPersistentDisk portworxVolume projected quobyte rbd scaleIO secret storageos vsphereVolume', E: 'name' },
  V1VolumeDevice: { E: 'devicePath name' },
  V1VolumeMount: { p: 'mountPropagation recursiveReadOnly', E: 'mountPath name' },
  V1VolumeMountStatus: { p: 'recursiveReadOnly', E: 'mountPath name' },
  V1VolumeProjection: { p: 'clusterTrustBundle configMap downwardAPI podCertificate secret serviceAccountToken' },
  V1VsphereVirtualDiskVolumeSource: { E: 'volumePath' },
  V1WeightedPodAffinityTerm: { S: 'podAffinityTerm', Z: 'weight' },
  V1WindowsSecurityContextOptions: { p: 'gmsaCredentialSpec gmsaCredentialSpecName hostProcess runAsUserName' },
};

const CLASSES = new Map<string, Map<string, GoClass>>();

function classesOf(model: string): Map<string, GoClass> {
  let m = CLASSES.get(model);
  if (!m) {
    m = new Map();
    const row = TABLE[model];
    if (row) for (const cls of Object.keys(row) as Array<Exclude<GoClass, 'o'>>) for (const f of (row[cls] ?? '').split(' ')) m.set(f, cls);
    CLASSES.set(model, m);
  }
  return m;
}

/** The serialization class of a field (`o` when it is an omitempty value). */
export function goClass(model: string, field: string): GoClass {
  return classesOf(model).get(field) ?? 'o';
}

export function fieldsOfClass(model: string, cls: GoClass): string[] {
  const out: string[] = [];
  for (const [f, c] of classesOf(model)) if (c === cls) out.push(f);
  return out;
}

/** Fields of a model that are serialized even when unset, with the value they then have. */
export function alwaysEmitted(model: string): Array<[string, GoClass]> {
  const out: Array<[string, GoClass]> = [];
  for (const [f, cls] of classesOf(model)) if (cls !== 'p') out.push([f, cls]);
  return out;
}

/** The value an unset field of this class serializes as; undefined when it is omitted. */
export function zeroOf(cls: GoClass): Plain | undefined {
  switch (cls) {
    case 'P':
    case 'N':
    case 'T':
      return null;
    case 'S':
      return newObject();
    case 'Q':
      return '0';
    case 'I':
    case 'Z':
      return 0;
    case 'E':
      return '';
    case 'B':
      return false;
    default:
      return undefined;
  }
}
