import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceAccount } from '../../../../server/src/service/createPath/admission/serviceAccount';
import { ctx, deployment, json, pod, run, spec } from './helpers';

const sa = (name: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'shop', ...meta },
  ...extra,
});

const TOKEN_VOLUME = {
  name: 'kube-api-access-xxxxx',
  projected: {
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: 420,
  },
};
const TOKEN_MOUNT = { name: 'kube-api-access-xxxxx', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };

test('no account named: default (written to the deprecated alias too), the projected token volume, mounted read-only in init and regular containers but not ephemeral ones', () => {
  const p = pod({
    initContainers: [{ name: 'init', image: 'busybox' }],
    containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  });
  const r = run(serviceAccount, p);
  assert.deepEqual(r.findings, []);
  const s = spec(r);
  assert.equal(s.serviceAccountName, 'default');
  assert.equal(s.serviceAccount, 'default');
  assert.deepEqual(s.volumes, [{ name: 'data', emptyDir: {} }, TOKEN_VOLUME]);
  assert.deepEqual(s.initContainers, [{ name: 'init', image: 'busybox', volumeMounts: [TOKEN_MOUNT] }]);
  assert.deepEqual(s.containers, [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }, TOKEN_MOUNT] }]);
  assert.deepEqual(s.ephemeralContainers, [{ name: 'debug', image: 'busybox' }]);
  // The input is frozen by the helper: it was not touched.
  assert.equal((p.spec as Record<string, unknown>).serviceAccountName, undefined);
});

test('the deprecated serviceAccount field names the account when serviceAccountName is empty', () => {
  const r = run(serviceAccount, pod({ serviceAccount: 'robot' }), ctx([sa('robot')]));
  assert.deepEqual(r.findings, []);
  assert.equal(spec(r).serviceAccountName, 'robot');
  assert.equal(spec(r).serviceAccount, 'robot');
  // When both are set, the name wins and is stored in both.
  const both = run(serviceAccount, pod({ serviceAccountName: 'robot', serviceAccount: 'other' }), ctx([sa('robot')]));
  assert.equal(spec(both).serviceAccount, 'robot');
});

test('a container that already mounts the token path keeps its mount; an existing kube-api-access- volume is reused', () => {
  const r = run(
    serviceAccount,
    pod({
      containers: [
        { name: 'a', image: 'x', volumeMounts: [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] },
        { name: 'b', image: 'x' },
      ],
      volumes: [{ name: 'kube-api-access-abcde', projected: { sources: [] } }],
    }),
  );
  const s = spec(r);
  assert.deepEqual((s.containers as Array<Record<string, unknown>>)[0].volumeMounts, [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  assert.deepEqual((s.containers as Array<Record<string, unknown>>)[1].volumeMounts, [{ ...TOKEN_MOUNT, name: 'kube-api-access-abcde' }]);
  assert.deepEqual(s.volumes, [{ name: 'kube-api-access-abcde', projected: { sources: [] } }]);
});

test('no volume is added when every container already mounts the path', () => {
  const r = run(serviceAccount, pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 't', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }] }));
  assert.equal(spec(r).volumes, undefined);
});

test('automountServiceAccountToken: the Pod decides, else the account, else true', () => {
  const off = sa('robot', { automountServiceAccountToken: false });
  const cases: Array<[Record<string, unknown>, boolean]> = [
    [{ automountServiceAccountToken: false }, false],
    [{ serviceAccountName: 'robot' }, false],
    [{ serviceAccountName: 'robot', automountServiceAccountToken: true }, true],
    [{}, true],
  ];
  for (const [s, mounted] of cases) {
    const r = run(serviceAccount, pod(s), ctx([off]));
    assert.equal(spec(r).volumes !== undefined, mounted, JSON.stringify(s));
  }
});

test('a missing account under the closed-world rule: a warning with the upstream words, nothing mounted', () => {
  const r = run(serviceAccount, pod({ serviceAccountName: 'robot' }), ctx([sa('builder')]));
  assert.deepEqual(r.findings, [
    {
      rule: 'admission-service-account-not-found',
      field: 'spec.serviceAccountName',
      severity: 'warning',
      message:
        'pods "web" is forbidden: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace declares ServiceAccounts in namespace "shop" but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)',
    },
  ]);
  assert.equal(spec(r).volumes, undefined);
});

test('an account not declared here is information; the Pod is admitted as with a plain account', () => {
  const r = run(serviceAccount, pod({ serviceAccountName: 'robot' }), ctx([]));
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].severity, 'information');
  assert.equal(
    r.findings[0].message,
    'ServiceAccount "robot" is not declared here (the workspace declares no ServiceAccounts in namespace "shop"); if the cluster lacks it too: pods "web" is forbidden: error looking up service account shop/robot: serviceaccount "robot" not found',
  );
  assert.deepEqual(spec(r).volumes, [TOKEN_VOLUME]);
});

test('the default account exists in every namespace even when others are declared', () => {
  assert.deepEqual(run(serviceAccount, pod(), ctx([sa('builder')], { complete: true })).findings, []);
});

