/**
 * A code lens above each Pod spec (a Pod's `spec:`, a workload template's `spec:`) that sums
 * up what its containers share: "3 containers share one Pod IP · :8080 :9113 · 2 shared volumes".
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ManifestFile } from '../parse/manifests';
import { sharingOfDocument } from '../sharing';
import { summary } from '../sharing/explain';

/** Command a lens carries. It has no client-side handler: the lens is a label. */
export const SUMMARY_COMMAND = '';

export function codeLenses(file: ManifestFile): CodeLens[] {
  const out: CodeLens[] = [];
  for (const placed of file.documents) {
    let pods;
    try {
      pods = sharingOfDocument(placed.doc);
    } catch {
      continue;
    }
    for (const pod of pods) {
      if (pod.containers.length === 0) continue;
      const start = placed.offset + pod.specKeySpan.start;
      out.push({ range: file.lines.range(start, placed.offset + pod.specKeySpan.end), command: { title: summary(pod), command: SUMMARY_COMMAND } });
    }
  }
  return out;
}
