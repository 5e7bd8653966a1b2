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

const MOUNT = '  containers:\n  - name: app\n    image: app:1\n    volumeMounts:\n    - name: data\n      mountPath: /data\n';

test('a mount naming a missing volume: declare it as emptyDir (no volumes list yet)', () => {
  const yaml = pod(MOUNT);
  const d = validate(yaml).find((x) => x.code === 'volume-mount-name')!;
  assert.equal(dataOf(d).errorType, 'NotFound');
  const fixed = applyFix(yaml, d, /^Declare volume "data" as emptyDir/);
  assert.match(fixed, /\n  volumes:\n  - name: data\n    emptyDir: \{\}\n$/);
  assert.deepEqual(validate(fixed).filter((x) => x.severity === 1), []);
});

test('declaring a missing volume appends to an existing block or flow list', () => {
  const block = pod(`${MOUNT}  volumes:\n  - name: other\n    emptyDir: {}\n`);
  const fixedBlock = applyFix(block, validate(block).find((x) => x.code === 'volume-mount-name')!);
  assert.match(fixedBlock, /  - name: other\n    emptyDir: \{\}\n  - name: data\n    emptyDir: \{\}\n/);
  assert.deepEqual(validate(fixedBlock).filter((x) => x.severity === 1), []);
  const flow = pod(`${MOUNT}  volumes: []\n`);
  const fixedFlow = applyFix(flow, validate(flow).find((x) => x.code === 'volume-mount-name')!);
  assert.match(fixedFlow, /volumes: \[\{name: data, emptyDir: \{\}\}\]/);
  assert.deepEqual(validate(fixedFlow).filter((x) => x.severity === 1), []);
});

test('a duplicate container name is renamed', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: a:1\n  - name: app\n    image: b:1\n  - name: app-2\n    image: c:1\n');
  const d = validate(yaml).find((x) => x.code === 'duplicate-container-name')!;
  const fixed = applyFix(yaml, d, /^Rename to "app-3"$/);
  assert.deepEqual(validate(fixed).filter((x) => x.severity === 1), []);
});

test('a request above its limit: raise the limit or lower the request', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: a:1\n    resources:\n      requests:\n        memory: 1Gi\n      limits:\n        memory: 512Mi\n');
  const d = validate(yaml).find((x) => x.code === 'container-resources')!;
  const raised = applyFix(yaml, d, /^Raise the memory limit to 1Gi$/);
  assert.match(raised, /limits:\n        memory: 1Gi/);
  assert.deepEqual(validate(raised).filter((x) => x.severity === 1), []);
  const lowered = applyFix(yaml, d, /^Lower the memory request to 512Mi$/);
  assert.match(lowered, /requests:\n        memory: 512Mi/);
  assert.deepEqual(validate(lowered).filter((x) => x.severity === 1), []);
});
