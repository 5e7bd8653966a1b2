import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, pod, textAt, validate } from '../../helpers/engine';

function warnings(yaml: string, rule: string) {
  return validate(yaml).filter((d) => d.code === rule);
}

test('deprecated volume plugins warn on the plugin key', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: a:1\n    volumeMounts:\n    - {name: g, mountPath: /g}\n  volumes:\n  - name: g\n    gitRepo:\n      repository: https://example.com/r.git\n');
  const ds = warnings(yaml, 'deprecated-volume-plugin');
  assert.equal(ds.length, 1);
  assert.equal(textAt(yaml, ds[0]), 'gitRepo');
  assert.equal(ds[0].severity, 2);
  assert.match(ds[0].message, /deprecated in v1\.11/);
});

test('deprecated node labels', () => {
  const yaml = pod('  nodeSelector:\n    beta.kubernetes.io/os: linux\n  containers:\n  - name: a\n    image: a:1\n');
  const ds = warnings(yaml, 'deprecated-node-label');
  assert.equal(dataOf(ds[0]).field, 'spec.nodeSelector[beta.kubernetes.io/os]');
  assert.match(ds[0].message, /use "kubernetes.io\/os" instead/);
});

test('fractional byte values', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: a:1\n    resources:\n      requests:\n        memory: 128m\n        cpu: 100m\n');
  const ds = warnings(yaml, 'fractional-byte-value');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].message, 'spec.containers[0].resources.requests[memory]: fractional byte value "128m" is invalid, must be an integer');
});

test('duplicate env names, hostIP without hostPort, pull secrets, host aliases', () => {
  const yaml = pod(
    '  imagePullSecrets:\n  - name: reg\n  - name: reg\n  hostAliases:\n  - ip: 10.0.0.1\n    hostnames: [a.local]\n  - ip: 10.0.0.1\n    hostnames: [b.local]\n  containers:\n  - name: a\n    image: a:1\n    env:\n    - name: X\n      value: "1"\n    - name: X\n      value: "2"\n    ports:\n    - containerPort: 80\n      hostIP: 127.0.0.1\n',
  );
  assert.equal(warnings(yaml, 'duplicate-env-name').length, 1);
  assert.equal(warnings(yaml, 'host-ip-without-host-port').length, 1);
  assert.equal(warnings(yaml, 'duplicate-image-pull-secret').length, 1);
  assert.equal(warnings(yaml, 'duplicate-host-alias-ip').length, 1);
  assert.ok(validate(yaml).filter((d) => d.severity === 2).every((d) => dataOf(d).errorType === undefined));
});
