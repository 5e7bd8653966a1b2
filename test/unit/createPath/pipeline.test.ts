/**
 * The create path's fast paths give what the plain steps give: createObject (one copy, then
 * every step in place, findings first and the stored object when read) against the public
 * functions, each copying its input; the decoding copy against a copy then decoding; admission
 * in place against copy-on-write; copyTree against deepCopy. On the examples, the shared
 * fixtures, the real-world corpus when present (../shared/corpus, or PODSIGHT_CORPUS), a
 * generated bench file, and deterministic mutations of them (nulls, zero values, wrong types,
 * shared and deeply nested parts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentChunk, splitDocuments } from '../../../server/src/service/parse/manifests';
import { toPlain, type Plain, type PlainObject } from '../../../server/src/service/model/plain';
import { createObject, namespaceOf, type CreateContext, type CreateFinding } from '../../../server/src/service/createPath';
import { admit, declaredObjects } from '../../../server/src/service/createPath/admission';
import { decodeAndDefault, defaultedCopy, prepareForCreate, storedObject } from '../../../server/src/service/createPath/defaults';
import { decodedCopy, goPass } from '../../../server/src/service/createPath/defaults/goJson';
import { kindOf, MODEL } from '../../../server/src/service/createPath/defaults/kinds';
import { canonicalJson, copyTree, deepCopy, Recorder } from '../../../server/src/service/createPath/defaults/record';
import { findNamespace, podSecurityForNamespace, podSecurityForObject } from '../../../server/src/service/createPath/podSecurity';
import { manifestOfLines } from '../../bench/generate';

const ROOT = join(__dirname, '..', '..', '..');
const CORPUS = process.env.PODSIGHT_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');

interface Manifest {
  name: string;
  object: PlainObject;
}

interface FileOfManifests {
  name: string;
  objects: Manifest[];
}

function readFile(name: string, text: string): FileOfManifests {
  const objects: Manifest[] = [];
  for (const [i, chunk] of splitDocuments(text).entries()) {
    const v = toPlain(parseDocumentChunk(chunk.text, i).root);
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const items = v.kind === 'List' && Array.isArray(v.items) ? v.items : [v];
    items.forEach((item, j) => {
      if (item && typeof item === 'object' && !Array.isArray(item)) objects.push({ name: `${name}#${i}.${j}`, object: item });
    });
  }
  return { name, objects };
}

/**
 * What the whole-cluster workspace declares besides the manifests: an object of every kind
 * admission reads, in the namespace most manifests are created in, so that every plugin and
 * PodSecurity (restricted, enforced) have something to change and judge.
 */
