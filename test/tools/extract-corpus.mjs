#!/usr/bin/env node
/**
 * Developer tool: copies the Kubernetes manifests of a source tree that are meant to be applied
 * as they are (`kubectl apply -f FILE`) into a folder of its own, for the extra real-world
 * corpus the CLI corpus test runs over when PODSIGHT_EXTRA_CORPUS names the folder above those
 * (test/cli/upstream-fixtures.test.ts). The copies are never committed: test/tools/README.md
 * lists the repositories and commits, and how to rebuild the folder.
 *
 * Usage: node test/tools/extract-corpus.mjs SOURCE_DIR TARGET_DIR [--name owner/repo]
 *          [--commit SHA] [--skip-same-as DIR]...
 *
 * Each source gets its own folder, TARGET_DIR/owner__repo/: the CLI takes the files it is
 * given as one workspace (one cluster), and a LimitRange, Namespace or PriorityClass of one
 * repository must not judge the Pods of another. The test runs the CLI once per folder.
 * A file is copied (as owner__repo/path__to__file.yaml, byte for byte) when it is a
 * *.yaml/*.yml file and:
 *   - it is outside folders that hold no applied manifests: hidden ones (.git, .github, …),
 *     node_modules, vendor, test, tests, testdata, e2e, and every Helm chart (a folder with
 *     Chart.yaml); its own name does not start with a dot either;
 *   - it holds no template syntax (`{{`: Helm, Go templates, Jinja);
 *   - no kustomization in the tree names it as a patch (patches, patchesStrategicMerge,
 *     patchesJson6902): those are partial objects merged into others;
 *   - it parses as YAML, and every non-empty document is a mapping with a string apiVersion and
 *     kind (a list, a partial object or a values file is not applied as it is), the apiVersion
 *     one the API server could serve (core, a built-in group, or a CRD's dotted group);
 *   - none of its objects uses an API version Kubernetes no longer serves (REMOVED below):
 *     those files cannot be applied to a 1.35 cluster at all, so they test nothing but that;
 *   - its bytes are not the same as a file already in TARGET_DIR (any source), or as a file of
 *     a --skip-same-as folder (the shared corpus, say).
 * A TARGET_DIR/SOURCES.tsv row (file, repo, path, commit, sha256) is appended for each copied
 * file, and a summary of what was skipped and why goes to stderr. Files are kept whatever the
 * API server would answer: placeholders left to fill in (`<PROJECT_ID>`, `${IMAGE}`) are real
 * rejections the corpus test expects to see (test/tools/extra-corpus-rejections.tsv).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository's own `yaml` (a dependency of the engine), found from this file.
const require = createRequire(fileURLToPath(import.meta.url));
const YAML = require('yaml');

const SKIP_DIRS = new Set(['node_modules', 'vendor', 'test', 'tests', 'testdata', 'e2e']);
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Group versions removed from the API server by 1.35 (deprecation guide,
 * kubernetes.io/docs/reference/using-api/deprecation-guide): whatever kind a file declares in
 * them is not served.
 */
const REMOVED = new Set([
  'extensions/v1beta1',
  'apps/v1beta1',
  'apps/v1beta2',
  'batch/v1beta1',
  'batch/v2alpha1',
  'policy/v1beta1',
  'networking.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'rbac.authorization.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiregistration.k8s.io/v1beta1',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1beta1',
  'node.k8s.io/v1beta1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1alpha1',
  'coordination.k8s.io/v1beta1',
  'certificates.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'settings.k8s.io/v1alpha1',
]);
// admissionregistration.k8s.io/v1beta1 and storage.k8s.io/v1beta1 still serve some kinds.
const REMOVED_KINDS = new Set([
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration',
  'storage.k8s.io/v1beta1/CSIDriver',
  'storage.k8s.io/v1beta1/CSINode',
  'storage.k8s.io/v1beta1/StorageClass',
  'storage.k8s.io/v1beta1/CSIStorageCapacity',
]);

function parseArgs(argv) {
  const args = { skipSameAs: [] };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--name') args.name = argv[++i];
    else if (a === '--commit') args.commit = argv[++i];
    else if (a === '--skip-same-as') args.skipSameAs.push(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 2 || args.skipSameAs.includes(undefined)) {
    throw new Error('usage: extract-corpus.mjs SOURCE_DIR TARGET_DIR [--name owner/repo] [--commit SHA] [--skip-same-as DIR]...');
  }
  [args.source, args.target] = rest.map((p) => resolve(p));
  args.name ??= relative(dirname(args.source), args.source);
  return args;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Every regular file under `root` (no symlinks followed), skipping SKIP_DIRS, hidden ones and Helm charts. */
function walk(root) {
  const files = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable: nothing to copy from it
    }
    if (dir !== root && entries.some((e) => e.isFile() && e.name === 'Chart.yaml')) continue;
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(p);
      } else if (e.isFile() && !e.name.startsWith('.')) files.push(p);
    }
  }
  return files.sort();
}

