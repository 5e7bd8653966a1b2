import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, pod, podOf, run } from './helpers';
import { imagePriority } from '../../../server/src/service/scheduler/plugins/imageLocality';

const MiB = 1024 * 1024;

test('image size scaled by spread, clamped to [23 MiB, 1000 MiB × containers]', () => {
  assert.equal(imagePriority(0, 1), 0);
  assert.equal(imagePriority(23 * MiB, 1), 0);
  assert.equal(imagePriority(250 * MiB, 1), 23); // 100·227/977
  assert.equal(imagePriority(5000 * MiB, 1), 100);
  assert.equal(imagePriority(1000 * MiB, 2), 49);
  assert.equal(Object.is(imagePriority(0, 0), -0), false);
});

test('untagged images are looked up as :latest; the score spreads by the Nodes holding the image', () => {
  const r = run([
    node({ name: 'a', images: [{ names: ['nginx:latest'], sizeBytes: 500 * MiB }] }),
    node({ name: 'b' }),
    pod({ name: 'p', container: { image: 'nginx' } }),
  ]);
  const p = podOf(r, 'p');
  assert.equal(p.scores.a.ImageLocality, 23); // 500 MiB × 1/2 = 250 MiB
  assert.equal(p.scores.b.ImageLocality, 0);
  assert.equal(p.node, 'a');
});
