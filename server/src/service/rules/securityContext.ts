/**
 * Rule family: securityContext (Pod level) — upstream `validatePodSpecSecurityContext`
 * (id ranges, shareProcessNamespace vs hostPID, sysctls, policies, seccomp/AppArmor/Windows
 * options), `validateHostUsers` and `validateWindowsHostProcessPod`. The v1 host-namespace
 * fields (`hostNetwork`, `hostPID`, `hostIPC`, `shareProcessNamespace`, `hostUsers`) live at
 * the top of the spec but belong to the internal security context, hence the paths; upstream
 * quirk: `spec.HostPID` / `spec.HostIPC`. See docs/rules.md.
 */
import type { KMap, Span } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { entry, msg, report, type PodSpecRule, type RuleContext } from './context';
import { itemMap, nodeAt, seqField, strField, structField, valueAt } from './spec/values';
import { boolValue, int64Value } from './volume/read';
import { checkAppArmorProfile, checkSeccompProfile, checkWindowsOptions } from './volume/profiles';
import type { RuleId } from '../diagnostics/catalog';
import { allContainersAt, type ContainerRef } from './container/walk';

const MAX_ID = 2147483647;
const ID_RANGE = `must be between 0 and ${MAX_ID}, inclusive`;

/** Every container of the spec with its path, in `VisitContainersWithPath` order. */
/** Every container of the spec (the walk shared by the rules of one object validation). */
function containers(spec: KMap, path: string): ContainerRef[] {
  return allContainersAt(spec, path);
}

/** `IsValidUserID` / `IsValidGroupID` on the Pod security context. */
function checkIds(ctx: RuleContext, sc: KMap, scPath: string): void {
  for (const key of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    const v = int64Value(sc, key);
    if (v && (v.value < 0 || v.value > MAX_ID)) report(ctx, 'security-context-id', 'Invalid', childPath(scPath, key), valueAt(v.e), msg.invalid(v.value, ID_RANGE));
  }
  const groups = seqField(sc, 'supplementalGroups');
  if (!groups) return;
  groups.items.forEach((n, g) => {
    if (n.kind !== 'scalar' || (n.v.type !== 'int' && !(n.v.type === 'float' && Number.isInteger(n.v.value)))) return;
    const v = n.v.value as number;
    if (v < 0 || v > MAX_ID) report(ctx, 'security-context-id', 'Invalid', indexPath(childPath(scPath, 'supplementalGroups'), g), nodeAt(n), msg.invalid(v, ID_RANGE));
  });
}

