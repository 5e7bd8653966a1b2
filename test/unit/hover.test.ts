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

test('hover answers only what the cursor is on, with a range holding the cursor', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  labels:\n    app: web\nspec:\n  containers:\n  - name: app\n    image:   nginx\n    args: [a, b]\n    ports: []\n    foo: bar\n';
  const file = service.parse('file:///r.yaml', 1, yaml);
  const at = (line: number, character: number) => service.hover(file, { line, character });
  const title = (line: number, character: number): string | undefined => {
    const h = at(line, character);
    return h && typeof h.contents === 'object' && 'value' in h.contents ? /^\*\*(\w+)\*\*/.exec(h.contents.value)?.[1] : undefined;
  };
  // The reported case: the indentation before the second key of a map (`name:`, then `labels:`).
  assert.equal(at(4, 0), null);
  assert.equal(at(4, 1), null);
  assert.equal(title(4, 2), 'labels');
  // Before `image`, on the spaces between `image:` and its value, on the `-` of an item.
  assert.equal(at(9, 2), null);
  assert.equal(at(9, 11), null);
  assert.equal(at(8, 2), null);
  // A key of a map-typed field: the field, over the key.
  assert.equal(title(5, 5), 'labels');
  assert.deepEqual(at(5, 5)!.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 7 } });
  // An item of a flow sequence: the field, over the item; the brackets: the flow collection.
  assert.equal(title(10, 11), 'args');
  assert.deepEqual(at(10, 11)!.range, { start: { line: 10, character: 11 }, end: { line: 10, character: 12 } });
  assert.equal(title(11, 12), 'ports');
  assert.deepEqual(at(11, 12)!.range, { start: { line: 11, character: 11 }, end: { line: 11, character: 13 } });
  // An unknown field: nothing (not the container's text).
  assert.equal(at(12, 5), null);
  assert.equal(at(12, 10), null);
});

test('IntOrString fields hover with their own documentation, not the IntOrString type text', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n  template:\n    spec:\n      containers:\n      - name: a\n        image: b\n        livenessProbe:\n          tcpSocket:\n            port: 80\n        readinessProbe:\n          httpGet:\n            port: http\n';
  const file = service.parse('file:///ios.yaml', 1, text);
  const at = (line: number, character: number) => {
    const h = service.hover(file, { line, character });
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  };
  const cases: Array<[number, number, RegExp]> = [
    [7, 8, /maximum number of pods that can be scheduled above the desired number/],
    [8, 8, /maximum number of pods that can be unavailable during the update.*rounding down/],
    [16, 13, /Number or name of the port to access on the container/],
    [19, 13, /Name or number of the port to access on the container/],
  ];
  for (const [line, ch, re] of cases) {
    const md = at(line, ch);
    assert.match(md, re, `line ${line}: ${md.slice(0, 200)}`);
    assert.doesNotMatch(md, /IntOrString is a type/, `line ${line}`);
  }
});
