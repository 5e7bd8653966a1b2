// Generates Podsight's field schema from @kubernetes/client-node, whose models are generated
// from the Kubernetes OpenAPI document. We read each model's runtime `attributeTypeMap` (field
// names, types, formats) and its `.d.ts` (descriptions, which fields are required), starting
// from the kinds Podsight understands and following references. Nothing here is hand-typed
// except QUANTITY_FIELDS: client-node flattens `resource.Quantity` to `string`, but the API
// server also accepts JSON numbers there, so the schema must know which fields are quantities.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgJsonPath = require.resolve('@kubernetes/client-node/package.json');
const pkgDir = dirname(pkgJsonPath);
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
const modelsDir = join(pkgDir, 'dist', 'gen', 'models');
const outDir = join(root, 'server', 'src', 'service', 'schema', 'generated');
const outFile = join(outDir, 'k8s-schema.json');

/** Kinds whose objects Podsight validates, keyed by `apiVersion/kind`. */
const ROOTS = {
  'v1/Pod': 'V1Pod',
  'v1/Node': 'V1Node',
  'v1/PodTemplate': 'V1PodTemplate',
  'v1/ReplicationController': 'V1ReplicationController',
  'apps/v1/Deployment': 'V1Deployment',
  'apps/v1/StatefulSet': 'V1StatefulSet',
  'apps/v1/DaemonSet': 'V1DaemonSet',
  'apps/v1/ReplicaSet': 'V1ReplicaSet',
  'batch/v1/Job': 'V1Job',
  'batch/v1/CronJob': 'V1CronJob',
};

/** `resource.Quantity` fields in the OpenAPI (model.field); maps of quantities end in `{}`. */
const QUANTITY_FIELDS = new Set([
  'V1ResourceRequirements.limits{}',
  'V1ResourceRequirements.requests{}',
  'V1VolumeResourceRequirements.limits{}',
  'V1VolumeResourceRequirements.requests{}',
  'V1NodeStatus.capacity{}',
  'V1NodeStatus.allocatable{}',
  'V1PodSpec.overhead{}',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1ResourceFieldSelector.divisor',
  'V1ContainerStatus.allocatedResources{}',
  'V1PersistentVolumeClaimStatus.capacity{}',
  'V1PersistentVolumeClaimStatus.allocatedResources{}',
]);

/**
 * client-node describes every `intstr.IntOrString` field with the IntOrString type's own text,
 * losing the field's documentation. These are the fields' comments in k8s.io/api v0.35
 * (apps/v1 and core/v1 types.go), as the OpenAPI document carries them. A field client-node
 * describes properly is left alone; a new IntOrString field without an entry fails the build.
 */
const INT_OR_STRING_DOCS = {
  'V1RollingUpdateDeployment.maxUnavailable':
    'The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.',
  'V1RollingUpdateDeployment.maxSurge':
    'The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.',
  'V1RollingUpdateStatefulSetStrategy.maxUnavailable':
    'The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding up. This can not be 0. Defaults to 1. This field is beta-level and is enabled by default. The field applies to all pods in the range 0 to Replicas-1. That means if there is any unavailable pod in the range 0 to Replicas-1, it will be counted towards MaxUnavailable. This setting might not be effective for the OrderedReady podManagementPolicy. That policy ensures pods are created and become ready one at a time. (Kubernetes 1.35.4 turned its feature gate MaxUnavailableStatefulSet off again: the API server drops this field.)',
  'V1RollingUpdateDaemonSet.maxUnavailable':
    'The maximum number of DaemonSet pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of total number of DaemonSet pods at the start of the update (ex: 10%). Absolute number is calculated from percentage by rounding up. This cannot be 0 if MaxSurge is 0 Default value is 1. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their pods stopped for an update at any given time. The update starts by stopping at most 30% of those DaemonSet pods and then brings up new DaemonSet pods in their place. Once the new pods are available, it then proceeds onto other DaemonSet pods, thus ensuring that at least 70% of original number of DaemonSet pods are available at all times during the update.',
  'V1RollingUpdateDaemonSet.maxSurge':
    'The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up to a minimum of 1. Default value is 0. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their a new pod created before the old pod is marked as deleted. The update starts by launching new pods on 30% of nodes. Once an updated pod is available (Ready for at least minReadySeconds) the old DaemonSet pod on that node is marked deleted. If the old pod becomes unavailable for any reason (Ready transitions to false, is evicted, or is drained) an updated pod is immediately created on that node without considering surge limits. Allowing surge implies the possibility that the resources consumed by the daemonset on any given node can double if the readiness check fails, and so resource intensive daemonsets should take into account that they may cause evictions during disruption.',
  'V1HTTPGetAction.port': 'Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.',
  'V1TCPSocketAction.port': 'Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.',
};
const INT_OR_STRING_TYPE_DOC = /^IntOrString is a type that can hold an int32 or a string/;

