/** The API server's warnings for Pods and templates, in upstream's words (pkg/api/pod/warnings_test.go cases). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, pod, validate } from '../../helpers/engine';

function messages(yaml: string, rule: string): string[] {
  return validate(yaml)
    .filter((d) => d.code === rule)
    .map((d) => {
      assert.equal(d.severity, 2, `${rule} is a warning`);
      assert.equal(dataOf(d).errorType, undefined, `${rule}: the API server accepts it`);
      return d.message;
    });
}

const app = '  containers:\n  - name: foo\n    image: app:1\n';

function deployment(templateMeta: string, spec: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n${templateMeta}    spec:\n${spec.replace(/^/gm, '    ')}\n`;
}

test('deprecated annotations; seccomp annotations warn only without their fields', () => {
  const ann =
    '  annotations:\n    foo: bar\n    scheduler.alpha.kubernetes.io/critical-pod: "true"\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n    container.seccomp.security.alpha.kubernetes.io/foo: runtime/default\n    security.alpha.kubernetes.io/sysctls: a,b,c\n    security.alpha.kubernetes.io/unsafe-sysctls: d,e,f\n';
  assert.deepEqual(messages(pod(app, ann), 'deprecated-annotation').sort(), [
    'metadata.annotations[container.seccomp.security.alpha.kubernetes.io/foo]: non-functional in v1.27+; use the "seccompProfile" field instead',
    'metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
    'metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead',
    'metadata.annotations[security.alpha.kubernetes.io/sysctls]: non-functional in v1.11+; use the "sysctls" field instead',
    'metadata.annotations[security.alpha.kubernetes.io/unsafe-sysctls]: non-functional in v1.11+; use the "sysctls" field instead',
  ]);
  const withFields = pod(
    '  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: foo\n    image: app:1\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n',
    '  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n    container.seccomp.security.alpha.kubernetes.io/foo: runtime/default\n',
  );
  assert.deepEqual(messages(withFields, 'deprecated-annotation'), []);
});

test('the AppArmor container annotation warns in templates only, and not when a field is set', () => {
  const meta = '      annotations:\n        container.apparmor.security.beta.kubernetes.io/foo: unconfined\n';
  assert.deepEqual(messages(deployment(meta, app), 'deprecated-annotation'), [
    'spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/foo]: deprecated since v1.30; use the "appArmorProfile" field instead',
  ]);
  const field = '  securityContext:\n    appArmorProfile: {type: Unconfined}\n' + app;
  assert.deepEqual(messages(deployment(meta, field), 'deprecated-annotation'), []);
  assert.deepEqual(messages(pod(app, '  annotations:\n    container.apparmor.security.beta.kubernetes.io/foo: unconfined\n'), 'deprecated-annotation'), []);
});

test('a negative terminationGracePeriodSeconds', () => {
  assert.deepEqual(messages(pod(`  terminationGracePeriodSeconds: -1\n${app}`), 'negative-grace-period'), [
    'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
  ]);
  assert.deepEqual(messages(pod(`  terminationGracePeriodSeconds: 0\n${app}`), 'negative-grace-period'), []);
});

test('a null labelSelector in Pod affinity terms', () => {
  const terms = (kind: string) =>
    `    ${kind}:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: {}\n        topologyKey: zone\n      - topologyKey: zone\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 1\n        podAffinityTerm:\n          labelSelector: {}\n          topologyKey: zone\n      - weight: 1\n        podAffinityTerm:\n          labelSelector: null\n          topologyKey: zone\n`;
  const yaml = pod(`  affinity:\n${terms('podAffinity')}${terms('podAntiAffinity')}${app}`);
  assert.deepEqual(messages(yaml, 'affinity-term-without-selector'), [
    'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].labelSelector: a null labelSelector results in matching no pod',
    'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[1].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod',
    'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].labelSelector: a null labelSelector results in matching no pod',
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[1].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod',
  ]);
});

test('an invalid label value in preferred node affinity', () => {
  const yaml = pod(
    `  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 10\n        preference:\n          matchExpressions:\n          - key: foo\n            operator: In\n            values: ["-1", ok]\n${app}`,
  );
  assert.deepEqual(messages(yaml, 'preferred-affinity-label-value'), [
    "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values[0]: -1 is invalid, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

test('dubious IP address formats', () => {
  const yaml = pod(`  dnsConfig:\n    nameservers: ["1.2.3.4", "05.06.07.08", "2001:DB8::1", "::1"]\n  hostAliases:\n  - ip: "::ffff:1.2.3.4"\n    hostnames: [a.local]\n${app}`);
  assert.deepEqual(messages(yaml, 'non-standard-ip'), [
    'spec.dnsConfig.nameservers[1]: non-standard IP address "05.06.07.08" will be considered invalid in a future Kubernetes release: use "5.6.7.8"',
    'spec.dnsConfig.nameservers[2]: IPv6 address "2001:DB8::1" should be in RFC 5952 canonical format ("2001:db8::1")',
    'spec.hostAliases[0].ip: non-standard IP address "::ffff:1.2.3.4" will be considered invalid in a future Kubernetes release: use "1.2.3.4"',
  ]);
});

test('one port name in two running containers', () => {
  const two = pod('  containers:\n  - name: foo1\n    image: a:1\n    ports:\n    - {containerPort: 80, protocol: UDP, name: test}\n  - name: foo\n    image: a:1\n    ports:\n    - {containerPort: 8090, name: test}\n');
  assert.deepEqual(messages(two, 'shared-port-name'), [
    'spec.containers[1].ports[0]: duplicate port name "test" with spec.containers[0].ports[0], services and probes that select ports by name will use spec.containers[0].ports[0]',
  ]);
  const sidecar = pod('  initContainers:\n  - name: foo1\n    image: a:1\n    restartPolicy: Always\n    ports:\n    - {containerPort: 80, protocol: UDP, name: test}\n  containers:\n  - name: foo\n    image: a:1\n    ports:\n    - {containerPort: 8090, name: test}\n');
  assert.deepEqual(messages(sidecar, 'shared-port-name'), [
    'spec.containers[0].ports[0]: duplicate port name "test" with spec.initContainers[0].ports[0], services and probes that select ports by name will use spec.initContainers[0].ports[0]',
  ]);
});

test('fractional byte values in the overhead and in ephemeral volume claims', () => {
  const yaml = pod(
    `  overhead:\n    memory: 4m\n    ephemeral-storage: 4m\n    cpu: 100m\n  volumes:\n  - name: ephemeral-volume\n    ephemeral:\n      volumeClaimTemplate:\n        spec:\n          accessModes: [ReadWriteOnce]\n          resources:\n            requests:\n              storage: 200m\n${app}`,
  );
  assert.deepEqual(messages(yaml, 'fractional-byte-value').sort(), [
    'spec.overhead[ephemeral-storage]: fractional byte value "4m" is invalid, must be an integer',
    'spec.overhead[memory]: fractional byte value "4m" is invalid, must be an integer',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests[storage]: fractional byte value "200m" is invalid, must be an integer',
  ]);
});

function volume(name: string, source: string): string {
  return pod(`${app}  volumes:\n  - name: ${name}\n${source}`);
}

test('overlapping paths in configMap, secret and downward API volumes', () => {
  const cm = (a: string, b: string) => volume('Test', `    configMap:\n      name: foo\n      items:\n      - {key: foo, path: "${a}"}\n      - {key: bar, path: "${b}"}\n`);
  assert.deepEqual(messages(cm('test', 'test'), 'overlapping-volume-paths'), ['spec.volumes[0]: volume "Test" (ConfigMap "foo"): overlapping paths: "test" with "test"']);
  assert.deepEqual(messages(cm('test', 'test/app'), 'overlapping-volume-paths'), ['spec.volumes[0]: volume "Test" (ConfigMap "foo"): overlapping paths: "test/app" with "test"']);
  assert.deepEqual(messages(cm('test/app', 'test'), 'overlapping-volume-paths'), ['spec.volumes[0]: volume "Test" (ConfigMap "foo"): overlapping paths: "test" with "test/app"']);
  assert.deepEqual(messages(cm('test', 'test2'), 'overlapping-volume-paths'), []);
  assert.deepEqual(messages(cm('dir/path1', 'dir/path345'), 'overlapping-volume-paths'), []);
  assert.deepEqual(messages(cm('path1/path3/', 'path1/path3'), 'overlapping-volume-paths'), ['spec.volumes[0]: volume "Test" (ConfigMap "foo"): overlapping paths: "path1/path3" with "path1/path3"']);
  const secret = volume('Test', '    secret:\n      secretName: foo\n      items:\n      - {key: foo, path: test}\n      - {key: bar, path: test}\n');
  assert.deepEqual(messages(secret, 'overlapping-volume-paths'), ['spec.volumes[0]: volume "Test" (Secret "foo"): overlapping paths: "test" with "test"']);
  const dapi = volume('Test', '    downwardAPI:\n      items:\n      - {path: test, fieldRef: {fieldPath: metadata.name}}\n      - {path: test, fieldRef: {fieldPath: metadata.labels}}\n');
  assert.deepEqual(messages(dapi, 'overlapping-volume-paths'), ['spec.volumes[0]: volume "Test" (DownwardAPI): overlapping paths: "test" with "test"']);
});

test('overlapping paths across projected sources, in upstream order', () => {
  const yaml = volume(
    'foo',
    '    projected:\n      sources:\n      - clusterTrustBundle: {signerName: example.com/Test, path: test/test}\n      - downwardAPI:\n          items:\n          - {path: test, fieldRef: {fieldPath: metadata.name}}\n      - secret:\n          name: Test\n          items:\n          - {key: foo, path: test}\n      - serviceAccountToken: {path: test}\n',
  );
  assert.deepEqual(messages(yaml, 'overlapping-volume-paths'), [
    'spec.volumes[0]: volume "foo" (Projected): overlapping paths: "test" (DownwardAPI) with "test/test" (ClusterTrustBundle "example.com/Test")',
    'spec.volumes[0]: volume "foo" (Projected): overlapping paths: "test" (Secret "Test") with "test/test" (ClusterTrustBundle "example.com/Test")',
    'spec.volumes[0]: volume "foo" (Projected): overlapping paths: "test" (Secret "Test") with "test" (DownwardAPI)',
    'spec.volumes[0]: volume "foo" (Projected): overlapping paths: "test" (ServiceAccountToken) with "test/test" (ClusterTrustBundle "example.com/Test")',
    'spec.volumes[0]: volume "foo" (Projected): overlapping paths: "test" (ServiceAccountToken) with "test" (DownwardAPI)',
    'spec.volumes[0]: volume "foo" (Projected): overlapping paths: "test" (ServiceAccountToken) with "test" (Secret "Test")',
  ]);
  const empty = volume('foo', '    projected:\n      sources:\n      - {}\n');
  assert.deepEqual(messages(empty, 'empty-projection-source'), ['spec.volumes[0].projected.sources[0]: volume "foo" (Projected) has no sources provided']);
});

test('many identical paths: the work and the output stay bounded', () => {
  const items = Array.from({ length: 3000 }, (_, i) => `      - {key: k${i}, path: same}\n`).join('');
  const ds = messages(volume('big', `    configMap:\n      name: big\n      items:\n${items}`), 'overlapping-volume-paths');
  // Each later item is reported against at most three earlier ones (1 + 2 + 3 × 2,997 pairs), and
  // past 1,000 findings of one rule per object one more says how many were left out.
  assert.equal(ds.length, 1001);
  assert.match(ds[1000], /7,994 more/);
});

test('duplicate env names warn unless the later value builds on the earlier', () => {
  const env = ['a', 'a', 'other', '', '$(a)', null, '$(a) $(a)']
    .map((v) => (v === null ? '    - name: a\n      valueFrom: {fieldRef: {fieldPath: metadata.name}}\n' : `    - name: a\n      value: "${v}"\n`))
    .join('');
  const yaml = pod(`  containers:\n  - name: foo\n    image: a:1\n    env:\n${env}`);
  assert.deepEqual(messages(yaml, 'duplicate-env-name'), [1, 2, 3, 4, 5].map((i) => `spec.containers[0].env[${i}]: hides previous definition of "a", which may be dropped when using apply`));
});

test('hostIP without hostPort, as upstream prints the port', () => {
  const yaml = pod('  containers:\n  - name: foo\n    image: a:1\n    ports:\n    - {containerPort: 80, protocol: UDP, hostIP: 10.0.0.1}\n');
  assert.deepEqual(messages(yaml, 'host-ip-without-host-port'), ['spec.containers[0].ports[0]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:80 Protocol:UDP HostIP:10.0.0.1}']);
});

test('overlapping and dangerously ambiguous port definitions', () => {
  const overlapping = pod('  containers:\n  - name: foo\n    image: a:1\n    ports:\n    - {containerPort: 80, hostPort: 80, protocol: UDP, hostIP: 10.0.0.1}\n    - {containerPort: 80, protocol: UDP, hostIP: 10.0.0.1}\n');
  const o = messages(overlapping, 'ambiguous-host-port');
  assert.equal(o.length, 1);
  assert.match(o[0], /^spec\.containers\[0\]\.ports\[1\]: overlapping port definition with spec\.containers\[0\]\.ports\[0\]/);
  const ambiguous = pod('  containers:\n  - name: foo\n    image: a:1\n    ports:\n    - {containerPort: 80, hostPort: 80, protocol: UDP, hostIP: 10.0.0.1}\n    - {containerPort: 80, hostPort: 80, protocol: UDP}\n    - {containerPort: 80, hostPort: 80, protocol: UDP, hostIP: 10.0.0.2}\n');
  const a = messages(ambiguous, 'ambiguous-host-port');
  assert.equal(a.length, 2);
  assert.match(a[0], /^spec\.containers\[0\]\.ports\[1\]: dangerously ambiguous port definition with spec\.containers\[0\]\.ports\[0\]/);
  assert.match(a[1], /^spec\.containers\[0\]\.ports\[2\]: dangerously ambiguous port definition with spec\.containers\[0\]\.ports\[1\]/);
});

test('deprecated volume plugins and node labels in 1.35 words', () => {
  const yaml = pod(
    `  nodeSelector:\n    beta.kubernetes.io/arch: amd64\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: beta.kubernetes.io/os, operator: Exists}\n${app}  volumes:\n  - name: g\n    gitRepo: {repository: "https://example.com/r.git"}\n  - name: p\n    photonPersistentDisk: {pdID: x}\n`,
  );
  assert.deepEqual(messages(yaml, 'deprecated-volume-plugin'), [
    'spec.volumes[0].gitRepo: deprecated in v1.11, and disabled by default in v1.33+',
    'spec.volumes[1].photonPersistentDisk: deprecated in v1.11, non-functional in v1.16+',
  ]);
  assert.deepEqual(messages(yaml, 'deprecated-node-label'), [
    'spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead',
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: beta.kubernetes.io/os is deprecated since v1.14; use "kubernetes.io/os" instead',
  ]);
});
