import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, validate, type Diag } from '../../helpers/engine';

function find(yaml: string, field: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1 && dataOf(d).field === field);
}

/** A Pod whose container has the given securityContext lines (securityContext-indented). */
function withSC(lines: string[], extra = ''): string {
  return pod(`${extra}  containers:\n  - name: app\n    image: x:1\n    securityContext:\n${lines.map((l) => `      ${l}`).join('\n')}\n`);
}

const S = 'spec.containers[0].securityContext';

test('valid container security contexts produce no error', () => {
  const yaml = withSC([
    'privileged: true',
    'allowPrivilegeEscalation: true',
    'runAsUser: 0',
    'runAsGroup: 2147483647',
    'procMount: Default',
    'capabilities: {add: [NET_ADMIN, SYS_ADMIN], drop: [ALL]}',
    'seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}',
    'appArmorProfile: {type: RuntimeDefault}',
  ]);
  assert.deepEqual(errorPairs(yaml), []);
  // Unmasked /proc needs a user namespace.
  assert.deepEqual(errorPairs(withSC(['procMount: Unmasked'], '  hostUsers: false\n')), []);
});

test('runAsUser / runAsGroup ranges and procMount', () => {
  const yaml = withSC(['runAsUser: -1', 'runAsGroup: 2147483648', 'procMount: Masked']);
  assert.deepEqual(errorPairs(yaml), [`${S}.procMount NotSupported`, `${S}.runAsGroup Invalid`, `${S}.runAsUser Invalid`]);
  const d = find(yaml, `${S}.runAsUser`)[0];
  assert.equal(d.message, `${S}.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive`);
  assert.equal(textAt(yaml, d), '-1');
  assert.equal(find(yaml, `${S}.procMount`)[0].message, `${S}.procMount: Unsupported value: "Masked": supported values: "Default", "Unmasked"`);
  const unmasked = withSC(['procMount: Unmasked']);
  assert.equal(find(unmasked, `${S}.procMount`)[0].message, `${S}.procMount: Invalid value: "Unmasked": \`hostUsers\` must be false to use \`Unmasked\``);
});

test('allowPrivilegeEscalation: false conflicts with privileged and CAP_SYS_ADMIN (bad value is the whole context)', () => {
  const yaml = withSC(['privileged: true', 'allowPrivilegeEscalation: false']);
  const [d] = find(yaml, S);
  assert.equal(dataOf(d).errorType, 'Invalid');
  assert.equal(
    d.message,
    `${S}: Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`,
  );
  const caps = withSC(['allowPrivilegeEscalation: false', 'capabilities: {add: [CAP_SYS_ADMIN]}']);
  const [c] = find(caps, S);
  assert.match(c.message, /cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN$/);
  assert.match(c.message, /"Capabilities":\{"Add":\["CAP_SYS_ADMIN"\],"Drop":null\}/);
  assert.equal(textAt(caps, c), 'CAP_SYS_ADMIN');
  // Only the exact upstream spelling counts.
  assert.deepEqual(errorPairs(withSC(['allowPrivilegeEscalation: false', 'capabilities: {add: [SYS_ADMIN]}'])), []);
});

test('seccomp and AppArmor profiles are checked on init containers too', () => {
  const yaml = pod(
    [
      '  initContainers:',
      '  - name: init',
      '    image: x:1',
      '    securityContext: {seccompProfile: {type: Localhost}}',
      '  containers:',
      '  - name: app',
      '    image: x:1',
      '    securityContext: {appArmorProfile: {type: unconfined}}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), ['spec.containers[0].securityContext.appArmorProfile.type NotSupported', 'spec.initContainers[0].securityContext.seccompProfile.localhostProfile Required']);
});
