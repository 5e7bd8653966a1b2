/**
 * Completion in a Node manifest's `metadata.labels` (issue 18): the keys the Pods and templates
 * of the simulation use (nodeSelector, node affinity, topology keys), and for a key the values
 * their nodeSelector and node affinity `In` ask for — never a NotIn value, a key the Node
 * already has, or anything without a simulation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { PodsightService, runSimulation, type ManifestFile } from '../../server/src/service';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      nodeSelector:
        disk: ssd
        spot: "true"
      containers:
      - name: db
        image: postgres:16
---
apiVersion: v1
kind: Pod
metadata:
  name: fast
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: disk
            operator: In
            values: [nvme, ssd]
          - key: tier
            operator: NotIn
            values: [cold]
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 10
        preference:
          matchExpressions:
          - key: accelerator
            operator: Exists
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels: {app: fast}
  containers:
  - name: c
    image: busybox
`;

const NODE_HEAD = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n';

function setup(nodeText: string): { service: PodsightService; node: ManifestFile; files: ManifestFile[] } {
  const service = new PodsightService();
  const pods = service.parse('file:///project/pods.yaml', 1, WORKLOADS);
  const node = service.parse('file:///project/node.yaml', 1, nodeText);
  const files = [pods, node];
  for (const f of files) service.workspace.update(f);
  return { service, node, files };
}

/** Completion at the end of the first line that starts with `line` (after its text). */
function complete(nodeText: string, line: string, withSimulation = true): CompletionItem[] {
  const { service, node, files } = setup(nodeText);
  const lines = nodeText.split('\n');
  const at = lines.findIndex((l) => l === line);
  assert.ok(at >= 0, `no line ${JSON.stringify(line)}`);
  const sim = withSimulation ? runSimulation(files, { admit: service.schedulingAdmission(files) }) : undefined;
  return service.completion(node, { line: at, character: line.length }, undefined, undefined, sim)?.items ?? [];
}

test('the value of a Node label: what Pods ask for under that key (nodeSelector and node affinity In), most asked first', () => {
  const items = complete(`${NODE_HEAD}    disk: \n`, '    disk: ');
  const mine = items.filter((i) => i.detail?.includes('asked for by'));
  assert.deepEqual(mine.map((i) => i.label), ['ssd', 'nvme']);
  assert.match(mine[0].detail!, /^disk=ssd asked for by Deployment default\/db, Pod default\/fast$/);
  assert.match(mine[1].detail!, /^disk=nvme asked for by Pod default\/fast$/);
  assert.equal((mine[0].textEdit as { newText: string }).newText, 'ssd');
  const doc = mine[0].documentation as { value: string };
  assert.match(doc.value, /- Deployment default\/db: nodeSelector/);
  assert.match(doc.value, /- Pod default\/fast: required node affinity/);
});

test('a NotIn value is not offered; a value that would not read back as a string is quoted', () => {
  assert.deepEqual(complete(`${NODE_HEAD}    tier: \n`, '    tier: ').filter((i) => i.detail?.includes('asked for by')), []);
  const spot = complete(`${NODE_HEAD}    spot: \n`, '    spot: ').find((i) => i.label === 'true');
  assert.ok(spot);
  assert.equal((spot.textEdit as { newText: string }).newText, '"true"');
});

test('a new label key: the keys Pods use (selectors, affinity, topology), without those the Node has', () => {
  const text = `${NODE_HEAD}    disk: ssd\n    \n`;
  const items = complete(text, '    ');
  const labels = items.map((i) => i.label);
  for (const k of ['spot', 'tier', 'accelerator', 'topology.kubernetes.io/zone']) assert.ok(labels.includes(k), `${k} in ${labels.join(', ')}`);
  assert.ok(!labels.includes('disk'), 'the Node has disk already');
  const accel = items.find((i) => i.label === 'accelerator')!;
  assert.match(accel.detail!, /used by Pod default\/fast/);
  assert.match((accel.documentation as { value: string }).value, /preferred node affinity/);
  assert.equal((accel.textEdit as { newText: string }).newText, 'accelerator: ');
  const zone = items.find((i) => i.label === 'topology.kubernetes.io/zone')!;
  assert.match((zone.documentation as { value: string }).value, /topology spread/);
});

test('outside metadata.labels, or without a simulation, no label item of the Pods', () => {
  const noSim = complete(`${NODE_HEAD}    disk: \n`, '    disk: ', false);
  assert.equal(noSim.filter((i) => i.detail?.includes('asked for by')).length, 0);
  const annotations = complete('apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  annotations:\n    disk: \n', '    disk: ');
  assert.equal(annotations.filter((i) => i.detail?.includes('asked for by')).length, 0);
});
