import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, result, run } from './helpers';
import { numFeasibleNodesToFind } from '../../../server/src/service/scheduler/framework';

test('no Nodes at all', () => {
  assert.equal(podOf(run([pod({ name: 'p' })]), 'p').message, 'no nodes available to schedule pods');
});

test('pinned Pods are bound before anything is scheduled, wherever they are in the workspace', () => {
  const r = run([node({ name: 'a', cpu: '2' }), node({ name: 'b', cpu: '1' }), pod({ name: 'p', cpu: '1' }), pod({ name: 'late', cpu: '1500m', spec: { nodeName: 'a' } })]);
  assert.equal(podOf(r, 'late').status, 'pinned');
  assert.deepEqual(podOf(r, 'late').feasible, ['a']);
  assert.equal(podOf(r, 'p').node, 'b');
});

test('a single feasible Node is chosen without scoring', () => {
  const r = run([node({ name: 'a', cpu: '1' }), node({ name: 'b', cpu: '4' }), pod({ name: 'p', cpu: '2' })]);
  assert.deepEqual(podOf(r, 'p').scores, {});
  assert.equal(podOf(r, 'p').node, 'b');
});

test('ties are reported and broken by the seed, deterministically', () => {
  const docs = [node({ name: 'a' }), node({ name: 'b' }), node({ name: 'c' }), pod({ name: 'p', cpu: '1' })];
  const r = run(docs);
  assert.deepEqual(podOf(r, 'p').ties, ['a', 'b', 'c']);
  assert.equal(run(docs).pods[0].node, r.pods[0].node, 'same seed, same choice');
  const chosen = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((seed) => run(docs, { seed }).pods[0].node));
  assert.ok(chosen.size > 1, 'other seeds choose other Nodes');
});

test('placed Pods consume: a sequence fills the Nodes', () => {
  const r = run([node({ name: 'a', cpu: '2' }), node({ name: 'b', cpu: '2' }), ...[0, 1, 2, 3, 4].map((i) => pod({ name: `p${i}`, cpu: '1' }))]);
  assert.deepEqual(r.pods.map((p) => p.status), ['scheduled', 'scheduled', 'scheduled', 'scheduled', 'unschedulable']);
  assert.deepEqual(r.nodes.map((n) => n.requested.cpu), [2000, 2000]);
  assert.equal(podOf(r, 'p4').message, '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
});

test('a Pod rejected for lack of a peer is retried once the peer is placed', () => {
  const ZONE = 'topology.kubernetes.io/zone';
  const r = run([
    node({ name: 'a', labels: { [ZONE]: 'z1' } }),
    node({ name: 'b', labels: { [ZONE]: 'z2' } }),
    pod({ name: 'api', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: ZONE }] } } } }),
    pod({ name: 'db', labels: { app: 'db' }, spec: { nodeSelector: { [ZONE]: 'z2' } } }),
  ]);
  assert.equal(podOf(r, 'api').node, 'b');
  assert.equal(podOf(r, 'api').attempts, 2);
  assert.deepEqual(podOf(r, 'api').feasible, ['b']);
});

test('numFeasibleNodesToFind: all below 100 Nodes, adaptive percentage above', () => {
  assert.equal(numFeasibleNodesToFind(0, 99), 99);
  assert.equal(numFeasibleNodesToFind(0, 1000), 420);
  assert.equal(numFeasibleNodesToFind(0, 5000), 500);
  assert.equal(numFeasibleNodesToFind(0, 200), 100);
  assert.equal(numFeasibleNodesToFind(100, 5000), 5000);
  assert.equal(numFeasibleNodesToFind(1, 5000), 100);
});

test('sampling (percentageOfNodesToScore 0) evaluates only part of a large cluster, round-robin', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => node({ name: `n${i}` }));
  const r = run([...nodes, pod({ name: 'p1' }), pod({ name: 'p2' })], { percentageOfNodesToScore: 0 });
  // 300 Nodes: 50 − 300/125 = 48 % → 144 feasible Nodes are enough.
  assert.equal(podOf(r, 'p1').feasibleCount, 144);
  assert.equal(podOf(r, 'p1').feasible?.[0], 'n0');
  assert.equal(podOf(r, 'p2').feasible?.[0], 'n144', 'the next cycle starts where the last stopped');
  // kube-scheduler's default is the adaptive percentage; 100 evaluates every Node.
  assert.equal(podOf(run([...nodes, pod({ name: 'p1' })]), 'p1').feasibleCount, 144);
  const all = run([...nodes, pod({ name: 'p1' })], { percentageOfNodesToScore: 100 });
  assert.equal(podOf(all, 'p1').feasibleCount, 300);
});

test('detail: summary keeps the chosen Node\'s scores only; detailFor keeps one Pod in full', () => {
  const docs = [node({ name: 'a' }), node({ name: 'b', cpu: '8' }), pod({ name: 'p', cpu: '1' }), pod({ name: 'q', cpu: '1' })];
  const s = run(docs, { detail: 'summary' });
  assert.equal(s.detail, 'summary');
  assert.deepEqual(Object.keys(podOf(s, 'p').scores), ['b']);
  assert.equal(podOf(s, 'p').feasible, undefined);
  assert.equal(podOf(s, 'p').feasibleCount, 2);
  const one = run(docs, { detail: 'summary', detailFor: ['default/q'] });
  assert.deepEqual(Object.keys(podOf(one, 'q').scores).sort(), ['a', 'b']);
  assert.deepEqual(podOf(one, 'q').feasible, ['a', 'b']);
});

test('what-if: cordon and remove Nodes without touching the files', () => {
  const docs = [node({ name: 'a', cpu: '8' }), node({ name: 'b' }), pod({ name: 'p', cpu: '1' })];
  assert.equal(run(docs).pods[0].node, 'a');
  // Cordoning does not evict what runs there (what-if.test.ts has the rest); draining does.
  assert.equal(run(docs, { whatIf: { cordon: ['a'] } }).pods[0].node, 'a');
  assert.equal(run(docs, { whatIf: { drain: ['a'] } }).pods[0].status, 'preempted');
  const removed = run(docs, { whatIf: { remove: ['a'] } });
  assert.deepEqual(removed.nodes.map((n) => n.name), ['b']);
});

test('the simulation result is plain data over the inputs (no clock, same output twice)', () => {
  const docs = [node({ name: 'a' }), node({ name: 'b' }), pod({ name: 'p' })];
  assert.deepEqual(JSON.stringify(run(docs)), JSON.stringify(run(docs)));
  assert.equal(result(docs).cycles, 1);
});
