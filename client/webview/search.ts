/**
 * Search over the preview's Nodes and Pods. A query is words, all of which must match (AND):
 * - `key=value` — a label of the Node or of the Pod equals value (`app=web`, `key=` an empty value);
 * - any other word — part of the Node's name, or of the Pod's `namespace/name` (case-insensitive),
 *   so `team-a/` finds a namespace's Pods and `web` a name.
 * A label word matches a Node by its labels and a Pod by its own (`labels` of the Pod entry).
 *
 * Matching is a pass over the Nodes and Pods per query; results are capped when shown.
 */
import type { Pod, ReportNode } from './nodeCards';

export interface Term {
  label?: [string, string];
  text?: string;
}

/** The words of a query; empty when there is nothing to search for. */
export function parseQuery(q: string): Term[] {
  const out: Term[] = [];
  for (const w of q.trim().split(/\s+/)) {
    if (!w) continue;
    const eq = w.indexOf('=');
    if (eq > 0) out.push({ label: [w.slice(0, eq), w.slice(eq + 1)] });
    else out.push({ text: w.toLowerCase() });
  }
  return out;
}

export function nodeMatches(n: ReportNode, terms: readonly Term[]): boolean {
  for (const t of terms) {
    if (t.label) {
      if (n.labels[t.label[0]] !== t.label[1]) return false;
    } else if (!n.name.toLowerCase().includes(t.text!)) return false;
  }
  return true;
}

export function podMatches(p: Pod, terms: readonly Term[]): boolean {
  for (const t of terms) {
    if (t.label) {
      if (p.labels?.[t.label[0]] !== t.label[1]) return false;
    } else if (!p.name.toLowerCase().includes(t.text!)) return false;
  }
  return true;
}

export interface Found {
  nodes: ReportNode[];
  pods: Pod[];
}

export function search(nodes: readonly ReportNode[], pods: readonly Pod[], terms: readonly Term[]): Found {
  return { nodes: nodes.filter((n) => nodeMatches(n, terms)), pods: pods.filter((p) => podMatches(p, terms)) };
}