/**
 * Where Kubernetes 1.35 (k8s.io/api v0.35.4, the release Podsight validates for) differs from
 * the 1.36 OpenAPI document client-node is generated from, for the types reachable from ROOTS.
 * Found by comparing every model's fields with the json tags of vendor/k8s.io/api/{core,apps,
 * batch}/v1/types.go and apimachinery's meta/v1 in github:openshift-kni/scheduler-plugins
 * (vendors k8s.io/kubernetes v1.35.4). A 1.36-only field is unknown to 1.35's strict decoder
 * (an error); a 1.35-only field decodes, and the create path decides what happens to it.
 * The generator fails if a listed field is no longer where it says, so a client-node upgrade
 * makes this list be looked at again.
 */
const RELEASE_FIELDS = {
  /** 1.36 only: 1.35 rejects them as unknown fields. */
  remove: [
    'V1PodSpec.schedulingGroup', // 1.36 replaced 1.35's workloadRef with it
    'V1PodStatus.nodeAllocatableResourceClaimStatuses',
    'V1VolumeMountStatus.volumeStatus',
    'V1ResourceHealth.message',
  ],
  /**
   * 1.35 only, with the client-node model that still describes them (V1WorkloadReference is
   * a leftover generated from the v1.35.0 OpenAPI). workloadRef is gated by GenericWorkload
   * (alpha, off by default in 1.35): decoded, then dropped by PrepareForCreate. For a
   * `dropped` field's model, the decoder's checks (types, unknown fields) apply but validation
   * never sees it, so its required fields are not marked required.
   */
  add: { 'V1PodSpec.workloadRef': { type: 'V1WorkloadReference', dropped: true, doc: 'WorkloadRef provides a reference to the Workload object that this Pod belongs to. This field is used by the scheduler to identify the PodGroup and apply the correct group scheduling policies. Kubernetes 1.35 only (feature gate GenericWorkload, alpha and off by default: the API server drops it); 1.36 replaced it with schedulingGroup.' } },
};

function specVersion() {
  const text = readFileSync(join(modelsDir, 'V1Pod.js'), 'utf8');
  const m = /OpenAPI spec version: release-([0-9.]+)/.exec(text);
  return m ? m[1] : 'unknown';
}

/** Descriptions and required-ness from the .d.ts of one model. */
function readDeclarations(model) {
  const text = readFileSync(join(modelsDir, `${model}.d.ts`), 'utf8');
  const classDoc = /\/\*\*\s*\n((?:\s*\*.*\n)*?)\s*\*\/\s*\nexport declare class/.exec(text);
  const fields = {};
  const re = /(?:\/\*\*\s*\n((?:[ \t]*\*(?!\/).*\n)*?)[ \t]*\*\/\s*\n)?[ \t]*'([^']+)'(\?)?:/g;
  let m;
  while ((m = re.exec(text))) {
    fields[m[2]] = { doc: m[1] ? cleanDoc(m[1]) : '', required: !m[3] };
  }
  return { doc: classDoc ? cleanDoc(classDoc[1]) : '', fields };
}