/** The files kustomizations name as patches, resolved against their folder. */
function kustomizePatches(files) {
  const patches = new Set();
  for (const f of files) {
    if (!/(^|[\\/])kustomization\.ya?ml$/i.test(f)) continue;
    let k;
    try {
      k = YAML.parse(readFileSync(f, 'utf8'));
    } catch {
      continue;
    }
    if (!k || typeof k !== 'object') continue;
    const paths = [];
    for (const key of ['patchesStrategicMerge', 'patchesJson6902', 'patches']) {
      for (const p of Array.isArray(k[key]) ? k[key] : []) {
        if (typeof p === 'string') paths.push(p);
        else if (p && typeof p.path === 'string') paths.push(p.path);
      }
    }
    for (const p of paths) patches.add(resolve(dirname(f), p));
  }
  return patches;
}

/**
 * An apiVersion the API server could serve: the core group, a built-in group without a dot,
 * or a dotted group (a CRD's group must contain a dot). Keeps out other tools' files that
 * borrow the shape (istio's `apiVersion: release-notes/v2`, say).
 */
const DOTLESS_GROUPS = new Set(['apps', 'batch', 'autoscaling', 'policy', 'extensions']);
function isKubernetesApiVersion(apiVersion) {
  const parts = apiVersion.split('/');
  if (parts.length > 2 || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(parts.at(-1))) return false; // a DNS-1035 label
  return parts.length === 1 || DOTLESS_GROUPS.has(parts[0]) || parts[0].includes('.');
}

/** Why a file is not an applied manifest, or undefined when it is one. */
function rejectReason(text) {
  if (text.includes('{{')) return 'template ({{)';
  let docs;
  try {
    docs = YAML.parseAllDocuments(text, { uniqueKeys: false, version: '1.1' });
  } catch {
    return 'YAML parse error';
  }
  let objects = 0;
  for (const d of docs) {
    if (d.errors.length) return 'YAML parse error';
    const v = d.toJS({ maxAliasCount: 1000 });
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return 'a document that is not an object';
    if (typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return 'no apiVersion/kind (partial object or not a manifest)';
    if (!isKubernetesApiVersion(v.apiVersion)) return 'not a Kubernetes apiVersion';
    if (REMOVED.has(v.apiVersion) || REMOVED_KINDS.has(`${v.apiVersion}/${v.kind}`)) return 'removed API version';
    objects++;
  }
  return objects ? undefined : 'no object';
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!statSync(args.source).isDirectory()) throw new Error(`${args.source} is not a folder`);
  mkdirSync(args.target, { recursive: true });
  const seen = new Set();
  const remember = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isFile() && /\.ya?ml$/.test(e.name)) seen.add(sha256(readFileSync(join(dir, e.name))));
  };
  for (const dir of args.skipSameAs) if (existsSync(dir)) remember(dir);
  for (const e of readdirSync(args.target, { withFileTypes: true })) if (e.isDirectory()) remember(join(args.target, e.name));
  const prefix = args.name.replaceAll('/', '__');
  const folder = join(args.target, prefix);
  mkdirSync(folder, { recursive: true });
  const files = walk(args.source);
  const patches = kustomizePatches(files);
  const skipped = new Map();
  const skip = (why) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
  const sourcesFile = join(args.target, 'SOURCES.tsv');
  if (!existsSync(sourcesFile)) writeFileSync(sourcesFile, 'file\trepo\tpath\tcommit\tsha256\n');
  let copied = 0;
  for (const f of files) {
    if (!/\.ya?ml$/i.test(f) || /(^|[\\/])kustomization\.ya?ml$/i.test(f)) continue;
    if (patches.has(f)) {
      skip('kustomize patch');
      continue;
    }
    const bytes = readFileSync(f);
    if (bytes.length > MAX_BYTES) {
      skip('larger than 2 MiB');
      continue;
    }
    const why = rejectReason(bytes.toString('utf8'));
    if (why) {
      skip(why);
      continue;
    }
    const hash = sha256(bytes);
    if (seen.has(hash)) {
      skip('same bytes as a file already in the corpus');
      continue;
    }
    seen.add(hash);
    const path = relative(args.source, f).split(sep).join('/');
    const name = path.replaceAll('/', '__');
    writeFileSync(join(folder, name), bytes);
    appendFileSync(sourcesFile, `${prefix}/${name}\t${args.name}\t${path}\t${args.commit ?? ''}\t${hash}\n`);
    copied++;
  }
  const summary = [...skipped].map(([why, n]) => `${n} ${why}`).join(', ');
  process.stderr.write(`${args.name}: ${copied} files copied${summary ? `; skipped: ${summary}` : ''}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`extract-corpus: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
