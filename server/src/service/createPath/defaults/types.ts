/**
 * Shapes shared by the defaulting and PrepareForCreate parts of the create path (see the
 * create-path contract: plain JSON in, findings on upstream field paths out).
 */
import type { Plain } from '../../model/plain';

export type { CreateFinding } from '../finding';

/**
 * Why a field of the stored object differs from what the user wrote:
 *   default    a SetDefaults_* defaulter filled it (decoding, step 2)
 *   create     the API server set it on create (PrepareForCreate, generated name, namespace,
 *              the version conversion)
 *   canonical  the user's value rewritten into the form the API server stores (quantities)
 *   zero       a field serialized with its zero value although unset (`resources: {}`)
 */
export type ChangeReason = 'default' | 'create' | 'canonical' | 'zero';

export interface FieldChange {
  path: string;
  value: Plain;
  by: ChangeReason;
}

export interface CreateOptions {
  /** The namespace kubectl sends a namespaced object to when it names none (its context's). */
  namespace?: string;
}
