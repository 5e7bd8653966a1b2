/**
 * A cluster snapshot as input: `kubectl get nodes,pods -A -o yaml` (a List, with everything the
 * API server adds) and the same as `-o json`, beside a new Deployment: will it fit? Running Pods
 * count where they run, finished ones do not, a cordoned Node keeps its Pods but takes no new
 * one, a NotReady Node repels through its condition's taint, and a Pending Pod read from the
 * cluster is scheduled as it exists (not created again).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function node(name: string, extra: { unschedulable?: boolean; taints?: object[]; ready?: boolean } = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1001', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'z1' } },
    spec: { podCIDR: '10.0.0.0/24', ...(extra.unschedulable ? { unschedulable: true } : {}), ...(extra.taints ? { taints: extra.taints } : {}) },
    status: {
      capacity: { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True', reason: extra.ready === false ? 'KubeletNotReady' : 'KubeletReady', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Debian', containerRuntimeVersion: 'containerd://2.0.0', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

function pod(name: string, phase: string, nodeName?: string, cpu = '1'): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: '2002', creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: name }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-rs`, uid: 'uid-rs', controller: true, blockOwnerDeletion: true }] },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', terminationGracePeriodSeconds: 30,
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      priority: 0, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
    },
    status: { phase, qosClass: 'Burstable', ...(nodeName ? { hostIP: '10.0.0.1', podIP: '10.244.0.5' } : { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }) },
  };
}

const SNAPSHOT = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    node('n1'),
    node('n2', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:00Z' }] }),
    node('n3', { ready: false, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' }] }),
    pod('running', 'Running', 'n1'),
    pod('kept', 'Running', 'n2'),
    pod('done', 'Succeeded', 'n1'),
    pod('crashed', 'Failed', 'n1'),
    pod('waiting', 'Pending'),
  ],
};

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: new
  namespace: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: new}}
  template:
    metadata: {labels: {app: new}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: 500m}}
`;

// A YAML rendering of the snapshot as kubectl prints it (block style, kubectl's key order is
// irrelevant to the reader).
function toYaml(v: unknown, indent = ''): string {
  if (Array.isArray(v)) return v.length === 0 ? ' []' : v.map((x) => `\n${indent}- ${toYaml(x, `${indent}  `).replace(/^\n\s*/, '')}`).join('');
  if (v && typeof v === 'object') {
    const e = Object.entries(v);
    if (e.length === 0) return ' {}';
    return e.map(([k, x]) => `\n${indent}${k}:${toYaml(x, `${indent}  `)}`).join('');
  }
  return ` ${JSON.stringify(v)}`;
}

interface Report {
  nodes: Array<{ name: string; pods: string[]; requested: Record<string, number> }>;
  pods: Array<{ name: string; status: string; node: string | null; message?: string }>;
}

describe('a cluster snapshot as input (kubectl get nodes,pods -A -o yaml / -o json)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-snapshot-'));
    writeFileSync(join(dir, 'cluster.yaml'), `${toYaml(SNAPSHOT).replace(/^\n/, '')}\n`);
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify(SNAPSHOT, null, 4));
    writeFileSync(join(dir, 'new.yaml'), DEPLOYMENT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const file of ['cluster.yaml', 'cluster.json']) {
    it(`answers "will the new Deployment fit?" from ${file}`, () => {
      const r = spawnSync(process.execPath, [CLI, 'schedule', '--format', 'json', join(dir, file), join(dir, 'new.yaml')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout) as Report;
      const byName = new Map(report.pods.map((p) => [p.name, p]));
      const n = (name: string) => report.nodes.find((x) => x.name === name)!;
      // Running Pods count where they run; a cordoned Node keeps its own.
      assert.equal(byName.get('shop/running')!.status, 'pinned');
      assert.equal(byName.get('shop/kept')!.node, 'n2');
      // Finished Pods hold nothing.
      assert.equal(byName.get('shop/done')!.status, 'ignored');
      assert.equal(byName.get('shop/crashed')!.status, 'ignored');
      // The Pending Pod exists already: scheduled as it is (its resourceVersion is no create error),
      // onto the one Ready, schedulable Node with room.
      assert.equal(byName.get('shop/waiting')!.node, 'n1');
      assert.equal(n('n1').requested.cpu, 2000);
      assert.deepEqual(n('n1').pods.sort(), ['shop/running', 'shop/waiting']);
      // The new Deployment does not fit: full, cordoned, NotReady — kube-scheduler's reasons.
      const fresh = report.pods.filter((p) => p.name.startsWith('shop/new-'));
      assert.equal(fresh.length, 2);
      for (const p of fresh) {
        assert.equal(p.status, 'unschedulable');
        assert.match(p.message!, /^0\/3 nodes are available: /);
        assert.match(p.message!, /1 Insufficient cpu/);
        assert.match(p.message!, /node\(s\) had untolerated taint/);
      }
    });
  }
});
