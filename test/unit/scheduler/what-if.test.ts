/**
 * What-if as the cluster operations it stands for: cordon keeps what runs there, drain evicts
 * (controller-owned Pods recreated elsewhere, bare ones deleted, DaemonSet Pods left), copies of
 * a Node grow its pool.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const deployment = (name: string, replicas: number, cpu: string) =>
  JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }] } } } });

test('cordon keeps the Pods that run on the Node; only new placements avoid it', () => {
  const docs = [node({ name: 'a', cpu: '4' }), node({ name: 'b', cpu: '1' }), pod({ name: 'p', cpu: '2' })];
  assert.equal(podOf(run(docs), 'p').node, 'a');
  const r = run(docs, { whatIf: { cordon: ['a'] } });
  assert.equal(podOf(r, 'p').node, 'a', 'still on a');
  assert.equal(podOf(r, 'p').status, 'pinned');
  assert.match(podOf(r, 'p').warnings!.join('\n'), /stays on a: cordoning a Node does not evict/);
  assert.equal(r.nodes.find((n) => n.name === 'a')!.unschedulable, true);
  // A Pod that needs a place now (more replicas) does not go to the cordoned Node.
  const more = run([node({ name: 'a', cpu: '4' }), node({ name: 'b', cpu: '4' }), deployment('web', 1, '1')], { whatIf: { cordon: ['a'], replicas: { 'Deployment/default/web': 3 } } });
  const placed = more.pods.filter((p) => p.workload?.name === 'web').map((p) => p.node);
  assert.equal(placed.filter((n) => n === 'b').length, 3 - placed.filter((n) => n === 'a').length);
  const base = run([node({ name: 'a', cpu: '4' }), node({ name: 'b', cpu: '4' }), deployment('web', 1, '1')]);
  const onA = base.pods.filter((p) => p.workload?.name === 'web' && p.node === 'a').length;
  assert.equal(placed.filter((n) => n === 'a').length, onA, 'what ran on a stays, nothing new lands there');
});

test('drain evicts: controller-owned Pods move, bare Pods are deleted, DaemonSet Pods stay', () => {
  const bare = pod({ name: 'bare', cpu: '1', spec: { nodeName: 'a' } });
  const owned = JSON.parse(pod({ name: 'owned', cpu: '1', spec: { nodeName: 'a' } }));
  owned.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }];
  const ds = JSON.stringify({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'x:1' }] } } } });
  const r = run([node({ name: 'a', cpu: '4' }), node({ name: 'b', cpu: '4' }), bare, JSON.stringify(owned), ds], { whatIf: { drain: ['a'] } });
  assert.equal(podOf(r, 'bare').status, 'preempted');
  assert.match(podOf(r, 'bare').message!, /evicted by the drain of a: a bare Pod is deleted/);
  assert.equal(podOf(r, 'owned').node, 'b');
  assert.match(podOf(r, 'owned').warnings!.join('\n'), /evicted by the drain of a; its controller recreates it/);
  const agents = r.pods.filter((p) => p.workload?.kind === 'DaemonSet');
  assert.deepEqual(agents.map((p) => p.node).sort(), ['a', 'b'], 'the DaemonSet Pod stays on the drained Node');
});

test('copies of a Node grow its pool: new schedulable Nodes with their own hostname', () => {
  const docs = [node({ name: 'a', cpu: '2', labels: { pool: 'gpu' } }), deployment('web', 4, '1')];
  assert.equal(run(docs).pods.filter((p) => p.status === 'unschedulable').length, 2);
  const r = run(docs, { whatIf: { copies: { a: 1 } } });
  assert.deepEqual(r.nodes.map((n) => n.name), ['a', 'a-copy-1']);
  const copy = r.nodes[1];
  assert.equal(copy.labels['kubernetes.io/hostname'], 'a-copy-1');
  assert.equal(copy.labels.pool, 'gpu');
  assert.equal(r.pods.filter((p) => p.status === 'unschedulable').length, 0);
});
