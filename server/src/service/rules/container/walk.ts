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
  readonly kind: ContainerKind;
  readonly index: number;
  /** The container struct (`{}` for a `null` item). */
  readonly c: KMap;
  /** The list item as written, for anchoring findings on an empty item. */
  readonly item: KNode;
  /** Upstream path, e.g. `spec.initContainers[1]`. */
  readonly path: string;
}

/**
 * A container of a list. Its path is built when asked for (findings only): a Pod of half a
 * million containers kept half a million path strings through every rule otherwise.
 */
class Ref implements ContainerRef {
  constructor(
    readonly kind: ContainerKind,
    readonly index: number,
    readonly c: KMap,
    readonly item: KNode,
    private readonly listPath: string,
  ) {}

  get path(): string {
    return indexPath(this.listPath, this.index);
  }
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
  for (let index = 0; index < s.items.length; index++) {
    const item = s.items[index];
    const c = itemMap(item);
    if (c) out.push(new Ref(kind, index, c, item, listPath));
  }
  return out;
}

/** Every container in upstream's `VisitContainersWithPath` order: init, regular, ephemeral. */
export function allContainers(site: PodSpecSite): ContainerRef[] {
  return allContainersAt(site.spec, site.path);
}

/** allContainers of the spec at `specPath`. */
export function allContainersAt(spec: KMap, specPath: string): ContainerRef[] {
  return walkOnce(spec, `rules ${specPath} *`, () => {
    const lists = [containersOf(spec, specPath, 'initContainers'), containersOf(spec, specPath, 'containers'), containersOf(spec, specPath, 'ephemeralContainers')];
    // Most Pods have regular containers only: their list serves as is.
    const nonEmpty = lists.filter((l) => l.length > 0);
    return nonEmpty.length === 1 ? nonEmpty[0] : lists.flat();
  });
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
