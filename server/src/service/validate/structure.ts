/**
 * Structural validation: what the API server's strict decoding rejects before any field rule
 * runs. Unknown fields and duplicate keys (kubectl's default `--validate=strict`), values of
 * the wrong JSON type, malformed quantities, and the fields the OpenAPI marks as required.
 * Driven entirely by the generated schema.
 */
import { entry, type KMap, type KNode, type Span } from '../parse/tree';
import { resolvePlain } from '../parse/scalars';
import { describeType, fieldOf, isModel, modelDisplayName, typeSchema, type FieldSchema, type FieldType } from '../schema';
import { parseQuantity, quantityFromNumber } from '../util/quantity';
import { childPath, findingsCap, indexPath, keyPath, type ErrorType, type Finding } from '../diagnostics/finding';
import { quoteScalar, replaceSpan } from '../rules/fixes';
import { NameIndex, closestNames } from '../util/closestNames';

/** OpenAPI-required fields whose absence upstream reports through its own rule, or fills in by
 * defaulting, so a structural "Required" would be a duplicate or a false alarm. */
const REQUIRED_HANDLED_ELSEWHERE = new Set<string>([
  // Defaulted by the API server before validation.
  'V1ContainerPort.protocol',
  // podSpec / scheduling families (rules/podSpec.ts, rules/scheduling.ts): absent = zero value,
  // which upstream reports with its own type and detail (or accepts, e.g. preference).
  'V1PodSpec.containers',
  'V1PodOS.name',
  'V1PodReadinessGate.conditionType',
  'V1PodSchedulingGate.name',
  'V1HostAlias.ip',
  'V1NodeSelector.nodeSelectorTerms',
  'V1NodeSelectorRequirement.key',
  'V1NodeSelectorRequirement.operator',
  'V1PreferredSchedulingTerm.preference',
  'V1PreferredSchedulingTerm.weight',
  'V1PodAffinityTerm.topologyKey',
  'V1WeightedPodAffinityTerm.podAffinityTerm',
  'V1WeightedPodAffinityTerm.weight',
  'V1LabelSelectorRequirement.key',
  'V1LabelSelectorRequirement.operator',
  'V1TopologySpreadConstraint.maxSkew',
  'V1TopologySpreadConstraint.topologyKey',
  'V1TopologySpreadConstraint.whenUnsatisfiable',
  // resizePolicy: an empty name/policy is Required on `…resizePolicy` (no index) upstream.
  'V1ContainerResizePolicy.resourceName',
  'V1ContainerResizePolicy.restartPolicy',
  // containers / ports / env / probes families (rules/containers.ts, ports.ts, env.ts,
  // probes.ts): absent = zero value, reported with upstream's type and detail (a missing probe
  // port is Invalid 0, a missing header name fails the header regex, a missing sleep is 0 s).
  'V1Container.name',
  'V1EphemeralContainer.name',
  'V1ContainerPort.containerPort',
  'V1EnvVar.name',
  'V1ConfigMapKeySelector.key',
  'V1SecretKeySelector.key',
  'V1FileKeySelector.key',
  'V1FileKeySelector.path',
  'V1FileKeySelector.volumeName',
  'V1HTTPGetAction.port',
  'V1TCPSocketAction.port',
  'V1GRPCAction.port',
  'V1HTTPHeader.name',
  'V1HTTPHeader.value',
  'V1SleepAction.seconds',
  'V1ContainerRestartRule.action',
  'V1ContainerRestartRuleOnExitCodes.operator',
  // A claim without a name is Required on `…resources.claims[i]` (no `.name`).
  'CoreV1ResourceClaim.name',
  // volumes / mounts / securityContext families (rules/volume/*, rules/mounts.ts,
  // rules/securityContext.ts): upstream reports the absence itself (downward API items and
  // token paths on quirky paths, only for the one validated source of a volume), accepts it
  // (sysctl value, iscsi lun, scaleIO secretRef) or drops the source (clusterTrustBundle and
  // podCertificate projections while their gates are off).
  'V1Volume.name',
  'V1VolumeMount.name',
  'V1VolumeMount.mountPath',
  'V1VolumeDevice.name',
  'V1VolumeDevice.devicePath',
  'V1KeyToPath.key',
  'V1KeyToPath.path',
  'V1HostPathVolumeSource.path',
  'V1NFSVolumeSource.server',
  'V1NFSVolumeSource.path',
  'V1CSIVolumeSource.driver',
  'V1PersistentVolumeClaimVolumeSource.claimName',
  'V1DownwardAPIVolumeFile.path',
  'V1ObjectFieldSelector.fieldPath',
  'V1ResourceFieldSelector.resource',
  'V1ServiceAccountTokenProjection.path',
  'V1ClusterTrustBundleProjection.path',
  'V1PodCertificateProjection.keyType',
  'V1PodCertificateProjection.signerName',
  'V1PersistentVolumeClaimTemplate.spec',
  'V1TypedLocalObjectReference.kind',
  'V1TypedLocalObjectReference.name',
  'V1TypedObjectReference.kind',
  'V1TypedObjectReference.name',
  'V1GitRepoVolumeSource.repository',
  'V1GCEPersistentDiskVolumeSource.pdName',
  'V1AWSElasticBlockStoreVolumeSource.volumeID',
  'V1GlusterfsVolumeSource.endpoints',
  'V1GlusterfsVolumeSource.path',
  'V1ISCSIVolumeSource.targetPortal',
  'V1ISCSIVolumeSource.iqn',
  'V1ISCSIVolumeSource.lun',
  'V1RBDVolumeSource.monitors',
  'V1RBDVolumeSource.image',
  'V1CinderVolumeSource.volumeID',
  'V1CephFSVolumeSource.monitors',
  'V1QuobyteVolumeSource.registry',
  'V1QuobyteVolumeSource.volume',
  'V1FlexVolumeSource.driver',
  'V1AzureFileVolumeSource.secretName',
  'V1AzureFileVolumeSource.shareName',
  'V1VsphereVirtualDiskVolumeSource.volumePath',
  'V1PhotonPersistentDiskVolumeSource.pdID',
  'V1PortworxVolumeSource.volumeID',
  'V1AzureDiskVolumeSource.diskName',
  'V1AzureDiskVolumeSource.diskURI',
  'V1ScaleIOVolumeSource.gateway',
  'V1ScaleIOVolumeSource.system',
  'V1ScaleIOVolumeSource.secretRef',
  'V1SeccompProfile.type',
  'V1AppArmorProfile.type',
  'V1Sysctl.name',
  'V1Sysctl.value',
  // metadata / node / workloads families (rules/metadata.ts, rules/node.ts, rules/workloads.ts):
  // reported with upstream's own type and detail (an empty taint key is 2× Invalid, a missing
  // owner-reference field is Invalid "must not be empty") or not required at all upstream.
  'V1OwnerReference.apiVersion',
  'V1OwnerReference.kind',
  'V1OwnerReference.name',
  'V1OwnerReference.uid',
  'V1Taint.key',
  'V1Taint.effect',
  'V1DeploymentSpec.selector',
  'V1ReplicaSetSpec.selector',
  'V1StatefulSetSpec.selector',
  'V1DaemonSetSpec.selector',
  'V1CronJobSpec.schedule',
  'V1PodFailurePolicy.rules',
  'V1PodFailurePolicyRule.action',
  'V1PodFailurePolicyOnExitCodesRequirement.operator',
  'V1PodFailurePolicyOnExitCodesRequirement.values',
  'V1PodFailurePolicyOnPodConditionsPattern.type',
  'V1SuccessPolicy.rules',
  // Node status and spec.configSource: accepted on create without validation (configSource
  // is dropped); workload status is reset by the registry before validation.
  'V1ConfigMapNodeConfigSource.kubeletConfigKey',
  'V1ConfigMapNodeConfigSource.name',
  'V1ConfigMapNodeConfigSource.namespace',
  'V1NodeAddress.address',
  'V1NodeAddress.type',
  'V1NodeCondition.status',
  'V1NodeCondition.type',
  'V1DaemonEndpoint.Port',
  'V1NodeSystemInfo.architecture',
  'V1NodeSystemInfo.bootID',
  'V1NodeSystemInfo.containerRuntimeVersion',
  'V1NodeSystemInfo.kernelVersion',
  'V1NodeSystemInfo.kubeProxyVersion',
  'V1NodeSystemInfo.kubeletVersion',
  'V1NodeSystemInfo.machineID',
  'V1NodeSystemInfo.operatingSystem',
  'V1NodeSystemInfo.osImage',
  'V1NodeSystemInfo.systemUUID',
  'V1AttachedVolume.devicePath',
  'V1AttachedVolume.name',
  'V1DeploymentCondition.status',
  'V1DeploymentCondition.type',
  'V1StatefulSetCondition.status',
  'V1StatefulSetCondition.type',
  'V1StatefulSetStatus.replicas',
  'V1DaemonSetCondition.status',
  'V1DaemonSetCondition.type',
  'V1DaemonSetStatus.currentNumberScheduled',
  'V1DaemonSetStatus.desiredNumberScheduled',
  'V1DaemonSetStatus.numberMisscheduled',
  'V1DaemonSetStatus.numberReady',
  'V1ReplicaSetCondition.status',
  'V1ReplicaSetCondition.type',
  'V1ReplicaSetStatus.replicas',
  'V1ReplicationControllerCondition.status',
  'V1ReplicationControllerCondition.type',
  'V1ReplicationControllerStatus.replicas',
  'V1JobCondition.status',
  'V1JobCondition.type',
]);

