import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run, runFiles } from './helpers';

test('allocatable defaults to capacity; a Node with neither gets pods 110 and says so', () => {
  const capOnly = JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'cap' }, status: { capacity: { cpu: '2', memory: '1Gi', pods: '10' } } });
  const bare = JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' } });
  const both = JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'both' }, status: { capacity: { cpu: '4' }, allocatable: { cpu: '3' } } });
  const r = run([capOnly, bare, both]);
  const n = Object.fromEntries(r.nodes.map((x) => [x.name, x]));
  assert.deepEqual(n.cap.allocatable, { cpu: 2000, memory: 2 ** 30, 'ephemeral-storage': 0, pods: 10 });
  assert.ok(n.cap.defaults?.includes('status.allocatable copied from status.capacity'));
  assert.equal(n.bare.allocatable.pods, 110);
  assert.equal(n.bare.allocatable.cpu, 0);
  assert.ok(n.bare.defaults?.some((d) => d.includes('pods 110')));
  assert.equal(n.both.allocatable.cpu, 3000, 'capacity is never read when allocatable exists');
});

test('kubernetes.io/hostname is added when missing (unless turned off)', () => {
  const n = JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' }, status: { allocatable: { pods: '1' } } });
  assert.equal(run([n]).nodes[0].labels['kubernetes.io/hostname'], 'x');
  assert.equal(run([n], { defaultHostnameLabel: false }).nodes[0].labels['kubernetes.io/hostname'], undefined);
});

test('Nodes from NodeList / List items, as kubectl get nodes -o yaml prints them', () => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: n1
  status:
    allocatable: {cpu: "1", memory: 1Gi, pods: "5"}
- apiVersion: v1
  kind: Node
  metadata:
    name: n2
  status:
    allocatable: {cpu: "1", memory: 1Gi, pods: "5"}
`;
  const r = runFiles([list.replace('kind: List', 'kind: NodeList'), pod({ name: 'p' })]);
  assert.deepEqual(r.nodes.map((n) => n.name), ['n1', 'n2']);
  assert.equal(r.nodes[1].source?.range.start.line, 9);
  assert.equal(runFiles([list]).nodes.length, 2);
});

test('namespace defaults to default; finished Pods are ignored; other schedulers and gated Pods are not scheduled', () => {
  const r = run([
    node({ name: 'a', pods: 1 }),
    JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'done' }, spec: { nodeName: 'a', containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Succeeded' } }),
    pod({ name: 'other', spec: { schedulerName: 'my-scheduler' } }),
    pod({ name: 'gated', spec: { schedulingGates: [{ name: 'example.com/wait' }] } }),
    pod({ name: 'p' }),
  ]);
  assert.equal(podOf(r, 'done').status, 'ignored');
  assert.equal(podOf(r, 'other').status, 'ignored');
  assert.equal(podOf(r, 'gated').status, 'gated');
  assert.equal(podOf(r, 'p').name, 'default/p');
  assert.equal(podOf(r, 'p').node, 'a', 'the finished Pod does not take the only slot');
});

test('RuntimeClass: overhead, nodeSelector and tolerations are admitted into the Pod', () => {
  const rc = JSON.stringify({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'kata' }, handler: 'kata', overhead: { podFixed: { cpu: '250m' } }, scheduling: { nodeSelector: { sandbox: 'yes' }, tolerations: [{ key: 'sandbox', operator: 'Exists' }] } });
  const r = run([rc, node({ name: 'a', cpu: '1' }), node({ name: 'b', cpu: '1', labels: { sandbox: 'yes' }, taints: [{ key: 'sandbox', effect: 'NoSchedule' }] }), pod({ name: 'p', cpu: '800m', spec: { runtimeClassName: 'kata' } })]);
  const p = podOf(r, 'p');
  assert.equal(p.filters.a, "node(s) didn't match Pod's node affinity/selector");
  assert.equal(p.filters.b, 'Insufficient cpu', '800m + 250m overhead > 1');
  const missing = run([node({ name: 'a' }), pod({ name: 'p', spec: { runtimeClassName: 'nope' } })]);
  assert.match(podOf(missing, 'p').warnings?.[0] ?? '', /RuntimeClass "nope" is not declared/);
});

test('duplicate names: the API server keeps the first', () => {
  const r = runFiles([node({ name: 'a' }), pod({ name: 'p' }), pod({ name: 'p' })]);
  assert.deepEqual(r.pods.map((p) => p.status), ['scheduled', 'rejected']);
  assert.equal(r.pods[1].message, 'pods "p" already exists in namespace "default"');
});

test('a Pod pinned to an undeclared Node stays Pending; a pinned Pod that overflows its Node is flagged', () => {
  const r = run([node({ name: 'a', cpu: '1' }), pod({ name: 'ghost', spec: { nodeName: 'nope' } }), pod({ name: 'fat', cpu: '2', spec: { nodeName: 'a' } })]);
  assert.equal(podOf(r, 'ghost').node, null);
  assert.match(podOf(r, 'ghost').message ?? '', /names no Node/);
  assert.equal(podOf(r, 'fat').node, 'a');
  assert.match(podOf(r, 'fat').warnings?.[0] ?? '', /OutOfcpu/);
  assert.equal(r.nodes[0].requested.cpu, 2000);
});

test('odd input never throws', () => {
  const odd = [
    'apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {taints: [1, {key: [x]}], unschedulable: "yes"}\nstatus: {allocatable: {cpu: lots, memory: [1], pods: -3}, images: [{names: x, sizeBytes: "big"}]}',
    'apiVersion: v1\nkind: Node\nmetadata: {name: [x]}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: [a]}\nspec: {containers: [{resources: {requests: {cpu: {}}}, ports: [{hostPort: "80"}]}], tolerations: {}, affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{operator: In}]}]}}, podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: 3}]}}, topologySpreadConstraints: [{whenUnsatisfiable: DoNotSchedule}]}',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: many, template: {spec: {containers: 7}}}',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replicas: 1e9, template: {spec: {}}}',
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec: {template: {spec: {affinity: "x", tolerations: "y"}}}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\n',
    'kind: Pod\n',
    '{{ .Values.broken }}',
    '- just\n- a list\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec: {priorityClassName: [x], overhead: "1", resources: 5, nodeName: 7}',
  ];
  for (const o of odd) assert.doesNotThrow(() => runFiles([o, node({ name: 'ok' })]), o);
  const all = runFiles(odd);
  assert.ok(all.pods.length >= 2);
  assert.ok(all.notes.length >= 1);
});
