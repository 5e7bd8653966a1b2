/**
 * The panel host (client/src/preview/panel.ts) against a stand-in `vscode` module and language
 * client: the command opens one panel with the locked-down options and HTML, messages from the
 * webview are validated and routed (simulate, reveal at the Node's/Pod's range, sample
 * document, what-if), and a restored panel keeps its what-if.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { simulateExamples } from './harness';

type Fn = (...a: any[]) => any;
const calls: { kind: string; args: any[] }[] = [];
const commands = new Map<string, Fn>();
let serializer: { deserializeWebviewPanel: Fn } | undefined;

class Emitter {
  listeners: Fn[] = [];
  event = (f: Fn) => {
    this.listeners.push(f);
    return { dispose: () => undefined };
  };
  fire(x?: unknown) {
    for (const f of this.listeners) f(x);
  }
}
class Uri {
  constructor(readonly path: string) {}
  static joinPath(u: Uri, ...p: string[]) {
    return new Uri([u.path, ...p].join('/'));
  }
  static parse(s: string) {
    return new Uri(s);
  }
  toString() {
    return this.path;
  }
}
class Position {
  constructor(readonly line: number, readonly character: number) {}
}
class Range {
  start: Position;
  end: Position;
  constructor(a: any, b: any, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : b;
  }
}
class Selection extends Range {}

function fakePanel() {
  const received = new Emitter();
  const disposed = new Emitter();
  const panel = {
    posted: [] as any[],
    webview: {
      options: {} as any,
      html: '',
      cspSource: 'vscode-resource:',
      asWebviewUri: (u: Uri) => new Uri(`https://webview${u.path}`),
      postMessage: async (m: any) => (panel.posted.push(m), true),
      onDidReceiveMessage: received.event,
    },
    onDidDispose: disposed.event,
    reveal: (...a: any[]) => calls.push({ kind: 'reveal', args: a }),
    dispose: () => disposed.fire(),
    send: (m: unknown) => received.fire(m),
  };
  return panel;
}
let lastPanel: ReturnType<typeof fakePanel> | undefined;
/** The user's settings, as `workspace.getConfiguration` answers them. */
const settings: Record<string, unknown> = {};

