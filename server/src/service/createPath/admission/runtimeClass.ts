/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass), Pods on create: `runtimeClassName` must
 * name a RuntimeClass (node.k8s.io/v1); its `overhead.podFixed` becomes the Pod's
 * `spec.overhead` (a different overhead set by the Pod is rejected, and so is an overhead
 * without a RuntimeClass that defines one); its `scheduling.nodeSelector` is merged into the
 * Pod's (a different value for the same key is a conflict) and its tolerations are merged in.
 */
import { arr, obj, objs, text } from '../../model/plain';
import { findDeclared } from './declared';
import { newObject } from './draft';
import { podPlugin } from './podPlugin';
import { canonicalQuantity, readResourceList, sameResourceList } from './quantities';
import { fieldOf, missingReference, rejection, rejectionMessage } from './report';
import { mergeTolerations } from './tolerations';
import type { CreateFinding, DeclaredObject } from './types';

export const RULE_RUNTIME_CLASS_NOT_FOUND = 'admission-runtime-class-not-found';
export const RULE_RUNTIME_CLASS_OVERHEAD = 'admission-runtime-class-overhead';
export const RULE_RUNTIME_CLASS_NODE_SELECTOR = 'admission-runtime-class-node-selector-conflict';

export const runtimeClass = podPlugin((t, draft, ctx) => {
  const spec = t.spec;
  const findings: CreateFinding[] = [];
  const name = typeof spec.runtimeClassName === 'string' ? spec.runtimeClassName : undefined;
  let rc: DeclaredObject | undefined;
  if (name !== undefined) {
    rc = findDeclared(ctx.declared, 'RuntimeClass', '', name);
    if (!rc) {
      findings.push(
        missingReference(ctx.declared, {
          rule: RULE_RUNTIME_CLASS_NOT_FOUND,
          field: fieldOf(t, 'spec.runtimeClassName'),
          errorType: 'Forbidden',
          kind: 'RuntimeClass',
          name,
          namespace: '',
          message: rejectionMessage(t, `pod rejected: RuntimeClass "${name}" not found`),
          template: t.templateOf !== undefined,
        }),
      );
      // Rejected, or unknown here: its overhead and scheduling cannot be applied or checked.
      return findings;
    }
  }

  const podOverhead = readResourceList(spec.overhead);
  const overhead = rc ? obj(rc.value.overhead) : undefined;
  const related = (field: string, message: string) => (rc ? [{ field, message, uri: rc.uri }] : undefined);
  if (overhead) {
    // setOverhead: a nil podFixed replaces the Pod's overhead with nothing.
    const fixed = readResourceList(overhead.podFixed);
    if (podOverhead.size > 0 && !sameResourceList(fixed, podOverhead)) {
      findings.push(
        rejection(t, RULE_RUNTIME_CLASS_OVERHEAD, 'spec.overhead', "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead", related('overhead.podFixed', `RuntimeClass "${rc!.name}" defines the overhead`)),
      );
      return findings;
    }
    if (podOverhead.size === 0 && fixed.size > 0) {
      const stored = newObject();
      for (const [k, q] of fixed) if (q) stored[k] = canonicalQuantity(q);
      draft.setNew(['spec'], 'overhead', stored);
    }
  } else if (podOverhead.size > 0) {
    // validateOverhead, after every mutation: an overhead needs a RuntimeClass that defines one.
    findings.push(rejection(t, RULE_RUNTIME_CLASS_OVERHEAD, 'spec.overhead', 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'));
    return findings;
  }

  const scheduling = rc ? obj(rc.value.scheduling) : undefined;
  if (!scheduling) return findings;
  const rcSelector = obj(scheduling.nodeSelector);
  const podSelector = obj(spec.nodeSelector);
  if (rcSelector) {
    if (!podSelector) {
      const copy = newObject();
      for (const k of Object.keys(rcSelector)) copy[k] = text(rcSelector[k]) ?? '';
      if (Object.keys(copy).length > 0) draft.setNew(['spec'], 'nodeSelector', copy);
    } else {
      const conflicts: CreateFinding[] = [];
      for (const k of Object.keys(rcSelector)) {
        const want = text(rcSelector[k]) ?? '';
        if (Object.prototype.hasOwnProperty.call(podSelector, k)) {
          const have = text(podSelector[k]) ?? '';
          if (have !== want) {
            conflicts.push(
              rejection(
                t,
                RULE_RUNTIME_CLASS_NODE_SELECTOR,
                `spec.nodeSelector[${k}]`,
                `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${want}; pod.spec.nodeSelector[${k}] = ${have}`,
                related(`scheduling.nodeSelector[${k}]`, `RuntimeClass "${rc!.name}" selects ${k}=${want}`),
              ),
            );
          }
          continue;
        }
        draft.set(['spec', 'nodeSelector'], k, want);
      }
      if (conflicts.length > 0) return [...findings, ...conflicts];
    }
  }

  const podTolerations = objs(spec.tolerations);
  const merged = mergeTolerations(podTolerations, objs(scheduling.tolerations));
  const before = arr(spec.tolerations);
  const unchanged = merged.length === before.length && merged.every((m, i) => m === before[i]);
  if (!unchanged) {
    // An empty result is nil upstream: the field is not stored.
    if (merged.length > 0) draft.set(['spec'], 'tolerations', merged);
    else draft.remove(['spec'], 'tolerations');
  }
  return findings;
});
