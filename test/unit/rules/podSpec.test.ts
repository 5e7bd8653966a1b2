import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, errors, only } from '../../helpers/engine';

const APP = '  containers:\n  - name: app\n    image: nginx:1.27\n';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('a valid Pod using every top-level field produces no error', () => {
  const yaml = pod(
    [
      '  restartPolicy: ""', // defaulted to Always
      '  dnsPolicy: ClusterFirstWithHostNet',
      '  nodeSelector: {kubernetes.io/os: linux, disktype: ""}',
      '  serviceAccountName: builder',
      '  activeDeadlineSeconds: 1',
      '  hostname: web-0',
      '  subdomain: web',
      '  priorityClassName: system-node-critical',
      '  runtimeClassName: gvisor',
      '  preemptionPolicy: Never',
      '  hostnameOverride: my.host',
      '  os: {name: linux}',
      '  readinessGates: [{conditionType: example.com/ready}]',
      '  schedulingGates: [{name: example.com/quota}, {name: other}]',
      '  hostAliases: [{ip: 010.1.1.1, hostnames: [a.example.com]}, {ip: "::ffff:1.2.3.4"}]',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}, {resourceName: memory, restartPolicy: RestartContainer}]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('containers: an empty or absent list is Required, reported once', () => {
  const empty = pod('  containers: []\n');
  const d = only(empty);
  assert.equal(d.message, 'spec.containers: Required value');
  assert.equal(dataOf(d).errorType, 'Required');
  assert.equal(textAt(empty, d), 'containers');
  assert.deepEqual(errorPairs(pod('  hostname: web\n')), ['spec.containers Required']);
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers: null\n';
  assert.deepEqual(errorPairs(dep), ['spec.template.spec.containers Required']);
});

test('restartPolicy and dnsPolicy are enums (NotSupported), defaulted when empty', () => {
  const d = only(pod(`  restartPolicy: Sometimes\n${APP}`));
  assert.equal(d.code, 'restart-policy');
  assert.equal(d.message, 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
  const yaml = pod(`  dnsPolicy: clusterfirst\n${APP}`);
  const n = only(yaml);
  assert.equal(n.message, 'spec.dnsPolicy: Unsupported value: "clusterfirst": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"');
  assert.equal(textAt(yaml, n), 'clusterfirst');
  assert.deepEqual(errorPairs(pod(`  dnsPolicy: ""\n  restartPolicy: OnFailure\n${APP}`)), []);
});

test('nodeSelector: label keys and values, reported on spec.nodeSelector without the key', () => {
  const yaml = pod(`  nodeSelector:\n    disk type: ssd\n    zone: "a b"\n${APP}`);
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`), ['spec.nodeSelector Invalid', 'spec.nodeSelector Invalid']);
  assert.match(ds[0].message, /^spec\.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters/);
  assert.equal(textAt(yaml, ds[0]), 'disk type');
  assert.match(ds[1].message, /^spec\.nodeSelector: Invalid value: "a b": a valid label must be an empty string/);
});

test('nodeName, serviceAccountName (and its deprecated alias), priorityClassName, runtimeClassName are DNS subdomains', () => {
  const d = only(pod(`  nodeName: Node_1\n${APP}`));
  assert.equal(d.message, `spec.nodeName: Invalid value: "Node_1": ${SUBDOMAIN_MSG}`);
  // conversion copies serviceAccount into serviceAccountName when the latter is empty
  const yaml = pod(`  serviceAccount: Builder\n${APP}`);
  const sa = only(yaml);
  assert.equal(dataOf(sa).field, 'spec.serviceAccountName');
  assert.equal(textAt(yaml, sa), 'Builder');
  assert.deepEqual(errorPairs(pod(`  serviceAccountName: ok\n  serviceAccount: Ignored\n${APP}`)), []);
  assert.deepEqual(errorPairs(pod(`  priorityClassName: High\n${APP}`)), ['spec.priorityClassName Invalid']);
  // runtimeClassName is a pointer: an explicit empty string is validated
  assert.deepEqual(errorPairs(pod(`  runtimeClassName: ""\n${APP}`)), ['spec.runtimeClassName Invalid']);
  assert.deepEqual(errorPairs(pod(`  priorityClassName: ""\n  nodeName: ""\n${APP}`)), []);
});

test('nodeName with schedulingGates is Forbidden on a Pod, not on a template', () => {
  const d = only(pod(`  nodeName: node-1\n  schedulingGates: [{name: gate}]\n${APP}`));
  assert.equal(d.message, 'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared');
  const dep =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      nodeName: node-1\n      schedulingGates: [{name: gate}]\n      containers:\n      - name: app\n        image: nginx:1.27\n';
  assert.deepEqual(errorPairs(dep), []);
});

test('activeDeadlineSeconds must be between 1 and 2147483647', () => {
  const d = only(pod(`  activeDeadlineSeconds: 0\n${APP}`));
  assert.equal(d.message, 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive');
  assert.deepEqual(errorPairs(pod(`  activeDeadlineSeconds: 2147483648\n${APP}`)), ['spec.activeDeadlineSeconds Invalid']);
  assert.deepEqual(errorPairs(pod(`  activeDeadlineSeconds: 2147483647\n${APP}`)), []);
});

test('hostname and subdomain are DNS labels (dots rejected)', () => {
  const d = only(pod(`  subdomain: web.svc\n${APP}`));
  assert.equal(d.message, 'spec.subdomain: Invalid value: "web.svc": must not contain dots');
  assert.deepEqual(errorPairs(pod(`  hostname: ${'h'.repeat(64)}\n${APP}`)), ['spec.hostname Invalid']);
  assert.deepEqual(errorPairs(pod(`  hostname: ${'h'.repeat(63)}\n${APP}`)), []);
});

test('preemptionPolicy: Required when empty, NotSupported otherwise', () => {
  assert.equal(only(pod(`  preemptionPolicy: ""\n${APP}`)).message, 'spec.preemptionPolicy: Required value');
  assert.equal(
    only(pod(`  preemptionPolicy: Always\n${APP}`)).message,
    'spec.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"',
  );
});

test('os: unsupported name is reported on spec.os; empty name is Required on spec.os.name', () => {
  const yaml = pod(`  os:\n    name: Linux\n${APP}`);
  const d = only(yaml);
  assert.equal(d.message, 'spec.os: Unsupported value: "Linux": supported values: "linux", "windows"');
  assert.equal(textAt(yaml, d), 'Linux');
  assert.equal(only(pod(`  os: {}\n${APP}`)).message, 'spec.os.name: Required value');
});

test('os windows forbids Linux-only fields; os linux forbids windowsOptions', () => {
  const win = pod(
    '  os: {name: windows}\n  hostPID: true\n  hostIPC: false\n  shareProcessNamespace: false\n  securityContext:\n    runAsUser: 1000\n    sysctls: []\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: false, capabilities: {}}\n',
  );
  assert.deepEqual(errorPairs(win), [
    'spec.containers[0].securityContext.capabilities Forbidden',
    'spec.containers[0].securityContext.privileged Forbidden',
    'spec.hostPID Forbidden',
    'spec.securityContext.runAsUser Forbidden',
    'spec.securityContext.seccompProfile Forbidden',
    'spec.shareProcessNamespace Forbidden',
  ]);
  const hp = errors(win).find((d) => dataOf(d).field === 'spec.hostPID')!;
  assert.equal(hp.message, 'spec.hostPID: Forbidden: cannot be set for a windows pod');
  const lin = pod('  os: {name: linux}\n  securityContext:\n    windowsOptions: {runAsUserName: x}\n' + APP);
  assert.equal(only(lin).message, 'spec.securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod');
  // without spec.os nothing is forbidden
  assert.deepEqual(errorPairs(pod('  securityContext:\n    windowsOptions: {runAsUserName: x}\n    runAsUser: 1\n' + APP)), []);
});

test('readinessGates conditionType and schedulingGates (path is the index) are qualified names', () => {
  assert.deepEqual(errorPairs(pod(`  readinessGates: [{conditionType: "bad/type/x"}]\n${APP}`)), ['spec.readinessGates[0].conditionType Invalid']);
  const yaml = pod(`  schedulingGates:\n  - name: a\n  - name: "-bad"\n  - name: a\n${APP}`);
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => `${dataOf(d).field} ${dataOf(d).errorType}`).sort(), ['spec.schedulingGates[1] Invalid', 'spec.schedulingGates[2] Duplicate']);
  assert.equal(ds.find((d) => dataOf(d).errorType === 'Duplicate')!.message, 'spec.schedulingGates[2]: Duplicate value: "a"');
  // an empty name fails both the non-empty and the pattern check
  assert.deepEqual(errorPairs(pod(`  schedulingGates: [{}]\n${APP}`)), ['spec.schedulingGates[0] Invalid', 'spec.schedulingGates[0] Invalid']);
});

test('hostAliases: sloppy IP (leading zeros ok) and subdomain hostnames', () => {
  const yaml = pod(`  hostAliases:\n  - ip: 1.2.3\n    hostnames: [Foo.example.com]\n  - ip: 001.002.003.004\n${APP}`);
  const ds = errors(yaml);
  assert.deepEqual(ds.map((d) => dataOf(d).field), ['spec.hostAliases[0].ip', 'spec.hostAliases[0].hostnames[0]']);
  assert.equal(ds[0].message, 'spec.hostAliases[0].ip: Invalid value: "1.2.3": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  // an absent ip is the empty string: Invalid, not a structural Required
  assert.deepEqual(errorPairs(pod(`  hostAliases: [{hostnames: [a]}]\n${APP}`)), ['spec.hostAliases[0].ip Invalid']);
});

test('hostnameOverride: subdomain, at most 64 bytes, not with setHostnameAsFQDN or hostNetwork', () => {
  const long = pod(`  hostnameOverride: ${'a'.repeat(65)}\n${APP}`);
  assert.deepEqual(errorPairs(long), ['spec.hostnameOverride TooLong']);
  assert.equal(only(long).message, 'spec.hostnameOverride: Too long: may not be more than 64 bytes');
  assert.deepEqual(errorPairs(pod(`  hostnameOverride: a.b\n  setHostnameAsFQDN: true\n  hostNetwork: true\n${APP}`)), [
    'spec.hostnameOverride Forbidden',
    'spec.hostnameOverride Forbidden',
  ]);
  assert.deepEqual(errorPairs(pod(`  hostnameOverride: Host_1\n${APP}`)), ['spec.hostnameOverride Invalid']);
});

test('resizePolicy: names and policies, errors on …resizePolicy without index except duplicates', () => {
  const yaml = pod(
    '  restartPolicy: Never\n  containers:\n  - name: app\n    image: nginx:1.27\n    resizePolicy:\n    - {resourceName: cpu, restartPolicy: NotRequired}\n    - {resourceName: cpu, restartPolicy: RestartContainer}\n    - {resourceName: gpu, restartPolicy: NotRequired}\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.containers[0].resizePolicy Invalid',
    'spec.containers[0].resizePolicy NotSupported',
    'spec.containers[0].resizePolicy[1] Duplicate',
  ]);
  const inv = errors(yaml).find((d) => dataOf(d).errorType === 'Invalid')!;
  assert.equal(inv.message, "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'");
  assert.deepEqual(errorPairs(pod('  initContainers:\n  - name: i\n    image: b:1\n    resizePolicy: [{resourceName: memory}]\n' + APP)), [
    'spec.initContainers[0].resizePolicy Required',
  ]);
});

test('ephemeralContainers: Forbidden on Pod create and in templates, with different details', () => {
  const eph = '  ephemeralContainers:\n  - name: debug\n    image: busybox:1\n';
  const yaml = pod(eph + APP);
  const d = only(yaml);
  assert.equal(d.message, 'spec.ephemeralContainers: Forbidden: cannot be set on create');
  assert.equal(textAt(yaml, d), 'ephemeralContainers');
  const tmpl = `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: t\ntemplate:\n  spec:\n${(eph + APP).replace(/^/gm, '  ').replace(/\n {2}$/, '\n')}`;
  assert.equal(only(tmpl).message, 'template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template');
  assert.deepEqual(errorPairs(pod(`  ephemeralContainers: []\n${APP}`)), []);
});
