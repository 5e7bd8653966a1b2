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

/**
 * `previewCommand`, when the client has a scheduling preview, adds a lens that opens it.
 */
export function codeLenses(file: ManifestFile, previewCommand?: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const placed of file.documents) {
    const pods = sharingOfDocument(placed.doc);
    for (const pod of pods) {
      if (pod.containers.length === 0) continue;
      const start = placed.offset + pod.specKeySpan.start;
      const range = file.lines.range(start, placed.offset + pod.specKeySpan.end);
      out.push({ range, command: { title: summary(pod), command: SUMMARY_COMMAND } });
      if (previewCommand) out.push({ range, command: { title: 'Preview scheduling', command: previewCommand } });
    }
  }
  return out;
}
