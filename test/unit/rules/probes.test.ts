import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, validate, type Diag } from '../../helpers/engine';

function find(yaml: string, field: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1 && dataOf(d).field === field);
}

/** A Pod with one container carrying the given (container-indented) lines. */
function container(lines: string[], extra = ''): string {
  return pod(`${extra}  containers:\n  - name: app\n    image: x:1\n${lines.map((l) => `    ${l}`).join('\n')}\n`);
}

const C = 'spec.containers[0]';

test('valid probes and lifecycle handlers produce no error', () => {
  const yaml = container(
    [
      'livenessProbe:',
      '  httpGet: {port: http, path: "", scheme: HTTPS, httpHeaders: [{name: X-Custom-Header, value: ""}]}',
      '  successThreshold: 0',
      '  periodSeconds: 0',
      '  terminationGracePeriodSeconds: 5',
      'readinessProbe: {grpc: {port: 9090}, successThreshold: 3}',
      'startupProbe: {tcpSocket: {port: 8080}, failureThreshold: 30}',
      'lifecycle:',
      '  postStart: {exec: {command: [sh, -c, "echo hi"]}}',
      '  preStop: {sleep: {seconds: 0}}',
    ],
    '  terminationGracePeriodSeconds: 5\n',
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('a probe needs exactly one handler; extras are Forbidden in upstream order', () => {
  const yaml = container(['livenessProbe: {}', 'readinessProbe:', '  tcpSocket: {port: 80}', '  exec: {command: [x]}', '  grpc: {port: 1}']);
  assert.deepEqual(errorPairs(yaml), [`${C}.livenessProbe Required`, `${C}.readinessProbe.grpc Forbidden`, `${C}.readinessProbe.tcpSocket Forbidden`]);
  assert.equal(find(yaml, `${C}.livenessProbe`)[0].message, `${C}.livenessProbe: Required value: must specify a handler type`);
  const f = find(yaml, `${C}.readinessProbe.tcpSocket`)[0];
  assert.equal(f.message, `${C}.readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type`);
  assert.equal(textAt(yaml, f), 'tcpSocket');
});

test('handler actions: exec command, ports (number or name, omitted = 0), scheme, header names', () => {
  const yaml = container([
    'livenessProbe: {exec: {command: []}}',
    'readinessProbe: {httpGet: {port: HTTP, scheme: ftp, httpHeaders: [{name: "X_Y", value: v}]}}',
    'startupProbe: {tcpSocket: {}}',
  ]);
  assert.deepEqual(errorPairs(yaml), [
    `${C}.livenessProbe.exec.command Required`,
    `${C}.readinessProbe.httpGet.httpHeaders Invalid`,
    `${C}.readinessProbe.httpGet.port Invalid`,
    `${C}.readinessProbe.httpGet.port Invalid`,
    `${C}.readinessProbe.httpGet.scheme NotSupported`,
    `${C}.startupProbe.tcpSocket.port Invalid`,
  ]);
  assert.equal(find(yaml, `${C}.startupProbe.tcpSocket.port`)[0].message, `${C}.startupProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive`);
  assert.equal(find(yaml, `${C}.readinessProbe.httpGet.scheme`)[0].message, `${C}.readinessProbe.httpGet.scheme: Unsupported value: "ftp": supported values: "HTTP", "HTTPS"`);
  assert.equal(
    find(yaml, `${C}.readinessProbe.httpGet.httpHeaders`)[0].message,
    `${C}.readinessProbe.httpGet.httpHeaders: Invalid value: "X_Y": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')`,
  );
});

test('probe numbers: non-negative, thresholds, grace periods', () => {
  const yaml = container([
    'livenessProbe: {exec: {command: [x]}, successThreshold: 2, initialDelaySeconds: -1, terminationGracePeriodSeconds: 0}',
    'readinessProbe: {exec: {command: [x]}, terminationGracePeriodSeconds: 10, failureThreshold: -3}',
    'startupProbe: {exec: {command: [x]}, successThreshold: -1}',
  ]);
  assert.deepEqual(errorPairs(yaml), [
    `${C}.livenessProbe.initialDelaySeconds Invalid`,
    `${C}.livenessProbe.successThreshold Invalid`,
    `${C}.livenessProbe.terminationGracePeriodSeconds Invalid`,
    `${C}.readinessProbe.failureThreshold Invalid`,
    `${C}.readinessProbe.terminationGracePeriodSeconds Invalid`,
    `${C}.startupProbe.successThreshold Invalid`,
    `${C}.startupProbe.successThreshold Invalid`,
  ]);
  assert.equal(find(yaml, `${C}.livenessProbe.successThreshold`)[0].message, `${C}.livenessProbe.successThreshold: Invalid value: 2: must be 1`);
  assert.equal(find(yaml, `${C}.livenessProbe.terminationGracePeriodSeconds`)[0].message, `${C}.livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0`);
  assert.equal(find(yaml, `${C}.readinessProbe.terminationGracePeriodSeconds`)[0].message, `${C}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes`);
});

test('lifecycle: empty hook Required, sleep bounded by the grace period, sidecars validated', () => {
  const yaml = pod(
    [
      '  terminationGracePeriodSeconds: 10',
      '  initContainers:',
      '  - name: side',
      '    image: x:1',
      '    restartPolicy: Always',
      '    livenessProbe: {exec: {command: [x]}, successThreshold: 2}',
      '  containers:',
      '  - name: app',
      '    image: x:1',
      '    lifecycle:',
      '      preStop: {}',
      '      postStart: {sleep: {seconds: 11}}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), [`${C}.lifecycle.postStart.sleep Invalid`, `${C}.lifecycle.preStop Required`, 'spec.initContainers[0].livenessProbe.successThreshold Invalid']);
  assert.equal(find(yaml, `${C}.lifecycle.postStart.sleep`)[0].message, `${C}.lifecycle.postStart.sleep: Invalid value: 11: must be non-negative and less than terminationGracePeriodSeconds (10)`);
  // The default grace period is 30 seconds.
  assert.deepEqual(errorPairs(container(['lifecycle: {preStop: {sleep: {seconds: 30}}}'])), []);
  assert.deepEqual(errorPairs(container(['lifecycle: {preStop: {sleep: {seconds: 31}}}'])), [`${C}.lifecycle.preStop.sleep Invalid`]);
});
