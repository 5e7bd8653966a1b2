import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMISSION_PLUGINS, admit, declaredObjects } from '../../../../server/src/service/createPath/admission';
import { ctx, growthRatio, json, plain, pod } from './helpers';

test("the plugins run in kube-apiserver's order, each on the previous result", () => {
  assert.deepEqual(
    ADMISSION_PLUGINS.map((p) => p.name),
    ['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection', 'RuntimeClass', 'PodTopologyLabels', 'ResourceQuota'],
  );
  const workspace = ctx([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'shop' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m' } }] } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'shop' }, imagePullSecrets: [{ name: 'registry' }] },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'normal' }, value: 1000, globalDefault: true },
    // Tolerates not-ready for ever: RuntimeClass runs after DefaultTolerationSeconds and its merge drops the 300 s one.
    { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', scheduling: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] } },
  ]);
  const input = pod({ serviceAccountName: 'robot', runtimeClassName: 'gvisor' });
  const r = admit(input, workspace);
  assert.deepEqual(
    r.findings.map((f) => f.rule),
    ['admission-limit-range-defaults'],
  );
  assert.deepEqual(json(r.mutated), {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu request for container app' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          resources: { requests: { cpu: '100m' } },
          volumeMounts: [{ name: 'kube-api-access-xxxxx', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        },
      ],
      serviceAccountName: 'robot',
      runtimeClassName: 'gvisor',
      serviceAccount: 'robot',
      volumes: [
        {
          name: 'kube-api-access-xxxxx',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
            defaultMode: 420,
          },
        },
      ],
      imagePullSecrets: [{ name: 'registry' }],
      priorityClassName: 'normal',
      priority: 1000,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ],
    },
  });
  // The frozen input is untouched.
  assert.deepEqual(json(input.spec), { containers: [{ name: 'app', image: 'nginx:1.27' }], serviceAccountName: 'robot', runtimeClassName: 'gvisor' });
});

test('every plugin runs even after a rejection, so all problems show at once', () => {
  const r = admit(pod({ serviceAccountName: 'ghost', priorityClassName: 'ghost', runtimeClassName: 'ghost' }), ctx([], { complete: true }));
  assert.deepEqual(
    r.findings.map((f) => [f.rule, f.errorType]),
    [
      ['admission-namespace-not-found', 'NotFound'],
      ['admission-service-account-not-found', 'Forbidden'],
      ['admission-priority-class-not-found', 'Forbidden'],
      ['admission-runtime-class-not-found', 'Forbidden'],
    ],
  );
});

test('declaredObjects: namespaced objects default to the context namespace, cluster-scoped ones live under ""', () => {
  const d = declaredObjects([
    plain({ kind: 'ServiceAccount', metadata: { name: 'a' } }),
    plain({ kind: 'ServiceAccount', metadata: { name: 'b', namespace: 'shop' } }),
    plain({ kind: 'PriorityClass', metadata: { name: 'p', namespace: 'ignored' } }),
    plain({ kind: 'ServiceAccount', metadata: {} }),
    plain({ metadata: { name: 'no-kind' } }),
  ]);
  assert.deepEqual(d.get('ServiceAccount', 'default').map((x) => x.name), ['a']);
  assert.deepEqual(d.get('ServiceAccount', 'shop').map((x) => x.name), ['b']);
  assert.deepEqual(d.get('PriorityClass', '').map((x) => x.name), ['p']);
  assert.equal(d.closed('ServiceAccount', 'shop'), true);
  assert.equal(d.closed('ServiceAccount', 'billing'), false);
  assert.equal(d.complete, false);
  const all = declaredObjects([], { complete: true });
  assert.equal(all.closed('ServiceAccount', 'billing'), true);
});

