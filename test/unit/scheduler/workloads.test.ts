import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, podOf, run } from './helpers';

const tpl = (labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }], ...spec } });
const obj = (apiVersion: string, kind: string, name: string, spec: Record<string, unknown>, namespace?: string) => JSON.stringify({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec });
const NODES = [node({ name: 'a' }), node({ name: 'b' })];

test('Deployment: replicas named <name>-<template hash>-<suffix>, pod-template-hash label, stable across runs', () => {
  const d = obj('apps/v1', 'Deployment', 'web', { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web' }) }, 'shop');
  const r1 = run([...NODES, d]);
  const r2 = run([d, ...NODES]);
  const names = r1.pods.map((p) => p.name);
  assert.equal(names.length, 3);
  for (const n of names) assert.match(n, /^shop\/web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(new Set(names).size, 3);
  assert.deepEqual(r2.pods.map((p) => p.name), names, 'deterministic');
  assert.deepEqual(r1.pods[0].workload, { kind: 'Deployment', name: 'web', namespace: 'shop', replica: 0 });
  // Another template gives another hash.
  const d2 = obj('apps/v1', 'Deployment', 'web', { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web', v: '2' }) }, 'shop');
  assert.notEqual(run([...NODES, d2]).pods[0].name.split('-')[1], names[0].split('-')[1]);
});

test('replicas default to 1; 0 gives no Pod; ReplicaSet and ReplicationController work the same', () => {
  assert.equal(run([...NODES, obj('apps/v1', 'Deployment', 'd', { selector: { matchLabels: { a: 'b' } }, template: tpl({ a: 'b' }) })]).pods.length, 1);
  assert.equal(run([...NODES, obj('apps/v1', 'Deployment', 'd', { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: tpl({ a: 'b' }) })]).pods.length, 0);
  const rs = run([...NODES, obj('apps/v1', 'ReplicaSet', 'rs', { replicas: 2, selector: { matchLabels: { a: 'b' } }, template: tpl({ a: 'b' }) })]);
  assert.deepEqual(rs.pods.map((p) => /^default\/rs-[a-z0-9]{5}$/.test(p.name)), [true, true]);
  const rc = run([...NODES, obj('v1', 'ReplicationController', 'rc', { replicas: 2, template: tpl({ a: 'b' }) })]);
  assert.equal(rc.pods.length, 2);
});

test('StatefulSet: <name>-<ordinal> from spec.ordinals.start', () => {
  const r = run([...NODES, obj('apps/v1', 'StatefulSet', 'db', { replicas: 3, ordinals: { start: 5 }, selector: { matchLabels: { a: 'db' } }, template: tpl({ a: 'db' }) })]);
  assert.deepEqual(r.pods.map((p) => p.podName), ['db-5', 'db-6', 'db-7']);
});

test('Job: parallelism Pods (capped by completions), Indexed names, suspended Jobs none; CronJob not expanded', () => {
  assert.equal(run([...NODES, obj('batch/v1', 'Job', 'j', { parallelism: 4, completions: 2, template: tpl({}) })]).pods.length, 2);
  assert.equal(run([...NODES, obj('batch/v1', 'Job', 'j', { template: tpl({}) })]).pods.length, 1);
  const indexed = run([...NODES, obj('batch/v1', 'Job', 'j', { parallelism: 2, completionMode: 'Indexed', template: tpl({}) })]);
  assert.deepEqual(indexed.pods.map((p) => /^j-\d-[a-z0-9]{5}$/.test(p.podName)), [true, true]);
  assert.equal(run([...NODES, obj('batch/v1', 'Job', 'j', { suspend: true, template: tpl({}) })]).pods.length, 0);
  const cron = run([...NODES, obj('batch/v1', 'CronJob', 'c', { schedule: '* * * * *', jobTemplate: { spec: { template: tpl({}) } } })]);
  assert.equal(cron.pods.length, 0);
  assert.ok(cron.notes.some((n) => n.includes('CronJob')));
});

test('DaemonSet: one Pod per eligible Node, pinned by matchFields, with the controller\'s tolerations', () => {
  const nodes = [
    node({ name: 'a' }),
    node({ name: 'cordoned', unschedulable: true }),
    node({ name: 'tainted', taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
    node({ name: 'notready', taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }),
    node({ name: 'windows', labels: { 'kubernetes.io/os': 'windows' } }),
    node({ name: 'full', pods: 0 }),
  ];
  const ds = obj('apps/v1', 'DaemonSet', 'agent', {
    selector: { matchLabels: { app: 'agent' } },
    template: tpl({ app: 'agent' }, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] }] }] } } } }),
  });
  const r = run([...nodes, ds]);
  const placed = Object.fromEntries(r.pods.map((p) => [p.workload?.replica, p]));
  assert.deepEqual(Object.keys(placed).sort(), ['a', 'cordoned', 'full', 'notready']);
  for (const n of ['a', 'cordoned', 'notready']) assert.equal(placed[n].node, n);
  assert.equal(placed.full.message, "0/6 nodes are available: 1 Too many pods, 5 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/6 nodes are available: 1 No preemption victims found for incoming pod, 5 Preemption is not helpful for scheduling.");
  assert.ok(r.notes.some((n) => n.includes('2 Node(s) not eligible')));
});

test('controllers whose children are declared (kubectl get all -o yaml) are not expanded twice', () => {
  const d = obj('apps/v1', 'Deployment', 'web', { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web' }) });
  const rs = JSON.stringify({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true, uid: 'u' }] }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web' }) } });
  const pods = [0, 1].map((i) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-abc-${i}`, labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', controller: true, uid: 'v' }] }, spec: { nodeName: 'a', containers: [{ name: 'c', image: 'x' }] } }));
  const r = run([...NODES, d, rs, ...pods]);
  assert.deepEqual(r.pods.map((p) => p.podName), ['web-abc-0', 'web-abc-1']);
  assert.deepEqual(r.pods.map((p) => p.status), ['pinned', 'pinned']);
});

test('what-if replica counts override the manifest', () => {
  const d = obj('apps/v1', 'Deployment', 'web', { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web' }) }, 'shop');
  assert.equal(run([...NODES, d], { whatIf: { replicas: { 'Deployment/shop/web': 5 } } }).pods.length, 5);
});

test('the source of a workload Pod is its workload\'s manifest', () => {
  const d = obj('apps/v1', 'Deployment', 'web', { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web' }) });
  const r = run([...NODES, d]);
  assert.equal(r.pods[0].source?.uri, 'file:///test.yaml');
  assert.equal(r.pods[0].source?.range.start.line, 4);
  assert.equal(podOf(r, r.pods[0].name).workload?.kind, 'Deployment');
});
