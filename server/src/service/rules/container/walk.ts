/**
 * The containers of a Pod spec as upstream's container validation sees them, plus the few
 * Pod-level facts container rules depend on (Pod-only defaulting, hostNetwork, the defaulted
 * grace period, hostUsers). Items that do not decode as a container (a scalar or a list) are a
 * strict-decoding error reported elsewhere and are skipped; a `null` item is the zero struct.
 */
import type { KMap, KNode } from '../../parse/tree';
import type { PodSpecSite } from '../../model/podSpecs';
import { childPath, indexPath } from '../../diagnostics/finding';
import { entry, type RuleContext } from '../context';
import { intField, itemMap, seqField, strField } from '../spec/values';
import { boolValue } from '../volume/read';
import { walkOnce } from '../../model/containers';

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  kind: ContainerKind;
  index: number;
  /** The container struct (`{}` for a `null` item). */
  c: KMap;
  /** The list item as written, for anchoring findings on an empty item. */
  item: KNode;
  /** Upstream path, e.g. `spec.initContainers[1]`. */
  path: string;
}

/** The containers of one list, in order (read once per object validation: model/containers.walkOnce). */
export function containersOf(spec: KMap, specPath: string, kind: ContainerKind): ContainerRef[] {
  return walkOnce(spec, `rules ${specPath} ${kind}`, () => readList(spec, specPath, kind));
}

function readList(spec: KMap, specPath: string, kind: ContainerKind): ContainerRef[] {
  const s = seqField(spec, kind);
  if (!s) return [];
  const out: ContainerRef[] = [];
  const listPath = childPath(specPath, kind);
  s.items.forEach((item, index) => {
    const c = itemMap(item);
    if (c) out.push({ kind, index, c, item, path: indexPath(listPath, index) });
  });
  return out;
}

/** Every container in upstream's `VisitContainersWithPath` order: init, regular, ephemeral. */
export function allContainers(site: PodSpecSite): ContainerRef[] {
  return walkOnce(site.spec, `rules ${site.path} *`, () => [
    ...containersOf(site.spec, site.path, 'initContainers'),
    ...containersOf(site.spec, site.path, 'containers'),
    ...containersOf(site.spec, site.path, 'ephemeralContainers'),
  ]);
}

/**
 * `SetDefaults_Pod` (limits copied into requests, hostNetwork host ports) runs only for a Pod,
 * never for the Pod template of a workload; templates are validated undefaulted.
 */
export function isPod(ctx: RuleContext): boolean {
  return ctx.object.kind === 'Pod';
}

/** `spec.hostNetwork: true` (moved into the internal security context by conversion). */
export function hostNetwork(spec: KMap): boolean {
  return boolValue(spec, 'hostNetwork') === true;
}

/** `hostUsers` defaults to true; only an explicit `false` turns user namespaces on. */
export function hostUsers(spec: KMap): boolean {
  return boolValue(spec, 'hostUsers') !== false;
}

/**
 * `spec.terminationGracePeriodSeconds` after defaulting (30 when absent or null); undefined when
 * the value does not decode, so checks depending on it stay silent.
 */
export function gracePeriod(spec: KMap): number | undefined {
  const f = intField(spec, 'terminationGracePeriodSeconds');
  if (!f) return undefined;
  return f.value ?? 30;
}

/** A sidecar: an init container with `restartPolicy: Always`. */
export function isRestartable(c: KMap): boolean {
  return strField(c, 'restartPolicy')?.value === 'Always';
}

/** The OS named in `spec.os.name`, when it is a string. */
export function podOSName(spec: KMap): string | undefined {
  const os = entry(spec, 'os')?.value;
  return os?.kind === 'map' ? strField(os, 'name')?.value : undefined;
}
