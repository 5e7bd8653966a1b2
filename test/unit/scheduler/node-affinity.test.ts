import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const required = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const TAIL3 = 'no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

const NODES = [node({ name: 'a', labels: { zone: 'z1', disk: 'ssd' } }), node({ name: 'b', labels: { zone: 'z2' } }), node({ name: 'c', labels: { zone: 'z3', gen: '7' } })];

test('nodeSelector and required affinity must both hold', () => {
  const r = run([...NODES, pod({ name: 'p', spec: { nodeSelector: { disk: 'ssd' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1', 'z2'] }] }) } })]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a']);
  assert.equal(podOf(r, 'p').filters.b, "node(s) didn't match Pod's node affinity/selector");
});

test('a required affinity with only empty terms matches no Node', () => {
  const r = run([...NODES, pod({ name: 'p', spec: required({}) })]);
  assert.equal(podOf(r, 'p').message, `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. ${TAIL3}`);
});

test('matchFields metadata.name narrows the candidates (PreFilterResult); the others are counted apart', () => {
  const r = run([node({ name: 'a', cpu: '1' }), node({ name: 'b' }), node({ name: 'c' }), pod({ name: 'p', cpu: '2', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }) })]);
  const p = podOf(r, 'p');
  assert.equal(p.message, `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. ${TAIL3}`);
  assert.equal(p.filters.b, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
});

test('terms pinning disjoint names conflict: the PreFilter rejects the Pod', () => {
  const r = run([...NODES, pod({ name: 'p', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }) })]);
  // The PreFilter rejection stops before DynamicResources' PreFilter, whose PostFilter then
  // finds no state ("not found"); v1.33 runs preemption instead.
  assert.equal(podOf(r, 'p').message, '0/3 nodes are available: pod affinity terms conflict. not found');
  const old = run([...NODES, pod({ name: 'p', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }) })], { schedulerVersion: '1.33' });
  assert.equal(podOf(old, 'p').message, '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  assert.equal(podOf(r, 'p').filters.a, 'pod affinity terms conflict');
});

test('a term without a name pin lifts the narrowing (terms are ORed)', () => {
  const r = run([...NODES, pod({ name: 'p', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['5'] }] }) })]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a', 'c']);
  assert.equal(podOf(r, 'p').filters.b, "node(s) didn't match Pod's node affinity/selector");
});

test('preferred terms: matching weights summed, normalized to 100, weight 2', () => {
  const r = run([
    ...NODES,
    pod({
      name: 'p',
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 30, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z2'] }] } },
              { weight: 60, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
              { weight: 10, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] } },
              { weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
            ],
          },
        },
      },
    }),
  ]);
  const p = podOf(r, 'p');
  assert.equal(p.scores.a.NodeAffinity, 100); // 70 of 70
  assert.equal(p.scores.b.NodeAffinity, 42); // 100·30/70 = 42
  assert.equal(p.scores.c.NodeAffinity, 0);
  assert.equal(p.node, 'a');
});

test('without preferred terms the score plugin is skipped', () => {
  const r = run([...NODES, pod({ name: 'p' })]);
  assert.ok(podOf(r, 'p').skippedScorePlugins?.includes('NodeAffinity'));
  assert.equal(podOf(r, 'p').scores.a.NodeAffinity, undefined);
});
