/**
 * The values of enumerated string fields, for completion. The generated schema has no enums
 * (client-node's models type them as strings; their descriptions say "One of …"), so they are
 * listed here, by model and field, in the order the rules' messages list them. Where a rule
 * reports NotSupported, test/unit/completion-schema.test.ts checks each list against the values
 * its message calls supported, so the two cannot drift apart.
 */

const ENUMS: Record<string, readonly string[]> = {
  'V1PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'V1PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'V1PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'V1Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'V1Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'V1Container.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'V1EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'V1EphemeralContainer.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'V1ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'V1ContainerRestartRule.action': ['Restart'],
  'V1ContainerRestartRuleOnExitCodes.operator': ['In', 'NotIn'],
  'V1Toleration.operator': ['Equal', 'Exists'],
  'V1Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'V1Taint.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'V1TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'V1TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'V1TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'V1NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'V1LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'V1VolumeMount.mountPropagation': ['None', 'HostToContainer', 'Bidirectional'],
  'V1VolumeMount.recursiveReadOnly': ['Disabled', 'IfPossible', 'Enabled'],
  'V1HostPathVolumeSource.type': ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  'V1HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'V1SeccompProfile.type': ['RuntimeDefault', 'Localhost', 'Unconfined'],
  'V1AppArmorProfile.type': ['RuntimeDefault', 'Localhost', 'Unconfined'],
  'V1SecurityContext.procMount': ['Default', 'Unmasked'],
  'V1PodSecurityContext.fsGroupChangePolicy': ['OnRootMismatch', 'Always'],
  'V1PodSecurityContext.supplementalGroupsPolicy': ['Merge', 'Strict'],
  'V1PodSecurityContext.seLinuxChangePolicy': ['Recursive', 'MountOption'],
  'V1PodOS.name': ['linux', 'windows'],
  'V1ContainerResizePolicy.resourceName': ['cpu', 'memory'],
  'V1ContainerResizePolicy.restartPolicy': ['NotRequired', 'RestartContainer'],
  'V1ResourceFieldSelector.resource': ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'],
  'V1PersistentVolumeClaimSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'V1PersistentVolumeClaimSpec.volumeMode': ['Filesystem', 'Block'],
  'V1DeploymentStrategy.type': ['RollingUpdate', 'Recreate'],
  'V1DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'V1StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'V1StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'V1StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': ['Retain', 'Delete'],
  'V1StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': ['Retain', 'Delete'],
  'V1JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'V1JobSpec.podReplacementPolicy': ['TerminatingOrFailed', 'Failed'],
  'V1CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'V1PodFailurePolicyRule.action': ['FailJob', 'FailIndex', 'Ignore', 'Count'],
  'V1PodFailurePolicyOnExitCodesRequirement.operator': ['In', 'NotIn'],
  'V1PodFailurePolicyOnPodConditionsPattern.status': ['True', 'False', 'Unknown'],
};

/** Pod restart policies a workload's template may have (upstream's per-kind validation). */
const TEMPLATE_RESTART: Record<string, readonly string[]> = {
  V1Deployment: ['Always'],
  V1StatefulSet: ['Always'],
  V1DaemonSet: ['Always'],
  V1ReplicaSet: ['Always'],
  V1ReplicationController: ['Always'],
  V1Job: ['OnFailure', 'Never'],
  V1CronJob: ['OnFailure', 'Never'],
};

/** The values of `model.field` inside an object whose root model is `root`, if it is an enum. */
export function enumValues(root: string, model: string, field: string): readonly string[] | undefined {
  if (model === 'V1PodSpec' && field === 'restartPolicy' && TEMPLATE_RESTART[root]) return TEMPLATE_RESTART[root];
  return ENUMS[`${model}.${field}`];
}

/** Every listed field, for tests. */
export function enumFields(): ReadonlyArray<[string, readonly string[]]> {
  return Object.entries(ENUMS);
}