const SYSCTL_MAX = 253;
const SYSCTL_RE = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_MESSAGE = `must have at most ${SYSCTL_MAX} characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`;
const IPC_SYSCTLS = new Set(['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.shm', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.msg']);

/** `sysctl.GetNamespace`: the namespace a sysctl (or `prefix*` pattern) belongs to. */
export function sysctlNamespace(name: string): 'Net' | 'IPC' | '' {
  let n = name;
  // NormalizeName: `net/ipv4/conf/eno2.100/rp_filter` uses `/` as separator; swap to dots.
  const sep = n.search(/[./]/);
  if (sep >= 0 && n[sep] === '/') n = n.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
  const star = n.indexOf('*');
  if (star >= 0) n = n.slice(0, star);
  if (IPC_SYSCTLS.has(n)) return 'IPC';
  if (n.startsWith('net.')) return 'Net';
  if (n.startsWith('fs.mqueue.')) return 'IPC';
  return '';
}

/** `validateSysctls` + `ValidateHostSysctl`. */
function checkSysctls(ctx: RuleContext, sc: KMap, scPath: string, spec: KMap, specPath: string): void {
  const list = seqField(sc, 'sysctls');
  if (!list) return;
  const hostNetwork = boolValue(spec, 'hostNetwork') === true;
  const hostIPC = boolValue(spec, 'hostIPC') === true;
  const seen = new Map<string, Span>();
  list.items.forEach((item, i) => {
    const m = itemMap(item);
    const name = m && strField(m, 'name');
    if (!m || !name) return;
    const p = childPath(indexPath(childPath(scPath, 'sysctls'), i), 'name');
    const span = name.e ? valueAt(name.e) : nodeAt(item);
    const v = name.value;
    if (v === '') report(ctx, 'sysctl-name', 'Required', p, span, msg.required());
    else if (v.length > SYSCTL_MAX || !SYSCTL_RE.test(v)) report(ctx, 'sysctl-name', 'Invalid', p, span, msg.invalid(v, SYSCTL_MESSAGE));
    else if (seen.has(v)) report(ctx, 'sysctl-name', 'Duplicate', p, span, msg.duplicate(v), [{ span: seen.get(v)!, message: `"${v}" is first set here` }]);
    const ns = sysctlNamespace(v);
    const hostKey = ns === 'Net' && hostNetwork ? 'hostNetwork' : ns === 'IPC' && hostIPC ? 'hostIPC' : undefined;
    if (hostKey) {
      const related = [{ span: valueAt(entry(spec, hostKey)!), message: `${childPath(specPath, hostKey)} is true` }];
      report(ctx, 'sysctl-host-namespace', 'Invalid', p, span, msg.invalid(v, `may not be specified when '${hostKey}' is true`), related);
    }
    if (!seen.has(v)) seen.set(v, span);
  });
}

function enumField(ctx: RuleContext, rule: RuleId, sc: KMap, key: string, scPath: string, supported: string[]): void {
  const f = strField(sc, key);
  if (f?.set && !supported.includes(f.value)) report(ctx, rule, 'NotSupported', childPath(scPath, key), valueAt(f.e!), msg.notSupported(f.value, supported));
}

const podSecurityContext: PodSpecRule = (ctx, { spec, path }) => {
  const scF = structField(spec, 'securityContext');
  if (!scF) return; // not an object: a decode error
  const scPath = childPath(path, 'securityContext');
  // shareProcessNamespace and hostPID are converted into the (always defaulted) security context.
  if (boolValue(spec, 'shareProcessNamespace') === true && boolValue(spec, 'hostPID') === true) {
    report(ctx, 'share-process-namespace-host-pid', 'Invalid', childPath(scPath, 'shareProcessNamespace'), valueAt(entry(spec, 'shareProcessNamespace')!), msg.invalid(true, 'ShareProcessNamespace and HostPID cannot both be enabled'), [
      { span: valueAt(entry(spec, 'hostPID')!), message: 'hostPID is true' },
    ]);
  }
  const sc = scF.m;
  if (!sc) return;
  checkIds(ctx, sc, scPath);
  checkSysctls(ctx, sc, scPath, spec, path);
  enumField(ctx, 'fs-group-change-policy', sc, 'fsGroupChangePolicy', scPath, ['Always', 'OnRootMismatch']);
  checkSeccompProfile(ctx, sc, scPath);
  checkWindowsOptions(ctx, sc, scPath);
  checkAppArmorProfile(ctx, sc, scPath);
  enumField(ctx, 'supplemental-groups-policy', sc, 'supplementalGroupsPolicy', scPath, ['Merge', 'Strict']);
  // With the SELinuxMount gate off (1.35 default) only Recursive is accepted on create.
  enumField(ctx, 'selinux-change-policy', sc, 'seLinuxChangePolicy', scPath, ['Recursive']);
};

const HOST_USERS = 'when `hostUsers` is false';

/** `validateHostUsers`: user namespaces exclude host namespaces and block devices. */
const hostUsers: PodSpecRule = (ctx, { spec, path }) => {
  if (boolValue(spec, 'hostUsers') !== false) return;
  const related = [{ span: valueAt(entry(spec, 'hostUsers')!), message: 'hostUsers is false' }];
  // hostNetwork is allowed only with the UserNamespacesHostNetworkSupport gate (alpha, off).
  for (const [key, seg] of [
    ['hostNetwork', 'hostNetwork'],
    ['hostPID', 'HostPID'],
    ['hostIPC', 'HostIPC'],
  ]) {
    if (boolValue(spec, key) === true) report(ctx, 'user-namespace-host-namespace', 'Forbidden', childPath(path, seg), valueAt(entry(spec, key)!), msg.forbidden(HOST_USERS), related);
  }
  for (const { c, path: cPath } of containers(spec, path)) {
    const devs = seqField(c, 'volumeDevices');
    if (devs?.e && devs.items.length > 0)
      report(ctx, 'user-namespace-host-namespace', 'Forbidden', childPath(cPath, 'volumeDevices'), devs.e.keySpan, msg.forbidden(HOST_USERS), related);
  }
};

/** `validateWindowsHostProcessPod` (assuming --allow-privileged=true, as kubeadm sets it). */
const windowsHostProcess: PodSpecRule = (ctx, { spec, path }) => {
  const sc = structField(spec, 'securityContext')?.m ?? undefined;
  const podWo = sc ? structField(sc, 'windowsOptions')?.m ?? undefined : undefined;
  const podHP = podWo ? boolValue(podWo, 'hostProcess') : undefined;
  let total = 0;
  let hp = 0;
  let firstHP: Span | undefined;
  for (const { c, path: cPath } of containers(spec, path)) {
    total++;
    const csc = structField(c, 'securityContext')?.m ?? undefined;
    const wo = csc ? structField(csc, 'windowsOptions')?.m ?? undefined : undefined;
    const cHP = wo ? boolValue(wo, 'hostProcess') : undefined;
    if (podHP !== undefined && cHP !== undefined && podHP !== cHP)
      report(ctx, 'windows-host-process', 'Invalid', `${cPath}.securityContext.windowsOptions.hostProcess`, valueAt(entry(wo, 'hostProcess')!), msg.invalid(cHP, `pod hostProcess value must be identical if both are specified, was ${podHP}`));
    if (cHP === true || (cHP === undefined && podHP === true)) {
      hp++;
      if (cHP === true) firstHP ??= valueAt(entry(wo, 'hostProcess')!);
    }
  }
  if (hp === 0) return;
  const podAt = podHP === true ? valueAt(entry(podWo, 'hostProcess')!) : undefined;
  const anchor = podAt ?? firstHP ?? nodeAt(spec);
  if (hp !== total) report(ctx, 'windows-host-process', 'Invalid', path, anchor, msg.invalid('', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'));
  if (boolValue(spec, 'hostNetwork') !== true) {
    const hn = entry(spec, 'hostNetwork');
    report(ctx, 'windows-host-process', 'Invalid', childPath(path, 'hostNetwork'), hn ? valueAt(hn) : anchor, msg.invalid(false, 'hostNetwork must be true if pod contains any hostProcess containers'));
  }
};

export const securityContextRules: PodSpecRule[] = [podSecurityContext, hostUsers, windowsHostProcess];
