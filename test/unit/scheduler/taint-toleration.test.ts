import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const taint = (key: string, effect: string, value?: string) => ({ key, effect, ...(value !== undefined ? { value } : {}) });

test('untolerated NoSchedule and NoExecute taints filter; PreferNoSchedule does not', () => {
  const r = run([
    node({ name: 'a', taints: [taint('k', 'NoSchedule', 'v')] }),
    node({ name: 'b', taints: [taint('k', 'NoExecute', 'v')] }),
    node({ name: 'c', taints: [taint('k', 'PreferNoSchedule', 'v')] }),
    pod({ name: 'p' }),
  ]);
  const p = podOf(r, 'p');
  assert.deepEqual(p.feasible, ['c']);
  assert.equal(p.filters.a, 'node(s) had untolerated taint(s)');
  assert.equal(p.filters.b, 'node(s) had untolerated taint(s)');
});

test('toleration matching: empty effect, Exists, Equal value, wildcard key', () => {
  const cases: Array<[unknown, boolean]> = [
    [{ key: 'k', operator: 'Equal', value: 'v' }, true],
    [{ key: 'k', value: 'v' }, true],
    [{ key: 'k', operator: 'Equal', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ operator: 'Exists' }, true],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'k', operator: 'Bogus', value: 'v' }, false],
  ];
  for (const [t, ok] of cases) {
    const r = run([node({ name: 'a', taints: [taint('k', 'NoSchedule', 'v')] }), pod({ name: 'p', spec: { tolerations: [t] } })]);
    assert.equal(podOf(r, 'p').node === 'a', ok, JSON.stringify(t));
  }
});

test('admission adds not-ready/unreachable NoExecute tolerations, so only the NoSchedule variants block', () => {
  const r = run([
    node({ name: 'a', taints: [taint('node.kubernetes.io/not-ready', 'NoExecute')] }),
    node({ name: 'b', taints: [taint('node.kubernetes.io/unreachable', 'NoExecute')] }),
    node({ name: 'c', taints: [taint('node.kubernetes.io/not-ready', 'NoSchedule')] }),
    pod({ name: 'p' }),
  ]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a', 'b']);
});

test('v1.33 names the first untolerated taint, value included (empty value too)', () => {
  const docs = [node({ name: 'a', taints: [taint('x', 'PreferNoSchedule'), taint('node.kubernetes.io/not-ready', 'NoSchedule'), taint('k', 'NoSchedule', 'v')] }), node({ name: 'b', taints: [taint('k', 'NoSchedule', 'v')] }), pod({ name: 'p' })];
  const r = run(docs, { schedulerVersion: '1.33' });
  assert.equal(
    podOf(r, 'p').message,
    '0/2 nodes are available: 1 node(s) had untolerated taint {k: v}, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('score: intolerable PreferNoSchedule taints, reversed and normalized, weight 3', () => {
  const r = run([
    node({ name: 'a', taints: [taint('x', 'PreferNoSchedule'), taint('y', 'PreferNoSchedule')] }),
    node({ name: 'b', taints: [taint('x', 'PreferNoSchedule')] }),
    node({ name: 'c' }),
    pod({ name: 'p', spec: { tolerations: [{ key: 'y', operator: 'Exists', effect: 'PreferNoSchedule' }, { key: 'x', operator: 'Exists', effect: 'NoSchedule' }] } }),
  ]);
  const p = podOf(r, 'p');
  // a: 1 intolerable (y tolerated; the NoSchedule toleration does not count), b: 1, c: 0.
  assert.equal(p.scores.a.TaintToleration, 0);
  assert.equal(p.scores.b.TaintToleration, 0);
  assert.equal(p.scores.c.TaintToleration, 100);
  assert.equal(p.node, 'c');
});

test('score: every Node gets 100 when no PreferNoSchedule taint applies', () => {
  const r = run([node({ name: 'a' }), node({ name: 'b' }), pod({ name: 'p' })]);
  assert.equal(podOf(r, 'p').scores.a.TaintToleration, 100);
  assert.equal(podOf(r, 'p').scores.b.TaintToleration, 100);
});
