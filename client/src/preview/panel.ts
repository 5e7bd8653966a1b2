/**
 * Hosts the scheduling preview: one webview panel beside the editor, restored after a reload
 * (WebviewPanelSerializer). Wiring only: it asks the language server for `podsight/simulate`,
 * forwards the result to the webview, and acts on the webview's (validated) messages. No
 * Kubernetes logic here.
 */
import {
  commands,
  Disposable,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  isPreviewWhatIf,
  isWebviewToHostMessage,
  PREVIEW_COMMAND,
  isPreviewFocus,
  type PreviewFocus,
  PREVIEW_VIEW_TYPE,
  SIMULATE_REQUEST,
  SIMULATION_CHANGED_NOTIFICATION,
  type HostToWebviewMessage,
  type PreviewWhatIf,
  type SimulateParams,
  type SimulateResult,
  type WebviewToHostMessage,
} from '../../../server/src/protocol';
import { makeNonce, previewHtml, SAMPLE_NODES_YAML } from './html';
import { previewResult } from './message';

const TITLE = 'Scheduling Preview';

class PreviewPanel implements Disposable {
  private last: SimulateResult | undefined;
  private whatIf: PreviewWhatIf = {};
  /** The workload whose "room for more?" is asked (`Kind/namespace/name`). */
  private capacity: string | undefined;
  /** The Pod the webview shows in detail: asked for by name (detailFor), so its per-Node verdicts come even in summary detail. */
  private selected: string | undefined;
  private seq = 0;
  /** The Node to focus once the next result is shown (a Node lens was clicked). */
  focus: PreviewFocus | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subs: Disposable[] = [];

  constructor(
    readonly panel: WebviewPanel,
    extensionUri: Uri,
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
    whatIf: unknown,
    private readonly onDispose: () => void,
  ) {
    if (isPreviewWhatIf(whatIf)) this.whatIf = whatIf;
    const webview = panel.webview;
    // The bundle's own folder is the only resource root (a root is a folder: VS Code matches by prefix).
    const bundle = Uri.joinPath(extensionUri, 'dist', 'webview');
    const script = Uri.joinPath(bundle, 'webview.js');
    const style = Uri.joinPath(bundle, 'webview.css');
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [bundle] };
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(script).toString(),
      styleUri: webview.asWebviewUri(style).toString(),
      nonce: makeNonce(),
    });
    this.subs.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewToHostMessage(m)) void this.handle(m);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(m: HostToWebviewMessage): void {
    void this.panel.webview.postMessage(m);
  }

  /** Re-simulates soon (debounced), e.g. after an edit or a file change. */
  refreshSoon(delayMs = 150): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  async refresh(): Promise<void> {
    const mine = ++this.seq;
    this.post({ type: 'loading' });
    try {
      await this.ready;
      const allNodes = workspace.getConfiguration('podsight').get<boolean>('schedule.evaluateAllNodes') === true;
      const params: SimulateParams = { whatIf: this.whatIf, ...(allNodes ? { allNodes } : {}), ...(this.capacity ? { capacity: { workload: this.capacity } } : {}), ...(this.selected !== undefined ? { detailFor: [this.selected] } : {}) };
      const result = await this.client.sendRequest<SimulateResult>(SIMULATE_REQUEST, params);
      if (mine !== this.seq) return; // a newer request is under way
      this.last = result;
      const focus = this.focus;
      this.focus = undefined;
      // Less what the webview does not read at scale; `last` keeps the whole result (reveal reads its locations).
      this.post({ type: 'result', result: previewResult(result, this.selected), whatIf: this.whatIf, ...(focus ? { focus } : {}) });
    } catch (err) {
      if (mine !== this.seq) return;
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async handle(m: WebviewToHostMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'refresh':
        return this.refresh();
      case 'whatIf':
        this.whatIf = m.whatIf;
        return this.refresh();
      case 'capacity':
        this.capacity = m.workload ?? undefined;
        return this.refresh();
      case 'select': {
        this.selected = m.pod ?? undefined;
        // Summary detail keeps no per-Node verdicts of the Pod: simulate again with them.
        const shown = this.last;
        if (this.selected !== undefined && shown?.detail === 'summary' && shown.pods.some((p) => p.name === this.selected)) return this.refresh();
        return;
      }
      case 'openSampleNodes': {
        const doc = await workspace.openTextDocument({ language: 'yaml', content: SAMPLE_NODES_YAML });
        await window.showTextDocument(doc, { viewColumn: ViewColumn.One });
        return;
      }
      case 'reveal':
        return this.reveal(m.target, m.name);
    }
  }

  private async reveal(target: 'pod' | 'node', name: string): Promise<void> {
    const list = target === 'pod' ? this.last?.pods : this.last?.nodes;
    const source = list?.find((x) => x.name === name)?.source;
    if (!source) return;
    const r = source.range;
    const range = new Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const uri = Uri.parse(source.uri);
    const shown = window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await window.showTextDocument(uri, {
      viewColumn: shown?.viewColumn ?? ViewColumn.One,
      preserveFocus: false,
      selection: new Range(range.start, range.start),
    });
    editor.selection = new Selection(range.start, range.start);
    editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
    this.onDispose();
  }
}

/**
 * Registers the preview command, the panel serializer and the refresh triggers. `ready`
 * resolves once the language client has started.
 */
export function registerPreview(context: ExtensionContext, client: LanguageClient, ready: Promise<void>): void {
  let current: PreviewPanel | undefined;
  const attach = (panel: WebviewPanel, state: unknown, focus?: PreviewFocus) => {
    const whatIf = typeof state === 'object' && state !== null ? (state as { whatIf?: unknown }).whatIf : undefined;
    current = new PreviewPanel(panel, context.extensionUri, client, ready, whatIf, () => {
      if (current?.panel === panel) current = undefined;
    });
    current.focus = focus;
  };

  context.subscriptions.push(
    commands.registerCommand(PREVIEW_COMMAND, (arg?: unknown) => {
      const focus = isPreviewFocus(arg) ? arg : undefined;
      if (current) {
        current.focus = focus;
        current.panel.reveal(undefined, true);
        current.refreshSoon(0);
        return;
      }
      const panel = window.createWebviewPanel(PREVIEW_VIEW_TYPE, TITLE, { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
      attach(panel, undefined, focus);
    }),
    window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: WebviewPanel, state: unknown) {
        attach(panel, state);
      },
    }),
    { dispose: () => current?.panel.dispose() },
  );

  // Edits of open documents: the server says when (debounced). Files on disk: watched here.
  ready.then(
    () => context.subscriptions.push(client.onNotification(SIMULATION_CHANGED_NOTIFICATION, () => current?.refreshSoon(0))),
    () => undefined, // the client reports its own start failure
  );
  const watcher = workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  const onDisk = () => current?.refreshSoon(300);
  context.subscriptions.push(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk));
}
