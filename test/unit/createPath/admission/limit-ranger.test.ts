import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitRanger } from '../../../../server/src/service/createPath/admission/limitRanger';
import { ctx, deployment, json, plain, pod, run, spec } from './helpers';

const lr = (name: string, limits: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'shop' }, spec: { limits } });
const res = (requests?: Record<string, unknown>, limits?: Record<string, unknown>) => ({ ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) });
const c = (name: string, resources: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ name, image: 'x', resources, ...extra });
const messages = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.rule === 'admission-limit-range').map((f) => [f.field, f.message]);

test('Container defaults fill missing requests and limits of containers and init containers, recorded in kubernetes.io/limit-ranger', () => {
  const p = pod({ containers: [c('app')], initContainers: [c('init', res({ cpu: '50m' }))] });
  const r = run(limitRanger, p, ctx([lr('defaults', [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }])]));
  const s = spec(r) as { containers: Array<{ resources: unknown }>; initContainers: Array<{ resources: unknown }> };
  assert.deepEqual(s.containers[0].resources, { limits: { cpu: '500m' }, requests: { cpu: '100m', memory: '128Mi' } });
  assert.deepEqual(s.initContainers[0].resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m' } });
  assert.deepEqual(json(r.mutated.metadata), {
    name: 'web',
    namespace: 'shop',
    annotations: { 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app; memory request for init container init; cpu limit for init container init' },
  });
  assert.deepEqual(
    r.findings.map((f) => [f.rule, f.severity, f.field, f.message]),
    [
      ['admission-limit-range-defaults', 'information', 'spec.containers[0].resources', 'LimitRanger sets requests cpu=100m, memory=128Mi and limits cpu=500m for container app from LimitRange "defaults" (annotation kubernetes.io/limit-ranger)'],
      ['admission-limit-range-defaults', 'information', 'spec.initContainers[0].resources', 'LimitRanger sets requests memory=128Mi and limits cpu=500m for init container init from LimitRange "defaults" (annotation kubernetes.io/limit-ranger)'],
    ],
  );
});

test('declared LimitRanges are read as stored: default from max, defaultRequest from default, then from min', () => {
  const r = run(limitRanger, pod(), ctx([lr('limits', [{ type: 'Container', max: { memory: '1Gi' }, min: { cpu: '100m' } }])]));
  assert.deepEqual((spec(r) as { containers: Array<{ resources: unknown }> }).containers[0].resources, { limits: { memory: '1Gi' }, requests: { memory: '1Gi', cpu: '100m' } });
  assert.deepEqual(messages(r), []);
});

test('min, max and maxLimitRequestRatio per Container, in upstream words with canonical quantities', () => {
  const limits = ctx([lr('limits', [{ type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' }, maxLimitRequestRatio: { cpu: '2' } }])]);
  const r = run(limitRanger, pod({ containers: [c('app', res({ cpu: '0.05', memory: '512Mi' }, { cpu: '0.2', memory: '2048Mi' }))] }), limits);
  assert.deepEqual(messages(r), [
    ['spec.containers[0].resources.requests[cpu]', 'pods "web" is forbidden: minimum cpu usage per Container is 100m, but request is 50m'],
    ['spec.containers[0].resources.limits[memory]', 'pods "web" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi'],
    ['spec.containers[0].resources.limits[cpu]', 'pods "web" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000'],
  ]);
  const [min] = r.findings.filter((f) => f.rule === 'admission-limit-range');
  assert.equal(min.errorType, 'Forbidden');
  assert.deepEqual(json(min.related), [{ field: 'spec.limits[0].min[cpu]', message: 'LimitRange "limits" sets min cpu 100m', uri: 'file:///ws/0.yaml' }]);

  const other = run(limitRanger, pod({ containers: [c('app', res({ cpu: '150m', memory: '2Gi' }, { cpu: '50m', memory: '1Gi' }))] }), limits);
  assert.deepEqual(messages(other), [
    ['spec.containers[0].resources.limits[cpu]', 'pods "web" is forbidden: minimum cpu usage per Container is 100m, but limit is 50m'],
    ['spec.containers[0].resources.requests[memory]', 'pods "web" is forbidden: maximum memory usage per Container is 1Gi, but request is 2Gi'],
  ]);
});

test('the ratio check: no request, and Go %f rounding (half to even, of the exact binary value)', () => {
  const ratio = (q: Record<string, string>) => ctx([lr('ratio', [{ type: 'Container', maxLimitRequestRatio: q }])]);
  assert.deepEqual(messages(run(limitRanger, pod(), ratio({ cpu: '2' }))), [
    ['spec.containers[0].resources.requests[cpu]', 'pods "web" is forbidden: cpu max limit to request ratio per Container is 2, but no request is specified or request is 0'],
  ]);
  assert.deepEqual(messages(run(limitRanger, pod({ containers: [c('app', res({ cpu: '1' }))] }), ratio({ cpu: '2' }))), [
    ['spec.containers[0].resources.limits[cpu]', 'pods "web" is forbidden: cpu max limit to request ratio per Container is 2, but no limit is specified or limit is 0'],
  ]);
  // 129/128 = 1.0078125 exactly: Go prints 1.007812, where toFixed(6) would print 1.007813.
  assert.deepEqual(messages(run(limitRanger, pod({ containers: [c('app', res({ memory: '128Mi' }, { memory: '129Mi' }))] }), ratio({ memory: '1' }))), [
    ['spec.containers[0].resources.limits[memory]', 'pods "web" is forbidden: memory max limit to request ratio per Container is 1, but provided ratio is 1.007812'],
  ]);
  assert.deepEqual(messages(run(limitRanger, pod({ containers: [c('app', res({ cpu: '1' }, { cpu: '2' }))] }), ratio({ cpu: '2' }))), []);
});

test('type Pod: containers summed, sidecars accumulated, the larger of that and each init container; pod-level resources override', () => {
  const max = ctx([lr('pod', [{ type: 'Pod', max: { cpu: '2', memory: '1Gi' } }])]);
  const p = pod({
    containers: [c('a', res({ cpu: '1', memory: '256Mi' }, { cpu: '1', memory: '256Mi' }))],
    initContainers: [
      c('side', res({ cpu: '500m', memory: '256Mi' }, { cpu: '500m', memory: '256Mi' }), { restartPolicy: 'Always' }),
      c('migrate', res({ cpu: '1.8', memory: '128Mi' }, { cpu: '1.8', memory: '128Mi' })),
    ],
  });
  assert.deepEqual(messages(run(limitRanger, p, max)), [['spec.containers', 'pods "web" is forbidden: maximum cpu usage per Pod is 2, but limit is 2300m']]);
  const noMemory = pod({ containers: [c('a', res({ cpu: '1' }, { cpu: '1' }))] });
  assert.deepEqual(messages(run(limitRanger, noMemory, max)), [['spec.containers', 'pods "web" is forbidden: maximum memory usage per Pod is 1Gi.  No limit is specified']]);
  const podLevel = pod({
    resources: { requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '3', memory: '512Mi' } },
    containers: [c('a', res({ cpu: '1' }, { cpu: '1' }))],
  });
  assert.deepEqual(messages(run(limitRanger, podLevel, max)), [['spec.resources.limits[cpu]', 'pods "web" is forbidden: maximum cpu usage per Pod is 2, but limit is 3']]);
});

test('several LimitRanges: each fills what is still missing; the annotation is the last one that set something', () => {
  const r = run(
    limitRanger,
    pod(),
    ctx([lr('first', [{ type: 'Container', defaultRequest: { cpu: '100m' } }]), lr('second', [{ type: 'Container', defaultRequest: { cpu: '200m', memory: '64Mi' } }])]),
  );
  assert.deepEqual((spec(r) as { containers: Array<{ resources: unknown }> }).containers[0].resources, { requests: { cpu: '100m', memory: '64Mi' } });
  assert.equal((json(r.mutated.metadata) as { annotations: Record<string, string> }).annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: memory request for container app');
});

test('no LimitRange in the namespace: the object is returned as is; a malformed quantity is left to decoding', () => {
  const p = pod({ containers: [c('app', res({ cpu: 'lots' }))] });
  assert.equal(run(limitRanger, p, ctx([lr('elsewhere', [{ type: 'Container', min: { cpu: '1' } }])], { namespace: 'other' })).mutated, p);
  assert.deepEqual(messages(run(limitRanger, p, ctx([lr('limits', [{ type: 'Container', min: { cpu: '1' } }])]))), []);
});

test('PersistentVolumeClaims: min and max of the storage request; StatefulSet claim templates get the warning', () => {
  const limits = ctx([lr('storage', [{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }])]);
  const pvc = (requests?: Record<string, string>) =>
    plain({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: requests ? { requests } : {} } });
  assert.deepEqual(messages(run(limitRanger, pvc({ storage: '20Gi' }), limits)), [
    ['spec.resources.requests[storage]', 'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi'],
  ]);
  assert.deepEqual(messages(run(limitRanger, pvc({ storage: '500Mi' }), limits)), [
    ['spec.resources.requests[storage]', 'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi'],
  ]);
  assert.deepEqual(messages(run(limitRanger, pvc(), limits)), [
    ['spec.resources.requests[storage]', 'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified'],
    ['spec.resources.requests[storage]', 'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified'],
  ]);
  const sts = plain({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { template: { spec: { containers: [{ name: 'db', image: 'x' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '20Gi' } } } }] },
  });
  const r = run(limitRanger, sts, limits);
  assert.equal(r.mutated, sts);
  assert.deepEqual(json(r.findings), [
    {
      rule: 'admission-limit-range',
      field: 'spec.volumeClaimTemplates[0].spec.resources.requests[storage]',
      severity: 'warning',
      message: 'PersistentVolumeClaims that the StatefulSet controller creates from this claim template would be rejected by admission: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi',
      related: [{ field: 'spec.limits[0].max[storage]', message: 'LimitRange "storage" sets max storage 10Gi', uri: 'file:///ws/0.yaml' }],
    },
  ]);
});

test("templates: the controller's Pods are judged after Pod defaulting (requests from limits); the workload is unchanged", () => {
  const limits = ctx([lr('limits', [{ type: 'Container', min: { cpu: '500m' }, default: { memory: '256Mi' } }])]);
  const fromLimits = deployment({ containers: [c('app', res(undefined, { cpu: '2' }))] });
  const r = run(limitRanger, fromLimits, limits);
  assert.equal(r.mutated, fromLimits);
  assert.deepEqual(messages(r), []);
  assert.deepEqual(
    r.findings.map((f) => [f.field, f.message]),
    [['spec.template.spec.containers[0].resources', 'LimitRanger sets requests memory=256Mi and limits memory=256Mi for container app from LimitRange "limits" on the Pods that the Deployment controller creates from this template']],
  );
  const tooSmall = run(limitRanger, deployment({ containers: [c('app', res({ cpu: '100m' }))] }), limits);
  assert.deepEqual(
    tooSmall.findings.filter((f) => f.rule === 'admission-limit-range').map((f) => [f.field, f.severity, f.errorType, f.message]),
    [
      [
        'spec.template.spec.containers[0].resources.requests[cpu]',
        'warning',
        undefined,
        'Pods that the Deployment controller creates from this template would be rejected by admission: minimum cpu usage per Container is 500m, but request is 100m',
      ],
    ],
  );
});

test('a default limit below the container\'s request: the Pod fails validation after the defaults, before LimitRanger checks max', () => {
  // As the API server answers kwok's limit-range example: The Pod "web" is invalid: spec.containers[0].resources.requests: ...
  const limits = ctx([lr('cpu-max', [{ type: 'Container', max: { cpu: '500m' } }])]);
  const r = run(limitRanger, pod({ containers: [c('app', res({ cpu: '0.7' }))] }), limits);
  const rejected = r.findings.filter((f) => f.rule === 'admission-limit-range');
  assert.deepEqual(
    rejected.map((f) => [f.field, f.errorType, f.message]),
    [['spec.containers[0].resources.requests', 'Invalid', 'spec.containers[0].resources.requests: Invalid value: "700m": must be less than or equal to cpu limit of 500m (the limit is LimitRange "cpu-max"\'s default)']],
  );
  assert.deepEqual(json(rejected[0].related), [{ field: 'spec.limits', message: 'LimitRange "cpu-max" sets the default', uri: 'file:///ws/0.yaml' }]);
  // Within the default: valid, and nothing to reject.
  assert.deepEqual(messages(run(limitRanger, pod({ containers: [c('app', res({ cpu: '500m' }))] }), limits)), []);
  // A limit of the container's own is not a default: LimitRanger's max check answers.
  assert.deepEqual(messages(run(limitRanger, pod({ containers: [c('app', res({ cpu: '700m' }, { cpu: '700m' }))] }), limits)), [
    ['spec.containers[0].resources.limits[cpu]', 'pods "web" is forbidden: maximum cpu usage per Container is 500m, but limit is 700m'],
  ]);
  // A resource that cannot be overcommitted must equal its limit.
  const gpu = ctx([lr('gpu', [{ type: 'Container', default: { 'example.com/gpu': '1' } }])]);
  assert.deepEqual(messages(run(limitRanger, pod({ containers: [c('app', res({ 'example.com/gpu': '2' }))] }), gpu)), [
    ['spec.containers[0].resources.requests', 'spec.containers[0].resources.requests: Invalid value: "2": must be equal to example.com/gpu limit of 1 (the limit is LimitRange "gpu"\'s default)'],
  ]);
  // A template: its Pods would be invalid; the workload itself is stored.
  const tpl = run(limitRanger, deployment({ containers: [c('app', res({ cpu: '1' }))] }), limits);
  assert.deepEqual(
    tpl.findings.filter((f) => f.rule === 'admission-limit-range').map((f) => [f.field, f.severity, f.message]),
    [
      [
        'spec.template.spec.containers[0].resources.requests',
        'warning',
        'Pods that the Deployment controller creates from this template would be invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m (the limit is LimitRange "cpu-max"\'s default)',
      ],
    ],
  );
});
