import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const ZONE = 'topology.kubernetes.io/zone';
const zoneNode = (name: string, zone: string, extra: Parameters<typeof node>[0] = { name }) => node({ ...extra, name, labels: { [ZONE]: zone, ...(extra.labels ?? {}) } });
const web = { app: 'web' };
const hard = (extra: Record<string, unknown> = {}) => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: web }, ...extra }] });
const soft = (extra: Record<string, unknown> = {}) => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: web }, ...extra }] });
const existing = (name: string, on: string, labels = web) => pod({ name, labels, spec: { nodeName: on } });

test('nodeTaintsPolicy Honor leaves tainted Nodes out of the domains', () => {
  const nodes = [zoneNode('a', 'z1'), zoneNode('b', 'z2', { name: 'b', taints: [{ key: 'k', effect: 'NoSchedule' }] })];
  // Ignore (default): z2 is a domain with 0 → z1 would reach skew 2.
  const ignore = run([...nodes, existing('w0', 'a'), pod({ name: 'p', labels: web, spec: hard() })]);
  assert.equal(podOf(ignore, 'p').node, null);
  const honor = run([...nodes, existing('w0', 'a'), pod({ name: 'p', labels: web, spec: hard({ nodeTaintsPolicy: 'Honor' }) })]);
  assert.equal(podOf(honor, 'p').node, 'a');
});

test('nodeAffinityPolicy Ignore counts Nodes outside the Pod\'s affinity', () => {
  const nodes = [zoneNode('a', 'z1', { name: 'a', labels: { pool: 'x' } }), zoneNode('b', 'z2')];
  const docs = (policy: string) => [...nodes, existing('w0', 'a'), pod({ name: 'p', labels: web, spec: { nodeSelector: { pool: 'x' }, ...hard({ nodeAffinityPolicy: policy }) } })];
  assert.equal(podOf(run(docs('Honor')), 'p').node, 'a', 'only z1 counts: skew 2 − 1 = 1');
  assert.equal(podOf(run(docs('Ignore')), 'p').node, null, 'z2 (0 Pods) counts: skew 2');
});

test('Pods in other namespaces or not matching the selector are not counted; the incoming Pod counts itself only if it matches', () => {
  const nodes = [zoneNode('a', 'z1'), zoneNode('b', 'z2')];
  const r = run([...nodes, pod({ name: 'w0', namespace: 'other', labels: web, spec: { nodeName: 'a' } }), existing('x0', 'a', { app: 'x' }), existing('x1', 'a', { app: 'x' }), pod({ name: 'p', labels: web, spec: hard({ maxSkew: 1 }) })]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a', 'b']);
  // A Pod that does not match its own selector adds nothing to the skew.
  const r2 = run([...nodes, existing('w0', 'a'), existing('w1', 'a'), pod({ name: 'p', labels: { app: 'other' }, spec: hard({ maxSkew: 2 }) })]);
  assert.deepEqual(podOf(r2, 'p').feasible, ['a', 'b']);
});

test('matchLabelKeys ANDs the Pod\'s own label values into the selector', () => {
  const nodes = [zoneNode('a', 'z1'), zoneNode('b', 'z2')];
  const v1 = { app: 'web', rev: '1' };
  const v2 = { app: 'web', rev: '2' };
  const r = run([...nodes, existing('o0', 'a', v1), existing('o1', 'a', v1), pod({ name: 'p', labels: v2, spec: hard({ matchLabelKeys: ['rev'] }) }), pod({ name: 'q', labels: v2, spec: hard({ matchLabelKeys: ['rev'] }) })]);
  // rev=1 Pods are not counted: p may go to a; q then avoids p's zone.
  assert.ok(podOf(r, 'p').feasible?.includes('a'));
  assert.notEqual(podOf(r, 'q').node, podOf(r, 'p').node);
});

test('score: count·ln(domains + 2) + (maxSkew − 1), fewer Pods score higher; Nodes without the key are ignored', () => {
  const r = run([zoneNode('a', 'z1'), zoneNode('b', 'z2'), node({ name: 'c' }), existing('w0', 'a'), existing('w1', 'a'), pod({ name: 'p', labels: web, spec: soft() })]);
  const p = podOf(r, 'p');
  // a: 2·ln 4 = 2.77 → 3; b: 0; normalized 100·(3 + 0 − s)/3.
  assert.equal(p.scores.a.PodTopologySpread, 0);
  assert.equal(p.scores.b.PodTopologySpread, 100);
  assert.equal(p.scores.c.PodTopologySpread, 0);
  assert.equal(p.node, 'b');
});

test('system default spreading applies to Pods of a ReplicaSet / Deployment, not to bare Pods', () => {
  const nodes = [zoneNode('a', 'z1'), zoneNode('b', 'z1'), zoneNode('c', 'z2')];
  const deployment = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: web }, template: { metadata: { labels: web }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m', memory: '100Mi' } } }] } } },
  });
  const r = run([...nodes, deployment, pod({ name: 'bare', labels: web, cpu: '100m', memory: '100Mi' })]);
  const replicas = r.pods.filter((p) => p.workload?.kind === 'Deployment');
  assert.equal(replicas.length, 3);
  assert.equal(replicas[0].skippedScorePlugins?.includes('PodTopologySpread'), false);
  assert.deepEqual(replicas.map((p) => p.node).sort(), ['a', 'b', 'c'], 'hostname + zone defaults spread the replicas');
  assert.ok(podOf(r, 'bare').skippedScorePlugins?.includes('PodTopologySpread'));
});

test('a Service selecting bare Pods turns on the default spreading for them', () => {
  const svc = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: web } });
  const r = run([zoneNode('a', 'z1'), zoneNode('b', 'z2'), svc, existing('w0', 'a'), pod({ name: 'p', labels: web })]);
  const p = podOf(r, 'p');
  assert.equal(p.skippedScorePlugins?.includes('PodTopologySpread'), false);
  assert.equal(p.node, 'b');
});

test('minDomains: fewer eligible domains than minDomains makes the global minimum 0', () => {
  const nodes = [zoneNode('a', 'z1'), zoneNode('b', 'z2')];
  const r = run([...nodes, existing('w0', 'a'), existing('w1', 'b'), pod({ name: 'p', labels: web, spec: hard({ minDomains: 2 }) })]);
  assert.deepEqual(podOf(r, 'p').feasible, ['a', 'b'], 'two domains: minimum 1, skew 1');
  const r3 = run([...nodes, existing('w0', 'a'), existing('w1', 'b'), pod({ name: 'p', labels: web, spec: hard({ minDomains: 3 }) })]);
  assert.equal(podOf(r3, 'p').node, null);
});
