/**
 * The containers of a Pod spec with their role: regular containers, init containers that run
 * to completion before them, sidecars (init containers with `restartPolicy: Always`, which run
 * alongside), and ephemeral containers. Used by rules and by the sharing explanations.
 */
import { child, type KMap } from '../parse/tree';
import type { PodSpecSite } from './podSpecs';

export type ContainerRole = 'container' | 'init' | 'sidecar' | 'ephemeral';

export interface ContainerRef {
  readonly node: KMap;
  /** Upstream path (`spec.initContainers[1]`). */
  readonly path: string;
  readonly name: string | undefined;
  readonly role: ContainerRole;
  /** Position within its list. */
  readonly index: number;
}

const LISTS: Array<[key: string, role: ContainerRole]> = [
  ['initContainers', 'init'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeral'],
];

// Every rule walks the containers of the Pod spec again. While an object is validated
// (`walkingOnce`), each walk is read once and shared: a Pod of half a million containers was
// read about fifteen times. Nothing is kept afterwards (a file of 100,000 small Pods would
// carry the lists for nothing). Callers never change the lists they get.
let walks: Map<KMap, Map<string, unknown>> | undefined;

/** Runs `f` with every walk of a Pod spec's containers read once. */
export function walkingOnce<T>(f: () => T): T {
  const outer = walks;
  walks = new Map();
  try {
    return f();
  } finally {
    walks = outer;
  }
}

/** `read()`, or while `walkingOnce` runs, its first result for this spec and key. */
export function walkOnce<T>(spec: KMap, key: string, read: () => T): T {
  if (!walks) return read();
  let byKey = walks.get(spec);
  if (!byKey) walks.set(spec, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, read());
  return byKey.get(key) as T;
}

export function containersOf(site: PodSpecSite): ContainerRef[] {
  // The path is part of the key: an alias can share one spec between a Pod and a template.
  return walkOnce(site.spec, `model ${site.path}`, () => readContainers(site));
}

/**
 * A container with its role. Its path is built when asked for: a Pod of half a million
 * containers kept half a million path strings through every rule otherwise.
 */
class Ref implements ContainerRef {
  constructor(
    readonly node: KMap,
    readonly name: string | undefined,
    readonly role: ContainerRole,
    readonly index: number,
    private readonly listPath: string,
  ) {}

  get path(): string {
    return `${this.listPath}[${this.index}]`;
  }
}

function readContainers(site: PodSpecSite): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [key, role] of LISTS) {
    const seq = child(site.spec, key);
    if (!seq || seq.kind !== 'seq') continue;
    const listPath = `${site.path}.${key}`;
    for (let index = 0; index < seq.items.length; index++) {
      const node = seq.items[index];
      if (node.kind !== 'map') continue;
      const nameNode = child(node, 'name');
      const name = nameNode && nameNode.kind === 'scalar' && nameNode.v.type === 'string' ? nameNode.v.value : undefined;
      let r = role;
      if (role === 'init') {
        const rp = child(node, 'restartPolicy');
        if (rp && rp.kind === 'scalar' && rp.v.value === 'Always') r = 'sidecar';
      }
      out.push(new Ref(node, name, r, index, listPath));
    }
  }
  return out;
}

/** Containers that run at the same time as the app: regular containers and sidecars. */
export function isLongRunning(c: ContainerRef): boolean {
  return c.role === 'container' || c.role === 'sidecar';
}

export function describeContainer(c: ContainerRef): string {
  const name = c.name ? `"${c.name}"` : `#${c.index + 1}`;
  switch (c.role) {
    case 'sidecar':
      return `sidecar ${name}`;
    case 'init':
      return `init container ${name}`;
    case 'ephemeral':
      return `ephemeral container ${name}`;
    default:
      return `container ${name}`;
  }
}
