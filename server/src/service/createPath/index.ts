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
import { obj, str, type PlainObject } from '../model/plain';
import type { CreateFinding } from './finding';
import { admit, isClusterScoped, type DeclaredObjects } from './admission';
import { defaultedCopy, prepareInPlace, type FieldChange } from './defaults';
import { Recorder } from './defaults/record';
import { findNamespace, podSecurityForNamespace, podSecurityForObject, type PodSecurityConfig } from './podSecurity';

export type { CreateFinding, CreateRelated } from './finding';

export interface CreateContext {
  declared: DeclaredObjects;
  /** The namespace kubectl sends namespaced objects without one to (its context's; default "default"). */
  defaultNamespace?: string;
  podSecurity?: PodSecurityConfig;
}

export interface CreateResult {
  findings: CreateFinding[];
  /** The object as the API server would store it (defaults, admission, PrepareForCreate). */
  readonly stored: PlainObject;
  /** Fields the API server filled or rewrote, with why. */
  readonly changes: FieldChange[];
  /** Paths of `stored` that hold placeholders for values only a running API server knows. */
  readonly serverAssigned: string[];
}

/** The namespace an object is created in. */
export function namespaceOf(object: PlainObject, defaultNamespace = 'default'): string {
  const kind = str(object.kind) ?? '';
  if (isClusterScoped(kind)) return '';
  return str(obj(object.metadata)?.namespace) || defaultNamespace;
}

/**
 * The create path of one object. Validation wants only the findings, the preview the stored
 * object: the findings are computed at once, without serializing the object or listing what
 * changed; `stored`, `changes` and `serverAssigned` are computed when first read, from the
 * same input and context (which must not change in between). Both runs find the same.
 */
export function createObject(object: PlainObject, ctx: CreateContext, again?: () => PlainObject): CreateResult {
  return new LazyResult(again ?? object, ctx, run(object, ctx, false).findings);
}

/** `findings` as a property; the rest as getters running the full pipeline once. */
class LazyResult implements CreateResult {
  // Not properties of the result: what the full run starts from (or a way to make it again,
  // so that a large input is not kept for a preview that may never be asked), let go once it ran.
  #input: { object: PlainObject | (() => PlainObject); ctx: CreateContext } | undefined;
  #full: Run | undefined;

  constructor(
    object: PlainObject | (() => PlainObject),
    ctx: CreateContext,
    readonly findings: CreateFinding[],
  ) {
    this.#input = { object, ctx };
  }

  get stored(): PlainObject {
    return this.#complete().stored;
  }

  get changes(): FieldChange[] {
    return this.#complete().changes;
  }

  get serverAssigned(): string[] {
    return this.#complete().serverAssigned;
  }

  #complete(): Run {
    if (!this.#full) {
      const { object, ctx } = this.#input!;
      this.#full = run(typeof object === 'function' ? object() : object, ctx, true);
      this.#input = undefined;
    }
    return this.#full;
  }
}

interface Run {
  stored: PlainObject;
  findings: CreateFinding[];
  changes: FieldChange[];
  serverAssigned: string[];
}

/** One run of the pipeline; `full`: the object serialized as stored, and every change listed. */
function run(object: PlainObject, ctx: CreateContext, full: boolean): Run {
  const namespace = namespaceOf(object, ctx.defaultNamespace);
  // One copy, at the entry; admission and PrepareForCreate then change it in place (admission
  // never shares what it writes with anything else, such as a declared object).
  const defaulting = new Recorder(full);
  const defaulted = defaultedCopy(object, defaulting);
  const admitted = admit(defaulted.object, { declared: ctx.declared, namespace, inPlace: true });
  const preparing = new Recorder(full);
  const prepared = admitted.mutated;
  const serverAssigned = prepareInPlace(prepared, { namespace }, preparing, full);
  const kind = str(object.kind) ?? '';
  const findings: CreateFinding[] = [];
  const add = (list: readonly CreateFinding[], stage: CreateFinding['stage']): void => {
    for (const f of list) findings.push(Object.assign({}, f, { stage }));
  };
  add(defaulting.findings, 'create');
  add(admitted.findings, 'admission');
  add(preparing.findings, 'create');
  // PodSecurity is a validating plugin: it judges the object as it would be stored (serializing
  // it adds and rewrites nothing PodSecurity reads: zero values of fields it reads as absent,
  // and quantities).
  const psa = kind === 'Namespace'
    ? podSecurityForNamespace(prepared, ctx.podSecurity)
    : podSecurityForObject({ kind, object: prepared, namespace: namespace ? findNamespace(ctx.declared, namespace) : undefined, config: ctx.podSecurity });
  add(psa, 'admission');
  return { stored: prepared, findings, changes: [...defaulting.changes, ...preparing.changes], serverAssigned };
}
