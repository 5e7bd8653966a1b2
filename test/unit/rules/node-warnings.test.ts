import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, textAt, validate } from '../../helpers/engine';

function node(body: string, annotations = ''): string {
  return `apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n${annotations}${body}`;
}

function byRule(yaml: string, rule: string) {
  return validate(yaml).filter((d) => d.code === rule);
}

test('spec.externalID is deprecated and unused (a warning)', () => {
  const yaml = node('spec:\n  externalID: i-0abc\n');
  const ds = byRule(yaml, 'deprecated-node-field');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].message, 'spec.externalID: this field is deprecated, and is unused by Kubernetes');
  assert.equal(ds[0].severity, 2);
  assert.equal(textAt(yaml, ds[0]), 'externalID');
  assert.deepEqual(byRule(node('spec:\n  providerID: aws:///i-0abc\n'), 'deprecated-node-field'), []);
});

const AVOID = 'scheduler.alpha.kubernetes.io/preferAvoidPods';

function avoid(json: string): string {
  return node('spec: {}\n', `  annotations:\n    ${AVOID}: '${json}'\n`);
}

test('the preferAvoidPods annotation: valid entries pass', () => {
  const ok = avoid('{"preferAvoidPods":[{"podSignature":{"podController":{"apiVersion":"v1","kind":"ReplicationController","name":"foo","uid":"abcdef123456","controller":true}},"reason":"some reason","message":"some message"}]}');
  assert.deepEqual(byRule(ok, 'node-prefer-avoid-pods'), []);
});

test('the preferAvoidPods annotation: entries must name a controller (ValidateAvoidPodsInNodeAnnotations)', () => {
  const noSignature = byRule(avoid('{"preferAvoidPods":[{"reason":"r"}]}'), 'node-prefer-avoid-pods');
  assert.deepEqual(noSignature.map((d) => [dataOf(d).field, dataOf(d).errorType, d.severity]), [[`metadata.annotations.${AVOID}[0].PodSignature`, 'Required', 1]]);
  const notController = byRule(avoid('{"preferAvoidPods":[{"podSignature":{"podController":{"apiVersion":"v1","kind":"ReplicationController","name":"foo","uid":"abc","controller":false}}}]}'), 'node-prefer-avoid-pods');
  assert.equal(notController.length, 1);
  assert.equal(notController[0].message, `metadata.annotations.${AVOID}[0].PodSignature.PodController.Controller: Invalid value: false: must point to a controller`);
  const broken = byRule(avoid('{"preferAvoidPods": ['), 'node-prefer-avoid-pods');
  assert.equal(broken.length, 1);
  assert.equal(dataOf(broken[0]).field, 'metadata.annotations.AvoidPods');
  assert.match(broken[0].message, new RegExp(`^metadata\\.annotations\\.AvoidPods: Invalid value: "${AVOID.replace(/\./g, '\\.')}": `));
});