// A seeded generator of wrong-typed, hostile Pods built from the field names the plugins read.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = [
  'spec', 'metadata', 'annotations', 'labels', 'name', 'namespace', 'containers', 'initContainers', 'ephemeralContainers', 'resources', 'requests', 'limits',
  'cpu', 'memory', 'storage', 'volumes', 'volumeMounts', 'mountPath', 'projected', 'sources', 'serviceAccountToken', 'secret', 'secretName', 'env', 'envFrom',
  'valueFrom', 'secretKeyRef', 'secretRef', 'imagePullSecrets', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'priorityClassName',
  'priority', 'preemptionPolicy', 'runtimeClassName', 'overhead', 'nodeSelector', 'tolerations', 'key', 'operator', 'effect', 'tolerationSeconds', 'nodeName',
  'restartPolicy', 'limits', 'type', 'min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio', 'podFixed', 'scheduling', 'globalDefault', 'value',
  'volumeClaimTemplates', 'ephemeral', 'volumeClaimTemplate', 'storageClassName', 'finalizers', 'taints', 'status', 'phase', 'template', '__proto__', 'constructor',
];
const SCALARS: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', '100m', '1Gi', '-5', 'NaN', 'Exists', 'Equal', 'NoExecute', 'Always', 'Container', 'Pod', 'PersistentVolumeClaim', 'Terminating', 'true', 'kubernetes.io/config.mirror', 'kube-api-access-1', '/var/run/secrets/kubernetes.io/serviceaccount'];

function value(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth <= 0 || r < 0.35) return SCALARS[Math.floor(rnd() * SCALARS.length)];
  if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth - 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) Object.defineProperty(o, KEYS[Math.floor(rnd() * KEYS.length)], { value: value(rnd, depth - 1), enumerable: true, configurable: true, writable: true });
  return o;
}

test('hostile, wrong-typed objects and workspaces: no plugin throws, no input is mutated', () => {
  const rnd = random(13);
  const kinds = ['Pod', 'Deployment', 'StatefulSet', 'CronJob', 'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'Namespace', 42];
  for (let round = 0; round < 1500; round++) {
    const object = plain({ ...(value(rnd, 6) as object), kind: kinds[Math.floor(rnd() * kinds.length)], spec: value(rnd, 6), metadata: value(rnd, 3) });
    const declared = Array.from({ length: Math.floor(rnd() * 6) }, () => ({
      ...(value(rnd, 4) as object),
      kind: ['ServiceAccount', 'LimitRange', 'PriorityClass', 'RuntimeClass', 'StorageClass', 'Namespace', 'Node'][Math.floor(rnd() * 7)],
      metadata: { name: ['default', 'x', '', 'shop'][Math.floor(rnd() * 4)], namespace: 'shop', annotations: value(rnd, 2) },
      spec: value(rnd, 5),
    }));
    const before = JSON.stringify(object);
    for (const p of ADMISSION_PLUGINS) {
      const r = p.admit(object, ctx(declared, { complete: rnd() < 0.5 }));
      assert.ok(Array.isArray(r.findings));
    }
    admit(object, ctx(declared));
    assert.equal(JSON.stringify(object), before);
  }
});

test('deeply nested unrelated content is never walked (no recursion on input depth)', () => {
  let deep: Record<string, unknown> = {};
  const root = deep;
  for (let i = 0; i < 200_000; i++) {
    const next: Record<string, unknown> = {};
    deep.x = next;
    deep = next;
  }
  const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', annotations: { a: 'b' } }, spec: { containers: [{ name: 'app', image: 'x', extra: root }], extra: root } };
  const r = admit(p as never, ctx([{ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'shop' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '1' } }] } }]));
  assert.deepEqual(r.findings.map((f) => f.rule), ['admission-namespace-not-found', 'admission-limit-range-defaults']);
});

test('admission time grows linearly with the number of containers and tolerations (8x input, interleaved, best of seven)', () => {
  const workspace = ctx([
    { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'shop' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m' }, max: { memory: '1Gi' } }, { type: 'Pod', max: { cpu: '1000' } }] } },
    { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'rc' }, handler: 'h', scheduling: { tolerations: [{ key: 'k', operator: 'Exists' }] } },
  ]);
  const big = (n: number) =>
    plain({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        runtimeClassName: 'rc',
        containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'x', resources: { limits: { memory: '512Mi' } } })),
        tolerations: Array.from({ length: n }, (_, i) => ({ key: `t${i}`, operator: 'Equal', value: 'v' })),
      },
    });
  const inputs = { small: big(750), large: big(6000) };
  const ratio = growthRatio((size) => void admit(inputs[size], workspace));
  // Linear gives about 8 (up to twice that on a busy machine: caches, GC); quadratic work
  // would give 64.
  assert.ok(ratio < 40, `6k/750 time ratio ${ratio.toFixed(1)}`);
});