const vscode = {
  Uri,
  Range,
  Selection,
  Disposable: class {},
  ViewColumn: { One: 1, Beside: -2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  commands: { registerCommand: (id: string, f: Fn) => (commands.set(id, f), { dispose() {} }) },
  window: {
    visibleTextEditors: [],
    createWebviewPanel: (...a: any[]) => {
      calls.push({ kind: 'createWebviewPanel', args: a });
      return (lastPanel = fakePanel());
    },
    registerWebviewPanelSerializer: (_t: string, s: any) => ((serializer = s), { dispose() {} }),
    showTextDocument: async (...a: any[]) => {
      calls.push({ kind: 'showTextDocument', args: a });
      return { selection: undefined, revealRange: (...r: any[]) => calls.push({ kind: 'revealRange', args: r }) };
    },
  },
  workspace: {
    getConfiguration: (section: string) => ({ get: (key: string) => settings[`${section}.${key}`] }),
    openTextDocument: async (o: any) => (calls.push({ kind: 'openTextDocument', args: [o] }), { uri: new Uri('untitled:1') }),
    createFileSystemWatcher: () => ({ onDidChange: () => ({ dispose() {} }), onDidCreate: () => ({ dispose() {} }), onDidDelete: () => ({ dispose() {} }), dispose() {} }),
  },
};

// `vscode` is provided by the editor at run time: stand in for it before loading the host.
const M = Module as unknown as { _load: Fn };
const load = M._load;
M._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const { registerPreview } = require('../../client/src/preview/panel') as typeof import('../../client/src/preview/panel');
M._load = load;

const result = { ...simulateExamples() };
const requests: any[] = [];
const client = {
  sendRequest: async (method: string, params: any) => (requests.push({ method, params }), result),
  onNotification: () => ({ dispose() {} }),
};
const context = { extensionUri: new Uri('/ext'), subscriptions: [] as { dispose(): void }[] };
registerPreview(context as any, client as any, Promise.resolve());

const tick = () => new Promise((r) => setTimeout(r, 20));

test('the command opens one panel with the bundle folder as its only resource root and a nonce CSP', async () => {
  await commands.get('podsight.previewScheduling')!();
  const p = lastPanel!;
  assert.deepEqual(
    p.webview.options.localResourceRoots.map((u: Uri) => u.path),
    ['/ext/dist/webview'],
  );
  assert.equal(p.webview.options.enableScripts, true);
  assert.match(p.webview.html, /default-src 'none'/);
  assert.match(p.webview.html, /<script nonce="[A-Za-z0-9+/=]{24}" src="https:\/\/webview\/ext\/dist\/webview\/webview.js">/);
  await commands.get('podsight.previewScheduling')!();
  assert.equal(calls.filter((c) => c.kind === 'createWebviewPanel').length, 1, 'a second call reveals the same panel');
});

test('ready → simulate → result; reveal opens the manifest at the range; invalid messages are ignored', async () => {
  const p = lastPanel!;
  p.send({ type: 'ready' });
  await tick();
  assert.equal(requests.at(-1).method, 'podsight/simulate');
  assert.deepEqual(p.posted.slice(-2), [{ type: 'loading' }, { type: 'result', result, whatIf: {} }]);

  p.send({ type: 'reveal', target: 'pod', name: 'media/render-farm' });
  await tick();
  const shown = calls.filter((c) => c.kind === 'showTextDocument').at(-1)!;
  const src = result.pods.find((x) => x.name === 'media/render-farm')!.source!;
  assert.equal(String(shown.args[0]), src.uri);
  const reveal = calls.filter((c) => c.kind === 'revealRange').at(-1)!;
  assert.equal(reveal.args[0].start.line, src.range.start.line);

  const before = calls.length + requests.length;
  p.send({ type: 'reveal', target: 'pod', name: 'no/such' });
  p.send({ type: 'reveal', target: 'file', name: '/etc/passwd' });
  p.send({ type: 'whatIf', whatIf: { evil: 1 } });
  p.send('ready');
  await tick();
  assert.equal(calls.length + requests.length, before);

  p.send({ type: 'openSampleNodes' });
  await tick();
  const opened = calls.filter((c) => c.kind === 'openTextDocument').at(-1)!;
  assert.equal(opened.args[0].language, 'yaml');
  assert.match(opened.args[0].content, /kind: Node/);
});

test('podsight.schedule.evaluateAllNodes asks for every Node; by default kube-scheduler\'s sampling applies', async () => {
  const p = lastPanel!;
  p.send({ type: 'whatIf', whatIf: {} });
  await tick();
  assert.equal(requests.at(-1).params.allNodes, undefined);
  settings['podsight.schedule.evaluateAllNodes'] = true;
  p.send({ type: 'whatIf', whatIf: {} });
  await tick();
  assert.equal(requests.at(-1).params.allNodes, true);
  delete settings['podsight.schedule.evaluateAllNodes'];
});

test('what-if is passed to the simulation and survives a restore', async () => {
  const p = lastPanel!;
  p.send({ type: 'whatIf', whatIf: { cordon: ['worker-1'] } });
  await tick();
  assert.deepEqual(requests.at(-1).params.whatIf, { cordon: ['worker-1'] });
  assert.deepEqual(p.posted.at(-1).whatIf, { cordon: ['worker-1'] });
  p.dispose();

  const restored = fakePanel();
  await serializer!.deserializeWebviewPanel(restored, { whatIf: { remove: ['gpu-1'] }, selectedPod: 'shop/web' });
  restored.send({ type: 'ready' });
  await tick();
  assert.deepEqual(requests.at(-1).params.whatIf, { remove: ['gpu-1'] });
  assert.match(restored.webview.html, /Content-Security-Policy/);
});

test('the selected Pod is asked for by name; in summary detail selecting a Pod simulates again with its detail', async () => {
  const p = fakePanel();
  await serializer!.deserializeWebviewPanel(p, {});
  p.send({ type: 'ready' });
  await tick();
  assert.equal(requests.at(-1).params.detailFor, undefined, 'nothing selected');
  // Full detail (examples/): the result already holds every Pod's verdicts.
  const before = requests.length;
  p.send({ type: 'select', pod: 'shop/web' });
  await tick();
  assert.equal(requests.length, before, 'no new simulation');
  p.send({ type: 'refresh' });
  await tick();
  assert.deepEqual(requests.at(-1).params.detailFor, ['shop/web']);
  // Summary detail: selecting a Pod of the result asks for it.
  const saved = result.detail;
  result.detail = 'summary';
  try {
    p.send({ type: 'refresh' });
    await tick();
    const n = requests.length;
    p.send({ type: 'select', pod: 'media/render-farm' });
    await tick();
    assert.equal(requests.length, n + 1);
    assert.deepEqual(requests.at(-1).params.detailFor, ['media/render-farm']);
    p.send({ type: 'select', pod: 'no/such' });
    p.send({ type: 'select', pod: null });
    await tick();
    assert.equal(requests.length, n + 1, 'a Pod not in the result, or none: nothing to ask');
    p.send({ type: 'refresh' });
    await tick();
    assert.equal(requests.at(-1).params.detailFor, undefined);
  } finally {
    result.detail = saved;
    p.dispose();
  }
});
