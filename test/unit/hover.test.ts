import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../helpers/engine';

const YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      limits:\n        cpu: "1"\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2\n';

function hoverAt(line: number, character: number): string | undefined {
  const h = service.hover(service.parse('file:///h.yaml', 1, YAML), { line, character });
  if (!h) return undefined;
  return typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : undefined;
}

test('hover on a field shows its type, description and API reference', () => {
  const md = hoverAt(7, 5)!;
  assert.match(md, /\*\*image\*\* `string`/);
  assert.match(md, /Container image name/);
  assert.match(md, /`Pod\.spec\.containers\[0\]\.image`/);
  assert.match(md, /\(https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\/workload-resources\/pod-v1\/#Container\)/);
});

test('hover on a value and on nested map entries', () => {
  assert.match(hoverAt(7, 12)!, /Container image name/);
  assert.match(hoverAt(10, 9)!, /\*\*limits\*\* `map\[string\]Quantity`/);
  assert.match(hoverAt(5, 3)!, /\*\*containers\*\* `\[\]Container` · required/);
});

test('hover in a second document and on workload fields', () => {
  const md = hoverAt(17, 4)!;
  assert.match(md, /\*\*replicas\*\* `integer`/);
  assert.match(md, /deployment-v1\/#DeploymentSpec/);
});

test('no hover outside Kubernetes objects or on unknown fields', () => {
  assert.equal(hoverAt(11, 1), undefined);
  const h = service.hover(service.parse('file:///x.yaml', 1, 'foo: bar\n'), { line: 0, character: 1 });
  assert.equal(h, null);
});

test('a field typed by a model falls back to the model description', () => {
  assert.match(hoverAt(16, 1)!, /DeploymentSpec is the specification of the desired behavior of the Deployment/);
});
