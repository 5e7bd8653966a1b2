import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, textAt, errors, only } from '../../helpers/engine';

const SPEC = 'spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';

function podWith(meta: string, spec = SPEC): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n${meta}${spec}`;
}

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('a Pod using every metadata feature correctly produces no error', () => {
  const yaml = podWith(
    [
      '  name: web-1.example',
      '  generateName: web-', // ignored when name is set, but validated with its dash masked
      '  namespace: team-a',
      '  generation: -3', // the Pod strategy sets generation before validating
      '  labels: {app.kubernetes.io/name: web, tier: "", Version: v1.2_3}',
      '  annotations:',
      '    Example.COM/Foo: x', // keys are lower-cased before the check
      '    controller.kubernetes.io/pod-deletion-cost: "-20"',
      '    kubernetes.io/config.mirror: abc',
      '    seccomp.security.alpha.kubernetes.io/pod: runtime/default',
      '    container.seccomp.security.alpha.kubernetes.io/app: localhost/profiles/a.json',
      '    container.apparmor.security.beta.kubernetes.io/app: localhost/my-profile',
      '  finalizers: [kubernetes, example.com/cleanup]',
      '  ownerReferences:',
      '  - {apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: "1234", controller: true}',
      '  - {apiVersion: v1, kind: ConfigMap, name: cfg, uid: "5678"}',
      '',
    ].join('\n'),
    'spec:\n  nodeName: node-1\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: nginx:1.27\n',
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('metadata.name: a DNS subdomain (dots fine, 253 max), required without generateName', () => {
  const yaml = podWith('  name: Web_1\n');
  const d = only(yaml);
  assert.equal(d.message, `metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`);
  assert.equal(dataOf(d).errorType, 'Invalid');
  assert.equal(dataOf(d).field, 'metadata.name');
  assert.equal(textAt(yaml, d), 'Web_1');
  assert.deepEqual(errorPairs(podWith(`  name: ${'a'.repeat(254)}\n`)), ['metadata.name Invalid']);
  assert.deepEqual(errorPairs(podWith(`  name: ${'a'.repeat(200)}.b\n`)), []);
  const missing = podWith('  labels: {a: b}\n');
  const r = only(missing);
  assert.equal(r.message, 'metadata.name: Required value: name or generateName is required');
  assert.equal(textAt(missing, r), 'labels');
  assert.deepEqual(errorPairs(`apiVersion: v1\nkind: Pod\n${SPEC}`), ['metadata.name Required']);
});

test('generateName: validated with a trailing dash masked, and the generated name under metadata.name', () => {
  assert.deepEqual(errorPairs(podWith('  generateName: web-\n')), []);
  assert.deepEqual(errorPairs(podWith(`  generateName: ${'w'.repeat(70)}-\n`)), []); // the prefix is cut to 58
  const yaml = podWith('  generateName: Web-\n');
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`).sort(), ['metadata.generateName Invalid', 'metadata.name Invalid']);
  for (const d of ds) assert.equal(textAt(yaml, d), 'Web-');
  assert.match(ds.find((d) => dataOf(d).field === 'metadata.name')!.message, /^metadata\.name: Invalid value: "Web-xxxxx": a lowercase RFC 1123 subdomain/);
  // A trailing dot is a generateName error only: the generated name ends in random characters.
  assert.deepEqual(errorPairs(podWith('  generateName: web.\n')), ['metadata.generateName Invalid']);
});

test('metadata.namespace: a DNS label; envsubst placeholders are not judged', () => {
  const d = only(podWith('  name: p\n  namespace: Team.A\n'));
  assert.match(d.message, /^metadata\.namespace: Invalid value: "Team\.A": a lowercase RFC 1123 label must consist/);
  assert.deepEqual(errorPairs(podWith('  name: p\n  namespace: team.a\n')), ['metadata.namespace Invalid']);
  assert.equal(only(podWith('  name: p\n  namespace: team.a\n')).message, 'metadata.namespace: Invalid value: "team.a": must not contain dots');
  assert.deepEqual(errorPairs(podWith('  name: p\n  namespace: ${APP_NS}\n')), []);
});