const CLUSTER = `apiVersion: v1
kind: Namespace
metadata:
  name: default
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: baseline
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/audit-version: v1.24
---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: default
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 512Mi}
    defaultRequest: {cpu: 100m}
    max: {cpu: "4", memory: 8Gi}
    min: {memory: 1Mi}
    maxLimitRequestRatio: {cpu: "10"}
  - type: Pod
    max: {cpu: "8"}
  - type: PersistentVolumeClaim
    min: {storage: 1Gi}
    max: {storage: 100Gi}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: robot
  namespace: default
  annotations:
    kubernetes.io/enforce-mountable-secrets: "true"
secrets:
- name: robot-token
imagePullSecrets:
- name: registry
automountServiceAccountToken: false
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: normal
value: 1000
globalDefault: true
preemptionPolicy: Never
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
overhead:
  podFixed: {cpu: 250m, memory: 120Mi}
scheduling:
  nodeSelector: {sandbox: gvisor, zone: ~}
  tolerations:
  - {key: sandbox, operator: Exists, effect: null, tolerationSeconds: null}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: example.com/disk
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: default
spec:
  hard: {pods: "50", requests.cpu: "20", limits.memory: 64Gi, requests.storage: 500Gi}
status:
  hard: {pods: "50"}
  used: {pods: "50"}
---
apiVersion: v1
kind: Node
metadata:
  name: node-a
  labels: {topology.kubernetes.io/zone: zone-a, topology.kubernetes.io/region: region-1}
---
apiVersion: v1
kind: Pod
metadata:
  name: uses-everything
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: localhost/profile
    container.apparmor.security.beta.kubernetes.io/side: runtime/default
spec:
  nodeName: node-a
  runtimeClassName: gvisor
  serviceAccountName: robot
  imagePullSecrets: [{name: other}]
  securityContext: {seccompProfile: {}, sysctls: [{value: "1"}], appArmorProfile: {}}
  containers:
  - name: app
    image: nginx
    ports: [{containerPort: 80, hostPort: 8080}]
    env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: other, key: t}}}]
    resources: {limits: {cpu: "0.0001", memory: 1Gi}}
    securityContext: {seccompProfile: {}, capabilities: {add: [NET_ADMIN]}}
  - name: side
    image: busybox:latest
    lifecycle: {stopSignal: SIGTERM}
  volumes:
  - {name: s, secret: {secretName: other}}
  - {name: claim, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 500Mi}}}}}}
---
apiVersion: v1
kind: Pod
metadata: {name: conflicting, labels: {app: c}}
spec:
  runtimeClassName: gvisor
  nodeSelector: {sandbox: runc}
  containers: [{name: c, image: "c:1", resources: {requests: {cpu: "5"}}}]
  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: c}}, matchLabelKeys: [app]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 200Gi}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}
  template:
    metadata: {labels: {app: db}}
    spec:
      serviceAccountName: robot
      priorityClassName: missing
      containers: [{name: db, image: postgres, securityContext: {privileged: true}}]
  volumeClaimTemplates: [{metadata: {name: data}, spec: {resources: {requests: {storage: 500Mi}}}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, annotations: {deprecated.daemonset.template.generation: "x"}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      runtimeClassName: gvisor
      containers: [{name: a, image: agent, ports: [{containerPort: 9100}]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: other}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: j, image: job, resources: {limits: {cpu: "1"}}}]
`;

