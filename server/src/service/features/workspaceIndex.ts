/**
 * The Nodes declared in the workspace, with their labels and taints, for completion and hover
 * of nodeSelector, node affinity and tolerations. Pure: the server feeds it parsed files (open
 * documents and files read from disk) and it updates per file; the facts of each document are
 * cached with the document, so an edit only re-reads the edited document.
 */
import type { ManifestDocument, ManifestFile } from '../parse/manifests';
import { child, type KNode } from '../parse/tree';

export interface NodeTaint {
  key: string;
  value: string | undefined;
  effect: string | undefined;
}

export interface NodeFacts {
  name: string;
  labels: Map<string, string>;
  taints: NodeTaint[];
  /** Where the Node is declared. */
  uri: string;
  /** Offset of the Node's object in its file. */
  offset: number;
}

type DocNode = Omit<NodeFacts, 'uri' | 'offset'> & { rel: number };

const CACHE_KEY = 'workspace-nodes';

function scalarText(n: KNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.v.type === 'null') return undefined;
  return n.v.type === 'string' ? n.v.value : n.text;
}

export function nodesOfDocument(doc: ManifestDocument): DocNode[] {
  const cached = doc.cache.get(CACHE_KEY) as DocNode[] | undefined;
  if (cached) return cached;
  const out: DocNode[] = [];
  for (const o of doc.objects) {
    if (o.kind !== 'Node') continue;
    const labels = new Map<string, string>();
    const lm = child(child(o.node, 'metadata'), 'labels');
    if (lm && lm.kind === 'map') {
      for (const e of lm.entries) {
        const v = scalarText(e.value);
        labels.set(e.key, v ?? '');
      }
    }
    const taints: NodeTaint[] = [];
    const ts = child(child(o.node, 'spec'), 'taints');
    if (ts && ts.kind === 'seq') {
      for (const t of ts.items) {
        const key = scalarText(child(t, 'key'));
        if (key === undefined) continue;
        taints.push({ key, value: scalarText(child(t, 'value')), effect: scalarText(child(t, 'effect')) });
      }
    }
    out.push({ name: o.name ?? '(unnamed)', labels, taints, rel: o.node.start });
  }
  doc.cache.set(CACHE_KEY, out);
  return out;
}

export interface LabelValue {
  value: string;
  nodes: string[];
}

export class WorkspaceIndex {
  private readonly files = new Map<string, NodeFacts[]>();
  private generation = 0;
  private labelCache: { generation: number; map: Map<string, LabelValue[]> } | undefined;

  /** Replaces what is known of one file. Returns whether its Nodes changed. */
  update(file: ManifestFile): boolean {
    const next: NodeFacts[] = [];
    for (const placed of file.documents) {
      for (const n of nodesOfDocument(placed.doc)) next.push({ name: n.name, labels: n.labels, taints: n.taints, uri: file.uri, offset: placed.offset + n.rel });
    }
    const prev = this.files.get(file.uri);
    if (prev && sameNodes(prev, next)) {
      this.files.set(file.uri, next); // offsets may have moved
      return false;
    }
    if (next.length === 0) {
      if (!prev) return false;
      this.files.delete(file.uri);
    } else this.files.set(file.uri, next);
    this.generation++;
    return true;
  }

  remove(uri: string): void {
    if (this.files.delete(uri)) this.generation++;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  nodes(): NodeFacts[] {
    const out: NodeFacts[] = [];
    // Not push(...list): a file of 200,000 Nodes would overflow the argument stack.
    for (const list of this.files.values()) for (const n of list) out.push(n);
    return out;
  }

  /** Label key → its values, each with the Nodes that carry it. */
  labels(): Map<string, LabelValue[]> {
    if (this.labelCache?.generation === this.generation) return this.labelCache.map;
    const map = new Map<string, LabelValue[]>();
    // Each value once per key: thousands of Nodes each have their own hostname label.
    const byValue = new Map<string, Map<string, LabelValue>>();
    for (const n of this.nodes()) {
      for (const [k, v] of n.labels) {
        let vals = map.get(k);
        let index = byValue.get(k);
        if (!vals || !index) {
          map.set(k, (vals = []));
          byValue.set(k, (index = new Map()));
        }
        const lv = index.get(v);
        if (lv) lv.nodes.push(n.name);
        else {
          const fresh = { value: v, nodes: [n.name] };
          vals.push(fresh);
          index.set(v, fresh);
        }
      }
    }
    this.labelCache = { generation: this.generation, map };
    return map;
  }

  /** Every taint with the Nodes that carry it (deduplicated on key/value/effect). */
  taints(): Array<NodeTaint & { nodes: string[] }> {
    const out: Array<NodeTaint & { nodes: string[] }> = [];
    const seen = new Map<string, NodeTaint & { nodes: string[] }>();
    for (const n of this.nodes()) {
      for (const t of n.taints) {
        // An absent value or effect is not the empty string: JSON keeps them apart.
        const id = JSON.stringify([t.key, t.value ?? null, t.effect ?? null]);
        const same = seen.get(id);
        if (same) same.nodes.push(n.name);
        else {
          const fresh = { ...t, nodes: [n.name] };
          out.push(fresh);
          seen.set(id, fresh);
        }
      }
    }
    return out;
  }
}

function sameNodes(a: NodeFacts[], b: NodeFacts[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.name !== y.name || x.labels !== y.labels || x.taints !== y.taints) {
      // Facts come from the per-document cache: the same objects when the document is unchanged.
      if (x.name !== y.name || !sameMap(x.labels, y.labels) || JSON.stringify(x.taints) !== JSON.stringify(y.taints)) return false;
    }
  }
  return true;
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
