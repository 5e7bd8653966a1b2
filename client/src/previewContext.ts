/**
 * Shows the "Preview Scheduling" editor-title button only on YAML files that declare something
 * the scheduler preview places or places onto: Pods, Nodes, or workloads with Pod templates.
 * A cheap look at the text's `kind:` lines (the server does the real reading), kept current
 * as the active editor changes and as its document is edited.
 */
import { commands, window, workspace, type Disposable, type TextDocument } from 'vscode';

export const PREVIEWABLE_CONTEXT = 'podsight.previewable';

/** A top-level or List-item `kind:` of a kind the preview uses. */
const SCHEDULABLE_KIND = /^[ \t-]*kind:[ \t]*["']?(Pod|Node|NodeList|PodTemplate|ReplicationController|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob)["']?[ \t]*(#.*)?$/m;
/** Enough of a file to find its kinds without scanning megabytes on every keystroke. */
const SCAN_LIMIT = 2_000_000;

export function isPreviewable(doc: TextDocument): boolean {
  if (doc.languageId !== 'yaml') return false;
  const text = doc.getText();
  return SCHEDULABLE_KIND.test(text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text);
}

export function trackPreviewable(): Disposable {
  let last: boolean | undefined;
  const update = (): void => {
    const doc = window.activeTextEditor?.document;
    const value = doc ? isPreviewable(doc) : false;
    if (value === last) return;
    last = value;
    void commands.executeCommand('setContext', PREVIEWABLE_CONTEXT, value);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const subscriptions = [
    window.onDidChangeActiveTextEditor(update),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document !== window.activeTextEditor?.document) return;
      // Typing should not rescan the file on every keystroke.
      if (timer) clearTimeout(timer);
      timer = setTimeout(update, 300);
    }),
  ];
  update();
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    },
  };
}
