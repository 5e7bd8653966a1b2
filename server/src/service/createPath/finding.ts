/**
 * What a step of the create path reports: upstream's words on an upstream field path relative
 * to the object. The integration (createPath/locate.ts) puts it on the user's text: the field
 * when written, else the deepest field on its way that is.
 */
import type { ErrorType } from '../diagnostics/finding';
import type { PlainObject } from '../model/plain';
import type { RuleId } from '../diagnostics/catalog';

export interface CreateRelated {
  field: string;
  message: string;
  /** The file of another object the related field belongs to (a LimitRange, a Namespace …). */
  uri?: string;
  /** That object, as the workspace declared it (so the field can be found in its file). */
  object?: PlainObject;
}

export interface CreateFinding {
  /** Rule id (diagnostics/catalog.ts): a misspelt id does not compile. */
  rule: RuleId;
  /** Upstream field path relative to the object (`spec.containers[0].resources.limits[cpu]`). */
  field: string;
  /** Set when the API server rejects the object for this. */
  errorType?: ErrorType;
  message: string;
  /** Default: error when errorType is set, else warning. */
  severity?: 'error' | 'warning' | 'information';
  /** The other half, e.g. the LimitRange item that sets the maximum. */
  related?: CreateRelated[];
  /** Which step found it (set by the pipeline): defaulting/PrepareForCreate, or an admission plugin. */
  stage?: CreateStage;
}

export type CreateStage = 'create' | 'admission';
