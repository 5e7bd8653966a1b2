import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, errors, only } from '../../helpers/engine';

const APP = '  containers:\n  - name: app\n    image: nginx:1.27\n';

/** A Pod with the given `securityContext:` body (indented by 4) and extra spec lines. */
function sc(body: string, extraSpec = ''): string {
  return pod(`${extraSpec}  securityContext:\n${body}${APP}`);
}

test('a valid Pod security context produces no error', () => {
  const yaml = sc(
    [
      '    runAsUser: 0',
      '    runAsGroup: 2147483647',
      '    fsGroup: 1000',
      '    supplementalGroups: [1, 2]',
      '    supplementalGroupsPolicy: Strict',
      '    fsGroupChangePolicy: OnRootMismatch',
      '    seLinuxChangePolicy: Recursive',
      '    sysctls: [{name: kernel.shm_rmid_forced, value: "1"}, {name: net.ipv4.ip_local_port_range, value: "1024 65000"}, {name: net/ipv4/conf/eno2.100/rp_filter}]',
      '    seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}',
      '    appArmorProfile: {type: RuntimeDefault}',
      '    windowsOptions: {runAsUserName: "NT AUTHORITY\\\\NETWORK SERVICE", gmsaCredentialSpecName: gmsa-spec}',
      '',
    ].join('\n'),
    '  hostUsers: false\n  hostIPC: false\n',
  );
  assert.deepEqual(errorPairs(yaml), []);
  // IPC sysctls are fine with hostNetwork, net sysctls with hostIPC.
  assert.deepEqual(errorPairs(sc('    sysctls: [{name: kernel.shm_rmid_forced, value: "1"}]\n', '  hostNetwork: true\n')), []);
  assert.deepEqual(errorPairs(sc('    sysctls: [{name: net.core.somaxconn, value: "1"}]\n', '  hostIPC: true\n')), []);
});

test('user and group ids must be within 0…2147483647', () => {
  const yaml = sc('    runAsUser: -1\n    runAsGroup: 2147483648\n    fsGroup: -5\n    supplementalGroups: [0, -2]\n');
  assert.deepEqual(errorPairs(yaml), [
    'spec.securityContext.fsGroup Invalid',
    'spec.securityContext.runAsGroup Invalid',
    'spec.securityContext.runAsUser Invalid',
    'spec.securityContext.supplementalGroups[1] Invalid',
  ]);
  const d = errors(yaml).find((x) => dataOf(x).field === 'spec.securityContext.runAsUser')!;
  assert.equal(d.message, 'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive');
  assert.equal(textAt(yaml, d), '-1');
});

test('shareProcessNamespace with hostPID is Invalid on spec.securityContext.shareProcessNamespace', () => {
  const yaml = pod(`  hostPID: true\n  shareProcessNamespace: true\n${APP}`);
  const d = only(yaml);
  assert.equal(d.message, 'spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled');
  assert.equal(textAt(yaml, d), 'true');
  assert.deepEqual(errorPairs(pod(`  hostPID: true\n  shareProcessNamespace: false\n${APP}`)), []);
});

test('sysctls: name required, grammar, unique; namespaced sysctls vs host namespaces', () => {
  const yaml = sc('    sysctls:\n    - {name: ""}\n    - {name: Bad_Name}\n    - {name: kernel.msgmax}\n    - {name: kernel.msgmax}\n    - {name: net.core.somaxconn}\n', '  hostNetwork: true\n  hostIPC: true\n');
  assert.deepEqual(errorPairs(yaml), [
    'spec.securityContext.sysctls[0].name Required',
    'spec.securityContext.sysctls[1].name Invalid',
    'spec.securityContext.sysctls[2].name Invalid',
    'spec.securityContext.sysctls[3].name Duplicate',
    'spec.securityContext.sysctls[3].name Invalid',
    'spec.securityContext.sysctls[4].name Invalid',
  ]);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(
    msgs.includes(
      'spec.securityContext.sysctls[1].name: Invalid value: "Bad_Name": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
    ),
  );
  assert.ok(msgs.includes(`spec.securityContext.sysctls[2].name: Invalid value: "kernel.msgmax": may not be specified when 'hostIPC' is true`));
  assert.ok(msgs.includes(`spec.securityContext.sysctls[4].name: Invalid value: "net.core.somaxconn": may not be specified when 'hostNetwork' is true`));
  assert.ok(msgs.includes('spec.securityContext.sysctls[3].name: Duplicate value: "kernel.msgmax"'));
});

test('policies are enums; seLinuxChangePolicy MountOption needs the SELinuxMount gate (off in 1.35)', () => {
  assert.equal(
    only(sc('    fsGroupChangePolicy: Sometimes\n')).message,
    'spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch"',
  );
  assert.equal(
    only(sc('    supplementalGroupsPolicy: merge\n')).message,
    'spec.securityContext.supplementalGroupsPolicy: Unsupported value: "merge": supported values: "Merge", "Strict"',
  );
  assert.equal(
    only(sc('    seLinuxChangePolicy: MountOption\n')).message,
    'spec.securityContext.seLinuxChangePolicy: Unsupported value: "MountOption": supported values: "Recursive"',
  );
});

