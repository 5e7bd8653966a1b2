/**
 * The shape of a Pod Security check (policy/checks.go): an id, the level it belongs to, and its
 * revisions by the first policy version each applies to.
 */
import type { PodView } from './podView';
import { joinQuote, pluralize } from './text';

/** One failed check: upstream's ForbiddenReason and ForbiddenDetail, and the fields at fault. */
export interface Violation {
  /** The check id (`privileged`, `runAsNonRoot`, …). */
  id: string;
  reason: string;
  /** May be empty (then the message shows the reason alone). */
  detail: string;
  /** Upstream paths of the offending (or missing) fields, relative to the object. */
  fields: string[];
}

export type CheckOutcome = Omit<Violation, 'id'> | undefined;

export type CheckPod = (pod: PodView) => CheckOutcome;

export interface VersionedCheck {
  /** First policy minor version (1.N) this revision applies to. */
  minimumVersion: number;
  checkPod: CheckPod;
  /** Baseline checks this restricted revision replaces at the restricted level. */
  overrides?: string[];
}

export interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** Strictly increasing minimum versions. */
  versions: VersionedCheck[];
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** The setters list of several checks: `pod and containers "a", "b"`. */
export function settersPhrase(pod: boolean, containers: readonly string[]): string {
  const parts: string[] = [];
  if (pod) parts.push('pod');
  if (containers.length > 0) parts.push(containersPhrase(containers));
  return parts.join(' and ');
}
