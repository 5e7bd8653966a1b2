/**
 * The restricted checks of Pod Security Standards as pod-security-admission 1.35 runs them
 * (policy/check_*.go). Some replace a baseline check at the restricted level (overrides).
 */
import { isObj } from '../../model/plain';
import {
  CAPABILITIES_BASELINE_ID,
  HOST_PATH_VOLUMES_ID,
  PROC_MOUNT_BASELINE_ID,
  SECCOMP_BASELINE_ID,
  explicitSeccompOutcome,
  explicitSeccompViolations,
  procMountUnmasked,
} from './baselineChecks';
import { containersPhrase, settersPhrase, type Check, type CheckOutcome, type CheckPod } from './check';
import { boolAt, containersOf, inUserNamespace, intAt, isWindowsPod, listAt, objAt, podSecurityContext, strAt, stringsAt, type PodView } from './podView';
import { joinQuote, pluralize, sortedSet } from './text';

/** From 1.25 a Pod with `os.name: windows` passes checks whose fields Windows Pods cannot set. */
function exceptWindows(check: CheckPod): CheckPod {
  return (pod) => (isWindowsPod(pod) ? undefined : check(pod));
}

/** From 1.35 a Pod in its own user namespace (`hostUsers: false`) passes the root-user checks. */
function exceptUserNamespace(check: CheckPod): CheckPod {
  return (pod) => (inUserNamespace(pod) ? undefined : check(pod));
}

const allowPrivilegeEscalation = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const fields: string[] = [];
  for (const c of containersOf(pod)) {
    if (boolAt(c.securityContext, 'allowPrivilegeEscalation') !== false) {
      bad.push(c.name);
      fields.push(`${c.path}.securityContext.allowPrivilegeEscalation`);
    }
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    fields,
  };
};

const capabilitiesRestricted = (pod: PodView): CheckOutcome => {
  const missingDropAll: string[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  const dropFields: string[] = [];
  const addFields: string[] = [];
  for (const c of containersOf(pod)) {
    const capabilities = objAt(c.securityContext, 'capabilities');
    if (!capabilities) {
      missingDropAll.push(c.name);
      dropFields.push(`${c.path}.securityContext.capabilities.drop`);
      continue;
    }
    if (!stringsAt(capabilities, 'drop').some((d) => d.value === 'ALL')) {
      missingDropAll.push(c.name);
      dropFields.push(`${c.path}.securityContext.capabilities.drop`);
    }
    let forbidden = false;
    for (const { value, index } of stringsAt(capabilities, 'add')) {
      if (value !== 'NET_BIND_SERVICE') {
        forbidden = true;
        caps.push(value);
        addFields.push(`${c.path}.securityContext.capabilities.add[${index}]`);
      }
    }
    if (forbidden) adding.push(c.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) details.push(`${containersPhrase(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`);
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), fields: [...dropFields, ...addFields] };
};

/** Inline volume sources the restricted level allows; any one of them admits the volume. */
const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** The others, in the order upstream names the first one a volume sets. */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

const restrictedVolumes = (pod: PodView): CheckOutcome => {
  const bad: string[] = [];
  const types: string[] = [];
  const fields: string[] = [];
  listAt(pod.spec, 'volumes').forEach((v, i) => {
    if (!isObj(v)) return;
    if (ALLOWED_VOLUME_SOURCES.some((k) => isObj(v[k]))) return;
    bad.push(strAt(v, 'name') ?? '');
    const source = RESTRICTED_VOLUME_SOURCES.find((k) => isObj(v[k]));
    types.push(source ?? 'unknown');
    fields.push(source ? `${pod.specPath}.volumes[${i}].${source}` : `${pod.specPath}.volumes[${i}]`);
  });
  if (bad.length === 0) return undefined;
  const distinct = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
    fields,
  };
};

const runAsNonRoot = (pod: PodView): CheckOutcome => {
  const podValue = boolAt(podSecurityContext(pod), 'runAsNonRoot');
  const explicitFields: string[] = [];
  if (podValue === false) explicitFields.push(`${pod.specPath}.securityContext.runAsNonRoot`);
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitFields: string[] = [];
  for (const c of containersOf(pod)) {
    const v = boolAt(c.securityContext, 'runAsNonRoot');
    const path = `${c.path}.securityContext.runAsNonRoot`;
    if (v === false) {
      explicitlyBad.push(c.name);
      explicitFields.push(path);
    } else if (v === undefined && podValue !== true) {
      implicitlyBad.push(c.name);
      implicitFields.push(path);
    }
  }
  if (podValue === false || explicitlyBad.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${settersPhrase(podValue === false, explicitlyBad)} must not set securityContext.runAsNonRoot=false`,
      fields: explicitFields,
    };
  }
  if (implicitlyBad.length === 0) return undefined;
  return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`, fields: implicitFields };
};

const runAsUser = (pod: PodView): CheckOutcome => {
  const fields: string[] = [];
  const podBad = intAt(podSecurityContext(pod), 'runAsUser') === 0;
  if (podBad) fields.push(`${pod.specPath}.securityContext.runAsUser`);
  const bad: string[] = [];
  for (const c of containersOf(pod)) {
    if (intAt(c.securityContext, 'runAsUser') === 0) {
      bad.push(c.name);
      fields.push(`${c.path}.securityContext.runAsUser`);
    }
  }
  if (!podBad && bad.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${settersPhrase(podBad, bad)} must not set runAsUser=0`, fields };
};

const seccompProfileRestricted = (pod: PodView): CheckOutcome => {
  const explicit = explicitSeccompViolations(pod);
  const explicitOutcome = explicitSeccompOutcome(explicit);
  if (explicitOutcome) return explicitOutcome;
  if (explicit.podValid) return undefined;
  // Without a valid Pod-level profile, every container must set its own.
  const missing: string[] = [];
  const fields: string[] = [];
  for (const c of containersOf(pod)) {
    if (!objAt(c.securityContext, 'seccompProfile')) {
      missing.push(c.name);
      fields.push(`${c.path}.securityContext.seccompProfile.type`);
    }
  }
  if (missing.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(missing)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    fields,
  };
};

export const RESTRICTED_CHECKS: Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minimumVersion: 8, checkPod: allowPrivilegeEscalation },
      { minimumVersion: 25, checkPod: exceptWindows(allowPrivilegeEscalation) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 22, checkPod: capabilitiesRestricted, overrides: [CAPABILITIES_BASELINE_ID] },
      { minimumVersion: 25, checkPod: exceptWindows(capabilitiesRestricted), overrides: [CAPABILITIES_BASELINE_ID] },
    ],
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    // From 1.35 baseline lets user-namespaced Pods unmask /proc; restricted keeps the unconditional check.
    versions: [{ minimumVersion: 35, checkPod: procMountUnmasked, overrides: [PROC_MOUNT_BASELINE_ID] }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    versions: [{ minimumVersion: 0, checkPod: restrictedVolumes, overrides: [HOST_PATH_VOLUMES_ID] }],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { minimumVersion: 0, checkPod: runAsNonRoot },
      { minimumVersion: 35, checkPod: exceptUserNamespace(runAsNonRoot) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { minimumVersion: 23, checkPod: runAsUser },
      { minimumVersion: 35, checkPod: exceptUserNamespace(runAsUser) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 19, checkPod: seccompProfileRestricted, overrides: [SECCOMP_BASELINE_ID] },
      { minimumVersion: 25, checkPod: exceptWindows(seccompProfileRestricted), overrides: [SECCOMP_BASELINE_ID] },
    ],
  },
];