test('seccompProfile: type required and enumerated; localhostProfile only (and always) for Localhost', () => {
  assert.equal(only(sc('    seccompProfile: {}\n')).message, 'spec.securityContext.seccompProfile.type: Required value: type is required when seccompProfile is set');
  assert.equal(
    only(sc('    seccompProfile: {type: Default}\n')).message,
    'spec.securityContext.seccompProfile.type: Unsupported value: "Default": supported values: "Localhost", "RuntimeDefault", "Unconfined"',
  );
  assert.equal(
    only(sc('    seccompProfile: {type: Localhost}\n')).message,
    'spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
  );
  assert.equal(
    only(sc('    seccompProfile: {type: Localhost, localhostProfile: ../x.json}\n')).message,
    `spec.securityContext.seccompProfile.localhostProfile: Invalid value: "../x.json": must not contain '..'`,
  );
  assert.equal(
    only(sc('    seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}\n')).message,
    'spec.securityContext.seccompProfile.localhostProfile: Invalid value: {"Type":"RuntimeDefault","LocalhostProfile":"x.json"}: can only be set when seccomp type is Localhost',
  );
});

test('appArmorProfile: type, Localhost profile required, unpadded and at most 4095 bytes', () => {
  assert.deepEqual(errorPairs(sc('    appArmorProfile: {type: ""}\n')), ['spec.securityContext.appArmorProfile.type Required']);
  assert.equal(
    only(sc('    appArmorProfile: {type: Localhost, localhostProfile: " p"}\n')).message,
    'spec.securityContext.appArmorProfile.localhostProfile: Invalid value: " p": must not be padded with whitespace',
  );
  assert.deepEqual(errorPairs(sc('    appArmorProfile: {type: Localhost}\n')), ['spec.securityContext.appArmorProfile.localhostProfile Required']);
  assert.deepEqual(errorPairs(sc(`    appArmorProfile: {type: Localhost, localhostProfile: ${'p'.repeat(4096)}}\n`)), ['spec.securityContext.appArmorProfile.localhostProfile TooLong']);
  assert.deepEqual(errorPairs(sc('    appArmorProfile: {type: Unconfined, localhostProfile: p}\n')), ['spec.securityContext.appArmorProfile.localhostProfile Invalid']);
});

test('windowsOptions: gMSA spec name and runAsUserName formats', () => {
  const yaml = sc("    windowsOptions: {gmsaCredentialSpecName: Bad, gmsaCredentialSpec: '', runAsUserName: 'a\\b\\c'}\n");
  assert.deepEqual(errorPairs(yaml), [
    'spec.securityContext.windowsOptions.gmsaCredentialSpec Invalid',
    'spec.securityContext.windowsOptions.gmsaCredentialSpecName Invalid',
    'spec.securityContext.windowsOptions.runAsUserName Invalid',
  ]);
  assert.ok(errors(yaml).some((d) => d.message === 'spec.securityContext.windowsOptions.runAsUserName: Invalid value: "a\\\\b\\\\c": runAsUserName cannot contain more than one backslash'));
  assert.deepEqual(
    errors(sc("    windowsOptions: {runAsUserName: 'dom:ain\\...'}\n")).map((d) => d.message),
    [
      `spec.securityContext.windowsOptions.runAsUserName: Invalid value: "dom:ain\\\\...": runAsUserName's Domain doesn't match the NetBios nor the DNS format`,
      "spec.securityContext.windowsOptions.runAsUserName: Invalid value: \"dom:ain\\\\...\": runAsUserName's User cannot contain only periods or spaces",
    ],
  );
});

test('hostUsers: false forbids host namespaces (quirky HostPID/HostIPC paths) and volumeDevices', () => {
  const yaml = pod(
    `  hostUsers: false\n  hostNetwork: true\n  hostPID: true\n  hostIPC: true\n${APP}    volumeDevices: [{name: b, devicePath: /dev/b}]\n  volumes:\n  - name: b\n    persistentVolumeClaim: {claimName: c}\n`,
  );
  assert.deepEqual(errorPairs(yaml), ['spec.HostIPC Forbidden', 'spec.HostPID Forbidden', 'spec.containers[0].volumeDevices Forbidden', 'spec.hostNetwork Forbidden']);
  assert.ok(errors(yaml).some((d) => d.message === 'spec.HostPID: Forbidden: when `hostUsers` is false'));
  assert.deepEqual(errorPairs(pod(`  hostUsers: true\n  hostNetwork: true\n  hostPID: true\n${APP}`)), []);
});

test('Windows hostProcess: consistent between Pod and containers, all or none, with hostNetwork', () => {
  const yaml = pod(
    '  securityContext:\n    windowsOptions: {hostProcess: true}\n  containers:\n  - name: a\n    image: x\n  - name: b\n    image: x\n    securityContext:\n      windowsOptions: {hostProcess: false}\n',
  );
  assert.deepEqual(errorPairs(yaml), ['spec Invalid', 'spec.containers[1].securityContext.windowsOptions.hostProcess Invalid', 'spec.hostNetwork Invalid']);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(msgs.includes('spec.containers[1].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true'));
  assert.ok(msgs.includes('spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers'));
  assert.ok(msgs.includes('spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers'));
  assert.deepEqual(errorPairs(pod('  hostNetwork: true\n  securityContext:\n    windowsOptions: {hostProcess: true}\n  containers:\n  - name: a\n    image: x\n')), []);
});
