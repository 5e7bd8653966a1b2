/**
 * "Preview as stored" of an object the API server would reject (PodsightService.storedObject):
 * the reasons, each once, at most 20 listed and the rest counted, as comments above the YAML.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { PodsightService } from '../../server/src/service';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n${containers}`;

it('lists at most 20 reasons and counts the rest', () => {
  const service = new PodsightService();
  // 30 containers without an image: 30 distinct rejections.
  const text = pod(Array.from({ length: 30 }, (_, i) => `  - name: c${i}\n`).join(''));
  const r = service.storedObject(service.parse('file:///p.yaml', 1, text), { line: 1, character: 0 })!;
  assert.equal(r.rejected?.length, 20);
  assert.deepEqual(r.rejected.slice(0, 2), ['spec.containers[0].image: Required value', 'spec.containers[1].image: Required value']);
  const header = r.yaml.split('\n').filter((l) => l.startsWith('#'));
  assert.equal(header[0], '# kube-apiserver would reject this Pod: it is not stored.');
  assert.equal(header[21], '#   … and 10 more');
  assert.equal(header[22], '# Below: what it would store once that is fixed.');
  assert.equal(parseYaml(r.yaml).spec.containers.length, 30);
});

it('says nothing of a rejection when there is none; warnings and advice are not rejections', () => {
  const service = new PodsightService();
  // :latest gets advice and a pull policy; nothing the API server refuses.
  const text = pod('  - name: app\n    image: nginx:latest\n');
  const r = service.storedObject(service.parse('file:///p.yaml', 1, text), { line: 1, character: 0 })!;
  assert.ok(service.validate(service.parse('file:///p.yaml', 1, text)).length > 0);
  assert.equal(r.rejected, undefined);
  assert.ok(r.yaml.startsWith('apiVersion: v1\n'));
  assert.equal(parseYaml(r.yaml).spec.containers[0].imagePullPolicy, 'Always');
});
