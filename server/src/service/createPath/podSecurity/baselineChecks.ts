/**
 * The baseline checks of Pod Security Standards as pod-security-admission 1.35 runs them
 * (policy/check_*.go), with upstream's ids, version revisions and exact texts. Each also
 * names the fields at fault.
 */
import { isObj } from '../../model/plain';
import { containersPhrase, settersPhrase, type Check, type CheckOutcome } from './check';
import {
  annotationPath,
  annotationsOf,
  boolAt,
  containersOf,
  inUserNamespace,
  intAt,
  listAt,
  objAt,
  podSecurityContext,
  strAt,
  stringsAt,
  type PodView,
} from './podView';
import { goQuote, joinQuote, pluralize, sortedSet, compareGo } from './text';

const privileged = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const fields: string[] = [];
  for (const c of containersOf(pod)) {
    if (boolAt(c.securityContext, 'privileged') === true) {
      bad.push(c.name);
      fields.push(`${c.path}.securityContext.privileged`);
    }
  }
  if (bad.length === 0) return undefined;
  return { reason: 'privileged', detail: `${containersPhrase(bad)} must not set securityContext.privileged=true`, fields };
};

const hostNamespaces = (pod: PodView): CheckOutcome => {
  const found: string[] = [];
  const fields: string[] = [];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (boolAt(pod.spec, key) === true) {
      found.push(`${key}=true`);
      fields.push(`${pod.specPath}.${key}`);
    }
  }
  if (found.length === 0) return undefined;
  return { reason: 'host namespaces', detail: found.join(', '), fields };
};

const hostPathVolumes = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const fields: string[] = [];
  listAt(pod.spec, 'volumes').forEach((v, i) => {
    if (isObj(v) && isObj(v.hostPath)) {
      bad.push(strAt(v, 'name') ?? '');
      fields.push(`${pod.specPath}.volumes[${i}].hostPath`);
    }
  });
  if (bad.length === 0) return undefined;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`, fields };
};

const hostPorts = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const ports: string[] = [];
  const fields: string[] = [];
  for (const c of containersOf(pod)) {
    let valid = true;
    listAt(c.container, 'ports').forEach((p, j) => {
      const hostPort = isObj(p) ? intAt(p, 'hostPort') : undefined;
      if (hostPort !== undefined && hostPort !== 0) {
        valid = false;
        ports.push(String(hostPort));
        fields.push(`${c.path}.ports[${j}].hostPort`);
      }
    });
    if (!valid) bad.push(c.name);
  }
  if (bad.length === 0) return undefined;
  const distinct = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    fields,
  };
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'];

const hostProbesAndHostLifecycle = (pod: PodView): CheckOutcome => {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  const fields: string[] = [];
  const handlerHosts = (handler: unknown, path: string): boolean => {
    if (!isObj(handler)) return false;
    let bad = false;
    for (const action of ['httpGet', 'tcpSocket']) {
      const host = strAt(objAt(handler, action), 'host');
      if (host) {
        hosts.push(host);
        fields.push(`${path}.${action}.host`);
        bad = true;
      }
    }
    return bad;
  };
  for (const c of containersOf(pod)) {
    let bad = false;
    for (const p of PROBES) if (handlerHosts(c.container[p], `${c.path}.${p}`)) bad = true;
    const lifecycle = objAt(c.container, 'lifecycle');
    for (const h of LIFECYCLE_HANDLERS) if (handlerHosts(lifecycle?.[h], `${c.path}.lifecycle.${h}`)) bad = true;
    if (bad) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  // Both lists are sets upstream: distinct and sorted.
  const names = sortedSet(badContainers);
  const distinctHosts = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinctHosts.length)} ${joinQuote(distinctHosts)}`,
    fields,
  };
};

export const CAPABILITIES_BASELINE_ID = 'capabilities_baseline';