interface Walk {
  findings: Finding[];
  /** Findings per rule so far, and the one standing for those past the cap. */
  tally: Map<string, { n: number; rest?: Finding }>;
}

/**
 * Whether a finding of `rule` at `span` is past the per-rule cap: then it is only counted
 * (on the stand-in validate/index.ts words), and the caller builds nothing. Half a million
 * misspelt keys would otherwise each get a message, a did-you-mean index and fixes, all
 * dropped again by capFindings.
 */
function omitted(w: Walk, rule: Finding['rule'], span: Span, errorType?: ErrorType): boolean {
  let t = w.tally.get(rule);
  if (!t) w.tally.set(rule, (t = { n: 0 }));
  if (++t.n <= findingsCap.perRule) return false;
  if (t.rest) t.rest.omitted!++;
  else {
    t.rest = { rule, span: { start: span.start, end: span.end }, message: '', omitted: 1 };
    if (errorType) t.rest.errorType = errorType;
    w.findings.push(t.rest);
  }
  return true;
}

function jsonKind(n: KNode): string {
  if (n.kind === 'map') return 'object';
  if (n.kind === 'seq') return 'array';
  switch (n.v.type) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'null':
      return 'null';
    default:
      return 'number';
  }
}

function goType(t: FieldType, format?: string): string {
  if (typeof t === 'object') return 'array' in t ? `[]${goType(t.array)}` : `map[string]${goType(t.map)}`;
  switch (t) {
    case 'string':
      return 'string';
    case 'integer':
      return format ?? 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'any':
      return 'interface {}';
    default:
      return `v1.${modelDisplayName(t)}`;
  }
}