test('labels: keys are qualified names, values label values, all reported on metadata.labels', () => {
  const yaml = podWith('  name: p\n  labels:\n    app: "-web"\n    a/b/c: x\n');
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`), ['metadata.labels Invalid', 'metadata.labels Invalid']);
  const value = ds.find((d) => d.message.includes('"-web"'))!;
  assert.match(value.message, /^metadata\.labels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters/);
  assert.equal(textAt(yaml, value), '"-web"');
  const key = ds.find((d) => d.message.includes('a/b/c'))!;
  assert.equal(textAt(yaml, key), 'a/b/c');
  assert.deepEqual(errorPairs(podWith(`  name: p\n  labels: {a: ${'v'.repeat(64)}}\n`)), ['metadata.labels Invalid']);
});

test('annotations: case-insensitive qualified keys and a 256 KiB total', () => {
  const yaml = podWith('  name: p\n  annotations:\n    "bad key": x\n');
  const d = only(yaml);
  assert.match(d.message, /^metadata\.annotations: Invalid value: "bad key": name part must consist of alphanumeric characters/);
  assert.equal(textAt(yaml, d), '"bad key"');
  const big = podWith(`  name: p\n  annotations:\n    a: ${'x'.repeat(262144)}\n`);
  const t = only(big);
  assert.equal(t.message, 'metadata.annotations: Too long: may not be more than 262144 bytes');
  assert.equal(dataOf(t).errorType, 'TooLong');
  assert.deepEqual(errorPairs(podWith(`  name: p\n  annotations:\n    a: ${'x'.repeat(262143)}\n`)), []);
});

test('finalizers: qualified names (no index), fully qualified unless standard (indexed), not orphan with foregroundDeletion', () => {
  const yaml = podWith('  name: p\n  finalizers: [kubernetes, my-finalizer, orphan, foregroundDeletion]\n');
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`).sort(), ['metadata.finalizers Invalid', 'metadata.finalizers[1] Invalid']);
  assert.equal(
    ds.find((d) => dataOf(d).field === 'metadata.finalizers[1]')!.message,
    'metadata.finalizers[1]: Invalid value: "my-finalizer": name is neither a standard finalizer name nor is it fully qualified',
  );
  assert.equal(
    ds.find((d) => dataOf(d).field === 'metadata.finalizers')!.message,
    'metadata.finalizers: Invalid value: ["kubernetes","my-finalizer","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
  );
  assert.deepEqual(errorPairs(podWith('  name: p\n  finalizers: [a/b/c]\n')), ['metadata.finalizers Invalid']);
});

test('ownerReferences: each field must be set (Invalid, no index), one controller at most', () => {
  const yaml = podWith('  name: p\n  ownerReferences:\n  - {apiVersion: apps/, kind: ReplicaSet}\n');
  assert.deepEqual(errorPairs(yaml), ['metadata.ownerReferences.apiVersion Invalid', 'metadata.ownerReferences.name Invalid', 'metadata.ownerReferences.uid Invalid']);
  assert.ok(errors(yaml).some((d) => d.message === 'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty'));
  assert.ok(errors(yaml).some((d) => d.message === 'metadata.ownerReferences.uid: Invalid value: "": must not be empty'));
  const two = podWith('  name: p\n  ownerReferences:\n  - {apiVersion: v1, kind: A, name: a, uid: "1", controller: true}\n  - {apiVersion: v1, kind: B, name: b, uid: "2", controller: true}\n');
  const d = only(two);
  assert.equal(dataOf(d).field, 'metadata.ownerReferences');
  assert.match(d.message, /Only one reference can have Controller set to true\. Found "true" in references for A\/a and B\/b$/);
});

test('the mirror Pod annotation needs spec.nodeName', () => {
  const yaml = podWith('  name: p\n  annotations:\n    kubernetes.io/config.mirror: abc\n');
  const d = only(yaml);
  assert.equal(d.message, 'metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "abc": must set spec.nodeName if mirror pod annotation is set');
  assert.equal(textAt(yaml, d), 'kubernetes.io/config.mirror');
});

