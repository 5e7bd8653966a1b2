import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const pinned = (name: string, on: string, cpu?: string, memory?: string) => pod({ name, cpu, memory, spec: { nodeName: on } });

test('every insufficient resource is its own reason, in upstream order', () => {
  const r = run([node({ name: 'a', cpu: '2', memory: '2Gi', pods: 1, extra: { 'example.com/gpu': '1', 'hugepages-2Mi': '0' } }), pinned('x', 'a', '1500m', '1500Mi'), pod({ name: 'p', cpu: '1', memory: '1Gi', requests: { 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi' } })]);
  assert.equal(podOf(r, 'p').filters.a, 'Too many pods, Insufficient cpu, Insufficient memory, Insufficient example.com/gpu, Insufficient hugepages-2Mi');
});

test('a request above the whole allocatable is unresolvable (v1.34+), below it resolvable', () => {
  const big = run([node({ name: 'a', cpu: '1' }), pod({ name: 'p', cpu: '2' })]);
  assert.equal(podOf(big, 'p').message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  const full = run([node({ name: 'a', cpu: '2' }), pinned('x', 'a', '1500m'), pod({ name: 'p', cpu: '1' })]);
  assert.equal(podOf(full, 'p').message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  const old = run([node({ name: 'a', cpu: '1' }), pod({ name: 'p', cpu: '2' })], { schedulerVersion: '1.33' });
  assert.equal(podOf(old, 'p').message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
});

test('Too many pods is resolvable; a Pod without requests only needs a slot', () => {
  const r = run([node({ name: 'a', cpu: '0', memory: '0', pods: 1 }), node({ name: 'b', cpu: '0', memory: '0', pods: 2 }), pinned('x', 'a'), pod({ name: 'p' }), pod({ name: 'q' }), pod({ name: 'r' })]);
  assert.equal(podOf(r, 'p').node, 'b');
  assert.equal(podOf(r, 'q').node, 'b');
  assert.equal(podOf(r, 'r').message, '0/2 nodes are available: 2 Too many pods. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
});

test('a Node without allocatable pods fits nothing', () => {
  const r = run([JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' }, status: { allocatable: { cpu: '4', memory: '8Gi' } } }), pod({ name: 'p' })]);
  assert.equal(podOf(r, 'p').filters.a, 'Too many pods');
});

test('LeastAllocated: integer (alloc − req)·100/alloc averaged over cpu and memory', () => {
  const r = run([node({ name: 'a', cpu: '4', memory: '8Gi' }), node({ name: 'b', cpu: '4', memory: '8Gi' }), pinned('x', 'a', '1', '2Gi'), pod({ name: 'p', cpu: '1', memory: '1Gi' })]);
  const p = podOf(r, 'p');
  assert.equal(p.scores.a.NodeResourcesFit, 56); // (50 + 62) / 2
  assert.equal(p.scores.b.NodeResourcesFit, 81); // (75 + 87) / 2
  assert.equal(p.node, 'b');
});

test('LeastAllocated counts 100m / 200Mi for containers without requests', () => {
  const r = run([node({ name: 'a', cpu: '1', memory: '1000Mi' }), node({ name: 'b', cpu: '1', memory: '1000Mi' }), pinned('x', 'a'), pod({ name: 'p' })]);
  const p = podOf(r, 'p');
  assert.equal(p.scores.a.NodeResourcesFit, 70); // cpu 800/1000 → 80, memory 600/1000 → 60
  assert.equal(p.scores.b.NodeResourcesFit, 85); // 90, 80
  assert.equal(p.node, 'b');
});