/** The dotted path Go's encoding/json prints: no indexes or map keys. */
function goPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}

function typeMismatch(w: Walk, n: KNode, path: string, owner: string, t: FieldType, format?: string): void {
  const span = n.kind === 'scalar' ? { start: n.start, end: n.end } : { start: n.start, end: Math.min(n.end, n.start + 1) };
  if (omitted(w, 'invalid-type', span, 'Invalid')) return;
  const note = n.kind === 'scalar' && n.yaml12 ? ` (${n.yaml12})` : '';
  const finding: Finding = {
    rule: 'invalid-type',
    errorType: 'Invalid',
    field: path,
    span,
    message: `cannot unmarshal ${jsonKind(n)} into Go struct field ${modelDisplayName(owner)}.${goPath(path)} of type ${goType(t, format)}${note}`,
  };
  // A plain scalar read as a bool or number where a string belongs: quoting keeps the text.
  if (t === 'string' && n.kind === 'scalar' && n.plain && n.end > n.start) finding.fixes = [quoteScalar(n)];
  // The opposite: `containerPort: "8080"`, `hostNetwork: "true"`. Without the quotes the text
  // reads as the number or boolean the field wants.
  else if (n.kind === 'scalar' && !n.plain && n.v.type === 'string' && unquotedFits(n.text, t)) {
    finding.fixes = [{ title: `Remove the quotes: ${n.text}`, edits: [{ span: { start: n.start, end: n.end }, newText: n.text }], preferred: true }];
  }
  w.findings.push(finding);
}

