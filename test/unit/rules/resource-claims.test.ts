import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errors, pod, textAt, validate } from '../../helpers/engine';

function claims(yaml: string) {
  return validate(yaml).filter((d) => d.code === 'pod-resource-claim');
}

const containers = '  containers:\n  - name: app\n    image: app:1\n';

test('valid resource claims pass', () => {
  const yaml = pod(`  resourceClaims:\n  - name: gpu\n    resourceClaimName: gpu-claim\n  - name: fpga\n    resourceClaimTemplateName: fpga.template\n${containers}`);
  assert.deepEqual(claims(yaml), []);
});

test('name required, a DNS label, unique (validatePodResourceClaim)', () => {
  const yaml = pod(`  resourceClaims:\n  - resourceClaimName: a\n  - name: My_Claim\n    resourceClaimName: b\n  - name: gpu\n    resourceClaimName: c\n  - name: gpu\n    resourceClaimName: d\n${containers}`);
  const ds = claims(yaml);
  assert.deepEqual(
    ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`),
    ['spec.resourceClaims[0].name Required', 'spec.resourceClaims[1].name Invalid', 'spec.resourceClaims[3].name Duplicate'],
  );
  assert.equal(ds[0].message, 'spec.resourceClaims[0].name: Required value');
  assert.match(ds[1].message, /^spec\.resourceClaims\[1\]\.name: Invalid value: "My_Claim": a lowercase RFC 1123 label must consist of/);
  assert.equal(textAt(yaml, ds[1]), 'My_Claim');
  assert.equal(ds[2].message, 'spec.resourceClaims[3].name: Duplicate value: "gpu"');
  assert.ok(ds.every((d) => d.severity === 1));
});

test('exactly one of resourceClaimName and resourceClaimTemplateName, each a DNS subdomain', () => {
  const yaml = pod(`  resourceClaims:\n  - name: both\n    resourceClaimName: a\n    resourceClaimTemplateName: b\n  - name: neither\n  - name: bad\n    resourceClaimName: Bad.Name\n${containers}`);
  const ds = claims(yaml);
  assert.deepEqual(
    ds.map((d) => d.message),
    [
      'spec.resourceClaims[0]: Invalid value: {"Name":"both","ResourceClaimName":"a","ResourceClaimTemplateName":"b"}: at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified',
      'spec.resourceClaims[1]: Invalid value: {"Name":"neither","ResourceClaimName":null,"ResourceClaimTemplateName":null}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`',
      `spec.resourceClaims[2].resourceClaimName: Invalid value: "Bad.Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
  );
});

test('static (mirror) Pods may not use resource claims; templates are checked the same way', () => {
  const mirror = pod(`  nodeName: n1\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: a\n${containers}`, '  annotations:\n    kubernetes.io/config.mirror: abc\n');
  const ds = claims(mirror);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].message, 'Forbidden: static pods do not support resource claims');
  const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      resourceClaims:\n      - name: gpu\n      containers:\n      - name: app\n        image: app:1\n`;
  assert.deepEqual(errors(deployment).map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`), ['spec.template.spec.resourceClaims[0] Invalid']);
  // ValidatePodTemplateSpec passes no Pod metadata: a mirror annotation on a template does not forbid claims.
  const mirrorTemplate = deployment.replace('      labels: {app: d}\n    spec:', '      labels: {app: d}\n      annotations: {kubernetes.io/config.mirror: abc}\n    spec:').replace('      - name: gpu\n', '      - name: gpu\n        resourceClaimName: a\n');
  assert.deepEqual(claims(mirrorTemplate), []);
});
