/**
 * The Node manifest through the real server process (issue 18), the parts that were missing:
 * completion of label keys and values its Pods use, and `podsight.schedule.evaluateAllNodes`
 * honoured by the lens, the hover and the inlay hint as the preview honours it.
 *
 * The cluster: 200 identical Nodes (over kube-scheduler's 100-Node sampling floor) of which only
 * the last carries `special: "yes"`, and one Pod that prefers it. Sampling stops after the first
 * 100 feasible Nodes, so the Pod lands elsewhere; with every Node evaluated it lands on the last.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, CompletionList, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';

const N = 200;
const LAST = `node-${N - 1}`;
const NODES = Array.from({ length: N }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels:\n    special: "${i === N - 1 ? 'yes' : 'no'}"\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n`).join('---\n');
const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    disk: ssd
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        preference:
          matchExpressions:
          - key: special
            operator: In
            values: ["yes"]
  containers:
  - name: c
    image: busybox
`;
/** The same Pods without the nodeSelector (which no Node satisfies yet): the Pod is placed. */
const PLACED = PODS.replace('  nodeSelector:\n    disk: ssd\n', '');
/** A Node being written: its labels half done. */
const EDITED = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: fresh\n  labels:\n    disk: \n    \n';

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `no ${needle}`);
  return text.slice(0, at).split('\n').length - 1;
}

describe('Node manifests over LSP: label completion and podsight.schedule.evaluateAllNodes', () => {
  let s: TestServer;
  let dir: string;
  let nodesUri: string;
  let editedUri: string;
  const settings: Record<string, unknown> = {};
  const refreshes: Array<() => void> = [];
  const req = <R>(method: string, params: object): Promise<R> => s.conn.sendRequest(method, params) as Promise<R>;
  const lastLens = async () => (await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: nodesUri } })).find((l) => l.command?.arguments?.[0]?.focusNode === LAST)?.command?.title;
  const lastHint = async () => {
    const line = lineOf(NODES, `name: ${LAST}`);
    const hints = await req<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: nodesUri }, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } });
    return hints.map((h) => h.label);
  };
  const lastHover = async () => {
    const h = await req<Hover>('textDocument/hover', { textDocument: { uri: nodesUri }, position: { line: lineOf(NODES, `name: ${LAST}`), character: 10 } });
    return (h?.contents as { value?: string } | undefined)?.value ?? '';
  };
  /** Changes the settings the way an editor does, and waits for the server's lens refresh. */
  const configure = async (evaluateAllNodes: boolean | undefined) => {
    if (evaluateAllNodes === undefined) delete settings.schedule;
    else settings.schedule = { evaluateAllNodes };
    const refreshed = new Promise<void>((resolve) => refreshes.push(resolve));
    s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await refreshed;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-nodes-settings-'));
    writeFileSync(join(dir, 'pods.yaml'), PLACED);
    nodesUri = pathToFileURL(join(dir, 'nodes.yaml')).href;
    editedUri = pathToFileURL(join(dir, 'fresh.yaml')).href;
    const root = pathToFileURL(dir).href;
    s = await startServer(settings, { rootUri: root, initializationOptions: { previewCommand: 'podsight.previewScheduling' } });
    s.conn.onRequest('workspace/workspaceFolders', () => [{ uri: root, name: 'ws' }]);
    s.conn.onRequest('workspace/codeLens/refresh', () => {
      for (const r of refreshes.splice(0)) r();
      return null;
    });
    s.conn.onRequest('workspace/inlayHint/refresh', () => null);
    const first = s.diagnostics(nodesUri);
    s.open(nodesUri, NODES);
    await first;
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("by default kube-scheduler's sampling: the Pod that prefers the last Node is not placed there", async () => {
    assert.equal(await lastLens(), 'No Pods placed here');
    assert.deepEqual(await lastHint(), ['0 Pods']);
    assert.match(await lastHover(), /\*\*0 Pods on `node-199`\*\*/);
  });

  it('with podsight.schedule.evaluateAllNodes the lens, inlay hint and hover follow the run over every Node', async () => {
    await configure(true);
    assert.equal(await lastLens(), '1 Pod: picky');
    assert.deepEqual(await lastHint(), ['1 Pod']);
    assert.match(await lastHover(), /\*\*1 Pod on `node-199`\*\*/);
    await configure(false);
    assert.equal(await lastLens(), 'No Pods placed here');
  });

  it("completion in a Node's labels: the keys and values the Pods use", async () => {
    const refreshed = new Promise<void>((resolve) => refreshes.push(resolve));
    s.open(pathToFileURL(join(dir, 'pods.yaml')).href, PODS);
    await refreshed;
    // As an editor does after the refresh request: the lenses again (the simulation runs anew;
    // completion then reads it rather than running one per keystroke).
    assert.equal(await lastLens(), 'No Pods placed here');
    const opened = s.diagnostics(editedUri);
    s.open(editedUri, EDITED);
    await opened;
    const value = await req<CompletionList | null>('textDocument/completion', { textDocument: { uri: editedUri }, position: { line: lineOf(EDITED, '    disk: '), character: 10 } });
    const ssd = value?.items.find((i) => i.label === 'ssd');
    assert.ok(ssd, JSON.stringify(value?.items.map((i) => i.label)));
    assert.equal(ssd.detail, 'disk=ssd asked for by Pod default/picky');
    const key = await req<CompletionList | null>('textDocument/completion', { textDocument: { uri: editedUri }, position: { line: lineOf(EDITED, '    \n'), character: 4 } });
    const labels = (key?.items ?? []).map((i) => i.label);
    assert.ok(labels.includes('special'), labels.join(', '));
    assert.ok(!labels.includes('disk'), 'the Node has disk already');
  });
});
