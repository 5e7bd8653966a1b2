import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errors, pod } from '../../helpers/engine';
import { divisorProblems } from '../../../server/src/service/rules/downwardApi';

test('divisors: one table for env resourceFieldRef and downwardAPI volume items', () => {
  assert.deepEqual(divisorProblems('limits.cpu', '1m'), []);
  assert.deepEqual(divisorProblems('requests.memory', '1Mi'), []);
  assert.deepEqual(divisorProblems('limits.cpu', '2m'), ["only divisor's values 1m and 1 are supported with the cpu resource"]);
  assert.equal(divisorProblems('limits.hugepages-2Mi', '3').length, 1);
  const yaml = pod(
    '  containers:\n  - name: c\n    image: x:1\n    env:\n    - name: M\n      valueFrom:\n        resourceFieldRef: {resource: limits.cpu, divisor: 2m}\n    volumeMounts:\n    - {name: d, mountPath: /d}\n  volumes:\n  - name: d\n    downwardAPI:\n      items:\n      - path: cpu\n        resourceFieldRef: {containerName: c, resource: limits.cpu, divisor: 2m}\n',
  );
  const divisor = errors(yaml).filter((d) => dataOf(d).field?.endsWith('.divisor'));
  assert.deepEqual(divisor.map((d) => dataOf(d).field), ['spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor', 'spec.volumes[0].downwardAPI.resourceFieldRef.divisor']);
  assert.ok(divisor.every((d) => d.message.endsWith('Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource')));
});
