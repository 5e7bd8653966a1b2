import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';
import { nodeTreeOrder, zoneKey } from '../../../server/src/service/scheduler/nodeTree';

const nominated = (name: string, at: string, extra: Record<string, unknown> = {}) => {
  const o = JSON.parse(pod({ name, cpu: '1', ...extra }));
  o.status = { nominatedNodeName: at };
  return JSON.stringify(o);
};

test('a Pod with status.nominatedNodeName goes to that Node when it fits there, without scoring', () => {
  // b has more room (LeastAllocated would prefer it), but a was nominated.
  const r = run([node({ name: 'a', cpu: '2' }), node({ name: 'b', cpu: '16' }), nominated('p', 'a')]);
  const p = podOf(r, 'p');
  assert.equal(p.node, 'a');
  assert.equal(p.nominated, true);
  assert.equal(p.nominatedNodeName, 'a');
  assert.deepEqual(p.feasible, ['a']);
  assert.deepEqual(p.scores, {}, 'one feasible Node: nothing is scored');
  // Without the nomination the same Pod goes to b.
  assert.equal(podOf(run([node({ name: 'a', cpu: '2' }), node({ name: 'b', cpu: '16' }), pod({ name: 'p', cpu: '1' })]), 'p').node, 'b');
});

test('a nominated Node the Pod no longer fits on is passed over: every Node is evaluated as usual', () => {
  const r = run([node({ name: 'a', cpu: '2' }), node({ name: 'b', cpu: '16' }), pod({ name: 'x', cpu: '1500m', spec: { nodeName: 'a' } }), nominated('p', 'a')]);
  assert.equal(podOf(r, 'p').node, 'b');
  assert.equal(podOf(r, 'p').nominated, undefined);
  // A nomination naming no declared Node changes nothing.
  assert.equal(podOf(run([node({ name: 'b', cpu: '16' }), nominated('p', 'gone')]), 'p').node, 'b');
});

test('a nominated Pod holds its Node against Pods of equal priority scheduled before it', () => {
  // first and second have the same priority; second (later in the queue) is nominated to a,
  // where only one of them fits. first must respect the nomination and go to b.
  const docs = [node({ name: 'a', cpu: '1' }), node({ name: 'b', cpu: '1' }), pod({ name: 'first', cpu: '1', spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['a'] }] } }] } } } }), nominated('second', 'a')];
  const r = run(docs);
  assert.equal(podOf(r, 'first').node, 'b');
  assert.equal(podOf(r, 'second').node, 'a');
  assert.equal(podOf(r, 'second').nominated, true);
  // Without the nomination, first takes a (its preference) and second goes to b.
  const plain = run([...docs.slice(0, 3), pod({ name: 'second', cpu: '1' })]);
  assert.equal(podOf(plain, 'first').node, 'a');
});

test('a nomination does not hold a Node against a Pod of higher priority', () => {
  const pc = JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  const r = run([pc, node({ name: 'a', cpu: '1' }), pod({ name: 'urgent', cpu: '1', spec: { priorityClassName: 'high' } }), nominated('later', 'a')]);
  assert.equal(podOf(r, 'urgent').node, 'a');
  assert.equal(podOf(r, 'later').status, 'unschedulable');
});

test('NodeTree order: zone keys as GetZoneKey builds them, zones visited in turns', () => {
  assert.equal(zoneKey({}), '');
  assert.equal(zoneKey({ 'topology.kubernetes.io/zone': 'z1' }), ':\u0000:z1');
  assert.equal(zoneKey({ 'topology.kubernetes.io/zone': 'z1', 'failure-domain.beta.kubernetes.io/zone': 'old' }), ':\u0000:old', 'the beta label wins');
  assert.equal(zoneKey({ 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': 'z' }), 'r:\u0000:z');
  const n = (name: string, zone?: string): { name: string; labels: Record<string, string> } => ({ name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} });
  const order = nodeTreeOrder([n('a1', 'a'), n('a2', 'a'), n('a3', 'a'), n('b1', 'b'), n('c1', 'c'), n('c2', 'c')]).map((x) => x.name);
  assert.deepEqual(order, ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  // One large zone among many single-Node zones stays linear (and complete).
  const many = [...Array.from({ length: 3000 }, (_, i) => n(`big${i}`, 'big')), ...Array.from({ length: 3000 }, (_, i) => n(`s${i}`, `z${i}`))];
  assert.equal(new Set(nodeTreeOrder(many)).size, 6000);
});

test('with node sampling the zones are sampled in turns, as kube-scheduler walks them', () => {
  // 200 Nodes, zone a declared first (100 Nodes), then zone b (100). The adaptive percentage at
  // 200 Nodes stops after 100 feasible Nodes: walking the NodeTree, 50 of each zone, where the
  // workspace order would have tried zone a only.
  const nodes = [...Array.from({ length: 100 }, (_, i) => node({ name: `a${i}`, labels: { 'topology.kubernetes.io/zone': 'a' } })), ...Array.from({ length: 100 }, (_, i) => node({ name: `b${i}`, labels: { 'topology.kubernetes.io/zone': 'b' } }))];
  const r = run([...nodes, pod({ name: 'p', cpu: '1' })], { percentageOfNodesToScore: 0, detail: 'full' });
  const feasible = podOf(r, 'p').feasible!;
  assert.equal(feasible.length, 100);
  assert.equal(feasible.filter((x) => x.startsWith('a')).length, 50);
  assert.equal(feasible.filter((x) => x.startsWith('b')).length, 50);
  assert.deepEqual(feasible.slice(0, 4), ['a0', 'b0', 'a1', 'b1']);
});
