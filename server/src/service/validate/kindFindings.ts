/**
 * Findings for documents whose apiVersion/kind the API server does not serve as written
 * (parse/manifests.ts finds them, createPath/kinds.ts words them): one per document or List
 * item, on the value to change, with fixes that rewrite apiVersion and kind.
 */
import type { KindSite } from '../parse/manifests';
import { child, type KNode, type Span } from '../parse/tree';
import type { Finding, Fix, SpanEdit } from '../diagnostics/finding';

/** New text for a scalar, in the quotes it was written with. */
function rewrite(text: string, n: Span, value: string): SpanEdit {
  const q = text[n.start];
  const quoted = (q === '"' || q === "'") && n.end - n.start >= 2 && text[n.end - 1] === q;
  return { span: { start: n.start, end: n.end }, newText: quoted ? `${q}${value}${q}` : value };
}

function scalarSpan(n: KNode | undefined): Span | undefined {
  return n && n.kind === 'scalar' ? { start: n.start, end: n.end } : undefined;
}

export function kindFinding(site: KindSite, text: string): Finding {
  const { problem, node, path } = site;
  const apiVersion = scalarSpan(child(node, 'apiVersion'));
  const kind = scalarSpan(child(node, 'kind'));
  const span = (problem.field === 'kind' ? kind : apiVersion) ?? { start: node.start, end: node.start };
  const fixes: Fix[] = [];
  for (const f of problem.fixes) {
    const edits: SpanEdit[] = [];
    if (f.apiVersion !== undefined && apiVersion) edits.push(rewrite(text, apiVersion, f.apiVersion));
    if (f.kind !== undefined && kind) edits.push(rewrite(text, kind, f.kind));
    if (edits.length > 0) fixes.push({ title: f.title, edits, preferred: f.preferred });
  }
  // Inside a List the item's path says which object is meant; at the root the message says it all.
  const finding: Finding = { rule: problem.rule, message: problem.message, span, field: path ? `${path}.${problem.field}` : problem.field, standalone: !path };
  if (fixes.length > 0) finding.fixes = fixes;
  return finding;
}
