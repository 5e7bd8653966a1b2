/**
 * The API server in front of the simulation (PodsightService.schedulingAdmission): Pods are
 * scheduled as the create path stores them against the declared workspace, and Pods it refuses
 * are rejected, not placed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodsightService, simulate, type ScheduleReport } from '../../../server/src/service';
import { node, pod, podOf, yaml } from './helpers';

function admitted(docs: string[]): ScheduleReport {
  const service = new PodsightService();
  const file = service.parse('file:///cluster.yaml', 1, yaml(...docs));
  service.workspace.update(file);
  return simulate([file], { admit: service.schedulingAdmission([file]), percentageOfNodesToScore: 100 });
}

const limitRange = (spec: Record<string, unknown>) => JSON.stringify({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'default' }, spec: { limits: [{ type: 'Container', ...spec }] } });

test("LimitRange defaults are the Pods' requests when the scheduler sees them", () => {
  const docs = [limitRange({ defaultRequest: { cpu: '2' }, default: { cpu: '2' } }), node({ name: 'a', cpu: '3' }), pod({ name: 'one' }), pod({ name: 'two' })];
  const r = admitted(docs);
  assert.equal(podOf(r, 'one').node, 'a');
  assert.equal(podOf(r, 'two').status, 'unschedulable');
  assert.match(podOf(r, 'two').message!, /Insufficient cpu/);
  // Taken as written (no requests), both fit.
  const service = new PodsightService();
  const plain = simulate([service.parse('file:///cluster.yaml', 1, yaml(...docs))]);
  assert.equal(podOf(plain, 'two').node, 'a');
});

test('a Pod the API server refuses is rejected with its words, not placed', () => {
  const bad = JSON.parse(pod({ name: 'bad' }));
  bad.spec.restartPolicy = 'Sometimes';
  const r = admitted([node({ name: 'a' }), JSON.stringify(bad), pod({ name: 'good' })]);
  const p = podOf(r, 'bad');
  assert.equal(p.status, 'rejected');
  assert.equal(p.node, null);
  assert.match(p.message!, /^Pod "bad" is invalid: spec\.restartPolicy: Unsupported value: "Sometimes"/);
  assert.equal(podOf(r, 'good').node, 'a');
  assert.deepEqual(r.nodes[0].pods, ['default/good']);
});

test("a workload's Pods refused by admission are the controller's 'Error creating' and never placed", () => {
  const deploy = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { limits: { cpu: '4' } } }] } } },
  });
  const r = admitted([limitRange({ max: { cpu: '2' } }), node({ name: 'a', cpu: '16' }), deploy]);
  const pods = r.pods.filter((p) => p.workload?.name === 'web');
  assert.equal(pods.length, 2);
  for (const p of pods) {
    assert.equal(p.status, 'rejected');
    assert.match(p.message!, /^Error creating: pods "web-[a-z0-9]+-" is forbidden: maximum cpu usage per Container is 2, but limit is 4/);
  }
  assert.deepEqual(r.nodes[0].pods, []);
});

test('a refused workload creates no Pods; a Pod already bound is taken as it exists', () => {
  const deploy = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } });
  const bound = JSON.parse(pod({ name: 'running', spec: { nodeName: 'a' } }));
  bound.spec.restartPolicy = 'Sometimes';
  const r = admitted([node({ name: 'a' }), deploy, JSON.stringify(bound)]);
  const web = r.pods.find((p) => p.workload?.name === 'web')!;
  assert.equal(web.status, 'rejected');
  assert.match(web.message!, /^Deployment "web" is invalid: .*selector.*: its controller creates no Pods$/);
  assert.equal(podOf(r, 'running').status, 'pinned');
});
