/**
 * VolumeBinding, after kube-scheduler 1.35's own tests (framework/plugins/volumebinding/
 * volume_binding_test.go TestVolumeBinding, binder_test.go TestFindPodVolumesWithoutProvisioning /
 * TestFindPodVolumesWithProvisioning): the case names are cited above each test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';
import { claimVolumes, pv, pvc, storageClass } from './volume-helpers';

const ZONE = 'topology.kubernetes.io/zone';
const nodes = [node({ name: 'node-a', labels: { [ZONE]: 'a' } }), node({ name: 'node-b', labels: { [ZONE]: 'b' } })];
const wait = storageClass({ name: 'wait', mode: 'WaitForFirstConsumer', provisioner: NO_PROVISIONER() });
function NO_PROVISIONER(): string {
  return 'kubernetes.io/no-provisioner';
}

test('TestVolumeBinding "pod has not pvcs": the plugin skips, the Pod lands', () => {
  const r = run([...nodes, wait, pod({ name: 'p' })]);
  assert.notEqual(podOf(r, 'p').node, null);
});

test('TestVolumeBinding "all bound": bound claims whose volumes every Node reaches', () => {
  const r = run([...nodes, pv({ name: 'pv-a', className: 'wait', claimRef: { name: 'pvc-a' }, phase: 'Bound' }), pvc({ name: 'pvc-a', className: 'wait', volumeName: 'pv-a', bound: true }), pod({ name: 'p', spec: claimVolumes('pvc-a') })]);
  assert.notEqual(podOf(r, 'p').node, null);
  assert.equal(podOf(r, 'p').warnings, undefined);
});

test('TestVolumeBinding "PVC does not exist" / "Part of PVCs do not exist": persistentvolumeclaim "x" not found (VolumeRestrictions PreFilter, first in profile order)', () => {
  const r = run([...nodes, pvc({ name: 'pvc-a', className: 'wait' }), wait, pod({ name: 'p', spec: claimVolumes('pvc-a', 'pvc-b') })], { detail: 'full' });
  const p = podOf(r, 'p');
  assert.equal(p.node, null);
  assert.equal(p.message, '0/2 nodes are available: persistentvolumeclaim "pvc-b" not found. not found');
  assert.equal(p.filterPlugins['node-a'], 'VolumeRestrictions');
});

test('an ephemeral claim that another owns: "PVC ns/x was not created for pod ns/p (pod is not owner)" (VolumeBinding PreFilter)', () => {
  const r = run([...nodes, wait, pvc({ name: 'p-scratch', className: 'wait' }), pod({ name: 'p', spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'wait', resources: { requests: { storage: '1Gi' } } } } } }] } })]);
  assert.equal(podOf(r, 'p').message, '0/2 nodes are available: PVC default/p-scratch was not created for pod default/p (pod is not owner). not found');
});

test('TestVolumeBinding "immediate claims not bound": pod has unbound immediate PersistentVolumeClaims (no volume matches, no provisioner)', () => {
  const docs = [...nodes, storageClass({ name: 'manual', provisioner: NO_PROVISIONER() }), pvc({ name: 'pvc-a', className: 'manual', storage: '5Gi' }), pv({ name: 'small', className: 'manual', storage: '1Gi' }), pod({ name: 'p', spec: claimVolumes('pvc-a') })];
  const p = podOf(run(docs, { detail: 'full' }), 'p');
  assert.equal(p.message, '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found');
  assert.equal(p.filterPlugins['node-b'], 'VolumeBinding');
  // v1.33: preemption ran after a PreFilter rejection and found it not helpful.
  assert.equal(podOf(run(docs, { schedulerVersion: '1.33' }), 'p').message, '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
});

test('an Immediate claim the PV controller binds first: the bound volume\'s node affinity then decides', () => {
  const r = run([...nodes, storageClass({ name: 'manual', provisioner: NO_PROVISIONER() }), pvc({ name: 'pvc-a', className: 'manual' }), pv({ name: 'pv-b', className: 'manual', nodeAffinity: [{ key: ZONE, values: ['b'] }] }), pod({ name: 'p', spec: claimVolumes('pvc-a') })]);
  assert.equal(podOf(r, 'p').node, 'node-b');
});

test('TestVolumeBinding "bound and unbound unsatisfied" (bound half): node(s) didn\'t match PersistentVolume\'s node affinity', () => {
  const docs = [
    ...nodes,
    pv({ name: 'pv-c', className: 'wait', claimRef: { name: 'pvc-a' }, phase: 'Bound', nodeAffinity: [{ key: ZONE, values: ['c'] }] }),
    pvc({ name: 'pvc-a', className: 'wait', volumeName: 'pv-c', bound: true }),
    wait,
    pod({ name: 'p', spec: claimVolumes('pvc-a') }),
  ];
  const p = podOf(run(docs, { detail: 'full' }), 'p');
  assert.equal(p.message, "0/2 nodes are available: 2 node(s) didn't match PersistentVolume's node affinity. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  assert.equal(p.filterPlugins['node-a'], 'VolumeBinding');
});

test('TestVolumeBinding "unbound claims no matches": node(s) didn\'t find available persistent volumes to bind', () => {
  const docs = [...nodes, wait, pvc({ name: 'pvc-a', className: 'wait' }), pv({ name: 'pv-a', className: 'wait', nodeAffinity: [{ key: ZONE, values: ['a'] }] }), pod({ name: 'p', spec: claimVolumes('pvc-a') }), pod({ name: 'q', spec: claimVolumes('pvc-a') })];
  const r = run(docs, { detail: 'full' });
  // The only volume that fits is in zone a: the first consumer binds it there.
  assert.equal(podOf(r, 'p').node, 'node-a');
  assert.deepEqual(podOf(r, 'p').filters, { 'node-a': null, 'node-b': "node(s) didn't find available persistent volumes to bind" });
  // The claim is bound now; the second Pod sharing it follows the volume.
  assert.equal(podOf(r, 'q').node, 'node-a');
  // Without any matching volume and a class that cannot provision, no Node fits.
  const none = run([...nodes, wait, pvc({ name: 'pvc-a', className: 'wait', storage: '20Gi' }), pv({ name: 'pv-a', className: 'wait' }), pod({ name: 'p', spec: claimVolumes('pvc-a') })]);
  assert.equal(podOf(none, 'p').message, "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
});

test('TestFindPodVolumesWithoutProvisioning "two-unbound-pvcs,one-matched": each claim gets its own volume, smallest first', () => {
  const docs = [
    node({ name: 'node-a' }),
    wait,
    pvc({ name: 'big', className: 'wait', storage: '5Gi' }),
    pvc({ name: 'small', className: 'wait', storage: '1Gi' }),
    pv({ name: 'pv-5', className: 'wait', storage: '5Gi' }),
    pod({ name: 'p', spec: claimVolumes('big', 'small') }),
  ];
  assert.equal(podOf(run(docs), 'p').node, null, 'one volume cannot serve two claims');
  const two = run([...docs, pv({ name: 'pv-1', className: 'wait', storage: '1Gi' })]);
  assert.equal(podOf(two, 'p').node, 'node-a');
});

test('TestFindPodVolumesWithProvisioning: dynamic provisioning within the class\'s allowedTopologies', () => {
  const zonal = storageClass({ name: 'zonal', mode: 'WaitForFirstConsumer', allowedZones: ['b'] });
  const r = run([...nodes, zonal, pvc({ name: 'pvc-a', className: 'zonal' }), pod({ name: 'p', spec: claimVolumes('pvc-a') }), pod({ name: 'q', spec: claimVolumes('pvc-a') })], { detail: 'full' });
  assert.equal(podOf(r, 'p').node, 'node-b');
  assert.equal(podOf(r, 'p').filters['node-a'], "node(s) didn't find available persistent volumes to bind");
  // Provisioning started for node-b (selected-node): the claim's other Pods follow it.
  assert.equal(podOf(r, 'q').node, 'node-b');
});

test('a claim bound to a PersistentVolume that does not exist: VolumeZone\'s PreFilter reports it before VolumeBinding\'s Filter could', () => {
  // VolumeBinding's PreFilter takes the claim as bound; VolumeZone's PreFilter, next in the
  // profile, looks the volume up and rejects the Pod before any Filter runs.
  const r = run([...nodes, wait, pv({ name: 'other', className: 'wait' }), pvc({ name: 'pvc-a', className: 'wait', volumeName: 'gone', bound: true }), pod({ name: 'p', spec: claimVolumes('pvc-a') })]);
  assert.equal(podOf(r, 'p').message, '0/2 nodes are available: persistentvolume "gone" not found. not found');
  const lost = run([...nodes, wait, pv({ name: 'other', className: 'wait' }), pvc({ name: 'pvc-a', className: 'wait', volumeName: 'gone', bound: true, phase: 'Lost' }), pod({ name: 'p', spec: claimVolumes('pvc-a') })]);
  assert.equal(podOf(lost, 'p').message, '0/2 nodes are available: persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "gone". not found');
});

test('closed world: claims the workspace declares none of in that namespace are taken as bound, with a warning', () => {
  const r = run([...nodes, pod({ name: 'p', spec: claimVolumes('data') })]);
  const p = podOf(r, 'p');
  assert.notEqual(p.node, null);
  assert.match(p.warnings?.join('\n') ?? '', /PersistentVolumeClaim "data" is not declared in this workspace/);
  // The whole cluster declared: the claim does not exist.
  assert.equal(podOf(run([...nodes, pod({ name: 'p', spec: claimVolumes('data') })], { isWholeCluster: true }), 'p').message, '0/2 nodes are available: persistentvolumeclaim "data" not found. not found');
});

test('the default StorageClass is the class of a claim that names none', () => {
  const def = storageClass({ name: 'standard', mode: 'WaitForFirstConsumer', allowedZones: ['a'], isDefault: true });
  const r = run([...nodes, def, pvc({ name: 'pvc-a' }), pod({ name: 'p', spec: claimVolumes('pvc-a') })]);
  assert.equal(podOf(r, 'p').node, 'node-a');
});