/** Whether `text`, written without quotes, is a value of type `t` (an integer, a number, a boolean). */
function unquotedFits(text: string, t: FieldType): boolean {
  if (t !== 'integer' && t !== 'number' && t !== 'boolean') return false;
  // Only what the user plainly wrote as a number or a boolean (not `0x1F`, `1_000`, `yes`).
  if (t === 'boolean') return text === 'true' || text === 'false';
  const v = resolvePlain(text);
  // No leading zero: `"0644"` unquoted is octal 420, not what the text shows.
  if (t === 'integer') return v.type === 'int' && /^[+-]?(0|[1-9][0-9]*)$/.test(text);
  return (v.type === 'int' || v.type === 'float') && /^[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text);
}

function checkValue(w: Walk, n: KNode, t: FieldType, path: string, owner: string, format?: string): void {
  if (n.kind === 'scalar' && n.v.type === 'null') return; // JSON null leaves the zero value
  if (typeof t === 'object') {
    if ('array' in t) {
      if (n.kind !== 'seq') return typeMismatch(w, n, path, owner, t);
      for (let i = 0; i < n.items.length; i++) checkValue(w, n.items[i], t.array, indexPath(path, i), owner);
      return;
    }
    if (n.kind !== 'map') return typeMismatch(w, n, path, owner, t);
    checkDuplicates(w, n, path);
    // Node capacity/allocatable keys print as `status.capacity.<name>` upstream (a dot).
    for (const e of n.entries) checkValue(w, e.value, t.map, owner === 'V1NodeStatus' ? childPath(path, e.key) : keyPath(path, e.key), owner);
    return;
  }
  switch (t) {
    case 'any':
      return;
    case 'string':
      if (n.kind !== 'scalar' || n.v.type !== 'string') typeMismatch(w, n, path, owner, t);
      return;
    case 'boolean':
      if (n.kind !== 'scalar' || n.v.type !== 'bool') typeMismatch(w, n, path, owner, t);
      return;
    case 'number':
      if (n.kind !== 'scalar' || (n.v.type !== 'int' && n.v.type !== 'float')) typeMismatch(w, n, path, owner, t);
      return;
    case 'integer':
      if (n.kind !== 'scalar' || !isWholeNumber(n)) return typeMismatch(w, n, path, owner, t, format);
      if (format === 'int32' && n.kind === 'scalar' && typeof n.v.value === 'number' && (n.v.value > 2147483647 || n.v.value < -2147483648)) {
        if (omitted(w, 'invalid-type', n, 'Invalid')) return;
        w.findings.push({
          rule: 'invalid-type',
          errorType: 'Invalid',
          field: path,
          span: { start: n.start, end: n.end },
          message: `cannot unmarshal number ${n.text} into Go struct field ${modelDisplayName(owner)}.${goPath(path)} of type int32`,
        });
      }
      return;
    case 'int-or-string':
      if (n.kind !== 'scalar' || (n.v.type !== 'string' && !isWholeNumber(n))) typeMismatch(w, n, path, owner, t);
      return;
    case 'quantity':
      return checkQuantity(w, n, path, owner);
  }
  if (isModel(t)) {
    if (n.kind !== 'map') return typeMismatch(w, n, path, owner, t);
    checkObject(w, n, t, path, n.start);
  }
}

function isWholeNumber(n: KNode): boolean {
  return n.kind === 'scalar' && (n.v.type === 'int' || (n.v.type === 'float' && Number.isInteger(n.v.value)));
}

function checkQuantity(w: Walk, n: KNode, path: string, owner: string): void {
  if (n.kind !== 'scalar') return typeMismatch(w, n, path, owner, 'quantity');
  const v = n.v;
  const r = v.type === 'int' || v.type === 'float' ? quantityFromNumber(v.value) : parseQuantity(v.type === 'string' ? v.value : n.text);
  if (!r.ok && omitted(w, r.tooLong ? 'quantity-too-long' : 'invalid-quantity', n, r.tooLong ? undefined : 'Invalid')) return;
  if (!r.ok && r.tooLong) {
    // Well-formed, so the API server accepts it; too long to judge its value here.
    w.findings.push({ rule: 'quantity-too-long', field: path, span: { start: n.start, end: n.end }, message: r.message });
  } else if (!r.ok) {
    w.findings.push({
      rule: 'invalid-quantity',
      errorType: 'Invalid',
      field: path,
      span: { start: n.start, end: n.end },
      message: n.yaml12 ? `${r.message} (${n.yaml12})` : r.message,
    });
  }
}

