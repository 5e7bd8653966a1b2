import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, textAt, errors, only } from '../../helpers/engine';

function node(body: string, name = 'node-1'): string {
  return `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n${body}`;
}

test('a realistic Node (taints, dual-stack CIDRs, status) produces no error', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: Node',
    'metadata:',
    '  name: ip-10-0-1-5.ec2.internal',
    '  namespace: default', // cleared by the server for cluster-scoped kinds
    '  labels: {kubernetes.io/hostname: ip-10-0-1-5, node-role.kubernetes.io/worker: ""}',
    '  annotations:',
    '    scheduler.alpha.kubernetes.io/taints: \'[{"key":"a","value":"b","effect":"NoSchedule"}]\'',
    'spec:',
    '  podCIDR: 10.244.1.7/24', // host bits set: only a warning
    '  podCIDRs: [10.244.1.7/24, "fd00:10:244:1::/64"]',
    '  providerID: aws:///us-east-1a/i-0abc',
    '  unschedulable: true',
    '  taints:',
    '  - {key: dedicated, value: gpu, effect: NoSchedule}',
    '  - {key: dedicated, value: gpu, effect: NoExecute}',
    '  - {key: example.com/maintenance, effect: PreferNoSchedule}',
    'status:',
    '  capacity: {cpu: "4", memory: 16Gi, pods: "110", example.com/gpu: "2", hugepages-2Mi: "0", ephemeral-storage: 100G}',
    '  allocatable: {cpu: 3800m, memory: 15Gi, pods: 110}',
    '  addresses: [{type: InternalIP, address: 10.0.1.5}, {type: InternalIP, address: 10.0.1.5}]',
    '  nodeInfo: {kubeletVersion: v1.35.0, swap: {capacity: 1024}}',
    '  conditions: [{type: Ready, status: "True"}]',
    '',
  ].join('\n');
  assert.deepEqual(errorPairs(yaml), []);
});

test('metadata.name: a DNS subdomain', () => {
  const yaml = node('', 'Node_1');
  const d = only(yaml);
  assert.match(d.message, /^metadata\.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist/);
  assert.equal(textAt(yaml, d), 'Node_1');
});