function files(): FileOfManifests[] {
  const out: FileOfManifests[] = [readFile('cluster', CLUSTER)];
  const examples = join(ROOT, 'examples');
  for (const f of readdirSync(examples).sort()) if (f.endsWith('.yaml')) out.push(readFile(f, readFileSync(join(examples, f), 'utf8')));
  for (const line of readFileSync(join(ROOT, 'test', 'fixtures', 'validation.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { id: string; yaml: string };
    out.push(readFile(c.id, c.yaml));
  }
  if (existsSync(CORPUS)) for (const f of readdirSync(CORPUS).sort()) if (/\.ya?ml$/.test(f)) out.push(readFile(f, readFileSync(join(CORPUS, f), 'utf8')));
  out.push(readFile('bench', manifestOfLines(600)));
  return out;
}

function deepFreeze(v: Plain | undefined): void {
  const stack: Array<Plain | undefined> = [v];
  while (stack.length) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object' || Object.isFrozen(x)) continue;
    Object.freeze(x);
    for (const k of Object.keys(x)) stack.push((x as Record<string, Plain>)[k]);
  }
}

/** A declared workspace of the given objects (frozen: nothing may write into a declared object). */
function workspace(objects: Manifest[], complete: boolean): CreateContext {
  const inputs = objects.map((m, i) => ({ value: m.object, uri: `file:///ws/${i}.yaml` }));
  for (const i of inputs) deepFreeze(i.value);
  return { declared: declaredObjects(inputs, { complete }) };
}

/**
 * The create path from the public functions, each copying its input: what createObject gave
 * before it copied once and worked in place.
 */
function reference(object: PlainObject, ctx: CreateContext) {
  const namespace = namespaceOf(object, ctx.defaultNamespace);
  const defaulted = decodeAndDefault(object);
  const admitted = admit(defaulted.object, { declared: ctx.declared, namespace });
  const prepared = prepareForCreate(admitted.mutated, { namespace });
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const staged = (list: readonly CreateFinding[], stage: CreateFinding['stage']) => list.map((f) => ({ ...f, stage }));
  const psa =
    kind === 'Namespace'
      ? podSecurityForNamespace(prepared.stored, ctx.podSecurity)
      : podSecurityForObject({ kind, object: prepared.stored, namespace: namespace ? findNamespace(ctx.declared, namespace) : undefined, config: ctx.podSecurity });
  return {
    stored: prepared.stored,
    findings: [...staged(defaulted.findings, 'create'), ...staged(admitted.findings, 'admission'), ...staged(prepared.dropped, 'create'), ...staged(psa, 'admission')],
    changes: [...defaulted.changes, ...prepared.defaulted],
    serverAssigned: prepared.serverAssigned,
  };
}

/** Text of a value for comparison: object keys in order, related objects by identity of their name. */
function text(v: unknown): string {
  return JSON.stringify(v, (key, value: unknown) => (key === 'object' && value && typeof value === 'object' ? `<${JSON.stringify((value as PlainObject).metadata ?? null)}>` : value));
}

function sameCreate(object: PlainObject, ctx: CreateContext, name: string): void {
  const want = reference(object, ctx);
  const got = createObject(object, ctx);
  // The findings come from the run without serializing; the rest from the full run.
  assert.equal(text(got.findings), text(want.findings), `${name}: findings`);
  assert.equal(text(got.stored), text(want.stored), `${name}: stored`);
  assert.equal(text(got.changes), text(want.changes), `${name}: changes`);
  assert.equal(text(got.serverAssigned), text(want.serverAssigned), `${name}: serverAssigned`);
  assert.equal(got.stored, got.stored, 'the full run happens once');
}

// ── Deterministic mutations ───────────────────────────────────────────────────────────────

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const REPLACEMENTS: Array<() => Plain> = [
  () => null,
  () => '',
  () => 0,
  () => false,
  () => Object.create(null) as PlainObject,
  () => [],
  () => [null],
  () => 'x',
  () => -1,
  () => '1.0001m',
  () => ({ __proto__: null, a: null, b: '' }) as unknown as PlainObject,
];

/** Every container (object or array) of a value with its parent and key. */
function slots(root: PlainObject): Array<{ holder: PlainObject | Plain[]; key: string | number }> {
  const out: Array<{ holder: PlainObject | Plain[]; key: string | number }> = [];
  const stack: Array<PlainObject | Plain[]> = [root];
  while (stack.length) {
    const x = stack.pop()!;
    const keys: Array<string | number> = Array.isArray(x) ? x.map((_, i) => i) : Object.keys(x);
    for (const k of keys) {
      out.push({ holder: x, key: k });
      const v = (x as Record<string | number, Plain>)[k];
      if (v !== null && typeof v === 'object') stack.push(v as PlainObject | Plain[]);
    }
  }
  return out;
}

/** A copy of the object with a few values replaced, and sometimes a part shared by two places. */
function mutate(object: PlainObject, r: () => number): PlainObject {
  const copy = deepCopy(object) as PlainObject;
  const all = slots(copy).filter((s) => !(s.holder === copy && (s.key === 'apiVersion' || s.key === 'kind')));
  if (all.length === 0) return copy;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const s = all[Math.floor(r() * all.length)];
    (s.holder as Record<string | number, Plain>)[s.key] = REPLACEMENTS[Math.floor(r() * REPLACEMENTS.length)]();
  }
  if (r() < 0.3) {
    // The same object in two places (a value toPlain never makes, which copies must not share).
    const from = all[Math.floor(r() * all.length)];
    const to = all[Math.floor(r() * all.length)];
    const v = (from.holder as Record<string | number, Plain>)[from.key];
    if (v !== null && typeof v === 'object' && to.holder !== v) (to.holder as Record<string | number, Plain>)[to.key] = v;
  }
  return copy;
}

/** `depth` maps nested in each other. */
function nested(depth: number): PlainObject {
  const root = Object.create(null) as PlainObject;
  let cur = root;
  for (let i = 0; i < depth; i++) {
    const next = Object.create(null) as PlainObject;
    cur[i % 2 ? 'a' : 'b'] = i % 3 ? next : [next, null];
    cur = next;
  }
  return root;
}

