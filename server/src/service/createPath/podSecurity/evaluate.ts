/**
 * The check registry and evaluation of a Pod against one level:version (policy/registry.go):
 * baseline checks, or restricted checks plus the baseline checks they do not override, each
 * in the revision of that version; baseline ids first, then restricted ids, each sorted.
 * Versions past the newest revision (and `latest`) evaluate as the newest.
 */
import { BASELINE_CHECKS } from './baselineChecks';
import type { Check, CheckPod, Violation } from './check';
import type { Level, Version } from './levels';
import type { PodView } from './podView';
import { RESTRICTED_CHECKS } from './restrictedChecks';
import { compareGo } from './text';

export const CHECKS: readonly Check[] = [
  ...[...BASELINE_CHECKS].sort((a, b) => compareGo(a.id, b.id)),
  ...[...RESTRICTED_CHECKS].sort((a, b) => compareGo(a.id, b.id)),
];

/** The newest policy version any check has a revision for: what `latest` means (1.35). */
export const MAX_POLICY_MINOR = Math.max(...CHECKS.map((c) => c.versions[c.versions.length - 1].minimumVersion));

export function effectiveMinor(version: Version): number {
  return version.latest || version.minor > MAX_POLICY_MINOR ? MAX_POLICY_MINOR : version.minor;
}

function revisionAt(check: Check, minor: number) {
  let found: Check['versions'][number] | undefined;
  for (const v of check.versions) if (v.minimumVersion <= minor) found = v;
  return found;
}

/** The checks run for a level at a version, in upstream's order. */
export function checksFor(level: Level, version: Version): Array<{ id: string; checkPod: CheckPod }> {
  if (level === 'privileged') return [];
  const minor = effectiveMinor(version);
  const active = CHECKS.flatMap((c) => {
    const rev = revisionAt(c, minor);
    return rev && (c.level === 'baseline' || level === 'restricted') ? [{ check: c, rev }] : [];
  });
  const overridden = new Set(active.flatMap(({ rev }) => rev.overrides ?? []));
  return active.filter(({ check }) => !(check.level === 'baseline' && overridden.has(check.id))).map(({ check, rev }) => ({ id: check.id, checkPod: rev.checkPod }));
}

export interface PodSecurityResult {
  allowed: boolean;
  violations: Violation[];
}

/** EvaluatePod + AggregateCheckResults: every failed check, in order. */
export function evaluatePodView(pod: PodView, level: Level, version: Version): PodSecurityResult {
  const violations: Violation[] = [];
  for (const { id, checkPod } of checksFor(level, version)) {
    const r = checkPod(pod);
    if (r) violations.push({ id, ...r });
  }
  return { allowed: violations.length === 0, violations };
}

/** `host ports, privileged` — ForbiddenReason, as namespace-update warnings print it. */
export function forbiddenReason(violations: readonly Violation[]): string {
  return violations.map((v) => v.reason).join(', ');
}

/** `reason (detail), reason, …` — ForbiddenDetail, the text of every PodSecurity message. */
export function forbiddenDetail(violations: readonly Violation[]): string {
  return violations.map(violationText).join(', ');
}

export function violationText(v: Violation): string {
  return v.detail ? `${v.reason} (${v.detail})` : v.reason;
}
