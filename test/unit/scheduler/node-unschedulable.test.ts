import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const TAIL = 'no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';

test('a cordoned Node is rejected, unresolvably', () => {
  const r = run([node({ name: 'a', unschedulable: true }), pod({ name: 'p' })]);
  assert.equal(podOf(r, 'p').message, `0/1 nodes are available: 1 node(s) were unschedulable. ${TAIL}`);
  assert.deepEqual(podOf(r, 'p').filterPlugins, { a: 'NodeUnschedulable' });
});

test('tolerating node.kubernetes.io/unschedulable:NoSchedule (or everything) passes a cordoned Node', () => {
  for (const tolerations of [[{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], [{ operator: 'Exists' }], [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', value: '' }]]) {
    const r = run([node({ name: 'a', unschedulable: true }), pod({ name: 'p', spec: { tolerations } })]);
    assert.equal(podOf(r, 'p').node, 'a', JSON.stringify(tolerations));
  }
  const r = run([node({ name: 'a', unschedulable: true }), pod({ name: 'p', spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] } })]);
  assert.equal(podOf(r, 'p').node, null, 'a NoExecute toleration does not');
});

test('NodeUnschedulable runs before TaintToleration and NodeResourcesFit', () => {
  const r = run([node({ name: 'a', unschedulable: true, cpu: '1', taints: [{ key: 'k', effect: 'NoSchedule' }] }), pod({ name: 'p', cpu: '2' })]);
  assert.deepEqual(podOf(r, 'p').filters, { a: 'node(s) were unschedulable' });
});
