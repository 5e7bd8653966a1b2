/**
 * Steps 2 and 3 of the create path (kube-apiserver 1.35, default feature gates): the object
 * as the API server would store it, for Pods, Nodes, PodTemplates and the workloads.
 *
 *   decodeAndDefault   JSON → Go struct semantics, the generated defaulters, ResourceLists
 *                      rounded, conversion to the internal version
 *   (mutating admission runs here, upstream: the integration applies it to the result)
 *   prepareForCreate   system metadata, generated name, namespace, PrepareForCreate of the
 *                      kind's strategy (status, generation, QoS, drops of default-off gates),
 *                      conversion back to v1, serialization (zero-valued fields, canonical
 *                      quantities)
 *   storedObject       both, for objects no admission plugin changed
 *
 * Pure functions over plain JSON: the input is never modified, wrong types are left as they
 * are (strict decoding and validation report them), nothing throws.
 */
import { toPlain } from '../../model/plain';
import { child, stringAt, type KMap } from '../../parse/tree';
import { isObj, type PlainObject } from '../../model/plain';
import { convertIn, convertOut } from './conversion';
import { decodedCopy, decodedCopyOfTree, goPass } from './goJson';
import { defaultObject, kindFor, kindOf, MODEL, type Kind } from './kinds';
import { prepareObject } from './prepare';
import { copyTree, newObject, Recorder } from './record';
import type { CreateFinding, CreateOptions, FieldChange } from './types';

export type { ChangeReason, CreateFinding, CreateOptions, FieldChange } from './types';
export { GENERATED_NAME_SUFFIX, PLACEHOLDER_UID, SERVER_SET_METADATA } from './prepare';
export { KUBERNETES_VERSION } from './drop';
export { renderStoredYaml } from './yaml';

export interface DefaultedObject {
  /** A copy of the input, decoded and defaulted. */
  object: PlainObject;
  /** The kind, when the create path handles it (otherwise the object is only copied). */
  kind?: Kind;
  changes: FieldChange[];
  findings: CreateFinding[];
}

export interface StoredObject {
  stored: PlainObject;
  /** Every field the API server filled or rewrote, with the reason (see ChangeReason). */
  defaulted: FieldChange[];
  /** Fields dropped or ignored on create, and problems met on the way (upstream words where upstream has them). */
  dropped: CreateFinding[];
  /** Paths of `stored` holding placeholders for values only the running API server knows. */
  serverAssigned: string[];
}

function copyOf(object: unknown): PlainObject {
  return isObj(object) ? (copyTree(object) as PlainObject) : newObject();
}

/** Step 2: decoding and defaulting, then conversion to the internal version. */
export function decodeAndDefault(object: PlainObject): DefaultedObject {
  const rec = new Recorder();
  const { object: decoded, kind } = defaultedCopy(object, rec);
  return kind ? { object: decoded, kind, changes: rec.changes, findings: rec.findings } : { object: decoded, changes: rec.changes, findings: rec.findings };
}

/** decodeAndDefault, recording into `rec`: a copy of the object, decoded and defaulted. */
export function defaultedCopy(object: PlainObject, rec: Recorder): { object: PlainObject; kind?: Kind } {
  const kind = isObj(object) ? kindOf(object) : undefined;
  if (!kind) return { object: copyOf(object) };
  // The copy is made decoded: one walk instead of a copy and a decoding pass.
  return { object: defaulted(decodedCopy(object, MODEL[kind]), kind, rec), kind };
}

/**
 * defaultedCopy(toPlain(map), rec), read from the parsed tree: validation's route, which
 * builds the object once instead of twice.
 */
export function defaultedCopyOfTree(map: KMap, rec: Recorder): { object: PlainObject; kind?: Kind } {
  const kind = kindFor(stringAt(map, 'apiVersion'), stringAt(map, 'kind'));
  // toPlain makes a new tree: it is the copy.
  if (!kind) return { object: toPlain(map) as PlainObject };
  // Rounding resource lists before defaulting instead of after gives the same object when
  // defaulting only copies quantities (limits into requests, a Node's capacity into
  // allocatable), not when it sums them (a Pod's pod-level resources). Only the findings-only
  // run does it, for it lists no change (the full run lists each rounding, after the defaults).
  const roundFirst = rec.findingsOnly && !(kind === 'Pod' && child(child(map, 'spec'), 'resources') !== undefined);
  return { object: defaulted(decodedCopyOfTree(map, MODEL[kind], roundFirst), kind, rec, roundFirst), kind };
}

/** Step 2 after decoding, on the decoded copy (`rounded`: the resource lists already are). */
function defaulted(decoded: PlainObject, kind: Kind, rec: Recorder, rounded = false): PlainObject {
  defaultObject(decoded, kind, rec);
  if (!rounded) goPass(decoded, MODEL[kind], { round: true }, rec);
  convertIn(decoded, kind, rec);
  return decoded;
}

/**
 * Step 3 on an object decodeAndDefault returned (after mutating admission): what the API
 * server sets on create and PrepareForCreate, then the object written back as v1 JSON.
 */
export function prepareForCreate(defaulted: PlainObject, options: CreateOptions = {}): StoredObject {
  const rec = new Recorder();
  const stored = copyOf(defaulted);
  const serverAssigned = prepareInPlace(stored, options, rec, true);
  return { stored, defaulted: rec.changes, dropped: rec.findings, serverAssigned };
}

/**
 * prepareForCreate, in place, on an object the caller owns and gives up: a tree no one else
 * holds a part of (decodeAndDefault's result, and admission's edits of it). Returns the paths
 * of server-assigned placeholders. Without `encode` the object stays in its internal form
 * (nothing is serialized): enough for what judges it (PodSecurity), not for showing it.
 */
export function prepareInPlace(object: PlainObject, options: CreateOptions, rec: Recorder, encode: boolean): string[] {
  const kind = kindOf(object);
  const serverAssigned: string[] = [];
  if (kind) {
    prepareObject(object, kind, rec, options, serverAssigned);
    convertOut(object, kind, rec);
    if (encode) goPass(object, MODEL[kind], { encode: true }, rec);
  }
  return serverAssigned;
}

/** The object as `kubectl create` would store it when no admission plugin changes it. */
export function storedObject(object: PlainObject, options: CreateOptions = {}): StoredObject {
  const first = new Recorder();
  const { object: stored } = defaultedCopy(object, first);
  const second = new Recorder();
  const serverAssigned = prepareInPlace(stored, options, second, true);
  return {
    stored,
    defaulted: [...first.changes, ...second.changes],
    dropped: [...first.findings, ...second.findings],
    serverAssigned,
  };
}
