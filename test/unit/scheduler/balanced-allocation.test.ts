import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

test('the worked example of the spec: Fit 62/81, Balanced 87/93, node-b wins', () => {
  const r = run([node({ name: 'node-a', cpu: '2', memory: '4Gi' }), node({ name: 'node-b', cpu: '4', memory: '8Gi' }), pod({ name: 'p', cpu: '1', memory: '1Gi' })]);
  const p = podOf(r, 'p');
  assert.deepEqual(p.scores['node-a'], { TaintToleration: 100, NodeResourcesFit: 62, NodeResourcesBalancedAllocation: 87, ImageLocality: 0, total: 449 });
  assert.deepEqual(p.scores['node-b'], { TaintToleration: 100, NodeResourcesFit: 81, NodeResourcesBalancedAllocation: 93, ImageLocality: 0, total: 474 });
  assert.equal(p.node, 'node-b');
});

test('real requests of placed Pods count; a Node without memory allocatable scores 100', () => {
  const r = run([node({ name: 'a', cpu: '4', memory: '8Gi' }), node({ name: 'b', cpu: '4', memory: '0' }), pod({ name: 'x', cpu: '2', spec: { nodeName: 'a' } }), pod({ name: 'p', cpu: '1' })]);
  const p = podOf(r, 'p');
  // a: cpu (2 + 1)/4 = .75, memory 0 → std .375 → 62; b: only cpu has allocatable → 100.
  assert.equal(p.scores.a.NodeResourcesBalancedAllocation, 62);
  assert.equal(p.scores.b.NodeResourcesBalancedAllocation, 100);
});

test('skipped for a Pod requesting neither cpu nor memory (v1.33+)', () => {
  const r = run([node({ name: 'a' }), node({ name: 'b' }), pod({ name: 'p' })]);
  assert.ok(podOf(r, 'p').skippedScorePlugins?.includes('NodeResourcesBalancedAllocation'));
});
