import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, dataOf, pod, service, validate } from '../helpers/engine';

test('a misspelt field offers the closest known names', () => {
  const yaml = pod('  containers:\n  - name: app\n    imge: nginx\n');
  const d = validate(yaml).find((x) => x.code === 'unknown-field')!;
  assert.deepEqual(dataOf(d).fixes?.map((f) => f.title), ['Change to "image"']);
  const fixed = applyFix(yaml, d);
  assert.match(fixed, /\n    image: nginx\n/);
  assert.deepEqual(validate(fixed).filter((x) => x.severity === 1), []);
});

test('a case-only difference is the first suggestion', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    ImagePullPolicy: Always\n');
  const d = validate(yaml).find((x) => x.code === 'unknown-field')!;
  assert.equal(dataOf(d).fixes?.[0].title, 'Change to "imagePullPolicy"');
});

test('a boolean-looking label value is quoted', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n', '  labels:\n    canary: yes\n');
  const d = validate(yaml).find((x) => x.code === 'invalid-type')!;
  const fixed = applyFix(yaml, d, /Quote/);
  assert.match(fixed, /canary: "yes"/);
  assert.deepEqual(validate(fixed).filter((x) => x.severity === 1), []);
});

test('code actions carry the fixes as WorkspaceEdits for the document', () => {
  const yaml = pod('  containers:\n  - name: app\n    imge: nginx\n');
  const ds = validate(yaml);
  const actions = service.codeActions('file:///test.yaml', ds);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].edit?.changes?.['file:///test.yaml'], [{ range: { start: { line: 7, character: 4 }, end: { line: 7, character: 8 } }, newText: 'image' }]);
  assert.deepEqual(service.codeActions('file:///test.yaml', [{ ...ds[0], source: 'other' }]), []);
});
