/**
 * Upstream field paths (`spec.containers[0].resources.limits[cpu]`) read back onto the user's
 * tree. The create path works on plain JSON and reports problems by path; a diagnostic needs a
 * place in the file: the node on that path when it was written, else the key of the deepest
 * field on the way that was (a defaulted or admitted value has no text of its own).
 */
import { entry, type KMap, type KNode, type Span } from '../parse/tree';

export type PathStep = string | number;

/**
 * Splits a path into steps: names between dots, `[3]` as an index, `[key]` as a map key (keys
 * may hold dots and slashes: `metadata.labels[app.kubernetes.io/name]`). Linear in the path.
 */
export function parseFieldPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const n = path.length;
  while (i < n) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = path.indexOf(']', i + 1);
      const inner = close === -1 ? path.slice(i + 1) : path.slice(i + 1, close);
      steps.push(/^(0|[1-9][0-9]{0,8})$/.test(inner) ? Number(inner) : inner);
      i = close === -1 ? n : close + 1;
      continue;
    }
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[') j++;
    steps.push(path.slice(i, j));
    i = j;
  }
  return steps;
}

export interface PathLocation {
  /** Where to put a diagnostic: the value when the whole path exists, else the key of the deepest field that does. */
  span: Span;
  /** Whether the whole path was written. */
  exact: boolean;
  node?: KNode;
}

/** The place of `path` in `root` (an object's map); `root` itself when not even the first step exists. */
export function locateFieldPath(root: KMap, path: string | PathStep[]): PathLocation {
  const steps = typeof path === 'string' ? parseFieldPath(path) : path;
  let node: KNode = root;
  let span: Span = keyOrStart(root);
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    if (typeof s === 'number') {
      if (node.kind !== 'seq' || s >= node.items.length) return { span, exact: false, node };
      node = node.items[s];
      // An item that is a map is pointed at by its first key, not by all of its lines.
      span = node.kind === 'map' && k < steps.length - 1 ? keyOrStart(node) : node;
      continue;
    }
    // A map key in brackets on a sequence of named entries (`containers[app]`) is not upstream
    // style; only maps are looked into.
    const e = entry(node, s);
    if (!e) return { span, exact: false, node };
    node = e.value;
    span = k === steps.length - 1 && valueEmpty(e.value) ? e.keySpan : k === steps.length - 1 ? e.value : e.keySpan;
  }
  return { span, exact: true, node };
}

function valueEmpty(n: KNode): boolean {
  return n.end <= n.start;
}

/** An object's own start: diagnostics on a whole object sit on its first line. */
function keyOrStart(root: KMap): Span {
  const first = root.entries[0];
  return first ? first.keySpan : { start: root.start, end: root.start };
}
