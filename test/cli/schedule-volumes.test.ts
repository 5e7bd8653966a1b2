/**
 * `podsight schedule` with storage, through the bundled CLI (dist/cli.js): a StatefulSet whose
 * volumeClaimTemplates use a WaitForFirstConsumer class, zoned local PersistentVolumes declared
 * in a file of their own, a Pod whose claim is missing and one whose bound volume sits in a
 * zone its nodeSelector excludes. Each Pod's placement and kube-scheduler's message, from JSON
 * and from the text table.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const ZONE = 'topology.kubernetes.io/zone';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const nodes = ['a', 'b']
  .map((z) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${z}\n  labels:\n    ${ZONE}: ${z}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n`)
  .join('---\n');

const storage = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
${['a', 'b']
  .map(
    (z) => `---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: local-${z}
  labels:
    ${ZONE}: ${z}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: ${ZONE}, operator: In, values: [${z}]}
`,
  )
  .join('')}---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: old-b
  labels:
    ${ZONE}: b
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  claimRef: {name: reports, namespace: default}
  local: {path: /mnt/old}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: ${ZONE}, operator: In, values: [b]}
status: {phase: Bound}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: reports
  annotations: {pv.kubernetes.io/bind-completed: "yes"}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: local
  volumeName: old-b
  resources: {requests: {storage: 1Gi}}
`;

const workloads = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:17, resources: {requests: {cpu: 100m}}}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: local
      resources: {requests: {storage: 5Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: needs-missing-claim}
spec:
  containers: [{name: app, image: nginx:1.27}]
  volumes: [{name: v, persistentVolumeClaim: {claimName: nowhere}}]
---
apiVersion: v1
kind: Pod
metadata: {name: report-writer}
spec:
  nodeSelector: {${ZONE}: a}
  containers: [{name: app, image: nginx:1.27}]
  volumes: [{name: v, persistentVolumeClaim: {claimName: reports}}]
`;

interface Pod {
  podName: string;
  node: string | null;
  message?: string;
}

describe('podsight schedule: volumes', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-volumes-'));
    writeFileSync(join(dir, 'nodes.yaml'), nodes);
    writeFileSync(join(dir, 'storage.yaml'), storage);
    writeFileSync(join(dir, 'workloads.yaml'), workloads);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('places the StatefulSet by its volumes and reports the volume reasons', () => {
    const r = run(['schedule', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.err);
    const pods = new Map((JSON.parse(r.out).pods as Pod[]).map((p) => [p.podName, p]));
    const placed = ['db-0', 'db-1'].map((n) => pods.get(n)!.node).sort();
    assert.deepEqual(placed, ['node-a', 'node-b'], 'one free volume per zone');
    assert.equal(pods.get('db-2')!.node, null);
    assert.equal(pods.get('db-2')!.message, "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    assert.equal(pods.get('needs-missing-claim')!.message, '0/2 nodes are available: persistentvolumeclaim "nowhere" not found. not found');
    assert.equal(pods.get('report-writer')!.message, "0/2 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 1 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  });

  it('--whole-cluster: a claim in a namespace that declares none is missing, not taken on trust', () => {
    const other = join(dir, 'other-namespace.yaml');
    writeFileSync(other, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: elsewhere, namespace: shop}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n  volumes: [{name: v, persistentVolumeClaim: {claimName: cart}}]\n');
    try {
      const trusted = (JSON.parse(run(['schedule', '--format', 'json', dir]).out).pods as Array<Pod & { warnings?: string[] }>).find((p) => p.podName === 'elsewhere')!;
      assert.notEqual(trusted.node, null);
      assert.match(trusted.warnings!.join('\n'), /PersistentVolumeClaim "cart" is not declared in this workspace/);
      const whole = run(['schedule', '--format', 'json', '--whole-cluster', dir]);
      assert.equal(whole.code, 0, whole.err);
      const missing = (JSON.parse(whole.out).pods as Pod[]).find((p) => p.podName === 'elsewhere')!;
      assert.equal(missing.message, '0/2 nodes are available: persistentvolumeclaim "cart" not found. not found');
    } finally {
      rmSync(other);
    }
  });

  it('prints the same reasons in the text table, and --fail-on-unschedulable fails', () => {
    const r = run(['schedule', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /db-2/);
    assert.match(r.out, /didn't find available persistent volumes to bind/);
    assert.match(r.out, /persistentvolumeclaim "nowhere" not found/);
    assert.equal(run(['schedule', '--fail-on-unschedulable', dir]).code, 1);
  });
});
