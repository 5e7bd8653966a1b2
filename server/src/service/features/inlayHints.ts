/**
 * Inlay hints: after a containerPort, the containers that can reach it over localhost (and
 * what collides with it); after a volume's name, who mounts it where, read-only or read-write.
 */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { ManifestFile } from '../parse/manifests';
import { sharingOfDocument } from '../sharing';
import { portHint, portMarkdown, volumeHint, volumeMarkdown } from '../sharing/explain';
import { DEFAULT_SHARING_SETTINGS, type SharingSettings } from './settings';

export function inlayHints(file: ManifestFile, range: Range | undefined, settings: SharingSettings = DEFAULT_SHARING_SETTINGS): InlayHint[] {
  const out: InlayHint[] = [];
  if (!settings.inlayHints.ports && !settings.inlayHints.volumes) return out;
  const from = range ? file.lines.offsetAt(range.start) : 0;
  const to = range ? file.lines.offsetAt(range.end) : file.text.length;
  for (const placed of file.documents) {
    const base = placed.offset;
    if (base > to || base + placed.doc.text.length < from) continue;
    const pods = sharingOfDocument(placed.doc);
    for (const pod of pods) {
      if (settings.inlayHints.ports) {
        for (const p of pod.ports) {
          if (!p.numberSpan) continue;
          const at = base + p.numberSpan.end;
          if (at < from || at > to) continue;
          const label = portHint(pod, p);
          if (!label) continue;
          out.push({ position: file.lines.positionAt(at), label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: { kind: 'markdown', value: portMarkdown(pod, p) } });
        }
      }
      if (settings.inlayHints.volumes) {
        for (const v of pod.volumes) {
          if (!v.nameSpan) continue;
          const at = base + v.nameSpan.end;
          if (at < from || at > to) continue;
          out.push({ position: file.lines.positionAt(at), label: volumeHint(v), kind: InlayHintKind.Type, paddingLeft: true, tooltip: { kind: 'markdown', value: volumeMarkdown(pod, v) } });
        }
      }
    }
  }
  return out;
}