test("the account's imagePullSecrets are copied when the Pod has none", () => {
  const robot = sa('robot', { imagePullSecrets: [{ name: 'registry' }, { name: 'mirror' }] });
  assert.deepEqual(spec(run(serviceAccount, pod({ serviceAccountName: 'robot' }), ctx([robot]))).imagePullSecrets, [{ name: 'registry' }, { name: 'mirror' }]);
  assert.deepEqual(spec(run(serviceAccount, pod({ serviceAccountName: 'robot', imagePullSecrets: [{ name: 'own' }] }), ctx([robot]))).imagePullSecrets, [{ name: 'own' }]);
});

test('kubernetes.io/enforce-mountable-secrets: only the secrets the account lists, with each upstream message', () => {
  const robot = sa('robot', { secrets: [{ name: 'ok' }], imagePullSecrets: [{ name: 'pull-ok' }] }, { annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } });
  const p = pod({
    serviceAccountName: 'robot',
    imagePullSecrets: [{ name: 'pull-ok' }, { name: 'pull-bad' }],
    initContainers: [{ name: 'init', image: 'x', envFrom: [{ secretRef: { name: 'bad-init' } }] }],
    containers: [{ name: 'app', image: 'x', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'bad-env', key: 'k' } } }, { name: 'OK', valueFrom: { secretKeyRef: { name: 'ok', key: 'k' } } }] }],
    volumes: [{ name: 'v', secret: { secretName: 'bad-vol' } }, { name: 'w', secret: { secretName: 'ok' } }],
  });
  const r = run(serviceAccount, p, ctx([robot]));
  assert.deepEqual(
    r.findings.map((f) => [f.field, f.message]),
    [
      ['spec.volumes[0].secret.secretName', 'pods "web" is forbidden: volume with secret.secretName="bad-vol" is not allowed because service account robot does not reference that secret'],
      ['spec.initContainers[0].envFrom[0].secretRef.name', 'pods "web" is forbidden: init container init with envFrom referencing secret.secretName="bad-init" is not allowed because service account robot does not reference that secret'],
      ['spec.containers[0].env[0].valueFrom.secretKeyRef.name', 'pods "web" is forbidden: container app with envVar TOKEN referencing secret.secretName="bad-env" is not allowed because service account robot does not reference that secret'],
      ['spec.imagePullSecrets[1].name', 'pods "web" is forbidden: imagePullSecrets[1].name="pull-bad" is not allowed because service account robot does not reference that imagePullSecret'],
    ],
  );
  assert.ok(r.findings.every((f) => f.errorType === 'Forbidden' && f.related?.[0].uri === 'file:///ws/0.yaml'));
  // Any other annotation value leaves secrets unchecked (strconv.ParseBool).
  const lax = sa('robot', { secrets: [] }, { annotations: { 'kubernetes.io/enforce-mountable-secrets': 'yes' } });
  assert.deepEqual(run(serviceAccount, p, ctx([lax])).findings, []);
});

test('mirror Pods are left unchanged and may reference no account, no secret, no token projection', () => {
  const mirror = { 'kubernetes.io/config.mirror': 'abc' };
  const plainMirror = pod({}, { annotations: mirror });
  const r = run(serviceAccount, plainMirror);
  assert.deepEqual(r.findings, []);
  assert.equal(r.mutated, plainMirror);
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [{ serviceAccountName: 'default' }, 'spec.serviceAccountName', 'a mirror pod may not reference service accounts'],
    [{ containers: [{ name: 'a', image: 'x', env: [{ name: 'E', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }, 'spec.containers[0].env[0].valueFrom.secretKeyRef.name', 'a mirror pod may not reference secrets'],
    [{ volumes: [{ name: 'c', csi: { driver: 'd', nodePublishSecretRef: { name: 's' } } }] }, 'spec.volumes[0].csi.nodePublishSecretRef.name', 'a mirror pod may not reference secrets'],
    [{ volumes: [{ name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] }, 'spec.volumes[0].projected.sources[0].serviceAccountToken', 'a mirror pod may not use ServiceAccountToken volume projections'],
  ];
  for (const [s, field, reason] of cases) {
    const [f] = run(serviceAccount, pod(s, { annotations: mirror })).findings;
    assert.equal(f.field, field);
    assert.equal(f.message, `pods "web" is forbidden: ${reason}`);
  }
});

test("a workload's template: the controller's Pods would be rejected (a warning), the workload is stored unchanged", () => {
  const d = deployment({ serviceAccountName: 'robot' });
  const r = run(serviceAccount, d, ctx([sa('builder')]));
  assert.equal(r.mutated, d);
  assert.deepEqual(json(r.findings), [
    {
      rule: 'admission-service-account-not-found',
      field: 'spec.template.spec.serviceAccountName',
      severity: 'warning',
      message:
        'Pods that the Deployment controller creates from this template would be rejected by admission: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace declares ServiceAccounts in namespace "shop" but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)',
    },
  ]);
  assert.deepEqual(run(serviceAccount, deployment()).findings, []);
});