test('taints are reported under metadata.taints (upstream quirk)', () => {
  const yaml = node('spec:\n  taints:\n  - {key: "", effect: NoSchedule}\n  - {key: a, value: "x y", effect: Sometimes}\n  - {key: b}\n');
  assert.deepEqual(errorPairs(yaml), [
    'metadata.taints[0].key Invalid',
    'metadata.taints[0].key Invalid',
    'metadata.taints[1].effect NotSupported',
    'metadata.taints[1].value Invalid',
    'metadata.taints[2].effect Required',
  ]);
  const ds = errors(yaml);
  assert.equal(ds.find((d) => dataOf(d).field === 'metadata.taints[1].effect')!.message, 'metadata.taints[1].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
  assert.equal(ds.find((d) => dataOf(d).field === 'metadata.taints[2].effect')!.message, 'metadata.taints[2].effect: Required value');
  assert.equal(textAt(yaml, ds.find((d) => dataOf(d).field === 'metadata.taints[2].effect')!), 'key');
  assert.match(ds.find((d) => dataOf(d).field === 'metadata.taints[1].value')!.message, /^metadata\.taints\[1\]\.value: Invalid value: "x y": a valid label must be/);
});

test('taints must be unique by key and effect; the later one is the duplicate', () => {
  const yaml = node('spec:\n  taints:\n  - {key: a, value: "1", effect: NoSchedule}\n  - {key: a, value: "2", effect: NoExecute}\n  - {key: a, value: "3", effect: NoSchedule}\n');
  const d = only(yaml);
  assert.equal(dataOf(d).field, 'metadata.taints[2]');
  assert.equal(dataOf(d).errorType, 'Duplicate');
  assert.equal(d.message, 'metadata.taints[2]: Duplicate value: {"Key":"a","Value":"3","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair');
});

test('the legacy taints annotation is parsed and its taints validated', () => {
  const yaml = node('  annotations:\n    scheduler.alpha.kubernetes.io/taints: \'[{"key":"a","effect":"Bad"}]\'\n');
  assert.deepEqual(errorPairs(yaml), ['metadata.annotations.scheduler.alpha.kubernetes.io/taints[0].effect NotSupported']);
  assert.deepEqual(errorPairs(node('  annotations:\n    scheduler.alpha.kubernetes.io/taints: "not json"\n')), ['metadata.annotations Invalid']);
});

test('capacity/allocatable: non-negative, integer for pods and extended resources; paths use a dot', () => {
  const yaml = node('status:\n  capacity:\n    pods: "1.5"\n    cpu: "-1"\n    memory: 1Gi\n  allocatable:\n    example.com/gpu: 500m\n    kubernetes.io/foo: 500m\n');
  assert.deepEqual(errorPairs(yaml), ['status.allocatable.example.com/gpu Invalid', 'status.capacity.cpu Invalid', 'status.capacity.pods Invalid']);
  const ds = errors(yaml);
  assert.equal(ds.find((d) => dataOf(d).field === 'status.capacity.pods')!.message, 'status.capacity.pods: Invalid value: "1500m": must be an integer');
  assert.equal(ds.find((d) => dataOf(d).field === 'status.capacity.cpu')!.message, 'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0');
  assert.equal(textAt(yaml, ds.find((d) => dataOf(d).field === 'status.capacity.pods')!), '"1.5"');
});

test('allocatable defaults to capacity, so capacity errors are reported twice when it is absent', () => {
  const yaml = node('status:\n  capacity: {pods: "2.5", example.com/fpga: 0.5}\n');
  assert.deepEqual(errorPairs(yaml), [
    'status.allocatable.example.com/fpga Invalid',
    'status.allocatable.pods Invalid',
    'status.capacity.example.com/fpga Invalid',
    'status.capacity.pods Invalid',
  ]);
  // An explicit (even empty) allocatable is not a copy.
  assert.deepEqual(errorPairs(node('status:\n  capacity: {pods: "2.5"}\n  allocatable: {}\n')), ['status.capacity.pods Invalid']);
});

test('a malformed quantity is one decode error, on the dotted path', () => {
  const d = only(node('status:\n  capacity: {memory: 1GB}\n'));
  assert.equal(dataOf(d).field, 'status.capacity.memory');
  assert.equal(dataOf(d).errorType, 'Invalid');
});

test('podCIDRs: valid (sloppy) CIDRs, at most one per family; podCIDR overrides a disagreeing list', () => {
  assert.deepEqual(errorPairs(node('spec:\n  podCIDRs: [010.1.0.0/016]\n')), []); // leading zeros accepted
  const two = node('spec:\n  podCIDRs: [10.1.0.0/24, 10.2.0.0/24]\n');
  const d = only(two);
  assert.equal(d.message, 'spec.podCIDRs: Invalid value: ["10.1.0.0/24","10.2.0.0/24"]: may specify no more than one CIDR for each IP family');
  const bad = node('spec:\n  podCIDR: 10.1.0.0/33\n');
  const b = only(bad);
  assert.equal(b.message, 'spec.podCIDRs[0]: Invalid value: "10.1.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
  assert.equal(textAt(bad, b), '10.1.0.0/33');
  // podCIDR disagreeing with podCIDRs[0] replaces the whole list: the second entry is dropped.
  assert.deepEqual(errorPairs(node('spec:\n  podCIDR: 10.9.0.0/24\n  podCIDRs: [10.1.0.0/24, 10.2.0.0/24]\n')), []);
  assert.deepEqual(errorPairs(node('spec:\n  podCIDRs: [10.1.0.0/24, "::ffff:10.2.0.0/120"]\n')), ['spec.podCIDRs Invalid']); // IPv4-mapped counts as IPv4
  assert.deepEqual(errorPairs(node('spec:\n  podCIDRs: [10.1.0.0/24, "fd00::/64", "fd01::/64"]\n')), ['spec.podCIDRs Invalid']);
});

test('swap capacity must be positive; reported under metadata.nodeSwapStatus', () => {
  const d = only(node('status:\n  nodeInfo:\n    swap: {capacity: 0}\n'));
  assert.equal(d.message, 'metadata.nodeSwapStatus.capacity: Invalid value: 0: must be greater than zero');
});

test('configSource is dropped on create and status sub-objects are not required field by field', () => {
  assert.deepEqual(errorPairs(node('spec:\n  configSource: {configMap: {name: x}}\nstatus:\n  addresses: [{type: Hostname}]\n  nodeInfo: {architecture: amd64}\n')), []);
});
