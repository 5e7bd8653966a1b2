import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, validate, type Diag } from '../../helpers/engine';

function find(yaml: string, field: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1 && dataOf(d).field === field);
}

function deployment(spec: string): string {
  const body = spec
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n${body}`;
}

test('valid ports: names per container, TCP/UDP on one host port, hostNetwork defaulting', () => {
  const yaml = pod(
    [
      '  hostNetwork: true',
      '  containers:',
      '  - name: dns',
      '    image: coredns:1.11',
      '    ports:',
      '    - {name: dns, containerPort: 53, protocol: UDP}',
      '    - {name: dns-tcp, containerPort: 53, protocol: TCP}',
      '    - {name: metrics, containerPort: 9153, hostPort: 9153}',
      '  - name: sidecar',
      '    image: x:1',
      '    ports:',
      '    - {name: metrics, containerPort: 9154}',
      '  initContainers:',
      '  - name: init',
      '    image: x:1',
      '    ports: [{containerPort: 53}]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('port name grammar (one error per aspect) and per-container uniqueness', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: x:1\n    ports:\n    - {name: "8080", containerPort: 1}\n    - {name: web, containerPort: 2}\n    - {name: web, containerPort: 3}\n');
  assert.deepEqual(errorPairs(yaml), ['spec.containers[0].ports[0].name Invalid', 'spec.containers[0].ports[2].name Duplicate']);
  assert.equal(find(yaml, 'spec.containers[0].ports[0].name')[0].message, 'spec.containers[0].ports[0].name: Invalid value: "8080": must contain at least one letter (a-z)');
  const dup = find(yaml, 'spec.containers[0].ports[2].name')[0];
  assert.equal(dup.message, 'spec.containers[0].ports[2].name: Duplicate value: "web"');
  assert.equal(textAt(yaml, dup), 'web');
  const upper = pod('  containers:\n  - name: a\n    image: x:1\n    ports: [{name: HTTP, containerPort: 1}]\n');
  assert.equal(find(upper, 'spec.containers[0].ports[0].name').length, 2);
});

test('containerPort required and in range, hostPort in range, protocol enum', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: x:1\n    ports:\n    - {name: x}\n    - {containerPort: 70000, hostPort: -1, protocol: tcp}\n');
  assert.deepEqual(errorPairs(yaml), [
    'spec.containers[0].ports[0].containerPort Required',
    'spec.containers[0].ports[1].containerPort Invalid',
    'spec.containers[0].ports[1].hostPort Invalid',
    'spec.containers[0].ports[1].protocol NotSupported',
  ]);
  assert.equal(find(yaml, 'spec.containers[0].ports[0].containerPort')[0].message, 'spec.containers[0].ports[0].containerPort: Required value');
  assert.equal(find(yaml, 'spec.containers[0].ports[1].containerPort')[0].message, 'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
  assert.equal(find(yaml, 'spec.containers[0].ports[1].protocol')[0].message, 'spec.containers[0].ports[1].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"');
});

test('host ports: unique across regular containers; init containers alone with the [0] quirk', () => {
  const yaml = pod(
    [
      '  containers:',
      '  - name: a',
      '    image: x:1',
      '    ports: [{containerPort: 80, hostPort: 8080}]',
      '  - name: b',
      '    image: x:1',
      '    ports: [{containerPort: 81, hostPort: 8080}, {containerPort: 82, hostPort: 8080, hostIP: 10.0.0.1}]',
      '  initContainers:',
      '  - name: i0',
      '    image: x:1',
      '    ports: [{containerPort: 80, hostPort: 8080}]',
      '  - name: i1',
      '    image: x:1',
      '    ports: [{containerPort: 80, hostPort: 9000}, {containerPort: 81, hostPort: 9000}]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), ['spec.containers[1].ports[0].hostPort Duplicate', 'spec.initContainers[0].ports[1].hostPort Duplicate']);
  assert.equal(find(yaml, 'spec.containers[1].ports[0].hostPort')[0].message, 'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"');
});

test('hostNetwork: hostPort must equal containerPort; defaulting makes equal containerPorts collide', () => {
  const yaml = pod(
    [
      '  hostNetwork: true',
      '  containers:',
      '  - name: a',
      '    image: x:1',
      '    ports: [{containerPort: 80, hostPort: 81}, {containerPort: 90}]',
      '  - name: b',
      '    image: x:1',
      '    ports: [{containerPort: 90}]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), ['spec.containers[0].ports[0].hostPort Invalid', 'spec.containers[1].ports[0].hostPort Duplicate']);
  const d = find(yaml, 'spec.containers[0].ports[0].hostPort')[0];
  assert.equal(d.message, 'spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true');
  assert.equal(textAt(yaml, d), '81');
  // Templates are not defaulted: hostPort 0 is allowed, another value is not.
  const dep = deployment('  hostNetwork: true\n  containers:\n  - name: a\n    image: x:1\n    ports: [{containerPort: 80}, {containerPort: 81, hostPort: 82}]\n');
  assert.deepEqual(errorPairs(dep), ['spec.template.spec.containers[0].ports[1].hostPort Invalid']);
});
