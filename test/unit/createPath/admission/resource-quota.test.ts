import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceQuota } from '../../../../server/src/service/createPath/admission/resourceQuota';
import { ctx, deployment, json, plain, pod, run } from './helpers';

const quota = (name: string, hard: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'shop' },
  spec: { hard, ...extra },
});
const c = (name: string, resources: Record<string, unknown> = {}) => ({ name, image: 'x', resources });
const NOTE = " (the quota's usage is not declared here and was taken as 0: this object alone exceeds it)";

test('a quota on cpu or memory: every container must set it, in the upstream words', () => {
  const r = run(resourceQuota, pod({ containers: [c('app')], initContainers: [c('init', { limits: { cpu: '1' } })] }), ctx([quota('compute', { 'limits.cpu': '2', 'requests.memory': '1Gi' })]));
  assert.deepEqual(json(r.findings), [
    {
      rule: 'admission-resource-quota-must-specify',
      field: 'spec.containers[0].resources.limits[cpu]',
      errorType: 'Forbidden',
      message: 'pods "web" is forbidden: failed quota: compute: must specify limits.cpu for: app; requests.memory for: app,init',
      related: [{ field: 'spec.hard[limits.cpu]', message: 'ResourceQuota "compute" limits limits.cpu', uri: 'file:///ws/0.yaml' }],
    },
  ]);
  // Pod-level resources lift the per-container requirement.
  const podLevel = pod({ resources: { limits: { cpu: '1' }, requests: { memory: '100Mi' } }, containers: [c('app')] });
  assert.deepEqual(run(resourceQuota, podLevel, ctx([quota('compute', { 'limits.cpu': '2', 'requests.memory': '1Gi' })])).findings, []);
});

test('a Pod that exceeds a quota on its own is rejected even though the usage is unknown here; the message says it was taken as 0', () => {
  const r = run(
    resourceQuota,
    pod({ containers: [c('app', { requests: { cpu: '1500m', memory: '1Gi' }, limits: { memory: '2Gi' } })] }),
    ctx([quota('compute', { pods: '10', 'requests.cpu': '1', 'limits.memory': '1Gi' })]),
  );
  assert.equal(
    r.findings[0].message,
    `pods "web" is forbidden: exceeded quota: compute, requested: limits.memory=2Gi,requests.cpu=1500m, used: limits.memory=0,requests.cpu=0, limited: limits.memory=1Gi,requests.cpu=1${NOTE}`,
  );
  assert.equal(r.findings[0].rule, 'admission-resource-quota-exceeded');
  assert.equal(run(resourceQuota, pod({ containers: [c('app', { requests: { cpu: '1' }, limits: { memory: '1Gi' } })] }), ctx([quota('compute', { 'requests.cpu': '1', 'limits.memory': '1Gi' })])).findings.length, 0);
});

test("a declared status.used counts: the quota's hard from status, its usage added", () => {
  const full = { ...quota('count', { pods: '5' }), status: { hard: { pods: '2' }, used: { pods: '2' } } };
  const [f] = run(resourceQuota, pod(), ctx([full])).findings;
  assert.equal(f.message, 'pods "web" is forbidden: exceeded quota: count, requested: pods=1, used: pods=2, limited: pods=2');
  assert.deepEqual(json(f.related), [{ field: 'status.hard[pods]', message: 'ResourceQuota "count" limits pods', uri: 'file:///ws/0.yaml' }]);
});

test('requests include the Pod overhead', () => {
  const r = run(resourceQuota, pod({ overhead: { cpu: '600m' }, containers: [c('app', { requests: { cpu: '500m' } })] }), ctx([quota('cpu', { 'requests.cpu': '1' })]));
  assert.equal(r.findings[0].message, `pods "web" is forbidden: exceeded quota: cpu, requested: requests.cpu=1100m, used: requests.cpu=0, limited: requests.cpu=1${NOTE}`);
});

test('scopes: every scope of the quota must match the Pod', () => {
  const bestEffort = ctx([quota('be', { pods: '0' }, { scopes: ['BestEffort'] })]);
  assert.equal(run(resourceQuota, pod(), bestEffort).findings.length, 1);
  assert.equal(run(resourceQuota, pod({ containers: [c('app', { requests: { cpu: '100m' } })] }), bestEffort).findings.length, 0);
  const high = ctx([quota('high', { pods: '0' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } })]);
  assert.equal(run(resourceQuota, pod({ priorityClassName: 'high' }), high).findings.length, 1);
  assert.equal(run(resourceQuota, pod({ priorityClassName: 'low' }), high).findings.length, 0);
  const terminating = ctx([quota('t', { pods: '0' }, { scopes: ['Terminating'] })]);
  assert.equal(run(resourceQuota, pod({ activeDeadlineSeconds: 60 }), terminating).findings.length, 1);
  assert.equal(run(resourceQuota, pod(), terminating).findings.length, 0);
});

test('object counts: any namespaced object; claims count storage per class too', () => {
  const d = run(resourceQuota, deployment({ containers: [c('app', { requests: { cpu: '1' } })] }), ctx([quota('objects', { 'count/deployments.apps': '0' })]));
  assert.deepEqual(
    d.findings.map((f) => [f.field, f.message]),
    [['metadata.name', `deployments.apps "web" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0${NOTE}`]],
  );
  const pvc = plain({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { storageClassName: 'standard', resources: { requests: { storage: '20Gi' } } } });
  const r = run(resourceQuota, pvc, ctx([quota('storage', { 'requests.storage': '10Gi', 'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '0' })]));
  assert.equal(
    r.findings[0].message,
    `persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: requests.storage=20Gi,standard.storageclass.storage.k8s.io/persistentvolumeclaims=1, used: requests.storage=0,standard.storageclass.storage.k8s.io/persistentvolumeclaims=0, limited: requests.storage=10Gi,standard.storageclass.storage.k8s.io/persistentvolumeclaims=0${NOTE}`,
  );
});

test("templates: the controller's Pods would fail the quota (a warning on the template)", () => {
  const r = run(resourceQuota, deployment(), ctx([quota('compute', { 'requests.cpu': '2' })]));
  assert.deepEqual(
    r.findings.map((f) => [f.field, f.severity, f.message]),
    [['spec.template.spec.containers[0].resources.requests[cpu]', 'warning', 'Pods that the Deployment controller creates from this template would be rejected by admission: failed quota: compute: must specify requests.cpu for: app']],
  );
});
