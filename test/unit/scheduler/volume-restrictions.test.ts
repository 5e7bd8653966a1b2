/**
 * VolumeRestrictions, after kube-scheduler 1.35's framework/plugins/volumerestrictions/
 * volume_restrictions_test.go (TestGCEDiskConflicts, TestAWSDiskConflicts, TestRBDDiskConflicts,
 * TestISCSIDiskConflicts, TestAccessModeConflicts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';
import { claimVolumes, pvc } from './volume-helpers';

const one = node({ name: 'node-a' });
const withDisk = (name: string, volume: Record<string, unknown>, extra: Record<string, unknown> = {}) => pod({ name, spec: { volumes: [{ name: 'disk', ...volume }], ...extra } });
const DISK = "0/1 nodes are available: 1 node(s) had no available disk. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

function second(a: Record<string, unknown>, b: Record<string, unknown>): string | undefined {
  const r = run([one, withDisk('first', a), withDisk('second', b)]);
  return podOf(r, 'second').node === null ? podOf(r, 'second').message : undefined;
}

test('TestGCEDiskConflicts: the same PD conflicts unless both mount it read-only', () => {
  assert.equal(second({ gcePersistentDisk: { pdName: 'foo' } }, { gcePersistentDisk: { pdName: 'foo' } }), DISK);
  assert.equal(second({ gcePersistentDisk: { pdName: 'foo' } }, { gcePersistentDisk: { pdName: 'bar' } }), undefined);
  assert.equal(second({ gcePersistentDisk: { pdName: 'foo', readOnly: true } }, { gcePersistentDisk: { pdName: 'foo', readOnly: true } }), undefined);
  assert.equal(second({ gcePersistentDisk: { pdName: 'foo', readOnly: true } }, { gcePersistentDisk: { pdName: 'foo' } }), DISK);
});

test('TestAWSDiskConflicts: the same EBS volume always conflicts', () => {
  assert.equal(second({ awsElasticBlockStore: { volumeID: 'foo' } }, { awsElasticBlockStore: { volumeID: 'foo' } }), DISK);
  assert.equal(second({ awsElasticBlockStore: { volumeID: 'foo', readOnly: true } }, { awsElasticBlockStore: { volumeID: 'foo', readOnly: true } }), DISK);
  assert.equal(second({ awsElasticBlockStore: { volumeID: 'foo' } }, { awsElasticBlockStore: { volumeID: 'bar' } }), undefined);
});

test('TestRBDDiskConflicts: same pool and image with overlapping monitors', () => {
  const rbd = (monitors: string[], image: string, readOnly = false) => ({ rbd: { monitors, pool: 'foo', image, ...(readOnly ? { readOnly } : {}) } });
  assert.equal(second(rbd(['a', 'b'], 'bar'), rbd(['b', 'c'], 'bar')), DISK);
  assert.equal(second(rbd(['a', 'b'], 'bar'), rbd(['c', 'd'], 'bar')), undefined);
  assert.equal(second(rbd(['a', 'b'], 'bar'), rbd(['a', 'b'], 'baz')), undefined);
  assert.equal(second(rbd(['a'], 'bar', true), rbd(['a'], 'bar', true)), undefined);
});

test('TestISCSIDiskConflicts: the same IQN unless both are read-only', () => {
  const iscsi = (iqn: string, readOnly = false) => ({ iscsi: { targetPortal: '127.0.0.1:3260', iqn, lun: 0, ...(readOnly ? { readOnly } : {}) } });
  assert.equal(second(iscsi('iqn.2016-12.server:storage.target01'), iscsi('iqn.2016-12.server:storage.target01')), DISK);
  assert.equal(second(iscsi('iqn.2016-12.server:storage.target01'), iscsi('iqn.2017-12.server:storage.target01')), undefined);
  assert.equal(second(iscsi('iqn.2016-12.server:storage.target01', true), iscsi('iqn.2016-12.server:storage.target01', true)), undefined);
});

test('a disk conflict is per Node: the second Pod goes to the other Node', () => {
  const r = run([one, node({ name: 'node-b' }), withDisk('first', { gcePersistentDisk: { pdName: 'foo' } }, { nodeName: 'node-a' }), withDisk('second', { gcePersistentDisk: { pdName: 'foo' } })]);
  assert.equal(podOf(r, 'second').node, 'node-b');
});

test('TestAccessModeConflicts: a ReadWriteOncePod claim in use by another Pod blocks every Node', () => {
  const rwop = pvc({ name: 'claim-rwop', accessModes: ['ReadWriteOncePod'] });
  const docs = [one, node({ name: 'node-b' }), rwop, pod({ name: 'holder', spec: claimVolumes('claim-rwop') }), pod({ name: 'next', spec: claimVolumes('claim-rwop') })];
  const r = run(docs);
  assert.notEqual(podOf(r, 'holder').node, null);
  assert.equal(podOf(r, 'next').message, '0/2 nodes are available: 2 node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
  // ReadWriteOnce: no such restriction.
  const rwo = run([one, pvc({ name: 'claim', accessModes: ['ReadWriteOnce'] }), pod({ name: 'holder', spec: claimVolumes('claim') }), pod({ name: 'next', spec: claimVolumes('claim') })]);
  assert.equal(podOf(rwo, 'next').node, 'node-a');
});

test('ReadWriteOncePod conflicts are Unschedulable: a higher-priority Pod preempts the holder', () => {
  const pc = JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  const docs = [one, pc, pvc({ name: 'claim-rwop', accessModes: ['ReadWriteOncePod'] }), pod({ name: 'holder', spec: { ...claimVolumes('claim-rwop'), nodeName: 'node-a' } }), pod({ name: 'next', spec: { ...claimVolumes('claim-rwop'), priorityClassName: 'high' } })];
  // The holder already runs (bound); the queue's first Pod finds the claim in use.
  const r = run(docs);
  assert.equal(podOf(r, 'next').node, 'node-a');
  assert.equal(podOf(r, 'holder').status, 'preempted');
});
