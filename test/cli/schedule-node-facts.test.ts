/**
 * `podsight schedule --format json`: per Node, what runs there and what the Pods share of it —
 * `headroom` (allocatable minus requested), `overhead` (RuntimeClass overhead summed) and
 * `sharing` (hostNetwork, host ports by protocol with clashes, hostPath used by two Pods or
 * more, hostPID, hostIPC). Fields added beside the existing ones, which keep their shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

const pod = (name: string, extra: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: n1
${extra}`;

test('schedule JSON: headroom, overhead and what the Pods on a Node share of it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-nodefacts-'));
  try {
    writeFileSync(join(dir, 'cluster.yaml'), [
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n',
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n2\nstatus:\n  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}\n',
      'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: kata\nhandler: kata\noverhead:\n  podFixed: {cpu: 250m, memory: 120Mi}\n',
      pod('agent', '  hostNetwork: true\n  hostPID: true\n  containers:\n  - name: a\n    image: agent\n    ports:\n    - containerPort: 9100\n    volumeMounts:\n    - {name: proc, mountPath: /host/proc, readOnly: true}\n  volumes:\n  - name: proc\n    hostPath: {path: /proc}\n'),
      pod('scraper', '  hostIPC: true\n  containers:\n  - name: s\n    image: scraper\n    resources:\n      requests: {cpu: 500m, memory: 256Mi}\n    volumeMounts:\n    - {name: proc, mountPath: /proc-host}\n  volumes:\n  - name: proc\n    hostPath: {path: /proc}\n'),
      pod('sandboxed', '  runtimeClassName: kata\n  containers:\n  - name: k\n    image: app\n    resources:\n      requests: {cpu: "1", memory: 1Gi}\n'),
    ].join('---\n'));
    const r = spawnSync(process.execPath, [CLI, 'schedule', '--format', 'json', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const n1 = report.nodes.find((n: { name: string }) => n.name === 'n1');
    const n2 = report.nodes.find((n: { name: string }) => n.name === 'n2');
    // The contract's fields are still there.
    for (const k of ['name', 'labels', 'taints', 'unschedulable', 'allocatable', 'requested', 'pods']) assert.ok(k in n1, k);
    assert.deepEqual(n1.pods, ['default/agent', 'default/scraper', 'default/sandboxed']);
    // Requests: 500m + (1000m + 250m overhead); memory 256Mi + 1Gi + 120Mi.
    assert.equal(n1.requested.cpu, 1750);
    assert.deepEqual(n1.overhead, { cpu: 250, memory: 120 * 2 ** 20 });
    assert.equal(n1.headroom.cpu, 4000 - 1750);
    assert.equal(n1.headroom.memory, 8 * 2 ** 30 - (256 + 1024 + 120) * 2 ** 20);
    assert.equal(n1.headroom.pods, 107);
    assert.deepEqual(n1.sharing, {
      hostNetwork: ['default/agent'],
      hostPID: ['default/agent'],
      hostIPC: ['default/scraper'],
      hostPorts: [{ port: 9100, protocol: 'TCP', pods: [{ pod: 'default/agent', ip: '0.0.0.0', hostNetwork: true }], clash: false }],
      hostPaths: [{ path: '/proc', pods: [{ pod: 'default/agent', readOnly: true, containers: ['a'] }, { pod: 'default/scraper', readOnly: false, containers: ['s'] }] }],
    });
    // A Node that shares nothing has no `sharing` and no `overhead`; its headroom is whole.
    assert.equal(n2.sharing, undefined);
    assert.equal(n2.overhead, undefined);
    assert.deepEqual({ cpu: n2.headroom.cpu, pods: n2.headroom.pods }, { cpu: 2000, pods: 110 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
