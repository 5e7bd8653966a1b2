/**
 * A YAML syntax error contained (issue 17): the structural findings it makes meaningless are
 * held back in its document; the findings it cannot have caused still stand, and other
 * documents of the file are untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '../helpers/engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';

function codes(yaml: string): string[] {
  return validate(yaml)
    .filter((d) => d.severity === 1)
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .map((d) => `${d.range.start.line + 1}:${d.code}`);
}

test('a tab indent is one syntax error, not an unknown field and a Required name as well', () => {
  const yaml = POD.replace('  name: web', '\tname: web');
  assert.deepEqual(codes(yaml), ['4:yaml-syntax']);
});

test('a mis-indented key is one syntax error, not Required fields of an item it seems to start', () => {
  const yaml = `${POD}   ports:\n    - containerPort: 80\n`;
  assert.deepEqual(codes(yaml), ['9:yaml-syntax']);
});

test('findings the syntax error cannot have caused still stand', () => {
  // A bad enum value above the error and a bad quantity below it.
  const yaml = POD.replace('spec:\n', 'spec:\n  restartPolicy: always\n').replace('  name: web', '\tname: web') + '    resources:\n      limits:\n        memory: lots\n';
  assert.deepEqual(codes(yaml), ['4:yaml-syntax', '6:restart-policy', '12:invalid-quantity']);
});

test('only the broken document is contained: an unknown field in the next document stays', () => {
  const broken = POD.replace('  name: web', '\tname: web');
  const other = POD.replace('    image: nginx:1.27\n', '    image: nginx:1.27\n    imge: x\n');
  assert.deepEqual(codes(`${broken}---\n${other}`), ['4:yaml-syntax', '18:unknown-field']);
  // Without a syntax error, the same mistake written validly is reported in full.
  assert.deepEqual(codes(POD.replace('  name: web', 'name: web')), ['3:object-name', '4:unknown-field']);
});
