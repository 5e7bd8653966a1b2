/** References between objects: what a Pod needs from the rest of the workspace (issue 14). */
export { referencesOf, namespaceOf, DEFAULT_NAMESPACE, type Reference, type RefKind, type RefSite, type KeyRef } from './collect';
export { referenceFindings } from './check';
export { definition, references, prepareRename, rename, targetAt, type ReferenceRename } from './navigate';
export { referenceHover, referenceCompletion } from './describe';
export { affectedBy } from './deps';
