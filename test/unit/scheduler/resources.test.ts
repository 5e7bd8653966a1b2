import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podRequests, toUnits, isScalarResourceName, formatAmount } from '../../../server/src/service/scheduler/resources';

function req(spec: unknown, nonZero = false, podLevel = true): Record<string, number> {
  const m = podRequests(spec as never, { nonZero, podLevel });
  return Object.fromEntries([...m].map(([k, v]) => [k, toUnits(k, v)]));
}
const c = (requests: Record<string, string>, extra: Record<string, unknown> = {}) => ({ name: 'c', resources: { requests }, ...extra });

test('containers add up; init containers are maxed, not summed', () => {
  assert.deepEqual(req({ containers: [c({ cpu: '500m' }), c({ cpu: '500m' })], initContainers: [c({ cpu: '2' })] }), { cpu: 2000 });
  assert.deepEqual(req({ containers: [c({ cpu: '1' })], initContainers: [c({ cpu: '2' }), c({ cpu: '2' })] }), { cpu: 2000 });
});

test('sidecars add to the running sum and to later init containers', () => {
  const always = { restartPolicy: 'Always' };
  assert.equal(req({ containers: [c({ cpu: '1' })], initContainers: [c({ cpu: '1' }, always), c({ cpu: '2' })] }).cpu, 3000);
  assert.equal(req({ containers: [c({ cpu: '1' })], initContainers: [c({ cpu: '2' }), c({ cpu: '1' }, always)] }).cpu, 2000);
});

test('overhead is added; pod-level requests replace the aggregate (v1.34+)', () => {
  assert.equal(req({ containers: [c({ cpu: '900m' })], overhead: { cpu: '200m', memory: '120Mi' } }).cpu, 1100);
  const spec = { containers: [c({ cpu: '100m', memory: '1Gi' })], resources: { requests: { cpu: '2' } } };
  assert.deepEqual(req(spec), { cpu: 2000, memory: 2 ** 30 });
  assert.deepEqual(req(spec, false, false), { cpu: 100, memory: 2 ** 30 }, 'v1.33: pod-level resources ignored');
});

test('requests default to limits (API server defaulting)', () => {
  assert.deepEqual(req({ containers: [{ name: 'c', resources: { limits: { cpu: '1', 'nvidia.com/gpu': 1 }, requests: { cpu: '250m' } } }] }), { cpu: 250, 'nvidia.com/gpu': 1 });
});

test('non-zero requests: 100m and 200Mi per container without a key, explicit 0 kept', () => {
  assert.deepEqual(req({ containers: [{ name: 'a' }, { name: 'b' }] }, true), { cpu: 200, memory: 2 * 200 * 1024 * 1024 });
  assert.deepEqual(req({ containers: [c({ cpu: '0', memory: '0' })] }, true), { cpu: 0, memory: 0 });
  assert.deepEqual(req({ containers: [c({ cpu: '0' })], initContainers: [{ name: 'i' }] }, true), { cpu: 100, memory: 200 * 1024 * 1024 });
});

test('quantities round up like MilliValue()/Value(); 4096Mi == 4Gi', () => {
  assert.equal(req({ containers: [c({ memory: '4096Mi' })] }).memory, 4 * 2 ** 30);
  assert.equal(req({ containers: [c({ cpu: '0.0001' })] }).cpu, 1);
  assert.equal(req({ containers: [c({ memory: '1.5' })] }).memory, 2);
});

test('odd input is skipped, never thrown on', () => {
  assert.deepEqual(req({ containers: 'nope', initContainers: [null, 3, { resources: 'x' }] }), {});
  assert.deepEqual(req({ containers: [c({ cpu: 'lots', memory: '1Gi' })] }), { memory: 2 ** 30 });
});

test('scalar resources: extended, hugepages, prefixed native; not plain unknown names', () => {
  for (const n of ['example.com/gpu', 'nvidia.com/gpu', 'hugepages-2Mi', 'kubernetes.io/foo']) assert.equal(isScalarResourceName(n), true, n);
  for (const n of ['cpu', 'foo', 'requests.example.com/gpu']) assert.equal(isScalarResourceName(n), false, n);
});

test('amounts are formatted for people', () => {
  assert.equal(formatAmount('cpu', 1500), '1500m');
  assert.equal(formatAmount('cpu', 2000), '2');
  assert.equal(formatAmount('memory', 4 * 2 ** 30), '4Gi');
  assert.equal(formatAmount('memory', 1.5 * 2 ** 30), '1.5Gi');
  assert.equal(formatAmount('pods', 110), '110');
});
