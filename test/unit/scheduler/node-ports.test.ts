import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';

const withPorts = (name: string, ports: unknown[], extra: Record<string, unknown> = {}) => pod({ name, container: { ports }, ...extra });

function second(first: unknown[], then: unknown[], spec: Record<string, unknown> = {}) {
  return podOf(run([node({ name: 'a' }), withPorts('p1', first), withPorts('p2', then, { spec })]), 'p2');
}

test('host port conflicts: wildcard vs specific IPs, protocols', () => {
  const cases: Array<[unknown[], unknown[], boolean]> = [
    [[{ containerPort: 80, hostPort: 80 }], [{ containerPort: 80, hostPort: 80 }], true],
    [[{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], [{ containerPort: 80, hostPort: 80 }], true],
    [[{ containerPort: 80, hostPort: 80 }], [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], true],
    [[{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], false],
    [[{ containerPort: 80, hostPort: 80, protocol: 'UDP' }], [{ containerPort: 80, hostPort: 80 }], false],
    [[{ containerPort: 80, hostPort: 80, protocol: 'UDP' }], [{ containerPort: 80, hostPort: 80, protocol: 'UDP', hostIP: '127.0.0.1' }], true],
    [[{ containerPort: 80 }], [{ containerPort: 80 }], false],
    [[{ containerPort: 80, hostPort: 81 }], [{ containerPort: 80, hostPort: 80 }], false],
  ];
  for (const [a, b, conflict] of cases) {
    const p = second(a, b);
    assert.equal(p.node === null, conflict, JSON.stringify([a, b]));
    if (conflict) assert.equal(p.message, "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
  }
});

test('hostNetwork defaults hostPort to containerPort', () => {
  const p = second([{ containerPort: 9100 }], [{ containerPort: 9100 }], { hostNetwork: true });
  assert.equal(p.node, 'a', 'the first Pod has no host port');
  const r = run([node({ name: 'a' }), pod({ name: 'p1', container: { ports: [{ containerPort: 9100 }] }, spec: { hostNetwork: true } }), pod({ name: 'p2', container: { ports: [{ containerPort: 9100 }] }, spec: { hostNetwork: true } })]);
  assert.equal(podOf(r, 'p2').node, null);
});

test('sidecar host ports count from v1.34 on', () => {
  const docs = [
    node({ name: 'a' }),
    pod({ name: 'p1', spec: { initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always', ports: [{ containerPort: 80, hostPort: 80 }] }] } }),
    withPorts('p2', [{ containerPort: 80, hostPort: 80 }]),
  ];
  assert.equal(podOf(run(docs), 'p2').node, null);
  assert.equal(podOf(run(docs, { schedulerVersion: '1.33' }), 'p2').node, 'a');
});
