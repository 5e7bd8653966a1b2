/**
 * The containers of a Pod spec with their role: regular containers, init containers that run
 * to completion before them, sidecars (init containers with `restartPolicy: Always`, which run
 * alongside), and ephemeral containers. Used by rules and by the sharing explanations.
 */
import { child, type KMap } from '../parse/tree';
import type { PodSpecSite } from './podSpecs';

export type ContainerRole = 'container' | 'init' | 'sidecar' | 'ephemeral';

export interface ContainerRef {
  node: KMap;
  /** Upstream path (`spec.initContainers[1]`). */
  path: string;
  name: string | undefined;
  role: ContainerRole;
  /** Position within its list. */
  index: number;
}

const LISTS: Array<[key: string, role: ContainerRole]> = [
  ['initContainers', 'init'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeral'],
];

export function containersOf(site: PodSpecSite): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [key, role] of LISTS) {
    const seq = child(site.spec, key);
    if (!seq || seq.kind !== 'seq') continue;
    seq.items.forEach((node, index) => {
      if (node.kind !== 'map') return;
      const nameNode = child(node, 'name');
      const name = nameNode && nameNode.kind === 'scalar' && nameNode.v.type === 'string' ? nameNode.v.value : undefined;
      let r = role;
      if (role === 'init') {
        const rp = child(node, 'restartPolicy');
        if (rp && rp.kind === 'scalar' && rp.v.value === 'Always') r = 'sidecar';
      }
      out.push({ node, path: `${site.path}.${key}[${index}]`, name, role: r, index });
    });
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
