/**
 * NodeVolumeLimits (CSI), after kube-scheduler 1.35's framework/plugins/nodevolumelimits/
 * csi_test.go TestCSILimits: limits from CSINode `allocatable.count`, bound claims counted by
 * their volume's driver and handle, pending claims by their class's provisioner, volumes shared
 * between Pods counted once, Nodes without a CSINode unlimited.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';
import { claimVolumes, csiNode, pv, pvc, storageClass } from './volume-helpers';

const EBS = 'ebs.csi.aws.com';
const bound = (i: number, handle = `vol-${i}`) => [pv({ name: `pv-${i}`, className: 'ebs', csi: { driver: EBS, volumeHandle: handle }, claimRef: { name: `c-${i}` }, phase: 'Bound' }), pvc({ name: `c-${i}`, className: 'ebs', volumeName: `pv-${i}`, bound: true })];
const base = [node({ name: 'node-a' }), storageClass({ name: 'ebs', provisioner: EBS, mode: 'WaitForFirstConsumer' })];
const EXCEEDED = '0/1 nodes are available: 1 node(s) exceed max volume count. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';

test('TestCSILimits: fits when the limit holds the new volumes, not beyond it', () => {
  const docs = [...base, csiNode('node-a', [{ name: EBS, count: 2 }]), ...bound(1), ...bound(2), ...bound(3), pod({ name: 'first', spec: claimVolumes('c-1', 'c-2') }), pod({ name: 'second', spec: claimVolumes('c-3') })];
  const r = run(docs);
  assert.equal(podOf(r, 'first').node, 'node-a');
  assert.equal(podOf(r, 'second').message, EXCEEDED);
});

test('TestCSILimits: a volume already attached to the Node is not counted again', () => {
  const docs = [...base, csiNode('node-a', [{ name: EBS, count: 1 }]), ...bound(1), pod({ name: 'first', spec: claimVolumes('c-1') }), pod({ name: 'second', spec: claimVolumes('c-1') })];
  assert.equal(podOf(run(docs), 'second').node, 'node-a');
  // Two claims whose volumes share one handle are one attachment.
  const shared = [...base, csiNode('node-a', [{ name: EBS, count: 1 }]), ...bound(1, 'same'), ...bound(2, 'same'), pod({ name: 'first', spec: claimVolumes('c-1') }), pod({ name: 'second', spec: claimVolumes('c-2') })];
  assert.equal(podOf(run(shared), 'second').node, 'node-a');
});

test('TestCSILimits: a pending claim counts for its StorageClass\'s provisioner', () => {
  const docs = [...base, csiNode('node-a', [{ name: EBS, count: 1 }]), ...bound(1), pvc({ name: 'pending', className: 'ebs' }), pod({ name: 'first', spec: claimVolumes('c-1') }), pod({ name: 'second', spec: claimVolumes('pending') })];
  assert.equal(podOf(run(docs), 'second').message, EXCEEDED);
});

test('TestCSILimits: no CSINode, or a driver without a count, means no limit', () => {
  const docs = [...base, ...bound(1), ...bound(2), pod({ name: 'first', spec: claimVolumes('c-1') }), pod({ name: 'second', spec: claimVolumes('c-2') })];
  assert.equal(podOf(run(docs), 'second').node, 'node-a');
  assert.equal(podOf(run([...docs, csiNode('node-a', [{ name: EBS }])]), 'second').node, 'node-a');
  // Another driver's limit does not apply.
  assert.equal(podOf(run([...docs, csiNode('node-a', [{ name: 'pd.csi.storage.gke.io', count: 0 }])]), 'second').node, 'node-a');
});

test('the limit is per Node: the Pod goes where there is room', () => {
  const docs = [...base, node({ name: 'node-b' }), csiNode('node-a', [{ name: EBS, count: 1 }]), csiNode('node-b', [{ name: EBS, count: 1 }]), ...bound(1), ...bound(2), pod({ name: 'first', spec: { ...claimVolumes('c-1'), nodeName: 'node-a' } }), pod({ name: 'second', spec: claimVolumes('c-2') })];
  assert.equal(podOf(run(docs), 'second').node, 'node-b');
});
