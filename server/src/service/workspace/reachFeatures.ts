/**
 * The editor features of reach/ over the workspace model: the code lenses on both sides of a
 * Service ("selects 3 Pods" above it, "selected by Service web (80→http)" above each Pod or
 * template it selects) and the part of a port's hover that says who reaches it from outside
 * the Pod.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ManifestFile } from '../parse/manifests';
import { sharingAt, targetAt } from '../sharing';
import { podEntriesOf, type PodFacts } from '../reach';
import { podLens, serviceLens } from '../reach/lens';
import { portReachMarkdown } from '../reach/explain';
import { declarationsOf } from './declarations';
import type { WorkspaceModel } from './model';

/** The lenses are labels: no client-side command runs. */
const LABEL_COMMAND = '';

export function reachLenses(file: ManifestFile, model: WorkspaceModel): CodeLens[] {
  const out: CodeLens[] = [];
  const reach = model.reach();
  if (!reach.declaresAny()) return out;
  for (const placed of file.documents) {
    if (placed.doc.templated) continue;
    for (const d of declarationsOf(placed.doc)) {
      if (d.kind !== 'Service') continue;
      const s = reach.service(d.value);
      if (!s) continue;
      const text = serviceLens(s, reach);
      // On the selector's key when there is one (the lens is about it), else the first line.
      const spec = d.node.entries.find((x) => x.key === 'spec');
      const selector = spec && spec.value.kind === 'map' ? spec.value.entries.find((x) => x.key === 'selector') : undefined;
      const at = selector?.keySpan ?? d.node.entries[0]?.keySpan ?? d.node;
      const range = file.lines.range(placed.offset + at.start, placed.offset + at.end);
      const names = reach.selectedBy(s).map((p) => p.facts.name);
      out.push({ range, command: { title: text.title, tooltip: text.tooltip, command: LABEL_COMMAND, arguments: names } });
    }
    for (const e of podEntriesOf(placed.doc)) {
      const text = podLens(e.facts, reach);
      if (!text) continue;
      const range = file.lines.range(placed.offset + e.span.start, placed.offset + e.span.end);
      out.push({ range, command: { title: text.title, tooltip: text.tooltip, command: LABEL_COMMAND, arguments: reach.servicesSelecting(e.facts).map((s) => s.facts.name) } });
    }
  }
  return out;
}

/** Who reaches the container port at a file offset from outside the Pod (Markdown), if the offset is on a port. */
export function portReachAt(file: ManifestFile, offset: number, model: WorkspaceModel): string | undefined {
  const at = sharingAt(file, offset);
  if (!at?.pod) return undefined;
  const hit = targetAt(at.placed.doc, at.rel);
  if (!hit || hit.target.kind !== 'port') return undefined;
  const reach = model.reach();
  if (!reach.declaresAny()) return undefined;
  const entry = podEntriesOf(at.placed.doc).find((e) => e.object === hit.pod.object);
  if (!entry) return undefined;
  const p = hit.target.port;
  const facts: PodFacts = entry.facts;
  return portReachMarkdown(facts, { container: p.container.name ?? '', name: p.name, number: p.number, protocol: p.protocol }, reach);
}