const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilitiesBaseline = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const caps: string[] = [];
  const fields: string[] = [];
  for (const c of containersOf(pod)) {
    const capabilities = objAt(c.securityContext, 'capabilities');
    if (!capabilities) continue;
    let valid = true;
    for (const { value, index } of stringsAt(capabilities, 'add')) {
      if (!DEFAULT_CAPABILITIES.has(value)) {
        valid = false;
        caps.push(value);
        fields.push(`${c.path}.securityContext.capabilities.add[${index}]`);
      }
    }
    if (!valid) bad.push(c.name);
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    fields,
  };
};

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const appArmorProfile = (pod: PodView): CheckOutcome => {
  const badValues: string[] = [];
  const fields: string[] = [];
  const badType = (sc: ReturnType<typeof podSecurityContext>, path: string): boolean => {
    const profile = objAt(sc, 'appArmorProfile');
    if (!profile) return false;
    const type = strAt(profile, 'type') ?? '';
    if (type === 'RuntimeDefault' || type === 'Localhost') return false;
    badValues.push(type);
    fields.push(`${path}.appArmorProfile.type`);
    return true;
  };
  const podBad = badType(podSecurityContext(pod), `${pod.specPath}.securityContext`);
  const badContainers: string[] = [];
  for (const c of containersOf(pod)) if (badType(c.securityContext, `${c.path}.securityContext`)) badContainers.push(c.name);
  const annotations: string[] = [];
  for (const [k, v] of annotationsOf(pod)) {
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/'))) {
      annotations.push(`${k}=${goQuote(v)}`);
      fields.push(annotationPath(pod, k));
    }
  }
  const setters = settersPhrase(podBad, badContainers);
  if (!setters && annotations.length === 0) return undefined;
  annotations.sort(compareGo);
  const values = [...sortedSet(badValues), ...annotations];
  const allSetters = [setters, annotations.length > 0 ? pluralize('annotation', 'annotations', annotations.length) : ''].filter(Boolean);
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${allSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    fields,
  };
};

const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

function seLinuxOptions(allowedTypes: ReadonlySet<string>) {
  return (pod: PodView): CheckOutcome => {
    const badTypes: string[] = [];
    const fields: string[] = [];
    let setUser = false;
    let setRole = false;
    const invalid = (sc: ReturnType<typeof podSecurityContext>, path: string): boolean => {
      const opts = objAt(sc, 'seLinuxOptions');
      if (!opts) return false;
      let bad = false;
      const type = strAt(opts, 'type') ?? '';
      if (!allowedTypes.has(type)) {
        bad = true;
        badTypes.push(type);
        fields.push(`${path}.seLinuxOptions.type`);
      }
      if (strAt(opts, 'user')) {
        bad = setUser = true;
        fields.push(`${path}.seLinuxOptions.user`);
      }
      if (strAt(opts, 'role')) {
        bad = setRole = true;
        fields.push(`${path}.seLinuxOptions.role`);
      }
      return bad;
    };
    const podBad = invalid(podSecurityContext(pod), `${pod.specPath}.securityContext`);
    const badContainers: string[] = [];
    for (const c of containersOf(pod)) if (invalid(c.securityContext, `${c.path}.securityContext`)) badContainers.push(c.name);
    if (!podBad && badContainers.length === 0) return undefined;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${settersPhrase(podBad, badContainers)} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      fields,
    };
  };
}

export const PROC_MOUNT_BASELINE_ID = 'procMount';

/** Any procMount but Default, whatever the user namespace (also the restricted check from 1.35). */
export const procMountUnmasked = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const types: string[] = [];
  const fields: string[] = [];
  for (const c of containersOf(pod)) {
    const procMount = strAt(c.securityContext, 'procMount');
    if (procMount !== undefined && procMount !== 'Default') {
      bad.push(c.name);
      types.push(procMount);
      fields.push(`${c.path}.securityContext.procMount`);
    }
  }
  if (bad.length === 0) return undefined;
  return { reason: 'procMount', detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`, fields };
};

const procMountBaseline1_35 = (pod: PodView): CheckOutcome => (inUserNamespace(pod) ? undefined : procMountUnmasked(pod));

export const SECCOMP_BASELINE_ID = 'seccompProfile_baseline';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validSeccompAnnotation(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

/** Before 1.19 the policy read the alpha seccomp annotations (an empty value is forbidden too). */
const seccompProfileBaseline1_0 = (pod: PodView): CheckOutcome => {
  const annotations = annotationsOf(pod);
  const forbidden: string[] = [];
  const fields: string[] = [];
  const check = (key: string): void => {
    const v = annotations.get(key);
    if (v !== undefined && !validSeccompAnnotation(v)) {
      forbidden.push(`${key}=${goQuote(v)}`);
      fields.push(annotationPath(pod, key));
    }
  };
  check(SECCOMP_POD_ANNOTATION);
  for (const c of containersOf(pod)) check(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name);
  if (forbidden.length === 0) return undefined;
  const list = sortedSet(forbidden);
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`, fields: [...new Set(fields)] };
};

