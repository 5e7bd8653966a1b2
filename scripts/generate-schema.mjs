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
      if (d.required) field.r = 1;
      if (d.doc) field.d = d.doc;
      if (attr.format === 'int32' || attr.format === 'int64') field.f = attr.format;
      fields[key] = field;
      for (const ref of refsOf(t)) if (!types[ref]) queue.push(ref);
    }
    types[model] = { d: decl.doc, f: fields };
  }
  const schema = {
    source: `${pkg.name}@${pkg.version}`,
    kubernetesVersion: specVersion(),
    roots: ROOTS,
    types,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outFile, JSON.stringify(schema));
  console.log(
    `generate-schema: ${Object.keys(types).length} types from ${schema.source} (Kubernetes ${schema.kubernetesVersion}) → ${outFile.slice(root.length + 1)}`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