// ──────────────────────────────────────────────────────────────────────────────────────────

const ALL = files();
const OBJECTS = ALL.flatMap((f) => f.objects);
const WHOLE = workspace(OBJECTS, true);

describe('createObject gives what the copying steps give', () => {
  test('there are manifests of many kinds, with declared objects', () => {
    const kinds = new Set(OBJECTS.map((m) => m.object.kind));
    for (const k of ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Node', 'Namespace', 'LimitRange', 'ServiceAccount', 'PersistentVolumeClaim']) assert.ok(kinds.has(k), k);
    // Admission and PodSecurity find something on these (so their paths are compared too).
    const rules = new Set(OBJECTS.flatMap((m) => createObject(m.object, WHOLE).findings.map((f) => f.rule)));
    for (const r of <const>['admission-limit-range', 'admission-limit-range-defaults', 'admission-service-account-secret-not-allowed', 'admission-runtime-class-node-selector-conflict', 'admission-priority-class-not-found', 'admission-resource-quota-exceeded', 'admission-default-storage-class', 'pod-security-enforce', 'pod-security-warn', 'create-dropped-field']) assert.ok(rules.has(r), r);
  });

  test('each file against what it declares, and every object against everything declared as the whole cluster', () => {
    for (const f of ALL) {
      const own = workspace(f.objects, false);
      for (const m of f.objects) {
        deepFreeze(m.object);
        sameCreate(m.object, own, m.name);
        sameCreate(m.object, WHOLE, `${m.name} (whole cluster)`);
      }
    }
  });

  test('on mutated objects: nulls, zero values, wrong types, a part in two places', () => {
    const r = rng(13);
    const handled = OBJECTS.filter((m) => kindOf(m.object));
    for (let i = 0; i < 600; i++) {
      const m = handled[Math.floor(r() * handled.length)];
      const object = mutate(m.object, r);
      deepFreeze(object);
      sameCreate(object, WHOLE, `${m.name} mutation ${i}`);
    }
  });

  test('on a Pod nested deeper than any copy recurses, without throwing', () => {
    for (const depth of [10, 300, 100_000]) {
      const pod = toPlain(parseDocumentChunk('apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec:\n  containers:\n  - name: app\n    image: nginx\n', 0).root) as PlainObject;
      (pod.metadata as PlainObject).extra = nested(depth);
      (pod.spec as PlainObject).deep = nested(depth);
      deepFreeze(pod);
      if (depth < 1000) sameCreate(pod, WHOLE, `depth ${depth}`);
      const r = createObject(pod, WHOLE);
      assert.equal((r.stored.spec as PlainObject).restartPolicy, 'Always');
      assert.equal(canonicalJson((r.stored.spec as PlainObject).deep), canonicalJson((pod.spec as PlainObject).deep));
    }
  });
});

test('createObject time grows linearly with the containers, volumes and tolerations of a Pod (8x input, interleaved, best of seven)', () => {
  const pod = (n: number): PlainObject => {
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: big, annotations: {a: b}}', 'spec:', '  containers:'];
    for (let i = 0; i < n; i++) lines.push(`  - {name: c${i}, image: "x:${i}", ports: [{containerPort: ${i + 1}}], resources: {limits: {cpu: "0.0001", memory: 1Gi}}, volumeMounts: [{name: v${i}, mountPath: /m}]}`);
    lines.push('  volumes:');
    for (let i = 0; i < n; i++) lines.push(`  - {name: v${i}, projected: {sources: [{downwardAPI: {items: [{path: p, fieldRef: {fieldPath: metadata.name}}]}}]}}`);
    lines.push('  tolerations:');
    for (let i = 0; i < n; i++) lines.push(`  - {key: t${i}, operator: Exists}`);
    return toPlain(parseDocumentChunk(lines.join('\n') + '\n', 0).root) as PlainObject;
  };
  const inputs = { small: pod(250), large: pod(2000) };
  const best = { small: Infinity, large: Infinity };
  for (let r = 0; r < 8; r++) {
    for (const size of ['small', 'large'] as const) {
      const t0 = process.hrtime.bigint();
      const result = createObject(inputs[size], WHOLE);
      void result.stored;
      if (r > 0) best[size] = Math.min(best[size], Number(process.hrtime.bigint() - t0));
    }
  }
  const ratio = best.large / best.small;
  // Linear gives about 8 (up to twice that on a busy machine: caches, GC); quadratic work would give 64.
  assert.ok(ratio < 30, `2000/250 time ratio ${ratio.toFixed(1)}`);
});

