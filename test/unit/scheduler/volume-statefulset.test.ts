/**
 * A StatefulSet with volumeClaimTemplates on a WaitForFirstConsumer class and zoned local
 * PersistentVolumes: one claim per ordinal (`<template>-<set>-<ordinal>`), each bound where its
 * first Pod lands, the replica that finds no volume left Pending with VolumeBinding's reason; and
 * a generic ephemeral volume's claim `<pod>-<volume>`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, podOf, podSpec, run } from './helpers';
import { pv, pvc, storageClass } from './volume-helpers';

const ZONE = 'topology.kubernetes.io/zone';
const nodes = ['a', 'b', 'c'].map((z) => node({ name: `node-${z}`, labels: { [ZONE]: z } }));
const local = storageClass({ name: 'local', provisioner: 'kubernetes.io/no-provisioner', mode: 'WaitForFirstConsumer' });
const zonedVolume = (z: string, storage = '10Gi') => pv({ name: `local-${z}`, className: 'local', storage, nodeAffinity: [{ key: ZONE, values: [z] }] });

function statefulSet(replicas: number, storage = '5Gi'): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { ...podSpec({ name: 'db', cpu: '100m' }), volumes: [{ name: 'data', emptyDir: {} }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local', resources: { requests: { storage } } } }],
    },
  });
}

test('each ordinal gets its own claim, bound to a volume in the zone its Pod lands in; the replica with no volume left is Pending', () => {
  const r = run([...nodes, local, zonedVolume('a'), zonedVolume('b'), zonedVolume('c'), statefulSet(4)], { detail: 'full' });
  const placed = ['db-0', 'db-1', 'db-2'].map((n) => podOf(r, n).node);
  assert.ok(placed.every((n) => n !== null), JSON.stringify(placed));
  assert.equal(new Set(placed).size, 3, 'three volumes in three zones: one Pod per zone');
  const last = podOf(r, 'db-3');
  assert.equal(last.node, null);
  assert.equal(last.message, "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  assert.equal(last.filterPlugins['node-a'], 'VolumeBinding');
});

test('a claim the workspace already declares for an ordinal is used as it is: its bound volume pins the Pod', () => {
  const r = run([
    ...nodes,
    local,
    zonedVolume('a'),
    pv({ name: 'old-c', className: 'local', nodeAffinity: [{ key: ZONE, values: ['c'] }], claimRef: { name: 'data-db-0' }, phase: 'Bound' }),
    pvc({ name: 'data-db-0', className: 'local', volumeName: 'old-c', bound: true }),
    statefulSet(2),
  ]);
  assert.equal(podOf(r, 'db-0').node, 'node-c');
  assert.equal(podOf(r, 'db-1').node, 'node-a', 'the free volume is in zone a');
});

test('the template\'s size decides which volumes match', () => {
  const r = run([...nodes, local, zonedVolume('a', '1Gi'), zonedVolume('b', '10Gi'), statefulSet(1, '5Gi')]);
  assert.equal(podOf(r, 'db-0').node, 'node-b');
});

test('a generic ephemeral volume: its claim is the Pod\'s own, provisioned where the Pod lands', () => {
  const zonal = storageClass({ name: 'zonal', mode: 'WaitForFirstConsumer', allowedZones: ['b'] });
  const p = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'scratch' },
    spec: { ...podSpec({ name: 'scratch' }), volumes: [{ name: 'tmp', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', resources: { requests: { storage: '1Gi' } } } } } }] },
  });
  const r = run([...nodes, zonal, p], { detail: 'full' });
  assert.equal(podOf(r, 'scratch').node, 'node-b');
  assert.equal(podOf(r, 'scratch').filters['node-a'], "node(s) didn't find available persistent volumes to bind");
});
