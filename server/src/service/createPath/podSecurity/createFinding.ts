/**
 * What a create-path part returns (the issue-13 contract shared by its parts). Kept here until
 * the parts are merged; the integration maps `field` to a span of the user's tree.
 */
import type { PlainObject } from '../../scheduler/values';
import type { ErrorType } from '../../validate/finding';

export interface CreateFinding {
  rule: string;
  /** Upstream field path relative to the object (`spec.template.spec.containers[0].securityContext`). */
  field: string;
  /** Set when the API server rejects the object for this. */
  errorType?: ErrorType;
  /** Upstream's words. */
  message: string;
  /** Default: error when errorType is set, else warning. */
  severity?: 'error' | 'warning' | 'information';
  /** The other half: offending fields, or the Namespace label that chose the policy (with its uri). */
  related?: Array<{ field: string; message: string; uri?: string }>;
}

/** Objects the workspace declares (the contract's DeclaredObjects; only what PodSecurity reads). */
export interface DeclaredLookup {
  get(kind: string, namespace: string): Array<{ name: string; value: PlainObject; uri: string }>;
}
