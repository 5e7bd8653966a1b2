import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, errors, only } from '../../helpers/engine';

/** A Pod whose only container has the given extra lines (indented by 4) and the given volumes. */
function podWith(container: string, volumes = '  - name: data\n    emptyDir: {}\n', extraSpec = ''): string {
  return pod(`${extraSpec}  containers:\n  - name: app\n    image: nginx:1.27\n${container}  volumes:\n${volumes}`);
}

test('valid mounts: same volume twice, Windows-style paths, subPath, propagation, recursive read-only', () => {
  const yaml = podWith(
    [
      '    securityContext: {privileged: true}',
      '    volumeMounts:',
      '    - {name: data, mountPath: "d:"}',
      "    - {name: data, mountPath: 'G:\\mount', subPath: a/b..c}",
      '    - {name: data, mountPath: /x, subPathExpr: $(POD_NAME), mountPropagation: Bidirectional}',
      '    - {name: data, mountPath: /ro, readOnly: true, recursiveReadOnly: Enabled, mountPropagation: None}',
      '    - {name: data, mountPath: /ro2, readOnly: true, recursiveReadOnly: IfPossible}',
      '    - {name: data, mountPath: /rw, recursiveReadOnly: Disabled, mountPropagation: HostToContainer}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('a mount naming no volume is NotFound (also for an empty name, which is Required too)', () => {
  const yaml = podWith('    volumeMounts:\n    - {name: missing, mountPath: /data}\n');
  const d = only(yaml);
  assert.equal(d.message, 'spec.containers[0].volumeMounts[0].name: Not found: "missing"');
  assert.equal(dataOf(d).errorType, 'NotFound');
  assert.equal(textAt(yaml, d), 'missing');
  assert.deepEqual(errorPairs(podWith('    volumeMounts:\n    - {name: "", mountPath: /data}\n')), [
    'spec.containers[0].volumeMounts[0].name NotFound',
    'spec.containers[0].volumeMounts[0].name Required',
  ]);
});

test('a volume with errors is not registered, so its mounts are also NotFound (with a pointer to it)', () => {
  const yaml = podWith('    volumeMounts:\n    - {name: Cache, mountPath: /cache}\n', '  - name: Cache\n    emptyDir: {}\n');
  assert.deepEqual(errorPairs(yaml), ['spec.containers[0].volumeMounts[0].name NotFound', 'spec.volumes[0].name Invalid']);
  const nf = errors(yaml).find((d) => dataOf(d).errorType === 'NotFound')!;
  assert.equal(nf.relatedInformation?.length, 1);
  // Init and ephemeral containers resolve against the same table.
  const init = pod('  initContainers:\n  - name: init\n    image: busybox\n    volumeMounts: [{name: nope, mountPath: /x}]\n  containers:\n  - name: app\n    image: nginx:1.27\n');
  assert.deepEqual(errorPairs(init), ['spec.initContainers[0].volumeMounts[0].name NotFound']);
});

test('mountPath: required and unique within a container', () => {
  const yaml = podWith('    volumeMounts:\n    - {name: data, mountPath: /data}\n    - {name: data, mountPath: /data}\n    - {name: data}\n');
  assert.deepEqual(errorPairs(yaml), ['spec.containers[0].volumeMounts[1].mountPath Invalid', 'spec.containers[0].volumeMounts[2].mountPath Required']);
  assert.ok(errors(yaml).some((d) => d.message === 'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'));
});

test('subPath / subPathExpr: relative, no backsteps, mutually exclusive; errors carry no mount index', () => {
  const yaml = podWith('    volumeMounts:\n    - {name: data, mountPath: /a, subPath: ../x}\n    - {name: data, mountPath: /b, subPath: s, subPathExpr: /abs}\n');
  assert.deepEqual(errorPairs(yaml), [
    'spec.containers[0].volumeMounts.subPath Invalid',
    'spec.containers[0].volumeMounts.subPathExpr Invalid',
    'spec.containers[0].volumeMounts[1].subPathExpr Invalid',
  ]);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(msgs.includes(`spec.containers[0].volumeMounts.subPath: Invalid value: "../x": must not contain '..'`));
  assert.ok(msgs.includes('spec.containers[0].volumeMounts[1].subPathExpr: Invalid value: "/abs": subPathExpr and subPath are mutually exclusive'));
  assert.ok(msgs.includes('spec.containers[0].volumeMounts.subPathExpr: Invalid value: "/abs": must be a relative path'));
});

test('mountPropagation: enum; Bidirectional only for privileged containers', () => {
  const ns = only(podWith('    volumeMounts:\n    - {name: data, mountPath: /a, mountPropagation: Shared}\n'));
  assert.equal(ns.message, 'spec.containers[0].volumeMounts.mountPropagation: Unsupported value: "Shared": supported values: "Bidirectional", "HostToContainer", "None"');
  const f = only(podWith('    volumeMounts:\n    - {name: data, mountPath: /a, mountPropagation: Bidirectional}\n'));
  assert.equal(f.message, 'spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers');
});

test('recursiveReadOnly: enum; Enabled/IfPossible need readOnly and no propagation', () => {
  assert.equal(
    only(podWith('    volumeMounts:\n    - {name: data, mountPath: /a, readOnly: true, recursiveReadOnly: Always}\n')).message,
    'spec.containers[0].volumeMounts.recursiveReadOnly: Unsupported value: "Always": supported values: "Disabled", "Enabled", "IfPossible"',
  );
  const yaml = podWith('    volumeMounts:\n    - {name: data, mountPath: /a, recursiveReadOnly: Enabled, mountPropagation: HostToContainer}\n');
  assert.deepEqual(
    errors(yaml).map((d) => d.message),
    [
      'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true',
      'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified',
    ],
  );
});

test('volumeDevices: PVC or ephemeral volumes only, unique names and paths, no clash with mounts', () => {
  const vols = '  - name: data\n    emptyDir: {}\n  - name: blk\n    persistentVolumeClaim: {claimName: c}\n';
  assert.deepEqual(errorPairs(podWith('    volumeDevices:\n    - {name: blk, devicePath: /dev/xvda}\n', vols)), []);
  const yaml = podWith(
    '    volumeMounts:\n    - {name: data, mountPath: /dev/b}\n    volumeDevices:\n    - {name: data, devicePath: /dev/a}\n    - {name: blk, devicePath: /dev/a}\n    - {name: blk, devicePath: /dev/../b}\n    - {name: gone, devicePath: /dev/b}\n',
    vols,
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.containers[0].volumeDevices[0].name Invalid',
    'spec.containers[0].volumeDevices[0].name Invalid',
    'spec.containers[0].volumeDevices[1].devicePath Invalid',
    'spec.containers[0].volumeDevices[2].devicePath Invalid',
    'spec.containers[0].volumeDevices[2].name Invalid',
    'spec.containers[0].volumeDevices[3].devicePath Invalid',
    'spec.containers[0].volumeDevices[3].name NotFound',
    'spec.containers[0].volumeMounts[0].mountPath Invalid',
    'spec.containers[0].volumeMounts[0].name Invalid',
  ]);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(msgs.includes('spec.containers[0].volumeDevices[0].name: Invalid value: "data": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
  assert.ok(msgs.includes(`spec.containers[0].volumeDevices[2].devicePath: Invalid value: "/dev/../b": can not contain backsteps ('..')`));
  assert.ok(msgs.includes('spec.containers[0].volumeMounts[0].name: Invalid value: "data": must not already exist in volumeDevices'));
  assert.ok(msgs.includes('spec.containers[0].volumeDevices[3].devicePath: Invalid value: "/dev/b": must not already exist as a path in volumeMounts'));
});

test('ephemeral containers may not use subPath or subPathExpr', () => {
  const yaml = pod(
    '  containers:\n  - name: app\n    image: nginx:1.27\n  ephemeralContainers:\n  - name: debug\n    image: busybox\n    volumeMounts: [{name: data, mountPath: /d, subPath: x}]\n  volumes:\n  - name: data\n    emptyDir: {}\n',
  );
  const pairs = errorPairs(yaml);
  assert.ok(pairs.includes('spec.ephemeralContainers[0].volumeMounts[0].subPath Forbidden'), pairs.join('\n'));
  assert.ok(errors(yaml).some((d) => d.message === 'spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container'));
});

test('workload templates use their own path prefix', () => {
  const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n        volumeMounts: [{name: missing, mountPath: /m}]\n`;
  assert.deepEqual(errorPairs(dep), ['spec.template.spec.containers[0].volumeMounts[0].name NotFound']);
});