function checkObject(w: Walk, map: KMap, model: string, path: string, ownerKeyStart: number, ownerKey?: Span): void {
  const schema = typeSchema(model);
  if (!schema) return;
  checkDuplicates(w, map, path);
  // The fields this map could still have: the candidates of every did-you-mean in it.
  let unused: NameIndex | undefined;
  for (const e of map.entries) {
    const f = fieldOf(model, e.key);
    if (!f) {
      if (omitted(w, 'unknown-field', e.keySpan, 'UnknownField')) continue;
      const p = childPath(path, e.key);
      const finding: Finding = { rule: 'unknown-field', errorType: 'UnknownField', field: p, span: e.keySpan, message: `unknown field "${p}"` };
      if (!e.merged) {
        unused ??= new NameIndex(Object.keys(schema.f).filter((k) => !entry(map, k)));
        const near = closestNames(e.key, unused);
        if (near.length) finding.fixes = near.map((k, i) => replaceSpan(`Change to "${k}"`, e.keySpan, k, i === 0));
      }
      w.findings.push(finding);
      continue;
    }
    const p = childPath(path, e.key);
    if (isModel(f.t) && e.value.kind === 'map') checkObject(w, e.value, f.t, p, e.keySpan.start, e.keySpan);
    else checkValue(w, e.value, f.t, p, model, f.f);
  }
  // Status is reset (Pods, workloads) or accepted unvalidated (Nodes) on create: an OpenAPI
  // `required` list is not what the API server enforces there, only validation code is.
  if (path === 'status' || path.startsWith('status.')) return;
  for (const key of requiredKeys(model, schema.f)) {
    const f = schema.f[key];
    if (entry(map, key)) continue;
    const anchor = ownerKey ?? (map.entries[0]?.keySpan ?? { start: ownerKeyStart, end: ownerKeyStart + 1 });
    if (omitted(w, 'required-field', anchor, 'Required')) continue;
    w.findings.push({
      rule: 'required-field',
      errorType: 'Required',
      field: childPath(path, key),
      span: anchor,
      message: `Required value: ${key} (${describeType(f.t)}) must be set`,
    });
  }
}

/** The required fields structural validation reports for a model, computed once per model. */
const requiredCache = new Map<string, string[]>();
function requiredKeys(model: string, fields: Record<string, FieldSchema>): string[] {
  let keys = requiredCache.get(model);
  if (!keys) {
    keys = Object.keys(fields).filter((k) => fields[k].r && !REQUIRED_HANDLED_ELSEWHERE.has(`${model}.${k}`));
    requiredCache.set(model, keys);
  }
  return keys;
}

/** Below this many entries a pairwise scan beats allocating a Map (most manifest maps). */
const SMALL_MAP = 12;

function checkDuplicates(w: Walk, map: KMap, path: string): void {
  const es = map.entries;
  if (es.length < 2) return;
  if (es.length <= SMALL_MAP) {
    let dup = false;
    for (let i = 1; i < es.length && !dup; i++) for (let j = 0; j < i; j++) if (es[i].key === es[j].key) dup = true;
    if (!dup) return;
  }
  const seen = new Map<string, Span>();
  for (const e of es) {
    if (e.merged) continue;
    const first = seen.get(e.key);
    if (!first) {
      seen.set(e.key, e.keySpan);
      continue;
    }
    if (omitted(w, 'duplicate-key', e.keySpan, 'DuplicateKey')) continue;
    w.findings.push({
      rule: 'duplicate-key',
      errorType: 'DuplicateKey',
      field: childPath(path, e.key),
      span: e.keySpan,
      message: `key "${e.key}" already set in map`,
      related: [{ span: first, message: `first "${e.key}" is here` }],
    });
  }
}

/** Structural findings for one object whose root model is `model`. */
export function validateStructure(node: KMap, model: string): Finding[] {
  const w: Walk = { findings: [], tally: new Map() };
  checkObject(w, node, model, '', node.start);
  return w.findings;
}
