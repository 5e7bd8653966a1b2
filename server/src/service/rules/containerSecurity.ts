/**
 * Rule family: container securityContext — upstream `ValidateSecurityContext`, run for every
 * container kind: user/group id ranges, procMount, seccomp / AppArmor profiles and Windows
 * options (shared with the Pod level, rules/volume/profiles.ts), and the
 * allowPrivilegeEscalation conflicts. `privileged: true` is assumed allowed
 * (`--allow-privileged=true`, as kubeadm and most distributions set it). See docs/rules.md.
 */
import type { KMap, KNode } from '../parse/tree';
import { childPath } from '../diagnostics/finding';
import { entry, msg, report, type PodSpecRule, type RuleContext } from './context';
import { goJSONString, invalidRendered, nodeAt, seqField, stringItems, strField, structField, valueAt } from './spec/values';
import { boolValue, int64Value } from './volume/read';
import { checkAppArmorProfile, checkSeccompProfile, checkWindowsOptions } from './volume/profiles';
import { allContainers, hostUsers } from './container/walk';
import { clipValue } from '../util/text';

const R = 'container-security-context';
const MAX_ID = 2147483647;
const PROC_MOUNTS = ['Default', 'Unmasked'];

/** Go's encoding/json of one decoded value, with the given field names in struct order. */
function goJSON(n: KNode | undefined): string {
  if (!n || (n.kind === 'scalar' && n.v.type === 'null')) return 'null';
  if (n.kind === 'scalar') return n.v.type === 'string' ? goJSONString(n.v.value) : String(n.v.value);
  if (n.kind === 'seq') return `[${n.items.map(goJSON).join(',')}]`;
  return '{}';
}

/** A struct of the internal API (no JSON tags, so Go prints capitalised field names). */
function goStruct(m: KMap | undefined, fields: Array<[string, string, ((n: KNode | undefined) => string)?]>): string {
  if (!m) return 'null';
  return `{${fields.map(([go, v1, render]) => `"${go}":${(render ?? goJSON)(entry(m, v1)?.value)}`).join(',')}}`;
}

const asMap = (n: KNode | undefined): KMap | undefined => (n?.kind === 'map' ? n : undefined);
/** A non-pointer string field prints `""` when empty. */
const str = (n: KNode | undefined): string => (n?.kind === 'scalar' && n.v.type === 'string' ? goJSONString(n.v.value) : '""');

/** The `*core.SecurityContext` upstream passes as the bad value, rendered by json.Marshal. */
function renderSecurityContext(sc: KMap): string {
  return goStruct(sc, [
    ['Capabilities', 'capabilities', (n) => goStruct(asMap(n), [['Add', 'add'], ['Drop', 'drop']])],
    ['Privileged', 'privileged'],
    ['SELinuxOptions', 'seLinuxOptions', (n) => goStruct(asMap(n), [['User', 'user', str], ['Role', 'role', str], ['Type', 'type', str], ['Level', 'level', str]])],
    [
      'WindowsOptions',
      'windowsOptions',
      (n) => goStruct(asMap(n), [['GMSACredentialSpecName', 'gmsaCredentialSpecName'], ['GMSACredentialSpec', 'gmsaCredentialSpec'], ['RunAsUserName', 'runAsUserName'], ['HostProcess', 'hostProcess']]),
    ],
    ['RunAsUser', 'runAsUser'],
    ['RunAsGroup', 'runAsGroup'],
    ['RunAsNonRoot', 'runAsNonRoot'],
    ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem'],
    ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation'],
    ['ProcMount', 'procMount'],
    ['SeccompProfile', 'seccompProfile', (n) => goStruct(asMap(n), [['Type', 'type', str], ['LocalhostProfile', 'localhostProfile']])],
    ['AppArmorProfile', 'appArmorProfile', (n) => goStruct(asMap(n), [['Type', 'type', str], ['LocalhostProfile', 'localhostProfile']])],
  ]);
}

/** `hostUsersOn`: the Pod shares the host user namespace (`spec.hostUsers` unset or true). */
function checkSecurityContext(ctx: RuleContext, sc: KMap, path: string, hostUsersOn: boolean): void {
  for (const key of ['runAsUser', 'runAsGroup']) {
    const v = int64Value(sc, key);
    if (v && (v.value < 0 || v.value > MAX_ID)) report(ctx, R, 'Invalid', childPath(path, key), valueAt(v.e), msg.invalid(v.value, `must be between 0 and ${MAX_ID}, inclusive`));
  }
  const pm = strField(sc, 'procMount');
  if (pm?.set) {
    const p = childPath(path, 'procMount');
    if (!PROC_MOUNTS.includes(pm.value)) report(ctx, R, 'NotSupported', p, valueAt(pm.e!), msg.notSupported(pm.value, PROC_MOUNTS));
    if (hostUsersOn && pm.value === 'Unmasked') report(ctx, R, 'Invalid', p, valueAt(pm.e!), msg.invalid(pm.value, '`hostUsers` must be false to use `Unmasked`'));
  }
  checkSeccompProfile(ctx, sc, path);
  if (boolValue(sc, 'allowPrivilegeEscalation') === false) {
    const ape = { span: valueAt(entry(sc, 'allowPrivilegeEscalation')!), message: 'allowPrivilegeEscalation is false' };
    // Rendered once for every finding on this context (it holds the whole capability list).
    let rendered: string | undefined;
    const bad = (): string => (rendered ??= clipValue(renderSecurityContext(sc)));
    if (boolValue(sc, 'privileged') === true)
      report(ctx, R, 'Invalid', path, valueAt(entry(sc, 'privileged')!), invalidRendered(bad(), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'), [ape]);
    const caps = structField(sc, 'capabilities')?.m;
    const add = caps ? seqField(caps, 'add') : undefined;
    let sysAdmin: string | undefined;
    for (const c of (add && stringItems(add.items)) ?? []) {
      if (c.value === 'CAP_SYS_ADMIN')
        report(ctx, R, 'Invalid', path, nodeAt(c.node), (sysAdmin ??= invalidRendered(bad(), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN')), [ape]);
    }
  }
  checkWindowsOptions(ctx, sc, path);
  checkAppArmorProfile(ctx, sc, path);
}

const containerSecurity: PodSpecRule = (ctx, site) => {
  const hostUsersOn = hostUsers(site.spec);
  for (const ref of allContainers(site)) {
    const f = structField(ref.c, 'securityContext');
    if (f?.m) checkSecurityContext(ctx, f.m, childPath(ref.path, 'securityContext'), hostUsersOn);
  }
};

export const containerSecurityRules: PodSpecRule[] = [containerSecurity];
