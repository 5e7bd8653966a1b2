import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });
const CLASSES = [pc('low', 100), pc('high', 1000), pc('never', 1000, { preemptionPolicy: 'Never' })];

test('a higher-priority Pod preempts lower-priority Pods and lands on the nominated Node', () => {
  const r = run([...CLASSES, node({ name: 'a', cpu: '2' }), pod({ name: 'victim', cpu: '1500m', spec: { nodeName: 'a', priorityClassName: 'low' } }), pod({ name: 'p', cpu: '1', spec: { priorityClassName: 'high' } })]);
  const p = podOf(r, 'p');
  assert.equal(p.node, 'a');
  assert.equal(p.status, 'scheduled');
  assert.deepEqual(p.preemption, { node: 'a', victims: ['default/victim'], message: '0/1 nodes are available: 1 Insufficient cpu.' });
  assert.equal(podOf(r, 'victim').status, 'preempted');
  assert.equal(podOf(r, 'victim').node, null);
  assert.equal(podOf(r, 'victim').preemptedBy, 'default/p');
  assert.deepEqual(r.nodes[0].pods, ['default/p']);
});

test('only as many victims as needed, the least important first', () => {
  const r = run([...CLASSES, pc('mid', 500), node({ name: 'a', cpu: '3' }), pod({ name: 'v-low', cpu: '1', spec: { nodeName: 'a', priorityClassName: 'low' } }), pod({ name: 'v-mid', cpu: '1', spec: { nodeName: 'a', priorityClassName: 'mid' } }), pod({ name: 'p', cpu: '2', spec: { priorityClassName: 'high' } })]);
  assert.deepEqual(podOf(r, 'p').preemption?.victims, ['default/v-low']);
  assert.equal(podOf(r, 'v-mid').status, 'pinned');
});

test('preemptionPolicy Never (from the Pod or its PriorityClass) is not eligible', () => {
  const docs = [...CLASSES, node({ name: 'a', cpu: '2' }), pod({ name: 'victim', cpu: '1500m', spec: { nodeName: 'a', priorityClassName: 'low' } })];
  const msg = '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.';
  assert.equal(podOf(run([...docs, pod({ name: 'p', cpu: '1', spec: { priorityClassName: 'never' } })]), 'p').message, msg);
  assert.equal(podOf(run([...docs, pod({ name: 'p', cpu: '1', spec: { priorityClassName: 'high', preemptionPolicy: 'Never' } })]), 'p').message, msg);
});

test('when evicting every lower-priority Pod is not enough, the remaining reason is reported', () => {
  const r = run([...CLASSES, node({ name: 'a', cpu: '2' }), pod({ name: 'big', cpu: '1500m', spec: { nodeName: 'a', priorityClassName: 'high' } }), pod({ name: 'small', cpu: '200m', spec: { nodeName: 'a', priorityClassName: 'low' } }), pod({ name: 'p', cpu: '1', spec: { priorityClassName: 'high' } })]);
  assert.equal(podOf(r, 'p').message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  assert.equal(podOf(r, 'small').status, 'pinned');
});

test('the queue takes higher priority first; equal priority never preempts', () => {
  const r = run([...CLASSES, node({ name: 'a', cpu: '1' }), pod({ name: 'first', cpu: '1' }), pod({ name: 'urgent', cpu: '1', spec: { priorityClassName: 'high' } })]);
  assert.equal(podOf(r, 'urgent').node, 'a');
  assert.equal(podOf(r, 'urgent').queuePosition, 0);
  assert.equal(podOf(r, 'first').message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
});

test('a globalDefault PriorityClass applies to Pods without a class; system classes are built in', () => {
  const r = run([pc('default-prio', 50, { globalDefault: true }), node({ name: 'a' }), pod({ name: 'p' }), pod({ name: 'sys', spec: { priorityClassName: 'system-node-critical' } })]);
  assert.equal(podOf(r, 'p').priority, 50);
  assert.equal(podOf(r, 'sys').priority, 2000001000);
});

test('a preempted workload Pod is recreated and queued again', () => {
  const ZONE = 'topology.kubernetes.io/zone';
  const rs = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs' },
    spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { priorityClassName: 'low', nodeSelector: { 'kubernetes.io/hostname': 'a' }, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1500m' } } }] } } },
  });
  const r = run([
    ...CLASSES,
    node({ name: 'a', cpu: '2', labels: { [ZONE]: 'z1' } }),
    node({ name: 'b', cpu: '2', labels: { [ZONE]: 'z2' } }),
    // Needs the anchor's zone; queued first, it waits for the anchor (a retry), then preempts.
    pod({ name: 'p', cpu: '1', spec: { priorityClassName: 'high', affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'anchor' } }, topologyKey: ZONE }] } } } }),
    pod({ name: 'anchor', labels: { app: 'anchor' }, cpu: '100m', spec: { priorityClassName: 'high', nodeSelector: { 'kubernetes.io/hostname': 'a' } } }),
    rs,
  ]);
  const p = podOf(r, 'p');
  assert.equal(p.node, 'a');
  assert.equal(p.attempts, 2);
  const replica = r.pods.find((x) => x.workload?.kind === 'ReplicaSet')!;
  assert.deepEqual(p.preemption?.victims, [replica.name]);
  assert.equal(replica.preemptedBy, 'default/p');
  assert.equal(replica.status, 'unschedulable');
  assert.equal(replica.attempts, 2);
  assert.equal(replica.message, "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");
});

test('v1.33 dialect: no DynamicResources text, Fit failures always resolvable', () => {
  const r = run([node({ name: 'a', cpu: '1' }), pod({ name: 'p', cpu: '2' })], { schedulerVersion: '1.33' });
  assert.equal(podOf(r, 'p').message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
});
