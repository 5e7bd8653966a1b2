/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount), Pods on create: the default service
 * account when none is named, the account must exist, its API token is mounted as the projected
 * `kube-api-access-<random>` volume in every init and regular container (not ephemeral ones)
 * unless automounting is off on the Pod or the account, its imagePullSecrets are copied when the
 * Pod has none, and with `kubernetes.io/enforce-mountable-secrets: "true"` the Pod may only use
 * the secrets the account lists. Mirror Pods are not changed but may reference no service
 * account, no secret and no token projection.
 */
import { arr, bool, isObj, obj, objs, str, text, type Plain, type PlainObject } from '../../model/plain';
import { findDeclared } from './declared';
import { plainObject, type Draft } from './draft';
import { podPlugin } from './podPlugin';
import { fieldOf, missingReference, rejection, rejectionMessage, type PodTarget } from './report';
import type { CreateFinding, DeclaredObject } from './types';

export const RULE_SERVICE_ACCOUNT_NOT_FOUND = 'admission-service-account-not-found';
export const RULE_SERVICE_ACCOUNT_MIRROR_POD = 'admission-service-account-mirror-pod';
export const RULE_SERVICE_ACCOUNT_SECRET = 'admission-service-account-secret-not-allowed';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
export const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = 'kubernetes.io/enforce-mountable-secrets';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** Upstream appends 5 random characters (`names.SimpleNameGenerator`); a stable stand-in here. */
export const TOKEN_VOLUME_NAME = 'kube-api-access-xxxxx';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour and seven seconds. */
export const TOKEN_EXPIRATION_SECONDS = 3607;

