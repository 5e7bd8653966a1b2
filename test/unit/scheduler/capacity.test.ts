/**
 * "How many more replicas of X fit, and what stops the next one?": extra replicas are added
 * behind every other Pod, one at a time, until one fits nowhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, run } from './helpers';

const deployment = (name: string, replicas: number, cpu: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }], ...extra } } },
  });

test('counts the extra replicas that fit and gives the next one\'s message', () => {
  // 2 Nodes × 4 cpu; web asks 2 × 1 cpu now; a bare Pod takes 1 cpu. Free: 8 − 2 − 1 = 5 → 5 more fit.
  const r = run([node({ name: 'a', cpu: '4' }), node({ name: 'b', cpu: '4' }), deployment('web', 2, '1'), pod({ name: 'other', namespace: 'shop', cpu: '1' })], { capacity: { workload: 'Deployment/shop/web' } });
  assert.deepEqual({ ...r.capacity, blocker: undefined }, { workload: 'Deployment/shop/web', current: 2, fit: 5, tried: 6, max: 1000, blocker: undefined });
  assert.match(r.capacity!.blocker!.pod, /^shop\/web-/);
  assert.equal(r.capacity!.blocker!.message, "0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.");
  // The answer lists the Pods placed and the one that did not fit, not the 994 never tried.
  assert.equal(r.pods.filter((p) => p.workload?.name === 'web').length, 2 + 6);
  assert.equal(r.summary.pods, 1 + 2 + 6);
  assert.equal(r.nodes.reduce((n, x) => n + x.pods.length, 0), 1 + 2 + 5);
});

test('the extra replicas come after every other Pod: they never take room a declared Pod needed', () => {
  // Without the question, web (declared first) and big each fit; the question must not change that.
  const docs = [node({ name: 'a', cpu: '4' }), deployment('web', 1, '1'), pod({ name: 'big', namespace: 'shop', cpu: '3' })];
  const r = run(docs, { capacity: { workload: 'Deployment/shop/web' } });
  assert.equal(r.pods.find((p) => p.name === 'shop/big')!.node, 'a');
  assert.equal(r.capacity!.fit, 0);
});

test('what stops the next one can be a spread constraint, not room; max bounds the tries', () => {
  const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
  const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } } };
  const r = run([node({ name: 'a' }), node({ name: 'b' }), node({ name: 'c' }), deployment('web', 1, '100m', { ...anti, ...spread })], { capacity: { workload: 'Deployment/shop/web' } });
  assert.equal(r.capacity!.fit, 2);
  assert.match(r.capacity!.blocker!.message, /didn't match pod anti-affinity rules/);
  const few = run([node({ name: 'a', cpu: '64', pods: 500 }), deployment('web', 1, '10m')], { capacity: { workload: 'Deployment/shop/web', max: 3 } });
  assert.deepEqual({ fit: few.capacity!.fit, tried: few.capacity!.tried, blocker: few.capacity!.blocker }, { fit: 3, tried: 3, blocker: undefined });
});

test('a question about a workload that is not there, or has no replicas to raise, says so', () => {
  assert.equal(run([node({ name: 'a' })], { capacity: { workload: 'Deployment/shop/none' } }).capacity!.problem, 'no workload Deployment/shop/none in the workspace');
  const ds = JSON.stringify({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'x:1' }] } } } });
  assert.equal(run([node({ name: 'a' }), ds], { capacity: { workload: 'DaemonSet/shop/agent' } }).capacity!.problem, 'DaemonSets have no replica count to raise');
});
