/**
 * Summary detail keeps nothing per Node × Pod: an unschedulable Pod reports how many Nodes gave
 * each reason (the counts of its message) instead of per-Node verdicts, unless its per-Node
 * detail is asked for (detail full, or detailFor). The simulation also runs in steps (what the
 * CLI's progress bar and the server's slices drive) with the same outcome, and the Pods a
 * workspace asks for are counted before any is made.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, result, run, yaml } from './helpers';
import { parseManifestFile } from '../../../server/src/service/parse/manifests';
import { Simulation, toScheduleReport } from '../../../server/src/service/scheduler';
import { readInputs } from '../../../server/src/service/scheduler/inputs';

const ZONE = 'topology.kubernetes.io/zone';
const anti = (i: number) =>
  pod({
    name: `p${i}`,
    labels: { app: 'anti' },
    cpu: '100m',
    spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app: 'anti' } } }] } } },
  });
/** 6 Nodes in 2 zones (one cordoned, one too small), 4 Pods that repel each other by zone: 2 fit. */
const DOCS = [
  ...[0, 1, 2, 3].map((i) => node({ name: `n${i}`, labels: { [ZONE]: `z${i % 2}` } })),
  node({ name: 'cordoned', labels: { [ZONE]: 'z0' }, unschedulable: true }),
  node({ name: 'tiny', cpu: '50m', labels: { [ZONE]: 'z1' } }),
  ...[0, 1, 2, 3].map(anti),
];

/** The counts the message gives: `0/N nodes are available: 4 reason, 1 other.` */
function messageCounts(message: string): Record<string, number> {
  const body = /^0\/\d+ nodes are available: (.*?)\. /.exec(message)![1];
  const out: Record<string, number> = {};
  for (const m of body.matchAll(/(\d+) (.+?)(?=, \d+ |$)/g)) out[m[2]] = Number(m[1]);
  return out;
}

test('summary: an unschedulable Pod has no per-Node verdicts but the counts of its message', () => {
  const r = run(DOCS, { detail: 'summary' });
  const p = podOf(r, 'p3');
  assert.equal(p.status, 'unschedulable');
  assert.deepEqual(p.filters, {});
  assert.deepEqual(p.filterPlugins, {});
  assert.deepEqual(p.filterReasons, messageCounts(p.message!));
  assert.deepEqual(p.filterReasons, { 'Insufficient cpu': 1, "node(s) didn't match pod anti-affinity rules": 4, 'node(s) were unschedulable': 1 });
  assert.equal(Object.values(p.filterReasons!).reduce((a, b) => a + b, 0), 6, 'every Node counted once (one reason each here)');
  // Placed Pods carry no counts.
  assert.equal(podOf(r, 'p0').filterReasons, undefined);
});

test('full detail and detailFor keep the per-Node verdicts (and no counts); the message is the same', () => {
  const summary = run(DOCS, { detail: 'summary' });
  const full = run(DOCS, { detail: 'full' });
  const one = run(DOCS, { detail: 'summary', detailFor: ['default/p3'] });
  for (const r of [full, one]) {
    const p = podOf(r, 'p3');
    assert.equal(p.message, podOf(summary, 'p3').message);
    assert.equal(p.filterReasons, undefined);
    assert.equal(p.filters.cordoned, 'node(s) were unschedulable');
    assert.equal(p.filterPlugins.tiny, 'NodeResourcesFit');
    assert.equal(Object.keys(p.filters).length, 6);
    // The verdicts add up to the counts summary detail gives.
    const counts: Record<string, number> = {};
    for (const v of Object.values(p.filters)) counts[v!] = (counts[v!] ?? 0) + 1;
    assert.deepEqual(counts, podOf(summary, 'p3').filterReasons);
  }
  assert.deepEqual(podOf(one, 'p2').filters, {}, 'only the Pod asked for');
});

