/**
 * VolumeZone, after kube-scheduler 1.35's framework/plugins/volumezone/volume_zone_test.go
 * (TestSingleZone, TestMultiZone, TestWithBinding): each case's name is the upstream one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';
import { claimVolumes, pv, pvc, storageClass } from './volume-helpers';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const CONFLICT = 'node(s) had no available volume zone';

const volumes = [
  pv({ name: 'vol-1', labels: { [BETA_ZONE]: 'us-west1-a' } }),
  pv({ name: 'vol-2', labels: { [BETA_REGION]: 'us-west1', uselessLabel: 'none' } }),
  pv({ name: 'vol-stable-1', labels: { [ZONE]: 'us-west1-a' } }),
  pv({ name: 'vol-stable-2', labels: { [REGION]: 'us-west1', uselessLabel: 'none' } }),
  pv({ name: 'vol-stable-3', labels: { [ZONE]: 'us-west1-a', [REGION]: 'us-west1-a' } }),
  pv({ name: 'vol-multi', labels: { [ZONE]: 'us-west1-c__us-west1-a' } }),
];
const claims = ['vol-1', 'vol-2', 'vol-stable-1', 'vol-stable-2', 'vol-stable-3', 'vol-multi'].map((v) => pvc({ name: `pvc-${v}`, volumeName: v, bound: true }));

/** The Filter verdict on one Node with the given labels (null: it fits), read from the per-Node detail. */
function verdict(claim: string, labels: Record<string, string>): string | null {
  const r = run([node({ name: 'host1', labels }), ...volumes, ...claims, pod({ name: 'pod-1', spec: claimVolumes(claim) })], { detail: 'full' });
  const p = podOf(r, 'pod-1');
  return p.filters.host1 ?? null;
}

test('TestSingleZone', () => {
  const cases: Array<[string, string, Record<string, string>, string | null]> = [
    ['node without labels', 'pvc-vol-1', {}, null],
    ['beta zone label matched', 'pvc-vol-1', { [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' }, null],
    ['beta region label matched', 'pvc-vol-2', { [BETA_REGION]: 'us-west1', uselessLabel: 'none' }, null],
    ["beta region label doesn't match", 'pvc-vol-2', { [BETA_REGION]: 'no_us-west1', uselessLabel: 'none' }, CONFLICT],
    ["beta zone label doesn't match", 'pvc-vol-1', { [BETA_ZONE]: 'no_us-west1-a', uselessLabel: 'none' }, CONFLICT],
    ['zone label matched', 'pvc-vol-stable-1', { [ZONE]: 'us-west1-a', uselessLabel: 'none' }, null],
    ['region label matched', 'pvc-vol-stable-2', { [REGION]: 'us-west1', uselessLabel: 'none' }, null],
    ["region label doesn't match", 'pvc-vol-stable-2', { [REGION]: 'no_us-west1', uselessLabel: 'none' }, CONFLICT],
    ["zone label doesn't match", 'pvc-vol-stable-1', { [ZONE]: 'no_us-west1-a', uselessLabel: 'none' }, CONFLICT],
    ['pv with zone and region, node with only zone', 'pvc-vol-stable-3', { [ZONE]: 'us-west1-a' }, CONFLICT],
    ['pv with zone,node with beta zone', 'pvc-vol-stable-1', { [BETA_ZONE]: 'us-west1-a' }, CONFLICT],
    ['pv with beta label,node with ga label, matched', 'pvc-vol-1', { [ZONE]: 'us-west1-a' }, null],
    ["pv with beta label,node with ga label, don't match", 'pvc-vol-1', { [ZONE]: 'us-west1-b' }, CONFLICT],
  ];
  for (const [name, claim, labels, want] of cases) assert.equal(verdict(claim, labels), want, name);
});

test('TestMultiZone: a label value listing zones joined by "__"', () => {
  assert.equal(verdict('pvc-vol-multi', { [ZONE]: 'us-west1-a', uselessLabel: 'none' }), null, 'zone label matched');
  assert.equal(verdict('pvc-vol-multi', { [ZONE]: 'us-west1-b' }), CONFLICT, "zone label doesn't match");
});

test('TestWithBinding: unbound claims (WaitForFirstConsumer passes, the rest are PreFilter rejections)', () => {
  const nodeA = node({ name: 'host1', labels: { [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' } });
  const wait = storageClass({ name: 'class-wait', mode: 'WaitForFirstConsumer' });
  const immediate = storageClass({ name: 'class-immediate' });
  const base = [nodeA, wait, immediate, pv({ name: 'vol-1', labels: { [BETA_ZONE]: 'us-west1-a' } })];
  // "unbound volume no storage class": the class is not declared, though others are.
  const noSC = run([...base, pvc({ name: 'pvc-nosc', className: 'class-0' }), pod({ name: 'p', spec: claimVolumes('pvc-nosc') })]);
  // VolumeBinding's PreFilter (earlier in the profile) already refuses the unbound claim whose class does not exist.
  assert.equal(podOf(noSC, 'p').message, '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found');
  // "unbound volume wait binding": passes VolumeZone; the class provisions on the Node.
  const waiting = run([...base, pvc({ name: 'pvc-wait', className: 'class-wait' }), pod({ name: 'p', spec: claimVolumes('pvc-wait') })]);
  assert.equal(podOf(waiting, 'p').node, 'host1');
  // "label zone failure domain matched"
  const bound = run([...base, pvc({ name: 'pvc-1', volumeName: 'vol-1', bound: true }), pod({ name: 'p', spec: claimVolumes('pvc-1') })]);
  assert.equal(podOf(bound, 'p').node, 'host1');
});

test('the whole message over zoned Nodes: the volume\'s zone decides', () => {
  const r = run([
    node({ name: 'a1', labels: { [ZONE]: 'a' } }),
    node({ name: 'b1', labels: { [ZONE]: 'b' } }),
    node({ name: 'b2', labels: { [ZONE]: 'b' } }),
    pv({ name: 'vol-a', labels: { [ZONE]: 'a' } }),
    pvc({ name: 'data', volumeName: 'vol-a', bound: true }),
    pod({ name: 'p', spec: { ...claimVolumes('data'), nodeSelector: { [ZONE]: 'b' } } }),
  ]);
  assert.equal(podOf(r, 'p').message, "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had no available volume zone. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
});
