/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault),
 * PersistentVolumeClaims on create: a claim that names no class (no `spec.storageClassName`,
 * not even "", and no beta annotation `volume.beta.kubernetes.io/storage-class`) gets the
 * default StorageClass, the one annotated `storageclass.kubernetes.io/is-default-class: "true"`.
 * With several defaults upstream picks the newest (creationTimestamp), then the first by name.
 * Claims that a StatefulSet or an ephemeral volume creates get it when they are created.
 */
import { hasOwn, obj, str, text } from '../../model/plain';
import { claimTargets } from './claims';
import { Draft } from './draft';
import type { AdmissionPlugin, CreateFinding, DeclaredObject, DeclaredObjects } from './types';

export const RULE_DEFAULT_STORAGE_CLASS = 'admission-default-storage-class';

const IS_DEFAULT = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function isDefault(sc: DeclaredObject): boolean {
  const annotations = obj(obj(sc.value.metadata)?.annotations);
  return IS_DEFAULT.some((k) => text(annotations?.[k]) === 'true');
}

/** creationTimestamp in ms; a class without one sorts as the zero time (oldest). */
function created(sc: DeclaredObject): number {
  const t = Date.parse(str(obj(sc.value.metadata)?.creationTimestamp) ?? '');
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** `GetDefaultClass`: the default classes, newest first, then by name. */
export function defaultStorageClasses(declared: DeclaredObjects): DeclaredObject[] {
  return declared
    .get('StorageClass', '')
    .filter(isDefault)
    .sort((a, b) => {
      const ta = created(a);
      const tb = created(b);
      if (ta !== tb) return tb > ta ? 1 : -1;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
}

export const defaultStorageClass: AdmissionPlugin = (object, ctx) => {
  const claims = claimTargets(object);
  if (claims.length === 0) return { mutated: object, findings: [] };
  const defaults = defaultStorageClasses(ctx.declared);
  if (defaults.length === 0) return { mutated: object, findings: [] };
  const chosen = defaults[0];
  const several =
    defaults.length > 1
      ? ` ${defaults.length} StorageClasses are marked default (${defaults.map((d) => d.name).join(', ')}); DefaultStorageClass picks the newest by creationTimestamp, then the first by name.`
      : '';
  const findings: CreateFinding[] = [];
  let mutated = object;
  for (const c of claims) {
    const spec = obj(c.claim.spec);
    const annotations = obj(obj(c.claim.metadata)?.annotations);
    const hasClass = (annotations !== undefined && hasOwn(annotations, BETA_CLASS_ANNOTATION)) || (spec !== undefined && spec.storageClassName !== undefined && spec.storageClassName !== null);
    if (hasClass) continue;
    if (!c.createdBy) {
      const draft = new Draft(object, ctx.inPlace);
      draft.set(['spec'], 'storageClassName', chosen.name);
      mutated = draft.result();
    }
    findings.push({
      rule: RULE_DEFAULT_STORAGE_CLASS,
      field: `${c.prefix}spec`,
      severity: 'information',
      message: `${c.createdBy ? `PersistentVolumeClaims that ${c.createdBy} get` : 'DefaultStorageClass sets'} storageClassName: ${chosen.name} (the default StorageClass).${several}`,
      related: [{ field: 'metadata.annotations', message: `StorageClass "${chosen.name}" is the default`, uri: chosen.uri, object: chosen.value }],
    });
  }
  return { mutated, findings };
};
