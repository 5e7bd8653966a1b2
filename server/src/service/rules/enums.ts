/**
 * Container-level enumerated values the API server checks (NotSupported), with upstream's
 * supported-value lists in upstream's order. Both fields are defaulted when empty
 * (`SetDefaults_Container`), so an empty or absent value is never an error. Pod-level
 * restartPolicy / dnsPolicy live in podSpec.ts, the port protocol in ports.ts.
 */
import { entry, type KMap } from '../parse/tree';
import type { PodSpecSite } from '../model/podSpecs';
import { childPath, type Finding } from '../diagnostics/finding';
import { allContainers } from './container/walk';
import type { RuleId } from '../diagnostics/catalog';

export function notSupported(value: string, supported: readonly string[]): string {
  return `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`;
}

function checkEnum(out: Finding[], rule: RuleId, map: KMap, key: string, path: string, supported: readonly string[]): void {
  const e = entry(map, key);
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') return;
  const v = e.value.v.value;
  if (v === '' || supported.includes(v)) return;
  out.push({
    rule,
    errorType: 'NotSupported',
    field: childPath(path, key),
    span: { start: e.value.start, end: e.value.end },
    message: notSupported(v, supported),
  });
}

/** `validatePullPolicy` lists `sets.List` (sorted) values. */
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
/** `validateContainerCommon` lists these in declaration order. */
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;

/** Enum checks on every container (regular, init, ephemeral) of a Pod spec. */
export function checkPodSpecEnums(site: PodSpecSite, out: Finding[]): void {
  for (const ref of allContainers(site)) {
    checkEnum(out, 'termination-message-policy', ref.c, 'terminationMessagePolicy', ref.path, TERMINATION_MESSAGE_POLICIES);
    checkEnum(out, 'image-pull-policy', ref.c, 'imagePullPolicy', ref.path, PULL_POLICIES);
  }
}
