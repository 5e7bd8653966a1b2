/**
 * lsp/slicedSimulation.ts without a server: the sliced simulation gives the engine's report,
 * stops when asked between slices, refuses an answer past its size bound, and checks the
 * request's parameters against SIMULATE_LIMITS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerTooLarge, checkSimulateParams, simulateInSlices } from '../../../server/src/lsp/slicedSimulation';
import { parseManifestFile } from '../../../server/src/service/parse/manifests';
import { simulate } from '../../../server/src/service/scheduler';
import { SIMULATE_LIMITS } from '../../../server/src/protocol';
import { node, pod, yaml } from './helpers';

const files = [parseManifestFile('file:///t.yaml', 0, yaml(...Array.from({ length: 30 }, (_, i) => node({ name: `n${i}` })), ...Array.from({ length: 200 }, (_, i) => pod({ name: `p${i}`, cpu: '100m' }))))];

test('the sliced simulation answers what the engine answers', async () => {
  let asked = 0;
  // A clock that moves 10 ms per look: slices end after two steps, so the simulation yields many times.
  let t = 0;
  const r = await simulateInSlices(files, {}, () => (asked++, undefined), { now: () => (t += 10) });
  assert.ok(asked > 100, `asked whether to go on after each slice (${asked} times)`);
  assert.equal(JSON.stringify(r), JSON.stringify(simulate(files)));
});

test('a stop between slices ends the work with its reason', async () => {
  let t = 0;
  let slices = 0;
  const r = await simulateInSlices(files, {}, () => (++slices === 3 ? 'cancelled' : undefined), { now: () => (t += 10) });
  assert.equal(r, 'cancelled');
  assert.equal(slices, 3);
});

test('an answer past the size bound is refused with one line', async () => {
  await assert.rejects(simulateInSlices(files, {}, () => undefined, { maxAnswerChars: 50_000 }), (e: Error) => {
    assert.ok(e instanceof AnswerTooLarge);
    assert.match(e.message, /^the simulation's answer would be larger than 50000 characters \(30 Nodes, 200 Pods\); podsight schedule --format json writes the whole report$/);
    return true;
  });
});

test('parameters within SIMULATE_LIMITS pass; past them, one line says which', () => {
  assert.equal(checkSimulateParams({}), undefined);
  assert.equal(checkSimulateParams({ detailFor: ['a/b'], whatIf: { cordon: ['n1'], replicas: { 'Deployment/a/b': SIMULATE_LIMITS.maxReplicas } } }), undefined);
  assert.equal(checkSimulateParams({ whatIf: { replicas: { 'Deployment/a/b': SIMULATE_LIMITS.maxReplicas + 1 } } }), 'whatIf.replicas["Deployment/a/b"] is 200001, more than 200000 replicas');
  assert.equal(checkSimulateParams({ whatIf: { replicas: { x: 1.5 } } }), 'whatIf.replicas["x"] must be a whole number of replicas');
  assert.equal(checkSimulateParams({ whatIf: { remove: 'n1' as unknown as string[] } }), 'whatIf.remove must be a list of names');
  assert.equal(checkSimulateParams({ detailFor: [3 as unknown as string] }), 'detailFor must hold names of at most 1024 characters');
  assert.equal(checkSimulateParams({ whatIf: { replicas: [] as unknown as Record<string, number> } }), 'whatIf.replicas must map workloads to replica counts');
});