test('pod-deletion-cost: a canonical 32-bit integer', () => {
  const cost = (v: string) => errorPairs(podWith(`  name: p\n  annotations:\n    controller.kubernetes.io/pod-deletion-cost: "${v}"\n`));
  for (const ok of ['0', '-5', '2147483647', '-2147483648', '-007']) assert.deepEqual(cost(ok), [], ok);
  for (const bad of ['008', '+10', 'text', '', '2147483648', '1.5', ' 1'])
    assert.deepEqual(cost(bad), ['metadata.annotations[controller.kubernetes.io/pod-deletion-cost] Invalid'], bad);
  const d = only(podWith('  name: p\n  annotations:\n    controller.kubernetes.io/pod-deletion-cost: "008"\n'));
  assert.equal(d.message, 'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "008": must be a 32bit integer');
});

test('legacy seccomp annotations: known profiles, relative localhost paths; paths use a dot, not [key]', () => {
  const yaml = podWith('  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: docker/unknown\n    container.seccomp.security.alpha.kubernetes.io/app: localhost/../escape\n');
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => d.message).sort(), [
    'metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app: Invalid value: "../escape": must not contain \'..\'',
    'metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: "docker/unknown": must be a valid seccomp profile',
  ]);
  assert.deepEqual(errorPairs(podWith('  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: localhost//abs\n')), [
    'metadata.annotations.seccomp.security.alpha.kubernetes.io/pod Invalid',
  ]);
});

test('legacy seccomp annotation and field must agree', () => {
  const yaml = podWith(
    '  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n    container.seccomp.security.alpha.kubernetes.io/app: localhost/a.json\n',
    'spec:\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: b.json}\n',
  );
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => d.message).sort(), [
    'spec.containers[0].securityContext.seccompProfile.localhostProfile: Forbidden: seccomp profile in annotation and field must match',
    'spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match',
  ]);
  assert.equal(textAt(yaml, ds.find((d) => dataOf(d).field === 'spec.securityContext.seccompProfile.type')!), 'RuntimeDefault');
});

test('legacy AppArmor annotations: an existing container, a known profile, agreeing with the field', () => {
  const yaml = podWith('  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/nope: enforce\n');
  assert.deepEqual(errors(yaml).map((d) => d.message).sort(), [
    'metadata.annotations[container.apparmor.security.beta.kubernetes.io/nope]: Invalid value: "enforce": invalid AppArmor profile name: "enforce"',
    'metadata.annotations[container.apparmor.security.beta.kubernetes.io/nope]: Invalid value: "nope": container not found',
  ]);
  const mismatch = podWith(
    '  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: runtime/default\n',
    'spec:\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      appArmorProfile: {type: Unconfined}\n',
  );
  assert.equal(only(mismatch).message, 'spec.containers[0].securityContext.appArmorProfile.type: Forbidden: apparmor type in annotation and field must match');
  // A Pod's container without its own profile takes a usable annotation's value first.
  const copied = podWith(
    '  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: localhost/x\n',
    'spec:\n  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: nginx\n',
  );
  assert.deepEqual(errorPairs(copied), []);
});

test('Pod templates: labels and annotations under <template>.labels / .annotations', () => {
  const dep = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata:',
    '      labels: {app: web, "x/y/z": a}',
    '      annotations: {"bad key": a, kubernetes.io/config.mirror: m, controller.kubernetes.io/pod-deletion-cost: "+1"}',
    '    spec:',
    '      containers: [{name: app, image: nginx}]',
    '',
  ].join('\n');
  assert.deepEqual(errorPairs(dep), [
    'spec.template.annotations Invalid',
    'spec.template.annotations[controller.kubernetes.io/pod-deletion-cost] Invalid',
    'spec.template.annotations[kubernetes.io/config.mirror] Invalid',
    'spec.template.labels Invalid',
  ]);
  const cron = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: {name: c}',
    'spec:',
    '  schedule: "@daily"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        metadata: {labels: {"-bad": x}}',
    '        spec: {restartPolicy: Never, containers: [{name: app, image: busybox}]}',
    '',
  ].join('\n');
  assert.deepEqual(errorPairs(cron), ['spec.jobTemplate.spec.template.labels Invalid']);
});

test('generation is only judged where no strategy overwrites it (Node)', () => {
  const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  generation: -1\n';
  const d = only(node);
  assert.equal(d.message, 'metadata.generation: Invalid value: -1: must be greater than or equal to 0');
  assert.deepEqual(errorPairs(podWith('  name: p\n  generation: -1\n')), []);
});