test('summary: the simulation keeps no per-Node status for unschedulable Pods', () => {
  const r = result(DOCS, { detail: 'summary' });
  const rec = r.pods.find((p) => p.pod.name === 'p3')!.record!;
  assert.equal(rec.perNode, false);
  assert.equal(rec.filters, undefined);
  assert.equal(rec.candidates, undefined);
  assert.equal(rec.feasible, undefined);
  assert.ok(rec.reasons && rec.reasons.length === 3);
});

test('summary: a PreFilter rejection counts every Node once, without listing them', () => {
  const conflict = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } } };
  const docs = [node({ name: 'a' }), node({ name: 'b' }), node({ name: 'c' }), pod({ name: 'p', spec: conflict })];
  const s = podOf(run(docs, { detail: 'summary' }), 'p');
  assert.deepEqual(s.filters, {});
  assert.deepEqual(s.filterReasons, { 'pod affinity terms conflict': 3 });
  const f = podOf(run(docs, { detail: 'full' }), 'p');
  assert.deepEqual(f.filters, { a: 'pod affinity terms conflict', b: 'pod affinity terms conflict', c: 'pod affinity terms conflict' });
});

test('summary: Nodes a PreFilterResult left out are counted with their reason', () => {
  const pinned = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } } } };
  const docs = [node({ name: 'a', cpu: '1' }), node({ name: 'b' }), node({ name: 'c' }), pod({ name: 'p', cpu: '2', spec: pinned })];
  const p = podOf(run(docs, { detail: 'summary' }), 'p');
  assert.deepEqual(p.filterReasons, { 'Insufficient cpu': 1, "node(s) didn't satisfy plugin(s) [NodeAffinity]": 2 });
  assert.deepEqual(p.filterReasons, messageCounts(p.message!));
});

test('the simulation in steps: reading, then scheduling passes, then done; the same outcome as at once', () => {
  const files = [parseManifestFile('file:///test.yaml', 0, yaml(...DOCS))];
  const sim = new Simulation(files, { detail: 'summary' });
  assert.equal(sim.podCount(), undefined, 'nothing counted before the first step');
  const seen: string[] = [];
  let steps = 0;
  let last = { phase: '', done: -1, pass: 0 };
  while (!sim.step()) {
    steps++;
    const p = sim.progress();
    if (seen.at(-1) !== p.phase) seen.push(p.phase);
    assert.ok(p.done <= p.total, JSON.stringify(p));
    if (p.phase === last.phase && p.pass === last.pass) assert.ok(p.done >= last.done, 'progress never goes back within a pass');
    last = p;
  }
  assert.deepEqual(sim.podCount(), { wanted: 4, max: 200_000 });
  assert.equal(sim.progress().phase, 'done');
  assert.deepEqual(seen, ['reading', 'scheduling']);
  assert.ok(steps >= 4 + 4, 'a step per Pod admitted and per scheduling cycle');
  assert.equal(JSON.stringify(toScheduleReport(sim.result())), JSON.stringify(run(DOCS, { detail: 'summary' })));
});

test('maxPods: workload replicas are counted, not made, past the bound', () => {
  const deploy = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'huge' },
    spec: { replicas: 1_000_000_000, selector: { matchLabels: { app: 'h' } }, template: { metadata: { labels: { app: 'h' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  const files = [parseManifestFile('file:///t.yaml', 0, yaml(node({ name: 'a' }), pod({ name: 'bare' }), deploy))];
  const inputs = readInputs(files, { maxPods: 10 });
  assert.equal(inputs.pods.length, 10);
  assert.ok(inputs.notes.some((n) => /1000000001 Pods, more than the limit of 10/.test(n)), inputs.notes.join('\n'));
  const sim = new Simulation(files, { maxPods: 10 });
  sim.step();
  assert.deepEqual(sim.podCount(), { wanted: 1_000_000_001, max: 10 });
  assert.equal(sim.progress().total, 10);
});
