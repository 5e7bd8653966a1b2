/**
 * What the scale work shares must not change an answer: Pod manifests that differ only in
 * their name share an accepted admission verdict (never a refusal, never across an invalid
 * name), and the per-domain sums of a NodeTally follow every placement and removal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodsightService, simulate, type ScheduleReport } from '../../../server/src/service';
import { NodeTally } from '../../../server/src/service/scheduler/cluster';
import { node, pod, podOf, yaml } from './helpers';

function admitted(docs: string[]): ScheduleReport {
  const service = new PodsightService();
  const file = service.parse('file:///cluster.yaml', 1, yaml(...docs));
  service.workspace.update(file);
  return simulate([file], { admit: service.schedulingAdmission([file]), percentageOfNodesToScore: 100 });
}

const limitRange = JSON.stringify({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'default' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '1' }, default: { cpu: '1' } }] } });

test('Pods alike but for their name share the stored spec; an invalid name is still refused in its own words', () => {
  const r = admitted([limitRange, node({ name: 'a', cpu: '2' }), pod({ name: 'one' }), pod({ name: 'Bad_Name' }), pod({ name: 'two' }), pod({ name: 'three' })]);
  // The LimitRange default (1 cpu) reached every admitted Pod: two fit on the 2-cpu Node.
  assert.equal(podOf(r, 'one').node, 'a');
  assert.equal(podOf(r, 'two').node, 'a');
  assert.equal(podOf(r, 'three').status, 'unschedulable');
  assert.match(podOf(r, 'three').message!, /Insufficient cpu/);
  const bad = podOf(r, 'Bad_Name');
  assert.equal(bad.status, 'rejected');
  assert.match(bad.message!, /^Pod "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);
});

test('a refused shape is judged per Pod: each refusal names its own Pod', () => {
  const refused = (name: string) => {
    const p = JSON.parse(pod({ name }));
    p.spec.restartPolicy = 'Sometimes';
    return JSON.stringify(p);
  };
  const r = admitted([node({ name: 'a' }), refused('x-1'), refused('x-2'), refused('x-3')]);
  for (const name of ['x-1', 'x-2', 'x-3']) {
    const p = podOf(r, name);
    assert.equal(p.status, 'rejected');
    assert.match(p.message!, new RegExp(`^Pod "${name}" is invalid: spec\\.restartPolicy: Unsupported value: "Sometimes"`));
  }
});

test('NodeTally: the sums per domain follow adds and removals, whenever they were first asked for', () => {
  const t = new NodeTally();
  const ids = Int32Array.from([0, 0, 1, -1, 2]); // Nodes 0..4 → domains (Node 3 has none)
  t.add(0, 2);
  t.add(3, 5);
  const d = t.byDomain(ids, 3);
  assert.deepEqual([...d.sums], [2, 0, 0]);
  assert.equal(d.filled, 1);
  t.add(1, 1);
  t.add(2, 4);
  t.add(4, 1);
  assert.deepEqual([...d.sums], [3, 4, 1]);
  assert.equal(d.filled, 3);
  t.add(2, -4);
  t.add(0, -2);
  assert.deepEqual([...d.sums], [1, 0, 1]);
  assert.equal(d.filled, 2);
  assert.equal(t.byDomain(ids, 3), d, 'the same mapping gets the same live sums');
  assert.deepEqual([...t.byNode].sort((a, b) => a[0] - b[0]), [[1, 1], [3, 5], [4, 1]]);
  // A mapping asked for later starts from the counts as they are.
  const other = t.byDomain(Int32Array.from([0, 0, 0, 0, 0]), 1);
  assert.deepEqual([...other.sums], [7]);
});
