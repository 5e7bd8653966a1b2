import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, type Diag, errors } from '../../helpers/engine';

function find(yaml: string, field: string, type?: string): Diag[] {
  return errors(yaml).filter((d) => dataOf(d).field === field && (!type || dataOf(d).errorType === type));
}

function deployment(spec: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n${spec
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n')}`;
}

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

test('valid containers, sidecars and restart policies produce no error', () => {
  const yaml = pod(
    [
      '  initContainers:',
      '  - name: setup',
      '    image: busybox:1.36',
      '    restartPolicy: Never',
      '  - name: proxy',
      '    image: envoy:1.30',
      '    restartPolicy: Always',
      '    lifecycle: {preStop: {exec: {command: [sh]}}}',
      '    readinessProbe: {tcpSocket: {port: 9901}}',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '    imagePullPolicy: ""',
      '    terminationMessagePolicy: FallbackToLogsOnError',
      '    restartPolicy: OnFailure',
      '    restartPolicyRules:',
      '    - action: Restart',
      '      exitCodes: {operator: In, values: [42]}',
      `  - name: ${'a'.repeat(63)}`,
      '    image: nginx:1.27',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('container name: Required when empty, DNS label otherwise', () => {
  const yaml = pod('  containers:\n  - image: nginx:1.27\n  - name: My_App\n    image: nginx:1.27\n');
  const [req] = find(yaml, 'spec.containers[0].name');
  assert.equal(req.message, 'spec.containers[0].name: Required value');
  assert.equal(dataOf(req).errorType, 'Required');
  assert.equal(textAt(yaml, req), 'image');
  const [inv] = find(yaml, 'spec.containers[1].name');
  assert.equal(inv.message, `spec.containers[1].name: Invalid value: "My_App": ${LABEL_MSG}`);
  assert.equal(textAt(yaml, inv), 'My_App');
  assert.deepEqual(errorPairs(pod('  containers:\n  - name: a.b\n    image: x:1\n')), ['spec.containers[0].name Invalid']);
  assert.equal(find(pod('  containers:\n  - name: a.b\n    image: x:1\n'), 'spec.containers[0].name')[0].message, 'spec.containers[0].name: Invalid value: "a.b": must not contain dots');
});

test('duplicate names: regular, init against regular, ephemeral against all', () => {
  const yaml = pod(
    [
      '  initContainers:',
      '  - name: app',
      '    image: busybox:1.36',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '  - name: app',
      '    image: nginx:1.27',
      '  ephemeralContainers:',
      '  - name: app',
      '    image: busybox:1.36',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.containers[1].name Duplicate',
    'spec.ephemeralContainers Forbidden',
    'spec.ephemeralContainers[0].name Duplicate',
    'spec.initContainers[0].name Duplicate',
  ]);
  const [d] = find(yaml, 'spec.containers[1].name');
  assert.equal(d.message, 'spec.containers[1].name: Duplicate value: "app"');
  assert.equal(d.relatedInformation?.length, 1);
});

test('image: Required when empty; whitespace Invalid on Pods only', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: ""\n  - name: b\n    image: " nginx:1.27"\n');
  assert.deepEqual(errorPairs(yaml), ['spec.containers[0].image Required', 'spec.containers[1].image Invalid']);
  const [ws] = find(yaml, 'spec.containers[1].image');
  assert.equal(ws.message, 'spec.containers[1].image: Invalid value: " nginx:1.27": must not have leading or trailing whitespace');
  // A Pod template keeps " " as a placeholder image (validateContainerOnlyForPod is Pod-only).
  assert.deepEqual(errorPairs(deployment('  containers:\n  - name: b\n    image: " "\n')), []);
});

test('imagePullPolicy and terminationMessagePolicy are case-sensitive enums', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: x:1\n    imagePullPolicy: always\n    terminationMessagePolicy: file\n');
  const [pull] = find(yaml, 'spec.containers[0].imagePullPolicy', 'NotSupported');
  assert.equal(pull.message, 'spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"');
  assert.equal(textAt(yaml, pull), 'always');
  const [tmp] = find(yaml, 'spec.containers[0].terminationMessagePolicy', 'NotSupported');
  assert.equal(tmp.message, 'spec.containers[0].terminationMessagePolicy: Unsupported value: "file": supported values: "File", "FallbackToLogsOnError"');
});

test('container restartPolicy and restartPolicyRules (ContainerRestartRules, 1.35)', () => {
  const yaml = pod(
    [
      '  containers:',
      '  - name: a',
      '    image: x:1',
      '    restartPolicy: Sometimes',
      '    restartPolicyRules:',
      '    - action: Kill',
      '      exitCodes: {operator: Between}',
      '    - action: Restart',
      '  - name: b',
      '    image: x:1',
      '    restartPolicyRules: [{action: Restart, exitCodes: {operator: In}}]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.containers[0].restartPolicy NotSupported',
    'spec.containers[0].restartPolicyRules[0].action NotSupported',
    'spec.containers[0].restartPolicyRules[0].exitCodes.operator NotSupported',
    'spec.containers[0].restartPolicyRules[1].exitCodes Required',
    'spec.containers[1].restartPolicy Required',
  ]);
  assert.equal(find(yaml, 'spec.containers[0].restartPolicy')[0].message, 'spec.containers[0].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"');
  assert.equal(find(yaml, 'spec.containers[1].restartPolicy')[0].message, 'spec.containers[1].restartPolicy: Required value: must specify restartPolicy when restart rules are used');
  assert.equal(find(yaml, 'spec.containers[0].restartPolicyRules[1].exitCodes')[0].message, 'spec.containers[0].restartPolicyRules[1].exitCodes: Required value: must be specified');
  const many = pod(`  containers:\n  - name: a\n    image: x:1\n    restartPolicy: Never\n    restartPolicyRules: [${Array(21).fill('{action: Restart, exitCodes: {operator: In}}').join(', ')}]\n`);
  assert.equal(find(many, 'spec.containers[0].restartPolicyRules', 'TooLong')[0].message, 'spec.containers[0].restartPolicyRules: Too long: may not be more than 20 bytes');
});

test('init containers: restartPolicy values, rules with Always, sidecar-only fields', () => {
  const yaml = pod(
    [
      '  initContainers:',
      '  - name: a',
      '    image: x:1',
      '    restartPolicy: ""',
      '  - name: b',
      '    image: x:1',
      '    restartPolicy: Always',
      '    restartPolicyRules: [{action: Restart, exitCodes: {operator: In}}]',
      '  - name: c',
      '    image: x:1',
      '    lifecycle: {postStart: {exec: {command: [x]}}}',
      '    livenessProbe: {exec: {command: [x]}}',
      '    readinessProbe: null',
      '  containers:',
      '  - name: app',
      '    image: x:1',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.initContainers[0].restartPolicy NotSupported',
    'spec.initContainers[1].restartPolicyRules Forbidden',
    'spec.initContainers[2].lifecycle Forbidden',
    'spec.initContainers[2].livenessProbe Forbidden',
  ]);
  const [f] = find(yaml, 'spec.initContainers[2].lifecycle');
  assert.equal(f.message, 'spec.initContainers[2].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always');
  assert.equal(textAt(yaml, f), 'lifecycle');
  assert.equal(find(yaml, 'spec.initContainers[1].restartPolicyRules')[0].message, 'spec.initContainers[1].restartPolicyRules: Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always');
});

test('ephemeral containers: forbidden fields and an unknown target (besides the create-time Forbidden)', () => {
  const yaml = pod(
    [
      '  containers:',
      '  - name: app',
      '    image: x:1',
      '  ephemeralContainers:',
      '  - name: debug',
      '    image: " busybox:1.36"',
      '    targetContainerName: missing',
      '    ports: []',
      '    resources: {}',
      '    readinessProbe: {exec: {command: [x]}}',
      '    restartPolicy: Always',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.ephemeralContainers Forbidden',
    'spec.ephemeralContainers[0].image Invalid',
    'spec.ephemeralContainers[0].ports Forbidden',
    'spec.ephemeralContainers[0].readinessProbe Forbidden',
    'spec.ephemeralContainers[0].restartPolicy Forbidden',
    'spec.ephemeralContainers[0].targetContainerName NotFound',
  ]);
  assert.equal(find(yaml, 'spec.ephemeralContainers[0].ports')[0].message, 'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container');
  assert.equal(find(yaml, 'spec.ephemeralContainers[0].targetContainerName')[0].message, 'spec.ephemeralContainers[0].targetContainerName: Not found: "missing"');
});
