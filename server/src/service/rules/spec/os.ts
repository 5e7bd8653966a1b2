/**
 * `validateOS` and, when the OS is valid, `validateLinux` / `validateWindows`: fields that make
 * no sense on the declared OS are Forbidden. Upstream quirk: an unsupported name is reported on
 * `spec.os`, not `spec.os.name`.
 */
import type { KMap, KNode } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { entry, msg, report, type PodSpecRule, type RuleContext } from '../context';
import { missingAt, strField, valueAt } from './values';

const OSES = ['linux', 'windows'];
const WINDOWS = 'cannot be set for a windows pod';
const LINUX = 'windows options cannot be set for a linux pod';

/** A Go pointer/slice field decoded non-nil: written and not `null`. */
function isSet(map: KMap | undefined, key: string): boolean {
  const v = entry(map, key)?.value;
  return !!v && !(v.kind === 'scalar' && v.v.type === 'null');
}

function isTrue(map: KMap | undefined, key: string): boolean {
  const v = entry(map, key)?.value;
  return v?.kind === 'scalar' && v.v.type === 'bool' && v.v.value === true;
}

function asMap(n: KNode | undefined): KMap | undefined {
  return n?.kind === 'map' ? n : undefined;
}

/** Every container of the spec with its path, in VisitContainersWithPath order. */
function containers(spec: KMap, path: string): Array<{ c: KMap; path: string }> {
  const out: Array<{ c: KMap; path: string }> = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const s = entry(spec, key)?.value;
    if (s?.kind !== 'seq') continue;
    s.items.forEach((c, i) => {
      if (c.kind === 'map') out.push({ c, path: indexPath(childPath(path, key), i) });
    });
  }
  return out;
}

function forbid(ctx: RuleContext, map: KMap, key: string, path: string, detail: string): void {
  const e = entry(map, key);
  if (e) report(ctx, 'pod-os-forbidden-field', 'Forbidden', childPath(path, key), e.keySpan, msg.forbidden(detail));
}

const POD_SC_WINDOWS = [
  'appArmorProfile',
  'seLinuxOptions',
  // hostUsers, hostPID, hostIPC, shareProcessNamespace are top-level in v1 (handled below)
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
];
const POD_SC_WINDOWS_TAIL = ['runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];
const CONTAINER_SC_WINDOWS = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

function validateWindows(ctx: RuleContext, spec: KMap, path: string): void {
  const sc = asMap(entry(spec, 'securityContext')?.value);
  const scPath = childPath(path, 'securityContext');
  if (sc) for (const k of POD_SC_WINDOWS) if (isSet(sc, k)) forbid(ctx, sc, k, scPath, WINDOWS);
  // v1 keeps these on the PodSpec; conversion moves them into the internal security context.
  if (isSet(spec, 'hostUsers')) forbid(ctx, spec, 'hostUsers', path, WINDOWS);
  if (isTrue(spec, 'hostPID')) forbid(ctx, spec, 'hostPID', path, WINDOWS);
  if (isTrue(spec, 'hostIPC')) forbid(ctx, spec, 'hostIPC', path, WINDOWS);
  if (sc) {
    const sysctls = entry(sc, 'sysctls')?.value;
    if (sysctls?.kind === 'seq' && sysctls.items.length > 0) forbid(ctx, sc, 'sysctls', scPath, WINDOWS);
  }
  if (isSet(spec, 'shareProcessNamespace')) forbid(ctx, spec, 'shareProcessNamespace', path, WINDOWS);
  if (sc) for (const k of POD_SC_WINDOWS_TAIL) if (isSet(sc, k)) forbid(ctx, sc, k, scPath, WINDOWS);
  for (const { c, path: cPath } of containers(spec, path)) {
    const csc = asMap(entry(c, 'securityContext')?.value);
    if (!csc) continue;
    for (const k of CONTAINER_SC_WINDOWS) if (isSet(csc, k)) forbid(ctx, csc, k, childPath(cPath, 'securityContext'), WINDOWS);
  }
}

function validateLinux(ctx: RuleContext, spec: KMap, path: string): void {
  const sc = asMap(entry(spec, 'securityContext')?.value);
  if (sc && isSet(sc, 'windowsOptions')) forbid(ctx, sc, 'windowsOptions', childPath(path, 'securityContext'), LINUX);
  for (const { c, path: cPath } of containers(spec, path)) {
    const csc = asMap(entry(c, 'securityContext')?.value);
    if (csc && isSet(csc, 'windowsOptions')) forbid(ctx, csc, 'windowsOptions', childPath(cPath, 'securityContext'), LINUX);
  }
}

const podOS: PodSpecRule = (ctx, { spec, path }) => {
  const e = entry(spec, 'os');
  const os = e?.value;
  if (!e || os?.kind !== 'map') return; // absent, null (nil) or a decode error
  const name = strField(os, 'name');
  if (!name) return;
  const osPath = childPath(path, 'os');
  if (name.value === '') {
    report(ctx, 'pod-os', 'Required', childPath(osPath, 'name'), name.e ? valueAt(name.e) : missingAt(os, e.keySpan), msg.required());
    return;
  }
  if (!OSES.includes(name.value)) {
    report(ctx, 'pod-os', 'NotSupported', osPath, name.e ? valueAt(name.e) : e.keySpan, msg.notSupported(name.value, OSES));
    return;
  }
  if (name.value === 'linux') validateLinux(ctx, spec, path);
  else validateWindows(ctx, spec, path);
};

export const osRules: PodSpecRule[] = [podOS];