function cleanDoc(block) {
  return block
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join('\n')
    .replace(/\\(['"])/g, '$1')
    .trim();
}

/** Maps a client-node type string to the schema's compact type notation. */
function convertType(type, format, quantity) {
  if (quantity) return 'quantity';
  switch (type) {
    case 'string':
      return format === 'byte' ? 'string' : 'string';
    case 'number':
      return format === 'double' || format === 'float' ? 'number' : 'integer';
    case 'boolean':
      return 'boolean';
    case 'Date':
      return 'string';
    case 'any':
      return 'any';
    case 'IntOrString':
      return 'int-or-string';
  }
  let m = /^Array<(.+)>$/.exec(type);
  if (m) return { array: convertType(m[1], format, false) };
  m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (m) return { map: convertType(m[1], format, false) };
  if (/^[A-Z][A-Za-z0-9]*$/.test(type) && existsSync(join(modelsDir, `${type}.js`))) return type;
  throw new Error(`generate-schema: unknown client-node type "${type}"`);
}

function refsOf(t) {
  if (typeof t === 'string') return /^[A-Z]/.test(t) ? [t] : [];
  if (t.array) return refsOf(t.array);
  if (t.map) return refsOf(t.map);
  return [];
}

async function main() {
  const types = {};
  const droppedModels = new Set(Object.values(RELEASE_FIELDS.add).filter((a) => a.dropped).map((a) => a.type));
  const queue = Object.values(ROOTS);
  while (queue.length) {
    const model = queue.shift();
    if (types[model]) continue;
    const mod = await import(join(modelsDir, `${model}.js`));
    const cls = mod[model];
    const decl = readDeclarations(model);
    const fields = {};
    for (const attr of cls.getAttributeTypeMap()) {
      const key = attr.baseName;
      const isQuantityMap = QUANTITY_FIELDS.has(`${model}.${key}{}`);
      const isQuantity = QUANTITY_FIELDS.has(`${model}.${key}`);
      let t = convertType(attr.type, attr.format, isQuantity);
      if (isQuantityMap) t = { map: 'quantity' };
      const d = decl.fields[attr.name] ?? { doc: '', required: false };
      const field = { t };
      if (d.required && !droppedModels.has(model)) field.r = 1;
      if (t === 'int-or-string' && (!d.doc || INT_OR_STRING_TYPE_DOC.test(d.doc))) {
        const own = INT_OR_STRING_DOCS[`${model}.${key}`];
        if (!own) throw new Error(`generate-schema: ${model}.${key} is an IntOrString described only by its type; add its own documentation to INT_OR_STRING_DOCS`);
        field.d = own;
      } else if (d.doc) field.d = d.doc;
      if (attr.format === 'int32' || attr.format === 'int64') field.f = attr.format;
      fields[key] = field;
      for (const ref of refsOf(t)) if (!types[ref]) queue.push(ref);
    }
    for (const [key, added] of Object.entries(RELEASE_FIELDS.add)) {
      const [owner, name] = key.split('.');
      if (owner !== model) continue;
      if (fields[name]) throw new Error(`generate-schema: ${key} is in client-node now: drop it from RELEASE_FIELDS.add`);
      if (!existsSync(join(modelsDir, `${added.type}.js`))) throw new Error(`generate-schema: no client-node model ${added.type} for ${key}`);
      fields[name] = { t: added.type, d: added.doc };
      queue.push(added.type);
    }
    for (const key of RELEASE_FIELDS.remove) {
      const [owner, name] = key.split('.');
      if (owner !== model) continue;
      if (!fields[name]) throw new Error(`generate-schema: ${key} is gone from client-node: drop it from RELEASE_FIELDS.remove`);
      delete fields[name];
    }
    types[model] = { d: decl.doc, f: fields };
  }
  // Models only a removed field referred to are no longer reachable: keep just what is.
  const reachable = new Set();
  const walk = [...Object.values(ROOTS)];
  while (walk.length) {
    const model = walk.pop();
    if (reachable.has(model)) continue;
    reachable.add(model);
    for (const field of Object.values(types[model].f)) walk.push(...refsOf(field.t));
  }
  for (const model of Object.keys(types)) if (!reachable.has(model)) delete types[model];
  for (const key of [...RELEASE_FIELDS.remove, ...Object.keys(RELEASE_FIELDS.add)])
    if (!types[key.split('.')[0]]) throw new Error(`generate-schema: ${key}: its model is not reachable from ROOTS`);
  const schema = {
    source: `${pkg.name}@${pkg.version}`,
    kubernetesVersion: specVersion(),
    fieldsOf: '1.35',
    roots: ROOTS,
    types,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outFile, JSON.stringify(schema));
  console.log(
    `generate-schema: ${Object.keys(types).length} types from ${schema.source} (Kubernetes ${schema.kubernetesVersion}, fields as in ${schema.fieldsOf}) → ${outFile.slice(root.length + 1)}`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
