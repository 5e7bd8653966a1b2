import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTolerationSeconds } from '../../../../server/src/service/createPath/admission/defaultTolerationSeconds';
import { podTopologyLabels } from '../../../../server/src/service/createPath/admission/podTopologyLabels';
import { storageObjectInUseProtection } from '../../../../server/src/service/createPath/admission/storageObjectInUseProtection';
import { taintNodesByCondition } from '../../../../server/src/service/createPath/admission/taintNodesByCondition';
import { ctx, deployment, json, plain, pod, run, spec } from './helpers';

const NOT_READY = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

test('DefaultTolerationSeconds: not-ready and unreachable NoExecute tolerated for 300 s unless already tolerated', () => {
  assert.deepEqual(spec(run(defaultTolerationSeconds, pod())).tolerations, [NOT_READY, UNREACHABLE]);
  const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 };
  assert.deepEqual(spec(run(defaultTolerationSeconds, pod({ tolerations: [own] }))).tolerations, [own, UNREACHABLE]);
  // An empty key or an empty effect counts; another effect does not.
  const everything = pod({ tolerations: [{ operator: 'Exists' }] });
  assert.equal(run(defaultTolerationSeconds, everything).mutated, everything);
  const anyEffect = { key: 'node.kubernetes.io/unreachable', operator: 'Exists' };
  assert.deepEqual(spec(run(defaultTolerationSeconds, pod({ tolerations: [anyEffect] }))).tolerations, [anyEffect, NOT_READY]);
  const noSchedule = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' };
  assert.deepEqual(spec(run(defaultTolerationSeconds, pod({ tolerations: [noSchedule] }))).tolerations, [noSchedule, NOT_READY, UNREACHABLE]);
  const d = deployment();
  assert.equal(run(defaultTolerationSeconds, d).mutated, d);
});

test('TaintNodesByCondition: a new Node starts tainted not-ready:NoSchedule, once', () => {
  const node = (taints?: unknown[]) => plain({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, ...(taints ? { spec: { taints } } : {}) });
  assert.deepEqual(json(run(taintNodesByCondition, node()).mutated.spec), { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
  assert.deepEqual(json(run(taintNodesByCondition, node([{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }])).mutated.spec), {
    taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
  });
  const tainted = node([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  assert.equal(run(taintNodesByCondition, tainted).mutated, tainted);
  const p = pod();
  assert.equal(run(taintNodesByCondition, p).mutated, p);
});

test('StorageObjectInUseProtection: claims and volumes get their protection finalizer, once', () => {
  const claim = plain({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', finalizers: ['example.com/keep'] }, spec: {} });
  assert.deepEqual((json(run(storageObjectInUseProtection, claim).mutated.metadata) as Record<string, unknown>).finalizers, ['example.com/keep', 'kubernetes.io/pvc-protection']);
  const pv = plain({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: {} });
  assert.deepEqual((json(run(storageObjectInUseProtection, pv).mutated.metadata) as Record<string, unknown>).finalizers, ['kubernetes.io/pv-protection']);
  const done = plain({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1', finalizers: ['kubernetes.io/pv-protection'] } });
  assert.equal(run(storageObjectInUseProtection, done).mutated, done);
});

test("PodTopologyLabels: a Pod created bound to a declared Node gets the Node's zone and region labels", () => {
  const nodes = ctx([{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'z1', 'topology.kubernetes.io/region': 'r1', 'kubernetes.io/hostname': 'n1' } } }]);
  const r = run(podTopologyLabels, pod({ nodeName: 'n1' }, { labels: { app: 'web', 'topology.kubernetes.io/zone': 'mine' } }), nodes);
  assert.deepEqual((json(r.mutated.metadata) as Record<string, unknown>).labels, { app: 'web', 'topology.kubernetes.io/zone': 'z1', 'topology.kubernetes.io/region': 'r1' });
  for (const p of [pod(), pod({ nodeName: 'elsewhere' })]) assert.equal(run(podTopologyLabels, p, nodes).mutated, p);
});
