import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const zoneNode = (name: string, zone?: string) => node({ name, labels: zone ? { [ZONE]: zone } : {} });
const term = (labels: Record<string, string>, topologyKey: string, extra: Record<string, unknown> = {}) => ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const placed = (name: string, on: string, labels: Record<string, string>, spec: Record<string, unknown> = {}, namespace?: string) => pod({ name, labels, namespace, spec: { nodeName: on, ...spec } });

test('the first Pod of a self-affine group may go to any Node with the topology key', () => {
  const r = run([zoneNode('a', 'z1'), zoneNode('b'), pod({ name: 'p', labels: { app: 'cache' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' }, ZONE)] } } } })]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a']);
  assert.equal(podOf(r, 'p').filters.b, "node(s) didn't match pod affinity rules");
});

test('required affinity with no matching Pod anywhere (and not self-matching) fits nowhere, unresolvably', () => {
  const r = run([zoneNode('a', 'z1'), pod({ name: 'p', labels: { app: 'api' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE)] } } } })]);
  assert.equal(podOf(r, 'p').message, "0/1 nodes are available: 1 node(s) didn't match pod affinity rules. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
});

test('existing Pods\' required anti-affinity is symmetric', () => {
  const r = run([zoneNode('a', 'z1'), zoneNode('b', 'z1'), zoneNode('c', 'z2'), placed('guard', 'a', { app: 'guard' }, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, ZONE)] } } }), pod({ name: 'p', labels: { app: 'web' } })]);
  const p = podOf(r, 'p');
  assert.deepEqual(p.feasible, ['c']);
  assert.equal(p.filters.b, "node(s) didn't satisfy existing pods anti-affinity rules");
});

test('namespaces: the owner\'s namespace by default, a namespaceSelector over Namespace labels, {} for all', () => {
  const ns = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'data', labels: { team: 'storage' } } });
  const base = [zoneNode('a', 'z1'), zoneNode('b', 'z2'), ns, placed('db', 'a', { app: 'db' }, {}, 'data')];
  const affinity = (extra: Record<string, unknown>) => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE, extra)] } } });
  assert.equal(podOf(run([...base, pod({ name: 'p', spec: affinity({}) })]), 'p').node, null);
  assert.equal(podOf(run([...base, pod({ name: 'p', spec: affinity({ namespaceSelector: { matchLabels: { team: 'storage' } } }) })]), 'p').node, 'a');
  assert.equal(podOf(run([...base, pod({ name: 'p', spec: affinity({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } }) })]), 'p').node, 'a');
  assert.equal(podOf(run([...base, pod({ name: 'p', spec: affinity({ namespaceSelector: {} }) })]), 'p').node, 'a');
  assert.equal(podOf(run([...base, pod({ name: 'p', spec: affinity({ namespaceSelector: { matchLabels: { team: 'web' } } }) })]), 'p').node, null);
});

test('matchLabelKeys / mismatchLabelKeys merge the Pod\'s own values into the term', () => {
  const anti = (keys: Record<string, unknown>) => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, HOST, keys)] } } });
  const r = run([zoneNode('a', 'z1'), zoneNode('b', 'z1'), placed('old', 'a', { app: 'web', rev: '1' }), pod({ name: 'p', labels: { app: 'web', rev: '2' }, spec: anti({ matchLabelKeys: ['rev'] }) })]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a', 'b'], 'rev=1 is not selected');
  const r2 = run([zoneNode('a', 'z1'), zoneNode('b', 'z1'), placed('old', 'a', { app: 'web', rev: '1' }), pod({ name: 'p', labels: { app: 'web', rev: '2' }, spec: anti({ mismatchLabelKeys: ['rev'] }) })]);
  assert.deepEqual(podOf(r2, 'p').feasible, ['b'], 'rev≠2 is selected');
});

test('score: preferred terms per matching Pod and domain, min–max normalized', () => {
  const pref = (weight: number, labels: Record<string, string>, key: string) => ({ weight, podAffinityTerm: term(labels, key) });
  const r = run([
    zoneNode('a', 'z1'),
    zoneNode('b', 'z1'),
    zoneNode('c', 'z2'),
    placed('db', 'a', { app: 'db' }),
    placed('web', 'c', { app: 'web' }),
    pod({ name: 'p', spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(80, { app: 'db' }, ZONE)] }, podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(20, { app: 'web' }, HOST)] } } } }),
  ]);
  const p = podOf(r, 'p');
  // a, b: +80 (zone z1 has db); c: −20 (web on c). min −20, max 80.
  assert.equal(p.scores.a.InterPodAffinity, 100);
  assert.equal(p.scores.b.InterPodAffinity, 100);
  assert.equal(p.scores.c.InterPodAffinity, 0);
});

test('score: existing Pods\' terms count too (required affinity with weight 1, preferred ±weight)', () => {
  const r = run([
    zoneNode('a', 'z1'),
    zoneNode('b', 'z2'),
    zoneNode('c', 'z3'),
    placed('fan', 'a', { app: 'fan' }, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'star' }, ZONE)] } } }),
    placed('hater', 'b', { app: 'hater' }, { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term({ app: 'star' }, ZONE) }] } } }),
    pod({ name: 'p', labels: { app: 'star' } }),
  ]);
  const p = podOf(r, 'p');
  // a: +1, b: −50, c: 0 → (s + 50)·100/51.
  assert.equal(p.scores.a.InterPodAffinity, 100);
  assert.equal(p.scores.b.InterPodAffinity, 0);
  assert.equal(p.scores.c.InterPodAffinity, 98);
});

test('replicas with hostname anti-affinity take one Node each', () => {
  const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, HOST)] } } };
  const sts = JSON.stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }], ...anti } } } });
  const r = run([zoneNode('a', 'z1'), zoneNode('b', 'z1'), sts]);
  assert.deepEqual(r.pods.map((p) => p.podName), ['web-0', 'web-1', 'web-2']);
  assert.deepEqual(r.pods.map((p) => p.node).slice(0, 2).sort(), ['a', 'b']);
  assert.equal(podOf(r, 'web-2').message, "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.");
});
