import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, validate, type Diag } from '../../helpers/engine';

function find(yaml: string, field: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1 && dataOf(d).field === field);
}

/** A Pod whose single container has the given (container-indented) lines. */
function withEnv(lines: string[], extra = ''): string {
  return pod(`  containers:\n  - name: app\n    image: x:1\n${lines.map((l) => `    ${l}`).join('\n')}\n${extra}`);
}

const E = 'spec.containers[0].env';

test('valid env and envFrom produce no error', () => {
  const yaml = withEnv(
    [
      'env:',
      '- name: "1 weird.name-ok!"',
      '  value: x',
      '- name: POD',
      '  valueFrom: {fieldRef: {fieldPath: "metadata.labels[\'app.kubernetes.io/name\']"}}',
      '- name: HOST',
      '  valueFrom: {fieldRef: {apiVersion: v1, fieldPath: spec.host}}',
      '- name: MEM',
      '  valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}',
      '- name: HP',
      '  valueFrom: {resourceFieldRef: {resource: requests.hugepages-2Mi, divisor: 1Ki}}',
      '- name: CM',
      '  value: ""',
      '  valueFrom: {configMapKeyRef: {name: cfg, key: KEY_name.1}}',
      '- name: FILE',
      '  valueFrom: {fileKeyRef: {volumeName: scratch, path: env/file, key: "A B"}}',
      '- name: DUP',
      '  value: a',
      '- name: DUP',
      '  value: b',
      'envFrom:',
      '- prefix: "my prefix_"',
      '  configMapRef: {name: a-}',
      '- secretRef: {name: s.example}',
    ],
    '  volumes:\n  - name: scratch\n',
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('env name: Required when empty, relaxed printable-ASCII rule otherwise', () => {
  const yaml = withEnv(['env:', '- name: ""', '  value: x', '- name: "caf\u00e9"']);
  assert.deepEqual(errorPairs(yaml), [`${E}[0].name Required`, `${E}[1].name Invalid`]);
  const d = find(yaml, `${E}[1].name`)[0];
  assert.equal(d.message, `${E}[1].name: Invalid value: "caf\u00e9": a valid environment variable name must consist only of printable ASCII characters other than '='`);
  assert.equal(textAt(yaml, d), '"caf\u00e9"');
});

test('valueFrom: exactly one source, not with a value', () => {
  const yaml = withEnv([
    'env:',
    '- name: A',
    '  valueFrom: {}',
    '- name: B',
    '  value: x',
    '  valueFrom: {fieldRef: {fieldPath: metadata.name}}',
    '- name: C',
    '  valueFrom: {fieldRef: {fieldPath: metadata.name}, secretKeyRef: {name: s, key: k}}',
  ]);
  assert.deepEqual(errorPairs(yaml), [`${E}[0].valueFrom Invalid`, `${E}[1].valueFrom Invalid`, `${E}[2].valueFrom Invalid`]);
  assert.equal(
    find(yaml, `${E}[0].valueFrom`)[0].message,
    `${E}[0].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\`, \`secretKeyRef\` or \`fileKeyRef\``,
  );
  assert.equal(find(yaml, `${E}[1].valueFrom`)[0].message, `${E}[1].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`);
  assert.equal(find(yaml, `${E}[2].valueFrom`)[0].message, `${E}[2].valueFrom: Invalid value: "": may not have more than one field specified at a time`);
});

test('fieldRef: conversion errors, unsupported paths, subscript keys', () => {
  const yaml = withEnv([
    'env:',
    '- {name: A, valueFrom: {fieldRef: {fieldPath: metadata.whoops}}}',
    '- {name: B, valueFrom: {fieldRef: {fieldPath: status.phase}}}',
    "- {name: C, valueFrom: {fieldRef: {fieldPath: \"metadata.labels['bad key']\"}}}",
    '- {name: D, valueFrom: {fieldRef: {apiVersion: v2, fieldPath: metadata.name}}}',
  ]);
  assert.deepEqual(errorPairs(yaml), [
    `${E}[0].valueFrom.fieldRef.fieldPath Invalid`,
    `${E}[1].valueFrom.fieldRef.fieldPath NotSupported`,
    `${E}[2].valueFrom.fieldRef Invalid`,
    `${E}[3].valueFrom.fieldRef.fieldPath Invalid`,
  ]);
  assert.equal(find(yaml, `${E}[0].valueFrom.fieldRef.fieldPath`)[0].message, `${E}[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.whoops": error converting fieldPath: field label not supported: metadata.whoops`);
  assert.equal(
    find(yaml, `${E}[1].valueFrom.fieldRef.fieldPath`)[0].message,
    `${E}[1].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`,
  );
  assert.equal(find(yaml, `${E}[3].valueFrom.fieldRef.fieldPath`)[0].message, `${E}[3].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2`);
});

test('resourceFieldRef resource and divisor; key selectors; fileKeyRef and its volume', () => {
  const yaml = withEnv(
    [
      'env:',
      '- {name: A, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}',
      '- {name: B, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 10m}}}',
      '- {name: C, valueFrom: {secretKeyRef: {key: ..k}}}',
      '- {name: D, valueFrom: {configMapKeyRef: {name: cfg}}}',
      '- {name: E, valueFrom: {fileKeyRef: {volumeName: cfg, path: ../x, key: "a=b"}}}',
      '- {name: F, valueFrom: {fileKeyRef: {volumeName: nope, path: x, key: k}}}',
    ],
    '  volumes:\n  - name: cfg\n    configMap: {name: cfg}\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    `${E}[0].valueFrom.resourceFieldRef.resource NotSupported`,
    `${E}[1].valueFrom.resourceFieldRef.divisor Invalid`,
    `${E}[2].valueFrom.secretKeyRef.key Invalid`,
    `${E}[2].valueFrom.secretKeyRef.name Invalid`,
    `${E}[3].valueFrom.configMapKeyRef.key Required`,
    `${E}[4].valueFrom.fileKeyRef.key Invalid`,
    `${E}[4].valueFrom.fileKeyRef.path Invalid`,
    `${E}[4].valueFrom.fileKeyRef.volumeName Invalid`,
    `${E}[5].valueFrom.fileKeyRef.volumeName NotFound`,
  ]);
  assert.equal(
    find(yaml, `${E}[1].valueFrom.resourceFieldRef.divisor`)[0].message,
    `${E}[1].valueFrom.resourceFieldRef.divisor: Invalid value: "requests.cpu": only divisor's values 1m and 1 are supported with the cpu resource`,
  );
  assert.equal(find(yaml, `${E}[2].valueFrom.secretKeyRef.key`)[0].message, `${E}[2].valueFrom.secretKeyRef.key: Invalid value: "..k": must not start with '..'`);
  assert.equal(find(yaml, `${E}[3].valueFrom.configMapKeyRef.key`)[0].message, `${E}[3].valueFrom.configMapKeyRef.key: Required value`);
  assert.equal(find(yaml, `${E}[4].valueFrom.fileKeyRef.volumeName`)[0].message, `${E}[4].valueFrom.fileKeyRef.volumeName: Invalid value: "cfg": referenced volume must be of type emptyDir`);
  assert.equal(find(yaml, `${E}[5].valueFrom.fileKeyRef.volumeName`)[0].message, `${E}[5].valueFrom.fileKeyRef.volumeName: Not found: "nope"`);
});

test('envFrom: one source per entry (reported without index), names and prefixes', () => {
  const F = 'spec.containers[0].envFrom';
  const yaml = withEnv(['envFrom:', '- prefix: "A="', '- configMapRef: {name: Bad}', '- configMapRef: {name: a}', '  secretRef: {name: ""}']);
  assert.deepEqual(errorPairs(yaml), [F + ' Invalid', F + ' Invalid', `${F}[0].prefix Invalid`, `${F}[1].configMapRef.name Invalid`, `${F}[2].secretRef.name Required`]);
  const msgs = find(yaml, F).map((d) => d.message);
  assert.deepEqual(msgs, [`${F}: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``, `${F}: Invalid value: "": may not have more than one field specified at a time`]);
});