export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Explicitly set seccompProfile types that are not allowed (pod and containers). */
export function explicitSeccompViolations(pod: PodView): {
  podBad: boolean;
  podValid: boolean;
  badContainers: string[];
  values: string[];
  fields: string[];
} {
  const values: string[] = [];
  const fields: string[] = [];
  const podProfile = objAt(podSecurityContext(pod), 'seccompProfile');
  const podType = podProfile ? (strAt(podProfile, 'type') ?? '') : undefined;
  const podBad = podType !== undefined && !validSeccompType(podType);
  if (podBad) {
    values.push(podType);
    fields.push(`${pod.specPath}.securityContext.seccompProfile.type`);
  }
  const badContainers: string[] = [];
  for (const c of containersOf(pod)) {
    const profile = objAt(c.securityContext, 'seccompProfile');
    if (!profile) continue;
    const type = strAt(profile, 'type') ?? '';
    if (!validSeccompType(type)) {
      badContainers.push(c.name);
      values.push(type);
      fields.push(`${c.path}.securityContext.seccompProfile.type`);
    }
  }
  return { podBad, podValid: podType !== undefined && !podBad, badContainers, values, fields };
}

export function explicitSeccompOutcome(e: ReturnType<typeof explicitSeccompViolations>): CheckOutcome {
  if (!e.podBad && e.badContainers.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${settersPhrase(e.podBad, e.badContainers)} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(e.values))}`,
    fields: e.fields,
  };
}

const seccompProfileBaseline1_19 = (pod: PodView): CheckOutcome => explicitSeccompOutcome(explicitSeccompViolations(pod));

const SYSCTLS_1_0 = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]);
const SYSCTLS_1_27 = new Set([...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports']);
const SYSCTLS_1_29 = new Set([
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SYSCTLS_1_32 = new Set([...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);

function sysctls(allowed: ReadonlySet<string>) {
  return (pod: PodView): CheckOutcome => {
    const forbidden: string[] = [];
    const fields: string[] = [];
    const sc = podSecurityContext(pod);
    listAt(sc, 'sysctls').forEach((s, i) => {
      if (!isObj(s)) return;
      const name = strAt(s, 'name') ?? '';
      if (!allowed.has(name)) {
        forbidden.push(name);
        fields.push(`${pod.specPath}.securityContext.sysctls[${i}].name`);
      }
    });
    if (forbidden.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), fields };
  };
}

const windowsHostProcess = (pod: PodView): CheckOutcome => {
  const fields: string[] = [];
  const hostProcess = (sc: ReturnType<typeof podSecurityContext>, path: string): boolean => {
    if (boolAt(objAt(sc, 'windowsOptions'), 'hostProcess') !== true) return false;
    fields.push(`${path}.windowsOptions.hostProcess`);
    return true;
  };
  const podBad = hostProcess(podSecurityContext(pod), `${pod.specPath}.securityContext`);
  const badContainers: string[] = [];
  for (const c of containersOf(pod)) if (hostProcess(c.securityContext, `${c.path}.securityContext`)) badContainers.push(c.name);
  if (!podBad && badContainers.length === 0) return undefined;
  return {
    reason: 'hostProcess',
    detail: `${settersPhrase(podBad, badContainers)} must not set securityContext.windowsOptions.hostProcess=true`,
    fields,
  };
};

export const HOST_PATH_VOLUMES_ID = 'hostPathVolumes';

export const BASELINE_CHECKS: Check[] = [
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: appArmorProfile }] },
  { id: CAPABILITIES_BASELINE_ID, level: 'baseline', versions: [{ minimumVersion: 0, checkPod: capabilitiesBaseline }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: hostNamespaces }] },
  { id: HOST_PATH_VOLUMES_ID, level: 'baseline', versions: [{ minimumVersion: 0, checkPod: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: hostPorts }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minimumVersion: 34, checkPod: hostProbesAndHostLifecycle }] },
  { id: 'privileged', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: privileged }] },
  {
    id: PROC_MOUNT_BASELINE_ID,
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: procMountUnmasked },
      { minimumVersion: 35, checkPod: procMountBaseline1_35 },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: seLinuxOptions(SELINUX_TYPES_1_0) },
      { minimumVersion: 31, checkPod: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: SECCOMP_BASELINE_ID,
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: seccompProfileBaseline1_0 },
      { minimumVersion: 19, checkPod: seccompProfileBaseline1_19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: sysctls(SYSCTLS_1_0) },
      { minimumVersion: 27, checkPod: sysctls(SYSCTLS_1_27) },
      { minimumVersion: 29, checkPod: sysctls(SYSCTLS_1_29) },
      { minimumVersion: 32, checkPod: sysctls(SYSCTLS_1_32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: windowsHostProcess }] },
];