/** `TokenVolumeSource()`: token, cluster CA bundle and namespace, mode 0644 set explicitly. */
export function tokenVolume(name: string): PlainObject {
  return plainObject({
    name,
    projected: plainObject({
      sources: [
        plainObject({ serviceAccountToken: plainObject({ expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' }) }),
        plainObject({ configMap: plainObject({ name: 'kube-root-ca.crt', items: [plainObject({ key: 'ca.crt', path: 'ca.crt' })] }) }),
        plainObject({
          downwardAPI: plainObject({ items: [plainObject({ path: 'namespace', fieldRef: plainObject({ apiVersion: 'v1', fieldPath: 'metadata.namespace' }) })] }),
        }),
      ],
      defaultMode: 420,
    }),
  });
}

/** strconv.ParseBool's true values. */
function parseBoolTrue(v: string | undefined): boolean {
  return v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'true' || v === 'True';
}

export const serviceAccount = podPlugin((t, draft, ctx) => {
  const spec = t.spec;
  const annotations = obj(obj(t.pod.metadata)?.annotations);
  if (!t.templateOf && annotations && Object.prototype.hasOwnProperty.call(annotations, MIRROR_POD_ANNOTATION)) return mirrorPod(t, spec);

  // v1 `serviceAccount` is the deprecated alias: decoding copies it when the name is empty,
  // and storing writes the name back to both fields.
  const named = str(spec.serviceAccountName) || str(spec.serviceAccount) || '';
  const name = named || DEFAULT_SERVICE_ACCOUNT;
  // What the Pod gave, read before the draft writes (in place, the writes show in `spec`).
  const nameField = str(spec.serviceAccountName) ? 'spec.serviceAccountName' : 'spec.serviceAccount';
  const pullSecrets = arr(spec.imagePullSecrets);
  if (spec.serviceAccountName !== name) draft.set(['spec'], 'serviceAccountName', name);
  if (spec.serviceAccount !== name) draft.set(['spec'], 'serviceAccount', name);
  const findings: CreateFinding[] = [];
  const declared = findDeclared(ctx.declared, 'ServiceAccount', ctx.namespace, name);
  if (!declared && name !== DEFAULT_SERVICE_ACCOUNT) {
    const reason = `error looking up service account ${ctx.namespace}/${name}: serviceaccount "${name}" not found`;
    const f = missingReference(ctx.declared, {
      rule: RULE_SERVICE_ACCOUNT_NOT_FOUND,
      field: fieldOf(t, nameField),
      errorType: 'Forbidden',
      kind: 'ServiceAccount',
      name,
      namespace: ctx.namespace,
      message: rejectionMessage(t, reason),
      template: t.templateOf !== undefined,
    });
    findings.push(f);
    // Rejected: nothing more happens to the Pod. Not declared here: admit it as if the account
    // were a plain one, so the preview shows what usually gets stored.
    if (f.severity !== 'information') return findings;
  }
  const account = declared?.value;

  // The token volume, its mounts and the copied pull secrets are read by nothing after this
  // plugin (PodSecurity allows projected volumes at every level; no later plugin or step reads
  // mounts or pull secrets): when only findings are wanted they are not written.
  if (!ctx.findingsOnly && shouldAutomount(spec, account)) mountToken(spec, draft);

  if (!ctx.findingsOnly && pullSecrets.length === 0) {
    const names = objs(account?.imagePullSecrets).map((s) => plainObject({ name: str(s.name) ?? '' }));
    if (names.length > 0) draft.setNew(['spec'], 'imagePullSecrets', names);
  }

  if (declared && parseBoolTrue(text(obj(obj(declared.value.metadata)?.annotations)?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION]))) {
    // The Pod's own pull secrets; copied ones are the account's and always allowed.
    findings.push(...limitSecretReferences(t, spec, pullSecrets, declared));
  }
  return findings;
});

function shouldAutomount(spec: PlainObject, account: PlainObject | undefined): boolean {
  return bool(spec.automountServiceAccountToken) ?? bool(account?.automountServiceAccountToken) ?? true;
}

/** `mountServiceAccountToken`: one token volume, mounted where no container mounts that path yet. */
function mountToken(spec: PlainObject, draft: Draft): void {
  const volumes = arr(spec.volumes);
  let volumeName: string | undefined;
  for (const v of volumes) {
    const n = isObj(v) ? str(v.name) : undefined;
    if (n !== undefined && n.startsWith(TOKEN_VOLUME_PREFIX)) {
      volumeName = n;
      break;
    }
  }
  const hasVolume = volumeName !== undefined;
  volumeName ??= TOKEN_VOLUME_NAME;
  let mounted = false;
  for (const key of ['initContainers', 'containers']) {
    arr(spec[key]).forEach((c, i) => {
      if (!isObj(c)) return;
      if (objs(c.volumeMounts).some((m) => str(m.mountPath) === TOKEN_MOUNT_PATH)) return;
      draft.pushNew(['spec', key, i, 'volumeMounts'], plainObject({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }));
      mounted = true;
    });
  }
  if (mounted && !hasVolume) draft.pushNew(['spec', 'volumes'], tokenVolume(volumeName));
}

function mirrorPod(t: PodTarget, spec: PlainObject): CreateFinding[] {
  const account = str(spec.serviceAccountName) ? 'spec.serviceAccountName' : str(spec.serviceAccount) ? 'spec.serviceAccount' : undefined;
  if (account) return [rejection(t, RULE_SERVICE_ACCOUNT_MIRROR_POD, account, 'a mirror pod may not reference service accounts')];
  const secret = firstSecretReference(spec);
  if (secret) return [rejection(t, RULE_SERVICE_ACCOUNT_MIRROR_POD, secret, 'a mirror pod may not reference secrets')];
  const volumes = arr(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const sources = arr(obj(obj(volumes[i])?.projected)?.sources);
    for (let j = 0; j < sources.length; j++) {
      if (isObj(obj(sources[j])?.serviceAccountToken)) {
        return [
          rejection(t, RULE_SERVICE_ACCOUNT_MIRROR_POD, `spec.volumes[${i}].projected.sources[${j}].serviceAccountToken`, 'a mirror pod may not use ServiceAccountToken volume projections'),
        ];
      }
    }
  }
  return [];
}

// Volume sources that name a secret (`VisitPodSecretNames`), and the field holding the name.
const SECRET_VOLUME_REFS: ReadonlyArray<[source: string, ref: string, nameKey: string]> = [
  ['azureFile', '', 'secretName'],
  ['cephfs', 'secretRef', 'name'],
  ['cinder', 'secretRef', 'name'],
  ['flexVolume', 'secretRef', 'name'],
  ['rbd', 'secretRef', 'name'],
  ['secret', '', 'secretName'],
  ['scaleIO', 'secretRef', 'name'],
  ['iscsi', 'secretRef', 'name'],
  ['storageos', 'secretRef', 'name'],
  ['csi', 'nodePublishSecretRef', 'name'],
];

/** The field of the first non-empty secret name the Pod references (`VisitPodSecretNames`, all containers). */
function firstSecretReference(spec: PlainObject): string | undefined {
  const pulls = arr(spec.imagePullSecrets);
  for (let i = 0; i < pulls.length; i++) if (str(obj(pulls[i])?.name)) return `spec.imagePullSecrets[${i}].name`;
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = arr(spec[key]);
    for (let i = 0; i < list.length; i++) {
      const c = obj(list[i]);
      if (!c) continue;
      const envFrom = arr(c.envFrom);
      for (let j = 0; j < envFrom.length; j++) if (str(obj(obj(envFrom[j])?.secretRef)?.name)) return `spec.${key}[${i}].envFrom[${j}].secretRef.name`;
      const env = arr(c.env);
      for (let j = 0; j < env.length; j++) if (str(obj(obj(obj(env[j])?.valueFrom)?.secretKeyRef)?.name)) return `spec.${key}[${i}].env[${j}].valueFrom.secretKeyRef.name`;
    }
  }
  const volumes = arr(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const v = obj(volumes[i]);
    if (!v) continue;
    const sources = arr(obj(v.projected)?.sources);
    for (let j = 0; j < sources.length; j++) if (str(obj(obj(sources[j])?.secret)?.name)) return `spec.volumes[${i}].projected.sources[${j}].secret.name`;
    for (const [source, ref, nameKey] of SECRET_VOLUME_REFS) {
      const s = obj(v[source]);
      const holder = ref ? obj(s?.[ref]) : s;
      if (str(holder?.[nameKey])) return `spec.volumes[${i}].${source}.${ref ? `${ref}.` : ''}${nameKey}`;
    }
  }
  return undefined;
}

/** `limitSecretReferences`: with enforce-mountable-secrets, only the account's secrets may be used. */
function limitSecretReferences(t: PodTarget, spec: PlainObject, pullSecrets: Plain[], declared: DeclaredObject): CreateFinding[] {
  const account = declared.value;
  const name = declared.name;
  const mountable = new Set(objs(account.secrets).map((s) => str(s.name) ?? ''));
  const related = [{ field: `metadata.annotations[${ENFORCE_MOUNTABLE_SECRETS_ANNOTATION}]`, message: `ServiceAccount "${name}" enforces its mountable secrets`, uri: declared.uri }];
  const out: CreateFinding[] = [];
  const reject = (field: string, reason: string) => out.push(rejection(t, RULE_SERVICE_ACCOUNT_SECRET, field, reason, related));
  arr(spec.volumes).forEach((v, i) => {
    const secret = obj(obj(v)?.secret);
    if (!secret) return;
    const secretName = str(secret.secretName) ?? '';
    if (!mountable.has(secretName)) {
      reject(`spec.volumes[${i}].secret.secretName`, `volume with secret.secretName="${secretName}" is not allowed because service account ${name} does not reference that secret`);
    }
  });
  for (const [key, label] of [['initContainers', 'init container'], ['containers', 'container']] as const) {
    arr(spec[key]).forEach((item, i) => {
      const c = obj(item);
      if (!c) return;
      const cname = str(c.name) ?? '';
      arr(c.env).forEach((e, j) => {
        const ref = obj(obj(obj(e)?.valueFrom)?.secretKeyRef);
        if (!ref) return;
        const secretName = str(ref.name) ?? '';
        if (mountable.has(secretName)) return;
        reject(
          `spec.${key}[${i}].env[${j}].valueFrom.secretKeyRef.name`,
          `${label} ${cname} with envVar ${str(obj(e)?.name) ?? ''} referencing secret.secretName="${secretName}" is not allowed because service account ${name} does not reference that secret`,
        );
      });
      arr(c.envFrom).forEach((e, j) => {
        const ref = obj(obj(e)?.secretRef);
        if (!ref) return;
        const secretName = str(ref.name) ?? '';
        if (mountable.has(secretName)) return;
        reject(
          `spec.${key}[${i}].envFrom[${j}].secretRef.name`,
          `${label} ${cname} with envFrom referencing secret.secretName="${secretName}" is not allowed because service account ${name} does not reference that secret`,
        );
      });
    });
  }
  const allowedPull = new Set(objs(account.imagePullSecrets).map((s) => str(s.name) ?? ''));
  pullSecrets.forEach((ref, i) => {
    if (!isObj(ref)) return;
    const secretName = str(ref.name) ?? '';
    if (allowedPull.has(secretName)) return;
    reject(`spec.imagePullSecrets[${i}].name`, `imagePullSecrets[${i}].name="${secretName}" is not allowed because service account ${name} does not reference that imagePullSecret`);
  });
  return out;
}

