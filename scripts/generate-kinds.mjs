// Generates the table of built-in API group versions and their kinds from @kubernetes/client-node,
// whose API classes are generated from the Kubernetes OpenAPI document: one class per group
// version (AppsV1Api …), one method per operation, with the operation's path and the model it
// reads or creates. A kind is the model a top-level resource is read as (GET …/{name}) or created
// as (POST on the collection); subresources (…/{name}/status, /scale, /binding) are not kinds, as in
// discovery. Only the API classes client-node exports are read: its dist folder keeps stale files
// of group versions that newer releases removed.
//
// The OpenAPI document lists every version the API server can serve (alpha and beta included);
// which of them a 1.35 API server serves by default is decided in server/src/service/schema/kinds.ts.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgJsonPath = require.resolve('@kubernetes/client-node/package.json');
const pkgDir = dirname(pkgJsonPath);
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
const genDir = join(pkgDir, 'dist', 'gen');
const outDir = join(root, 'server', 'src', 'service', 'schema', 'generated');
const outFile = join(outDir, 'api-kinds.json');

function fail(message) {
  console.error(`generate-kinds: ${message}`);
  process.exit(1);
}

function specVersion() {
  const text = readFileSync(join(genDir, 'models', 'V1Pod.js'), 'utf8');
  const m = /OpenAPI spec version: release-([0-9.]+)/.exec(text);
  return m ? m[1] : 'unknown';
}

/** The group-version API classes the package exports (`AppsV1Api`, `CoreV1Api` …). */
function exportedApis() {
  const index = readFileSync(join(genDir, 'index.js'), 'utf8');
  const names = [...index.matchAll(/\bObject(\w+?V\d+(?:alpha\d+|beta\d+)?Api) as /g)].map((m) => m[1]);
  if (names.length < 20) fail(`expected the group-version API classes in ${join(genDir, 'index.js')}, found ${names.length}`);
  return names;
}

/** Model name → kind: the generator prefixes a version (`V1`, `V1beta2`) and, on clashes, the group. */
function kindOf(model) {
  const m = /^(?:[A-Z][a-z]+)*?V\d+(?:alpha\d+|beta\d+)?([A-Z]\w*)$/.exec(model);
  if (!m) fail(`cannot read a kind from the model name "${model}"`);
  return m[1];
}

// `/api/v1/…` (core) or `/apis/<group>/<version>/…`, optionally namespaced, a plural, optionally `/{name}`.
const RESOURCE_PATH = /^\/(?:api|apis\/([^/]+))\/(v[^/]+)\/(?:namespaces\/\{namespace\}\/)?([a-z0-9]+)(\/\{name\})?$/;

function main() {
  /** `group/version` (core: `v1`) → kind → 'n' (namespaced) | 'c' (cluster-scoped). */
  const versions = {};
  for (const api of exportedApis()) {
    const js = readFileSync(join(genDir, 'apis', `${api}.js`), 'utf8');
    const requests = new Map();
    for (const m of js.matchAll(/\n {4}async (\w+)\([^)]*\) \{([\s\S]*?)\n {4}\}/g)) {
      const path = /const localVarPath = '([^']+)'/.exec(m[2]);
      const method = /HttpMethod\.(\w+)/.exec(m[2]);
      if (path && method) requests.set(m[1], { path: path[1], method: method[1] });
    }
    const models = new Map();
    for (const m of js.matchAll(/\n {4}async (\w+)WithHttpInfo\(response\) \{([\s\S]*?)\n {4}\}/g)) {
      const d = /ObjectSerializer\.deserialize\([^"]*"(\w+)"/.exec(m[2]);
      if (d) models.set(m[1], d[1]);
    }
    for (const [name, { path, method }] of requests) {
      const p = RESOURCE_PATH.exec(path);
      if (!p || path.includes('/watch/')) continue;
      const item = p[4] !== undefined;
      if (!((method === 'GET' && item) || (method === 'POST' && !item))) continue;
      const model = models.get(name);
      if (!model) fail(`${api}.${name} (${method} ${path}) has no response model`);
      const gv = p[1] ? `${p[1]}/${p[2]}` : p[2];
      // `/api/v1/namespaces/{name}` is the Namespace itself, not a namespaced resource.
      const namespaced = path.includes('/namespaces/{namespace}/');
      const kinds = (versions[gv] ??= {});
      const kind = kindOf(model);
      const scope = namespaced ? 'n' : 'c';
      if (kinds[kind] && kinds[kind] !== scope) fail(`${gv} ${kind} is both namespaced and cluster-scoped`);
      kinds[kind] = scope;
    }
  }
  for (const [gv, kind] of [['v1', 'Pod'], ['v1', 'Namespace'], ['apps/v1', 'Deployment'], ['batch/v1', 'CronJob'], ['networking.k8s.io/v1', 'Ingress']]) {
    if (!versions[gv]?.[kind]) fail(`${gv} ${kind} is missing: the client-node layout changed`);
  }
  const sorted = {};
  for (const gv of Object.keys(versions).sort()) {
    sorted[gv] = {};
    for (const k of Object.keys(versions[gv]).sort()) sorted[gv][k] = versions[gv][k];
  }
  const table = { source: `${pkg.name}@${pkg.version}`, kubernetesVersion: specVersion(), versions: sorted };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outFile, JSON.stringify(table));
  const kinds = Object.values(sorted).reduce((n, k) => n + Object.keys(k).length, 0);
  console.log(`generate-kinds: ${kinds} kinds in ${Object.keys(sorted).length} group versions from ${table.source} (Kubernetes ${table.kubernetesVersion}) → ${outFile.slice(root.length + 1)}`);
}

main();
