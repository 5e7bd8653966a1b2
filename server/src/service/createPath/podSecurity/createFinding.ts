/**
 * What a create-path part returns (the issue-13 contract shared by its parts). Kept here until
 * the parts are merged; the integration maps `field` to a span of the user's tree.
 */
import type { PlainObject } from '../../model/plain';

export type { CreateFinding } from '../finding';

/** Objects the workspace declares (the contract's DeclaredObjects; only what PodSecurity reads). */
export interface DeclaredLookup {
  get(kind: string, namespace: string): Array<{ name: string; value: PlainObject; uri: string }>;
}
