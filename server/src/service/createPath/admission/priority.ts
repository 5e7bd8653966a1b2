/**
 * Priority (plugin/pkg/admission/priority), Pods on create: `priorityClassName` must name a
 * PriorityClass (declared, or one of the two built-in system classes); without one the
 * globalDefault class applies (its name is written into the Pod), else priority 0. The Pod gets
 * the class's `priority` and `preemptionPolicy`, and is rejected when it sets either to
 * something else.
 */
import { bool, int, str, type PlainObject } from '../../model/plain';
import { findDeclared } from './declared';
import { podPlugin } from './podPlugin';
import { fieldOf, missingReference, rejection, rejectionMessage } from './report';
import type { CreateFinding, DeclaredObjects } from './types';

export const RULE_PRIORITY_CLASS_NOT_FOUND = 'admission-priority-class-not-found';
export const RULE_PRIORITY_MISMATCH = 'admission-priority-mismatch';

const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

/** The classes kube-apiserver creates (scheduling.SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyArray<{ name: string; value: number }> = [
  { name: 'system-node-critical', value: 2000001000 },
  { name: 'system-cluster-critical', value: 2000000000 },
];

interface ResolvedClass {
  name: string;
  value: number;
  /** Defaulted to PreemptLowerPriority, as a stored PriorityClass is. */
  preemptionPolicy: string;
  uri?: string;
  object?: PlainObject;
}

function resolved(name: string, value: PlainObject, uri: string): ResolvedClass {
  return { name, value: int(value.value) ?? 0, preemptionPolicy: str(value.preemptionPolicy) || PREEMPT_LOWER_PRIORITY, uri, object: value };
}

function lookupClass(declared: DeclaredObjects, name: string): ResolvedClass | undefined {
  const d = findDeclared(declared, 'PriorityClass', '', name);
  if (d) return resolved(d.name, d.value, d.uri);
  const system = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  return system && { name: system.name, value: system.value, preemptionPolicy: PREEMPT_LOWER_PRIORITY };
}

/** `getDefaultPriorityClass`: of several globalDefault classes, the one with the lowest value. */
function defaultClass(declared: DeclaredObjects): ResolvedClass | undefined {
  let best: ResolvedClass | undefined;
  for (const d of declared.get('PriorityClass', '')) {
    if (bool(d.value.globalDefault) !== true) continue;
    const c = resolved(d.name, d.value, d.uri);
    if (!best || c.value < best.value) best = c;
  }
  return best;
}

export const priority = podPlugin((t, draft, ctx) => {
  const spec = t.spec;
  const findings: CreateFinding[] = [];
  const named = str(spec.priorityClassName) ?? '';
  let cls: ResolvedClass | undefined;
  if (named === '') {
    cls = defaultClass(ctx.declared);
    if (cls) draft.set(['spec'], 'priorityClassName', cls.name);
  } else {
    cls = lookupClass(ctx.declared, named);
    if (!cls) {
      findings.push(
        missingReference(ctx.declared, {
          rule: RULE_PRIORITY_CLASS_NOT_FOUND,
          field: fieldOf(t, 'spec.priorityClassName'),
          errorType: 'Forbidden',
          kind: 'PriorityClass',
          name: named,
          namespace: '',
          message: rejectionMessage(t, `no PriorityClass with name ${named} was found`),
          template: t.templateOf !== undefined,
        }),
      );
      // Rejected, or its value is unknown here: nothing to compute.
      return findings;
    }
  }
  const value = cls?.value ?? 0;
  const policy = cls?.preemptionPolicy ?? PREEMPT_LOWER_PRIORITY;
  const related = cls?.uri !== undefined ? [{ field: 'value', message: `PriorityClass "${cls.name}" has value ${value}`, uri: cls.uri, object: cls.object }] : undefined;
  const given = int(spec.priority);
  if (given !== undefined && given !== value) {
    findings.push(
      rejection(
        t,
        RULE_PRIORITY_MISMATCH,
        'spec.priority',
        `the integer value of priority (${given}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
        related,
      ),
    );
    return findings;
  }
  if (given !== value) draft.set(['spec'], 'priority', value);
  const givenPolicy = str(spec.preemptionPolicy);
  if (givenPolicy !== undefined && givenPolicy !== policy) {
    const policyRelated = cls?.uri !== undefined ? [{ field: 'preemptionPolicy', message: `PriorityClass "${cls.name}" has preemptionPolicy ${policy}`, uri: cls.uri, object: cls.object }] : undefined;
    findings.push(
      rejection(
        t,
        RULE_PRIORITY_MISMATCH,
        'spec.preemptionPolicy',
        `the string value of PreemptionPolicy (${givenPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
        policyRelated,
      ),
    );
    return findings;
  }
  if (givenPolicy !== policy) draft.set(['spec'], 'preemptionPolicy', policy);
  return findings;
});