describe('the steps the pipeline shares', () => {
  test('the decoding copy is a copy, then decoding', () => {
    const r = rng(7);
    const inputs = OBJECTS.filter((m) => kindOf(m.object)).flatMap((m) => [m.object, mutate(m.object, r)]);
    for (const object of [...inputs, { apiVersion: 'v1', kind: 'Pod', spec: nested(300) } as unknown as PlainObject]) {
      const model = MODEL[kindOf(object)!];
      const want = copyTree(object) as PlainObject;
      goPass(want, model, {}, new Recorder());
      deepFreeze(object);
      assert.equal(canonicalJson(decodedCopy(object, model)), canonicalJson(want));
      assert.equal(JSON.stringify(decodedCopy(object, model)), JSON.stringify(want), 'same key order');
    }
  });

  test('the rounding pass reaches every resource list, and only resource lists', () => {
    const plain = (yaml: string) => toPlain(parseDocumentChunk(yaml, 0).root) as PlainObject;
    const at = (o: Plain | undefined, path: string): Plain | undefined =>
      path.split('.').reduce<Plain | undefined>((cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, Plain>)[k] : undefined), o);
    const pod = decodeAndDefault(
      plain(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  overhead: {cpu: "0.0001"}
  resources: {limits: {cpu: 1500u}}
  initContainers: [{name: i, image: x, resources: {requests: {cpu: 1n}}}]
  containers:
  - name: c
    image: x
    resources: {limits: {cpu: "1.0001", memory: 1n}}
    env: [{name: E, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1n}}}]
  ephemeralContainers: [{name: e, image: x, resources: {limits: {cpu: 1n}}}]
  volumes:
  - {name: d, emptyDir: {sizeLimit: 1n}}
  - {name: t, ephemeral: {volumeClaimTemplate: {spec: {resources: {requests: {storage: 1n}}}}}}
status: {allocatedResources: {cpu: 1n}}
`),
    );
    for (const [path, want] of [
      ['spec.overhead.cpu', '1m'],
      ['spec.resources.limits.cpu', '2m'],
      ['spec.initContainers.0.resources.requests.cpu', '1m'],
      ['spec.containers.0.resources.limits.cpu', '1001m'],
      ['spec.containers.0.resources.requests.cpu', '1001m'],
      ['spec.containers.0.resources.limits.memory', '1m'],
      ['spec.ephemeralContainers.0.resources.limits.cpu', '1m'],
      ['spec.volumes.1.ephemeral.volumeClaimTemplate.spec.resources.requests.storage', '1m'],
      // Quantities outside resource lists keep their precision.
      ['spec.containers.0.env.0.valueFrom.resourceFieldRef.divisor', '1n'],
      ['spec.volumes.0.emptyDir.sizeLimit', '1n'],
    ] as const) {
      assert.equal(at(pod.object, path), want, path);
    }
    assert.ok(pod.changes.some((c) => c.by === 'canonical' && c.path === 'spec.containers[0].resources.limits[cpu]' && c.value === '1001m'));
    const node = decodeAndDefault(plain('apiVersion: v1\nkind: Node\nmetadata: {name: n}\nstatus: {capacity: {cpu: 1n}}\n'));
    assert.equal(at(node.object, 'status.capacity.cpu'), '1m');
    assert.equal(at(node.object, 'status.allocatable.cpu'), '1m');
    const sts = decodeAndDefault(
      plain(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template: {spec: {containers: [{name: c, image: x, resources: {requests: {cpu: 1n}}}]}}
  volumeClaimTemplates: [{metadata: {name: v}, spec: {resources: {requests: {storage: 1n}}}}]
`),
    );
    assert.equal(at(sts.object, 'spec.template.spec.containers.0.resources.requests.cpu'), '1m');
    assert.equal(at(sts.object, 'spec.volumeClaimTemplates.0.spec.resources.requests.storage'), '1m');
  });

  test('defaulting without listing the changes gives the same object', () => {
    const r = rng(5);
    for (const m of OBJECTS) {
      for (const object of [m.object, mutate(m.object, r)]) {
        const listed = decodeAndDefault(object);
        const rec = new Recorder(false);
        const silent = defaultedCopy(object, rec);
        assert.equal(JSON.stringify(silent.object), JSON.stringify(listed.object), m.name);
        assert.deepEqual(rec.changes, []);
        assert.equal(text(rec.findings), text(listed.findings), m.name);
      }
    }
  });

  test('decoding again changes nothing after defaulting (why the rounding pass walks only resource lists)', () => {
    const r = rng(11);
    for (const m of OBJECTS) {
      for (const object of [m.object, mutate(m.object, r)]) {
        const d = decodeAndDefault(object);
        if (!d.kind) continue;
        const before = JSON.stringify(d.object);
        goPass(d.object, MODEL[d.kind], {}, new Recorder());
        assert.equal(JSON.stringify(d.object), before, m.name);
      }
    }
  });

  test('admission in place gives what copy-on-write gives, and never writes into declared objects', () => {
    for (const m of OBJECTS) {
      const d = decodeAndDefault(m.object).object;
      deepFreeze(d);
      const namespace = namespaceOf(m.object);
      const cow = admit(d, { declared: WHOLE.declared, namespace });
      const inPlace = admit(copyTree(d) as PlainObject, { declared: WHOLE.declared, namespace, inPlace: true });
      assert.equal(text(inPlace.findings), text(cow.findings), m.name);
      assert.equal(canonicalJson(inPlace.mutated), canonicalJson(cow.mutated), m.name);
    }
  });

  test('storedObject is decodeAndDefault then prepareForCreate', () => {
    for (const m of OBJECTS) {
      const first = decodeAndDefault(m.object);
      const second = prepareForCreate(first.object);
      const both = storedObject(m.object);
      assert.equal(JSON.stringify(both.stored), JSON.stringify(second.stored), m.name);
      assert.equal(JSON.stringify(both.defaulted), JSON.stringify([...first.changes, ...second.defaulted]), m.name);
      assert.equal(JSON.stringify(both.dropped), JSON.stringify([...first.findings, ...second.dropped]), m.name);
    }
  });

  test('copyTree is deepCopy: trees, shared parts, deep nesting and cycles', () => {
    const shared = { __proto__: null, x: [1, 'a', null, true] } as unknown as PlainObject;
    const dag = { __proto__: null, a: shared, b: [shared, shared] } as unknown as PlainObject;
    const cyclic = Object.create(null) as PlainObject;
    cyclic.self = cyclic;
    cyclic.list = [cyclic, { __proto__: null, back: cyclic } as unknown as PlainObject];
    const holes: Plain[] = new Array(3);
    holes[1] = 'x';
    for (const v of [...OBJECTS.slice(0, 50).map((m) => m.object), dag, cyclic, nested(300), nested(20), holes, 'scalar', null] as Plain[]) {
      const a = copyTree(v);
      const b = deepCopy(v);
      assert.equal(canonicalJson(a), canonicalJson(b));
      if (v !== null && typeof v === 'object') assert.notEqual(a, v);
    }
    const c = copyTree(dag) as PlainObject;
    assert.notEqual(c.a, (c.b as Plain[])[0], 'shared parts are copied apart');
    // Nothing inherited: hostile keys stay ordinary own keys.
    for (const k of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(k in c, false, k);
    assert.equal(1 in (copyTree(holes) as Plain[]), true);
    assert.equal(0 in (copyTree(holes) as Plain[]), false);
  });
});
