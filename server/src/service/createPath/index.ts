/**
 * The create path, in kube-apiserver's order, for one object: decoding and defaulting, the
 * mutating admission plugins, PrepareForCreate (status reset, fields of default-off gates
 * dropped), then the validating admission plugins (PodSecurity among them). Field validation
 * (rules/**) runs on the user's tree beside this; what admission and PrepareForCreate change
 * that validation would judge differently is reported here.
 *
 * Pure, over plain JSON; never throws on odd input. Upstream stops at the first rejection; here
 * every step runs so that every problem shows at once.
 */
import { isObj, obj, str, type PlainObject } from '../model/plain';
import type { CreateFinding } from './finding';
import { admit, isClusterScoped, type DeclaredObjects } from './admission';
import { decodeAndDefault, prepareForCreateInPlace, type FieldChange } from './defaults';
import { findNamespace, podSecurityForNamespace, podSecurityForObject, type PodSecurityConfig } from './podSecurity';

export type { CreateFinding, CreateRelated } from './finding';

export interface CreateContext {
  declared: DeclaredObjects;
  /** The namespace kubectl sends namespaced objects without one to (its context's; default "default"). */
  defaultNamespace?: string;
  podSecurity?: PodSecurityConfig;
}

export interface CreateResult {
  /** The object as the API server would store it (defaults, admission, PrepareForCreate). */
  stored: PlainObject;
  findings: CreateFinding[];
  /** Fields the API server filled or rewrote, with why. */
  changes: FieldChange[];
  /** Paths of `stored` that hold placeholders for values only a running API server knows. */
  serverAssigned: string[];
}

/** The namespace an object is created in. */
export function namespaceOf(object: PlainObject, defaultNamespace = 'default'): string {
  const kind = str(object.kind) ?? '';
  if (isClusterScoped(kind)) return '';
  return str(obj(object.metadata)?.namespace) || defaultNamespace;
}

export function createObject(object: PlainObject, ctx: CreateContext): CreateResult {
  const namespace = namespaceOf(object, ctx.defaultNamespace);
  // One copy, at the entry: admission edits copy-on-write and copies every value it writes,
  // so what it returns is a tree of this copy and its own objects, which PrepareForCreate may
  // then change in place.
  const defaulted = decodeAndDefault(object);
  const admitted = admit(defaulted.object, { declared: ctx.declared, namespace });
  const prepared = prepareForCreateInPlace(admitted.mutated, { namespace });
  const kind = str(object.kind) ?? '';
  const findings: CreateFinding[] = [];
  const add = (list: readonly CreateFinding[], stage: CreateFinding['stage']): void => {
    for (const f of list) findings.push({ ...f, stage });
  };
  add(defaulted.findings, 'create');
  add(admitted.findings, 'admission');
  add(prepared.dropped, 'create');
  // PodSecurity is a validating plugin: it judges the object as it would be stored.
  const psa = kind === 'Namespace'
    ? podSecurityForNamespace(prepared.stored, ctx.podSecurity)
    : podSecurityForObject({ kind, object: prepared.stored, namespace: namespace ? findNamespace(ctx.declared, namespace) : undefined, config: ctx.podSecurity });
  add(psa, 'admission');
  return { stored: isObj(prepared.stored) ? prepared.stored : object, findings, changes: [...defaulted.changes, ...prepared.defaulted], serverAssigned: prepared.serverAssigned };
}
