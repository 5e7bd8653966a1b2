/**
 * Enumerated values the API server checks (NotSupported), with upstream's supported-value
 * lists in upstream's order.
 */
import { entry, type KMap, type KNode } from '../parse/tree';
import type { PodSpecSite } from '../model/podSpecs';
import { childPath, indexPath, type Finding } from '../validate/finding';

export function notSupported(value: string, supported: readonly string[]): string {
  return `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`;
}

function checkEnum(out: Finding[], map: KMap, key: string, path: string, supported: readonly string[]): void {
  const e = entry(map, key);
  if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') return;
  const v = e.value.v.value;
  if (supported.includes(v)) return;
  out.push({
    rule: 'unsupported-value',
    errorType: 'NotSupported',
    field: childPath(path, key),
    span: { start: e.value.start, end: e.value.end },
    message: notSupported(v, supported),
  });
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;

function containers(spec: KMap, key: string): Array<{ node: KMap; path: string }> {
  const seq = entry(spec, key)?.value;
  if (!seq || seq.kind !== 'seq') return [];
  const out: Array<{ node: KMap; path: string }> = [];
  seq.items.forEach((c: KNode, i) => {
    if (c.kind === 'map') out.push({ node: c, path: indexPath(key, i) });
  });
  return out;
}

/** Enum checks on a Pod spec and its containers. */
export function checkPodSpecEnums(site: PodSpecSite, out: Finding[]): void {
  const { spec, path } = site;
  // Pod-level restartPolicy / dnsPolicy live in podSpec.ts.
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of containers(spec, key)) {
      const cpath = childPath(path, c.path);
      checkEnum(out, c.node, 'imagePullPolicy', cpath, PULL_POLICIES);
      checkEnum(out, c.node, 'terminationMessagePolicy', cpath, TERMINATION_MESSAGE_POLICIES);
      const ports = entry(c.node, 'ports')?.value;
      if (ports?.kind === 'seq') {
        ports.items.forEach((p, i) => {
          if (p.kind === 'map') checkEnum(out, p, 'protocol', indexPath(childPath(cpath, 'ports'), i), PROTOCOLS);
        });
      }
    }
  }
}
