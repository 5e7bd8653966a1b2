import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errors, pod } from '../../helpers/engine';

const KEY = 'scheduler.alpha.kubernetes.io/tolerations';
const app = '  containers:\n  - name: app\n    image: app:1\n';

function withAnnotation(json: string): string {
  return pod(app, `  annotations:\n    ${KEY}: '${json}'\n`);
}

test('valid tolerations in the legacy annotation pass', () => {
  assert.deepEqual(errors(withAnnotation('[{"key": "foo", "operator": "Exists", "effect": "NoSchedule"}, {"key": "a", "value": "b"}]')), []);
});

test('the annotation is validated like spec.tolerations, under the annotation key (ValidateTolerationsInPodAnnotations)', () => {
  const ds = errors(withAnnotation('[{"key": "foo", "operator": "Exists", "value": "bar"}, {"operator": "Equal"}, {"key": "k", "effect": "Sometimes"}]'));
  assert.deepEqual(
    ds.map((d) => d.message),
    [
      `metadata.annotations.${KEY}[0].operator: Invalid value: "bar": value must be empty when \`operator\` is 'Exists'`,
      `metadata.annotations.${KEY}[1].operator: Invalid value: "Equal": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
      `metadata.annotations.${KEY}[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
    ],
  );
});

test('an annotation that does not decode as a toleration list; templates report under <template>.annotations', () => {
  const broken = errors(withAnnotation('{"key": "foo"}'));
  assert.equal(broken.length, 1);
  assert.equal(dataOf(broken[0]).field, 'metadata.annotations');
  assert.match(broken[0].message, /^metadata\.annotations: Invalid value: "scheduler\.alpha\.kubernetes\.io\/tolerations": json: cannot unmarshal/);
  const wrongType = errors(withAnnotation('[{"key": 1}]'));
  assert.match(wrongType[0].message, /cannot unmarshal number into Go struct field Toleration\.key of type string/);
  const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n      annotations:\n        ${KEY}: '[{"operator": "In"}]'\n    spec:\n      containers:\n      - name: app\n        image: app:1\n`;
  const ds = errors(deployment).filter((d) => dataOf(d).field?.includes(KEY));
  assert.deepEqual(ds.map((d) => dataOf(d).field), [`spec.template.annotations.${KEY}[0].operator`, `spec.template.annotations.${KEY}[0].operator`]);
});
