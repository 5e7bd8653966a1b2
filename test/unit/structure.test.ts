import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, pod, textAt, validate } from '../helpers/engine';

test('unknown fields as kubectl strict decoding reports them, ranged on the key', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    foo: bar\n  bogus: 1\n');
  const ds = validate(yaml).filter((d) => d.code === 'unknown-field');
  assert.deepEqual(ds.map((d) => dataOf(d).field).sort(), ['spec.bogus', 'spec.containers[0].foo']);
  const foo = ds.find((d) => dataOf(d).field === 'spec.containers[0].foo')!;
  assert.equal(foo.message, 'unknown field "spec.containers[0].foo"');
  assert.equal(dataOf(foo).errorType, 'UnknownField');
  assert.equal(foo.severity, 1);
  assert.equal(textAt(yaml, foo), 'foo');
});

test('field names are case-sensitive', () => {
  const ds = validate(pod('  containers:\n  - name: app\n    Image: nginx\n'));
  assert.ok(ds.some((d) => dataOf(d).field === 'spec.containers[0].Image' && d.code === 'unknown-field'));
});

test('wrong types are Invalid, with the YAML 1.1 reading explained', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: "80"\n    tty: "true"\n', '  labels:\n    enabled: yes\n');
  const ds = validate(yaml).filter((d) => d.code === 'invalid-type');
  const byField = new Map(ds.map((d) => [dataOf(d).field, d]));
  assert.ok(byField.get('spec.containers[0].ports[0].containerPort')?.message.includes('cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'));
  assert.ok(byField.get('spec.containers[0].tty')?.message.includes('of type bool'));
  const label = byField.get('metadata.labels[enabled]');
  assert.ok(label, 'boolean label value is rejected');
  assert.match(label.message, /cannot unmarshal bool .* of type string \(YAML 1\.1, which Kubernetes uses, reads unquoted yes as the boolean true/);
  assert.equal(textAt(yaml, label), 'yes');
  assert.ok(ds.every((d) => dataOf(d).errorType === 'Invalid'));
});

test('quantities accept numbers and strings, reject malformed text', () => {
  const ok = pod('  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        cpu: 0.5\n        memory: 1e3\n      limits:\n        cpu: "1"\n');
  assert.deepEqual(validate(ok).filter((d) => d.severity === 1), []);
  const bad = pod('  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        memory: 1GB\n');
  const d = validate(bad).find((x) => x.code === 'invalid-quantity');
  assert.ok(d);
  assert.equal(dataOf(d).field, 'spec.containers[0].resources.requests[memory]');
  assert.match(d.message, /quantities must match the regular expression/);
});

test('int-or-string and null values', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    livenessProbe:\n      httpGet:\n        port: http\n    readinessProbe:\n      tcpSocket:\n        port: 8080\n    command: null\n');
  assert.deepEqual(validate(yaml).filter((d) => d.code === 'invalid-type'), []);
  const bad = pod('  containers:\n  - name: app\n    image: nginx\n    livenessProbe:\n      httpGet:\n        port: true\n');
  assert.ok(validate(bad).some((d) => d.code === 'invalid-type' && dataOf(d).field === 'spec.containers[0].livenessProbe.httpGet.port'));
});

test('duplicate keys are reported on the second key with the first as related information', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    image: redis\n');
  const d = validate(yaml).find((x) => x.code === 'duplicate-key');
  assert.ok(d);
  assert.equal(dataOf(d).errorType, 'DuplicateKey');
  assert.equal(dataOf(d).field, 'spec.containers[0].image');
  assert.equal(d.range.start.line, 8);
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 7);
});

test('missing required fields are Required on the owning key', () => {
  const yaml = pod('  containers:\n  - image: nginx\n');
  const d = validate(yaml).find((x) => dataOf(x).field === 'spec.containers[0].name');
  assert.ok(d);
  assert.equal(dataOf(d).errorType, 'Required');
});

test('Pod templates in workloads are validated with their upstream paths', () => {
  const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        foo: 1\n';
  assert.ok(validate(deploy).some((d) => dataOf(d).field === 'spec.template.spec.containers[0].foo'));
  const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: app\n            image: busybox\n            imagePullPolicy: always\n';
  assert.ok(validate(cron).some((d) => dataOf(d).field === 'spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy' && dataOf(d).errorType === 'NotSupported'));
});

test('other YAML and templates produce nothing', () => {
  assert.deepEqual(validate('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  foo: bar\n'), []);
  assert.deepEqual(validate('name: x\nlist: [1, 2\n'), [], 'syntax errors outside manifests are left to the YAML extension');
  assert.deepEqual(validate('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  foo: 1\n'), []);
});

test('syntax errors in a manifest are reported with their range', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "unterminated\n';
  const ds = validate(yaml).filter((d) => d.code === 'yaml-syntax');
  assert.ok(ds.length > 0);
  assert.ok(ds.every((d) => d.range.start.line >= 3));
});

test('fields as Kubernetes 1.35 decodes them, not as the 1.36 OpenAPI the schema is generated from', () => {
  // 1.35's PodSpec has workloadRef (GenericWorkload, alpha and off): decoded, then dropped on create.
  const workloadRef = pod('  workloadRef:\n    name: training\n    podGroup: workers\n    podGroupReplicaKey: "0"\n  containers:\n  - name: app\n    image: nginx:1.27\n');
  const ds = validate(workloadRef);
  assert.deepEqual(ds.filter((d) => d.severity === 1), []);
  assert.deepEqual(
    ds.filter((d) => d.code === 'create-dropped-field').map((d) => d.message),
    ['the API server drops spec.workloadRef: feature gate GenericWorkload is off by default in 1.35'],
  );
  // Dropped before validation: nothing inside it is required, but the decoder still checks it.
  assert.deepEqual(validate(pod('  workloadRef: {}\n  containers:\n  - name: app\n    image: nginx:1.27\n')).filter((d) => d.severity === 1), []);
  const decoded = validate(pod('  workloadRef: {name: 5, group: g}\n  containers:\n  - name: app\n    image: nginx:1.27\n')).filter((d) => d.severity === 1);
  assert.deepEqual(decoded.map((d) => `${d.code} ${dataOf(d).field}`).sort(), ['invalid-type spec.workloadRef.name', 'unknown-field spec.workloadRef.group']);
  // schedulingGroup (1.36's replacement) and a 1.36 Pod status field do not exist in 1.35.
  const newer = pod('  schedulingGroup:\n    podGroupName: workers\n  containers:\n  - name: app\n    image: nginx:1.27\n');
  const unknown = validate(newer).filter((d) => d.severity === 1);
  assert.deepEqual(unknown.map((d) => `${d.code} ${d.message}`), ['unknown-field unknown field "spec.schedulingGroup"']);
  const status = validate(`${pod('  containers:\n  - name: app\n    image: nginx:1.27\n')}status:\n  nodeAllocatableResourceClaimStatuses: []\n`).filter((d) => d.severity === 1);
  assert.deepEqual(status.map((d) => `${d.code} ${dataOf(d).field}`), ['unknown-field status.nodeAllocatableResourceClaimStatuses']);
});
