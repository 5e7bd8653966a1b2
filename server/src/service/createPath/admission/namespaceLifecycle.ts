/**
 * NamespaceLifecycle (k8s.io/apiserver admission/plugin/namespace/lifecycle): an object is
 * created only in a namespace that exists (`namespaces "x" not found`, a NotFound error) and
 * is not being terminated (`unable to create new content in namespace x because it is being
 * terminated`). Cluster-scoped objects and Namespaces themselves are always allowed.
 */
import { obj, str } from '../../model/plain';
import { BUILTIN_NAMESPACES, findDeclared, isClusterScoped } from './declared';
import { forbidden, missingReference } from './report';
import type { AdmissionPlugin } from './types';

export const RULE_NAMESPACE_NOT_FOUND = 'admission-namespace-not-found';
export const RULE_NAMESPACE_TERMINATING = 'admission-namespace-terminating';

// Access reviews must not reveal whether a namespace exists.
const ACCESS_REVIEW_KINDS = new Set(['LocalSubjectAccessReview']);

export const namespaceLifecycle: AdmissionPlugin = (object, ctx) => {
  const kind = str(object.kind);
  if (!kind || kind === 'Namespace' || isClusterScoped(kind) || ACCESS_REVIEW_KINDS.has(kind)) return { mutated: object, findings: [] };
  const ns = ctx.namespace;
  const field = str(obj(object.metadata)?.namespace) !== undefined ? 'metadata.namespace' : 'metadata';
  const declared = findDeclared(ctx.declared, 'Namespace', '', ns);
  if (!declared) {
    if (BUILTIN_NAMESPACES.includes(ns)) return { mutated: object, findings: [] };
    const finding = missingReference(ctx.declared, {
      rule: RULE_NAMESPACE_NOT_FOUND,
      field,
      errorType: 'NotFound',
      kind: 'Namespace',
      name: ns,
      namespace: '',
      message: `namespaces "${ns}" not found`,
    });
    return { mutated: object, findings: [finding] };
  }
  if (str(obj(declared.value.status)?.phase) === 'Terminating') {
    return {
      mutated: object,
      findings: [
        {
          rule: RULE_NAMESPACE_TERMINATING,
          field,
          errorType: 'Forbidden',
          message: forbidden(object, `unable to create new content in namespace ${ns} because it is being terminated`),
          related: [{ field: 'status.phase', message: `Namespace "${ns}" is being terminated`, uri: declared.uri, object: declared.value }],
        },
      ],
    };
  }
  return { mutated: object, findings: [] };
};
