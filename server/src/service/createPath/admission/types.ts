/**
 * The contract of the admission step of the create path (CREATEPATH.md): plugins are pure
 * functions over plain JSON objects (the shape `toPlain()` produces), reading the objects the
 * workspace declares, returning the object as admission leaves it and what they found.
 */
import type { PlainObject } from '../../model/plain';

import type { CreateFinding } from '../finding';
export type { Plain, PlainObject } from '../../model/plain';

export type { CreateFinding, CreateRelated } from '../finding';

export interface DeclaredObject {
  name: string;
  value: PlainObject;
  uri: string;
}

export interface DeclaredObjects {
  /**
   * Objects of a kind in a namespace (cluster-scoped kinds: namespace ''). The list is not
   * modified afterwards (lookups may index it once).
   */
  get(kind: string, namespace: string): DeclaredObject[];
  /**
   * Closed-world rule: true when the workspace declares objects of that kind in that namespace,
   * or the user declared the workspace complete. Only then is a missing reference an error.
   */
  closed(kind: string, namespace: string): boolean;
  /** True when the user declared the workspace to be the whole cluster. */
  complete: boolean;
}

export interface AdmissionContext {
  declared: DeclaredObjects;
  /** The namespace the object is created in (its metadata.namespace, else the client's default). */
  namespace: string;
  /**
   * The object is the caller's to give up (createObject's own copy): plugins edit it in place
   * instead of copying what they write to (see Draft). Plugins still return it as `mutated`.
   */
  inPlace?: boolean;
  /**
   * Only the findings are wanted, not the object (validation's run of the create path): a
   * plugin may leave out writes that no later plugin, PrepareForCreate or PodSecurity reads.
   */
  findingsOnly?: boolean;
}

export interface AdmissionResult {
  /** The object as the plugin leaves it; the input itself when nothing changed (never mutated unless `inPlace`). */
  mutated: PlainObject;
  findings: CreateFinding[];
}

export type AdmissionPlugin = (object: PlainObject, ctx: AdmissionContext) => AdmissionResult;
