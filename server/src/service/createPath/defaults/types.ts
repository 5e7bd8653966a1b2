/**
 * Shapes shared by the defaulting and PrepareForCreate parts of the create path (see the
 * create-path contract: plain JSON in, findings on upstream field paths out).
 */
import type { ErrorType } from '../../validate/finding';
import type { Plain } from '../../scheduler/values';

export interface CreateFinding {
  rule: string;
  /** Upstream field path relative to the object (`spec.template.spec.containers[0].lifecycle.stopSignal`). */
  field: string;
  errorType?: ErrorType;
  message: string;
  /** Default: error when errorType is set, else warning. */
  severity?: 'error' | 'warning' | 'information';
  related?: Array<{ field: string; message: string; uri?: string }>;
}

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
